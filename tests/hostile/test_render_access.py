"""Network and file access while rendering: the corpus cannot make rendering read anything.

URLs of every kind (``file:///etc/passwd``, the local HTTP trap, a local font
file), bare or wrapped in markup and CSS, go into a clause, a heading, the
titles and the metadata. Rendering to PDF and HTML must fetch nothing from the
trap, and WeasyPrint's URL fetcher (spied on) must be asked for nothing outside
the templates and the corpus. Files put in the corpus or the working folder do
not replace the templates. The restricting fetcher itself (``render.pdf``) is
tested in ``tests/render/test_pdf.py``; the edge cases it must also refuse
(symlinks, sibling folders, encoded ``..``) are here.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from jpfr_testing import CORPUS, DOC_ID, TRAP_HITS

NS = "urn:jpfr-accord:declaration:1"
Q = f"{{{NS}}}"
FONT = next(iter(sorted(Path("/usr/share/fonts").rglob("*.ttf"))), Path("/usr/share/fonts/x.ttf"))




def urls(port: int) -> dict[str, str]:
    """Texts that would make a renderer read a file or a URL, were they markup."""
    trap = f"http://127.0.0.1:{port}"
    return {
        "passwd": "file:///etc/passwd",
        "trap": f"{trap}/clause.css",
        "img": f'<img src="{trap}/img.png"><img src="file:///etc/passwd">',
        "link": f'<link rel="stylesheet" href="{trap}/link.css">',
        "import": f'<style>@import url("{trap}/import.css"); body {{ background: url(file:///etc/passwd) }}</style>',
        "font": f'<style>@font-face {{ font-family: x; src: url("file://{FONT}") }} p {{ font-family: x }}</style>',
        "object": f'<object data="file:///etc/shadow"></object><iframe src="{trap}/frame"></iframe>',
        "base": f'<base href="{trap}/"><img src="relative.png">',
        "attachment": f'<a rel="attachment" href="file:///etc/passwd">x</a><a rel="attachment" href="{trap}/a">y</a>',
    }


CLAUSES = {
    "preamble__para_1__cl_1": "passwd",
    "preamble__para_2__cl_1": "trap",
    "preamble__para_2__cl_2": "img",
    "sec_1__para_1__cl_1": "link",
    "sec_1__para_2__cl_1": "import",
    "sec_1__para_3__cl_1": "font",
    "sec_2__para_1__cl_1": "object",
    "sec_2__para_2__cl_1": "base",
    "sec_2__para_3__cl_1": "attachment",
}


def build_corpus(dest: Path, port: int) -> Path:
    """A copy of the corpus with the URLs in clauses, a heading, the titles and the metadata."""
    shutil.copytree(CORPUS, dest)
    texts = urls(port)
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    for lang in ("ja", "fr"):
        path = dest / lang / f"{DOC_ID}.xml"
        tree = etree.parse(str(path), parser)
        root = tree.getroot()
        for el in root.iter(f"{Q}clause"):
            if el.get("eId") in CLAUSES:
                el.text += " " + texts[CLAUSES[el.get("eId")]]
        root.find(f".//{Q}section[@eId='sec_3']/{Q}heading").text += " " + texts["img"]
        meta = root.find(f"{Q}meta")
        meta.find(f"{Q}title").text += " " + texts["link"]
        for tag, key in (("place", "trap"), ("party", "passwd"), ("signatory", "font"), ("provenance", "import")):
            etree.SubElement(meta, f"{Q}{tag}").text = texts[key]
        tree.write(str(path), encoding="UTF-8", xml_declaration=True)
    return dest


@pytest.fixture
def fetched(monkeypatch) -> list[str]:
    """Every URL WeasyPrint asks the restricting fetcher for, during this test."""
    from jpfr_accord.render import pdf as pdf_module

    seen: list[str] = []
    original = pdf_module.make_url_fetcher

    def make(roots):
        fetcher = original(roots)
        inner = fetcher.fetch

        def fetch(url, headers=None):
            seen.append(url)
            return inner(url, headers)

        fetcher.fetch = fetch
        return fetcher

    monkeypatch.setattr(pdf_module, "make_url_fetcher", make)
    return seen


@pytest.fixture(scope="module")
def url_corpus(http_trap, tmp_path_factory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("access") / "corpus", http_trap)


def _inside(url: str, roots: list[Path]) -> bool:
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    if parts.scheme == "data":
        return True
    return parts.scheme == "file" and any(Path(unquote(parts.path)).resolve().is_relative_to(r) for r in roots)


def _body_text(path: Path) -> str:
    """The text of the page bodies (A4, no running header or footer), without
    whitespace, line-end hyphens or the repeated column head: comparable across
    line and page breaks."""
    # -raw: the content stream order, which gaps of a justified line do not reorder
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-x", "40", "-y", "60", "-W", "520", "-H", "730", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
    text = re.sub(r"\s+", "", re.sub(r"-\n", "", text))
    for head in ("日本語—正文", "Français—traductiondetravail"):
        text = text.replace(head, "")
    return text


@pytest.mark.parametrize("layout", ["fr", "ja"])
def test_urls_in_the_corpus_are_printed_not_fetched(url_corpus, http_trap, fetched, tmp_path, layout):
    from jpfr_accord.load import load_pair
    from jpfr_accord.render import render_pdf
    from jpfr_accord.resources import templates_dir

    TRAP_HITS.clear()
    result = render_pdf(load_pair(DOC_ID, url_corpus), tmp_path / "u.pdf", layout=layout)
    assert TRAP_HITS == []
    assert all(_inside(u, [templates_dir().resolve(), url_corpus.resolve()]) for u in fetched), fetched
    assert not any("/etc/" in u or "127.0.0.1" in u or str(FONT) in u for u in fetched), fetched
    assert result.warnings == ()  # nothing was tried and failed either
    text = _body_text(result.path)
    for value in urls(http_trap).values():
        assert re.sub(r"\s+", "", value) in text
    assert "root:x:0:0" not in text  # /etc/passwd's content
    assert {f.name for f in result.fonts} == {f.name for f in render_pdf(load_pair(DOC_ID, CORPUS), tmp_path / "c.pdf", layout=layout).fonts}


def test_urls_in_the_corpus_stay_text_in_the_html(url_corpus, http_trap, tmp_path):
    from jpfr_accord.load import load_pair
    from jpfr_accord.render import render_html

    tree = lxml.html.fromstring(render_html(load_pair(DOC_ID, url_corpus), tmp_path / "u.html").read_bytes())
    assert tree.xpath("//img | //link | //object | //iframe | //base | //a[@rel]") == []
    assert all(not re.search(r"127\.0\.0\.1|/etc/|file:", v) for v in tree.xpath("//@*")), tree.xpath("//@*[contains(., 'file:')]")
    assert len(tree.xpath("//style")) == 1
    text = tree.text_content()
    for value in urls(http_trap).values():
        assert value in text


def test_the_spy_sees_what_weasyprint_fetches(fetched, tmp_path):
    # (so that an empty list above means nothing was fetched, not a blind spy)
    from jpfr_accord.render.pdf import pdf_bytes

    (tmp_path / "x.css").write_text("p { color: red }", encoding="utf-8")
    url = (tmp_path / "x.css").as_uri()
    pdf_bytes(f'<!DOCTYPE html><html lang="fr"><head><title>t</title><link rel="stylesheet" href="{url}"></head>'
              "<body><p>x</p></body></html>", roots=[tmp_path])
    assert fetched == [url]


def test_a_release_pdf_reads_nothing_outside_the_corpus(url_corpus, fetched, tmp_path):
    """PDF/A-3b with the XML sources embedded: still nothing fetched outside the corpus."""
    from jpfr_accord.load import load_pair
    from jpfr_accord.render import render_pdf

    sources = [url_corpus / lang / f"{DOC_ID}.xml" for lang in ("ja", "fr")]
    TRAP_HITS.clear()
    render_pdf(load_pair(DOC_ID, url_corpus), tmp_path / "a.pdf", pdf_variant="pdf/a-3b", attachments=sources)
    assert TRAP_HITS == []
    files = sorted({u for u in fetched if not u.startswith("data:")})
    assert all(_inside(u, [url_corpus.resolve()]) for u in files), files


def test_files_in_the_corpus_or_the_working_folder_do_not_replace_the_templates(monkeypatch, tmp_path):
    """The templates come from the installed package only: a corpus (or the folder
    the command runs in) holding files named like them changes nothing."""
    from jpfr_accord.load import load_pair
    from jpfr_accord.render import render_html
    from jpfr_accord.resources import templates_dir

    clean = render_html(load_pair(DOC_ID, CORPUS), tmp_path / "clean.html").read_bytes()
    work = tmp_path / "work"
    corpus = work / "corpus"
    shutil.copytree(CORPUS, corpus)
    evil = "<script>alert('template')</script>PLANTED"
    for folder in (work, corpus, corpus / "fr", work / "templates", corpus / "templates"):
        folder.mkdir(exist_ok=True)
        for name in ("document.html.j2", "style.css", "screen.css", "print.css", "script.js"):
            (folder / name).write_text(evil, encoding="utf-8")
        (folder / "labels.json").write_text('{"fr": {"language": "PLANTED"}}', encoding="utf-8")
    monkeypatch.chdir(work)
    assert not templates_dir().resolve().is_relative_to(work.resolve())
    planted = render_html(load_pair(DOC_ID, Path("corpus")), work / "out.html").read_bytes()
    assert b"PLANTED" not in planted
    assert planted == clean


def test_rendering_may_read_the_templates_and_the_corpus_only(url_corpus):
    from jpfr_accord.load import load_pair
    from jpfr_accord.render.pdf import allowed_roots
    from jpfr_accord.resources import templates_dir

    assert allowed_roots(load_pair(DOC_ID, url_corpus)) == (templates_dir().resolve(), url_corpus.resolve())


# --- the restricting fetcher's edge cases ----------------------------------------------


@pytest.fixture
def corpus_with_links(tmp_path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "passwd.css").symlink_to("/etc/passwd")
    (corpus / "fr" / "up").symlink_to(tmp_path)
    sibling = tmp_path / "corpus-other"
    sibling.mkdir()
    (sibling / "x.css").write_text("p{}", encoding="utf-8")
    (tmp_path / "secret.css").write_text("p{}", encoding="utf-8")
    return corpus


def test_fetcher_refuses_links_siblings_and_encoded_escapes(corpus_with_links, http_trap):
    from weasyprint.urls import FatalURLFetchingError

    from jpfr_accord.render.pdf import make_url_fetcher

    corpus = corpus_with_links
    fetch = make_url_fetcher([corpus])
    refused = [
        (corpus / "passwd.css").as_uri(),  # a symlink inside the corpus to a file outside
        (corpus / "fr" / "up" / "secret.css").as_uri(),  # a symlinked folder leading out
        (corpus.parent / "corpus-other" / "x.css").as_uri(),  # a sibling sharing the prefix
        corpus.as_uri() + "/%2e%2e/secret.css",  # encoded ..
        corpus.as_uri() + "/fr/../../secret.css",
        "file://localhost/etc/passwd",
        "FILE:///etc/passwd",
        "file:/etc/passwd",
        f"HTTP://127.0.0.1:{http_trap}/x.css",
        f"//127.0.0.1:{http_trap}/x.css",
        "file:///dev/zero",
    ]
    TRAP_HITS.clear()
    for url in refused:
        with pytest.raises(FatalURLFetchingError):
            fetch(url)
    assert TRAP_HITS == []
    assert fetch((corpus / "fr" / f"{DOC_ID}.xml").as_uri()).read().startswith(b"<?xml")


def test_a_refused_fetch_through_weasyprint_is_one_clean_error(corpus_with_links):
    """Through WeasyPrint's own fetch: a NUL in a path or an invalid URL stops the
    rendering with a RenderError, it is not retried elsewhere."""
    from jpfr_accord.errors import RenderError
    from jpfr_accord.render.pdf import pdf_bytes

    for href in ("file:///%00", (corpus_with_links / "passwd.css").as_uri(), "http://[::1"):
        html = f'<!DOCTYPE html><html lang="fr"><head><title>t</title><link rel="stylesheet" href="{href}"></head><body><p>x</p></body></html>'
        with pytest.raises(RenderError):
            pdf_bytes(html, roots=[corpus_with_links])


def test_a_language_folder_linking_outside_the_corpus_is_refused(jpfr, corpus_copy, tmp_path):
    outside = tmp_path / "elsewhere" / "fr"
    outside.parent.mkdir()
    shutil.move(corpus_copy / "fr", outside)
    (corpus_copy / "fr").symlink_to(outside)
    run = jpfr("render", DOC_ID, "--to", "html", "-o", "out/", cwd=corpus_copy.parent)
    assert run.exit_code == 2, run
    assert "symbolic link points outside the corpus" in run.stderr
