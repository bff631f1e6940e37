"""The workbench is a local server that writes files: Host, token, paths, inert text, clean errors."""

from __future__ import annotations

import os

import pytest
from lxml import html as lxml_html
from starlette.testclient import TestClient

from jpfr_testing import edit
from jpfr_accord.serve import create_app

from serve_testing import DOC

HOST = "127.0.0.1:8765"
CL = "preamble__para_2__cl_3"


@pytest.fixture
def app(two_docs):
    return create_app(two_docs, host="127.0.0.1", port=8765)


@pytest.fixture
def client(app):
    """A browser that opened the printed URL: it has the session's cookie."""
    return TestClient(app, base_url=f"http://{HOST}", raise_server_exceptions=False, cookies={app.cookie: app.token})


@pytest.fixture
def stranger(app):
    """Another account on the machine: it can reach 127.0.0.1, but never saw the printed URL."""
    return TestClient(app, base_url=f"http://{HOST}", raise_server_exceptions=False, follow_redirects=False)


def _version(client) -> str:
    return client.get(f"/api/doc/{DOC}/version").json()["version"]


def _save(client, token, text="Texte neuf.", **headers):
    body = {"kind": "clause", "id": CL, "text": text, "version": _version(client)}
    hdrs = {"X-JPFR-Token": token, **headers} if token is not None else headers
    return client.post(f"/api/doc/{DOC}/save", json=body, headers=hdrs)


@pytest.mark.parametrize("host", ["evil.example:8765", "127.0.0.1:9999", "localhost.evil.example:8765", "", "127.0.0.1"])
def test_a_foreign_host_header_gets_nothing(client, host):
    for path in ("/", f"/doc/{DOC}", f"/api/doc/{DOC}", "/static/workbench.js"):
        r = client.get(path, headers={"Host": host})
        assert r.status_code == 421, (path, host)
        assert "Déclaration" not in r.text and "jpfr-token" not in r.text


def test_the_served_address_and_localhost_are_answered(client):
    assert client.get("/", headers={"Host": "localhost:8765"}).status_code == 200
    assert client.get(f"/doc/{DOC}").status_code == 200


@pytest.mark.parametrize("token,headers,status", [
    (None, {}, 403),
    ("wrong", {}, 403),
    ("", {}, 403),
    ("RIGHT", {"Origin": "http://evil.example"}, 403),
    ("RIGHT", {"Origin": "null"}, 403),
])
def test_a_write_without_the_session_token_is_refused(app, client, two_docs, token, headers, status):
    path = two_docs / "fr" / f"{DOC}.xml"
    before = path.read_bytes()
    r = _save(client, app.token if token == "RIGHT" else token, **headers)
    error = r.json()["error"]
    assert r.status_code == status and ("token" in error or "another site" in error)
    r = client.post(f"/api/doc/{DOC}/accept", json={"id": CL, "version": _version(client)},
                    headers={"X-JPFR-Token": "wrong"})
    assert r.status_code == 403
    assert path.read_bytes() == before


def test_a_form_post_cannot_write_even_with_the_token(app, client, two_docs):
    before = (two_docs / "fr" / f"{DOC}.xml").read_bytes()
    r = client.post(f"/api/doc/{DOC}/save", content=b"kind=clause", headers={
        "X-JPFR-Token": app.token, "Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 415
    assert (two_docs / "fr" / f"{DOC}.xml").read_bytes() == before


def test_the_page_carries_the_token_and_a_write_with_it_works(app, client, two_docs):
    tree = lxml_html.fromstring(client.get(f"/doc/{DOC}").text)
    (token,) = tree.xpath('//meta[@name="jpfr-token"]/@content')
    assert token == app.token and len(token) >= 40
    r = _save(client, token, Origin=f"http://{HOST}")
    assert r.status_code == 200, r.text
    assert "Texte neuf." in (two_docs / "fr" / f"{DOC}.xml").read_text(encoding="utf-8")
    # a new server is a new session: the old token no longer writes
    other = create_app(two_docs, host="127.0.0.1", port=8765)
    assert other.token != app.token


@pytest.mark.parametrize("path", ["/", f"/doc/{DOC}", f"/api/doc/{DOC}", f"/api/doc/{DOC}/version",
                                  "/static/workbench.js", "/rules/ENT002", "/nope"])
def test_without_the_printed_url_nothing_is_served(app, stranger, path):
    for cookies in ({}, {app.cookie: "wrong"}, {"jpfr-session-9999": app.token}):
        stranger.cookies.clear()
        for k, v in cookies.items():
            stranger.cookies.set(k, v)
        r = stranger.get(path)
        assert r.status_code == 403 and "printed" in r.json()["error"], (path, cookies)
        assert "Déclaration" not in r.text and app.token not in r.text
    stranger.cookies.clear()
    assert stranger.get(path + "?token=wrong").status_code == 403


def test_the_printed_url_opens_a_session_and_leaves_the_address_bar(app, stranger, two_docs):
    r = stranger.get(f"/doc/{DOC}?token={app.token}")
    assert r.status_code == 303 and r.headers["location"] == f"/doc/{DOC}"
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(f"{app.cookie}={app.token};") and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert stranger.get(f"/doc/{DOC}").status_code == 200  # the cookie is kept from now on
    # the secret alone does not write: a write still needs the cookie and the page's token header
    stranger.cookies.clear()
    before = (two_docs / "fr" / f"{DOC}.xml").read_bytes()
    r = stranger.post(f"/api/doc/{DOC}/save?token={app.token}", json={"kind": "title", "id": None, "text": "x",
                      "version": "0"}, headers={"X-JPFR-Token": app.token})
    assert r.status_code == 403 and (two_docs / "fr" / f"{DOC}.xml").read_bytes() == before


@pytest.mark.parametrize("path", [
    "/doc/..%2F..%2Fetc%2Fpasswd", "/doc/%2e%2e", "/api/doc/..%2Fja%2Fai-cooperation-2026/version",
    "/static/..%2F..%2Fpyproject.toml", "/static/document.html.j2", "/static/%2e%2e/workbench.js",
    "/api/doc/ai-cooperation-2026/suggest/..%2F..", "/rules/..%2Fetc", "/doc/ai-cooperation-2026.xml",
    "/doc/ja", "/etc/passwd", "/corpus/fr/ai-cooperation-2026.xml",
])
def test_no_path_outside_the_corpus_is_reachable(client, path):
    r = client.get(path)
    assert r.status_code == 404, (path, r.status_code)
    assert "root:" not in r.text and "[project]" not in r.text and "{%" not in r.text


def test_a_document_linked_from_outside_the_corpus_is_not_served(app, client, two_docs, tmp_path):
    outside = tmp_path / "secret"
    (outside / "fr").mkdir(parents=True)
    (outside / "fr" / "leak.xml").write_bytes((two_docs / "fr" / f"{DOC}.xml").read_bytes())
    os.symlink(outside / "fr" / "leak.xml", two_docs / "fr" / "leak.xml")
    assert client.get("/doc/leak").status_code == 404
    assert "leak" not in client.get("/").text


def test_a_write_to_an_unknown_document_is_refused(app, client):
    r = client.post("/api/doc/..%2F..%2Ftmp/save", json={"kind": "clause", "id": CL, "text": "x", "version": "0"},
                    headers={"X-JPFR-Token": app.token})
    assert r.status_code == 404


def test_markup_in_corpus_text_is_inert(client, two_docs):
    hostile = '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror="alert(2)"&gt;'
    edit(two_docs / "fr" / f"{DOC}.xml", "Par ailleurs, ils", hostile + " Par ailleurs, ils")
    edit(two_docs / "fr" / f"{DOC}.xml", "<title>Déclaration", "<title>&lt;b&gt;Déclaration")
    for path in (f"/doc/{DOC}", "/"):
        page = client.get(path).text
        tree = lxml_html.fromstring(page)
        assert not tree.xpath("//img") and not tree.xpath("//b")
        assert all(s.get("src") == "/static/workbench.js" for s in tree.xpath("//script"))
        assert "<script>alert" not in page
    page = client.get(f"/doc/{DOC}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    unit = lxml_html.fromstring(page).get_element_by_id(f"u-fr-{CL}")
    assert unit.text_content().count("<script>alert(1)</script>") == 1  # shown as the text it is
    assert client.get(f"/api/doc/{DOC}").json()["rows"][0]["units"][1]["raw"].startswith("<b>")


def test_every_response_carries_a_strict_csp(client):
    for path in ("/", f"/doc/{DOC}", f"/api/doc/{DOC}", "/static/workbench.js", "/nope", "/rules/ENT002"):
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"
    r = client.get("/", headers={"Host": "evil.example"})
    assert "content-security-policy" in r.headers


def test_pages_have_no_inline_script_or_style(client):
    for path in ("/", f"/doc/{DOC}", "/rules/ENT002", "/nope"):
        tree = lxml_html.fromstring(client.get(path).text)
        assert not tree.xpath("//style") and not tree.xpath("//*[@style]")
        assert all(s.get("src") for s in tree.xpath("//script"))
        assert not [a for el in tree.iter() if isinstance(el.tag, str) for a in el.attrib if a.startswith("on")]


@pytest.mark.parametrize("body,content,status", [
    (None, b"{not json", 400),
    (None, b"[1, 2]", 400),
    ({"kind": "clause"}, None, 400),
    ({"kind": "paragraph", "id": CL, "text": "x", "version": "0"}, None, 400),
    ({"kind": "clause", "id": CL, "text": 12, "version": "VERSION"}, None, 400),
    ({"kind": "clause", "id": CL, "text": "x" * 2_000_000, "version": "0"}, None, 413),
])
def test_bad_requests_get_a_clear_error(app, client, two_docs, body, content, status):
    before = (two_docs / "fr" / f"{DOC}.xml").read_bytes()
    if body and body.get("version") == "VERSION":
        body["version"] = _version(client)
    headers = {"X-JPFR-Token": app.token, "Content-Type": "application/json"}
    r = (client.post(f"/api/doc/{DOC}/save", content=content, headers=headers) if content is not None
         else client.post(f"/api/doc/{DOC}/save", json=body, headers=headers))
    assert r.status_code == status, r.text
    assert r.json()["error"] and "Traceback" not in r.text
    assert (two_docs / "fr" / f"{DOC}.xml").read_bytes() == before


def test_conflict_and_invalid_edits_answer_409_and_422(app, client, two_docs):
    old = _version(client)
    edit(two_docs / "fr" / f"{DOC}.xml", "Par ailleurs, ils", "En outre, ils")
    r = client.post(f"/api/doc/{DOC}/save", json={"kind": "clause", "id": CL, "text": "x", "version": old},
                    headers={"X-JPFR-Token": app.token})
    assert r.status_code == 409 and "changed on disk" in r.json()["error"]
    r = client.post(f"/api/doc/{DOC}/save", json={"kind": "title", "id": None, "text": "", "version": _version(client)},
                    headers={"X-JPFR-Token": app.token})
    assert r.status_code == 422 and "nothing was written" in r.json()["error"]


def test_an_internal_error_is_a_clean_page(app, client, monkeypatch):
    ws = app.app.state.workbench.ws

    def broken(doc_id):
        raise RuntimeError("disk on fire at /home/secret")

    monkeypatch.setattr(ws, "document", broken)
    for path in (f"/doc/{DOC}", f"/api/doc/{DOC}"):
        r = client.get(path)
        assert r.status_code == 500
        assert "Traceback" not in r.text and "/home/secret" not in r.text and "internal error" in r.text


def test_errors_are_pages_for_people_and_json_for_the_script(client):
    r = client.get("/doc/nope")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "no document &#39;nope&#39;" in r.text or "no document 'nope'" in r.text
    r = client.get("/api/doc/nope")
    assert r.status_code == 404 and r.json() == {"error": "no document 'nope' with a fr version in the corpus"}
    assert client.get("/rules/ZZZ999").status_code == 404
    assert client.post("/", json={}, headers={"X-JPFR-Token": "x"}).status_code in (403, 405)


def test_the_host_check_knows_the_served_names():
    from jpfr_accord.serve.security import allowed_hosts

    assert allowed_hosts("127.0.0.1", 8765) == {"127.0.0.1:8765", "localhost:8765"}
    assert allowed_hosts("::1", 9000) == {"[::1]:9000", "localhost:9000"}
    assert allowed_hosts("192.0.2.7", 80) == {"192.0.2.7:80", "192.0.2.7"}
    every = allowed_hosts("0.0.0.0", 8765)
    assert {"0.0.0.0:8765", "127.0.0.1:8765", "localhost:8765"} <= every
    assert not any(h.startswith("evil") for h in every)
