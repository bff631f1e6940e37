"""Markup injection: hostile texts in the corpus stay inert text in every page we write.

A copy of the real corpus gets, in clause texts of both languages, in a heading,
in the titles and in the metadata (place, party, signatory, provenance): script
tags, event handlers, ``javascript:`` URLs, ``</textarea>``/``"><svg>``
breakouts, Jinja syntax, a ``</style>`` breakout fetching a local HTTP trap, and
Unicode bidirectional controls. A second copy gets a harmless word at the same
places: the baseline the hostile outputs are compared with.

Checked for the rendered HTML (both layouts), the check report, the diff page,
the release's index and HTML: parsed with lxml, the payloads are text (no extra
element, no ``on*`` attribute, no ``javascript:`` URL, Jinja not evaluated, the
``<style>`` and ``<script>`` contents those of the baseline); opened in headless
Chromium, no dialog opens and no request leaves the page. For the PDF: the text
extracted by pdftotext contains every payload, and the trap got no request.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from lxml import etree

from jpfr_testing import CORPUS, DOC_ID, TRAP_HITS

NS = "urn:jpfr-accord:declaration:1"
Q = f"{{{NS}}}"

# Markup payloads ({port} is the HTTP trap's). Each goes into one clause of each language.
MARKUP = {
    "script": "<script>alert(1)</script>",
    "img": "<img src=x onerror=alert(1)>",
    "javascript": "javascript:alert(1)",
    "textarea": "</textarea><script>alert(1)</script>",
    "svg": '"><svg onload=alert(1)>',
    "attribute": "' onmouseover='alert(1)' x='",
    "jinja": "{{ 7*7 }}",
    "jinja-raw": "{% raw %}{{ config }}",
    "css": "</style><style>body{background:url(http://127.0.0.1:{port}/x)}</style>",
}
# Bidirectional controls, and the marker rendering shows for each.
BIDI = {
    "rlo": "\u202e",
    "embeddings": "\u202a\u202b\u202c\u202d",
    "isolates": "\u2066\u2067\u2068\u2069",
}
# clause eId -> payload name (the bidi ones are put after the first word, the others appended)
CLAUSES = {
    "preamble__para_1__cl_1": "script",
    "preamble__para_2__cl_1": "rlo",  # followed by two clauses in the same paragraph
    "preamble__para_3__cl_1": "img",
    "sec_1__para_1__cl_1": "javascript",
    "sec_1__para_2__cl_1": "textarea",
    "sec_1__para_3__cl_1": "svg",
    "sec_1__para_4__cl_1": "attribute",
    "sec_2__para_1__cl_1": "jinja",
    "sec_2__para_2__cl_1": "jinja-raw",
    "sec_2__para_3__cl_1": "css",
    "sec_2__para_4__cl_1": "embeddings",
    "sec_2__para_5__cl_1": "isolates",
}
HEADING = ("sec_3", "script")
TITLE = "</title><script>alert(1)</script>{{ 7*7 }}"
META = {  # element -> payload; in schema order after <title>
    "place": '"><svg onload=alert(1)> Tokyo',
    "party": "<img src=x onerror=alert(1)>",
    "signatory": "javascript:alert(1) \u202e Le Président",
    "provenance": "</style><style>@import url(http://127.0.0.1:{port}/p.css);</style>",
}
HARMLESS = "harmless"


def marker(control: str) -> str:
    return "".join(f"\u2039U+{ord(c):04X}\u203a" for c in control)


def payload(name: str, port: int) -> str:
    return BIDI[name] if name in BIDI else MARKUP[name].replace("{port}", str(port))


def _insert(text: str, name: str, value: str) -> str:
    if name in BIDI:
        first, rest = text.split(" ", 1) if " " in text else (text[:3], text[3:])
        return f"{first}{value} {rest}" if " " in text else first + value + rest
    return f"{text} {value}"


def build_corpus(dest: Path, port: int, *, hostile: bool) -> Path:
    """A copy of the corpus with the payloads (or a harmless word) in both languages."""
    shutil.copytree(CORPUS, dest)
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    for lang in ("ja", "fr"):
        path = dest / lang / f"{DOC_ID}.xml"
        tree = etree.parse(str(path), parser)
        root = tree.getroot()
        for el in root.iter(f"{Q}clause"):
            name = CLAUSES.get(el.get("eId"))
            if name:
                el.text = _insert(el.text, name, payload(name, port) if hostile else HARMLESS)
        section = root.find(f".//{Q}section[@eId='{HEADING[0]}']")
        heading = section.find(f"{Q}heading")
        heading.text += " " + (payload(HEADING[1], port) if hostile else HARMLESS)
        meta = root.find(f"{Q}meta")
        meta.find(f"{Q}title").text += " " + (TITLE if hostile else HARMLESS)
        for tag, value in META.items():
            el = etree.SubElement(meta, f"{Q}{tag}")
            el.text = value.replace("{port}", str(port)) if hostile else f"{HARMLESS} {tag}"
        tree.write(str(path), encoding="UTF-8", xml_declaration=True)
    return dest


def cli(*args: str, cwd: Path) -> tuple[int, str, str]:
    from jpfr_accord.cli import cli as group

    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(group, list(map(str, args)), catch_exceptions=True)
    finally:
        os.chdir(old)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    if result.exception and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"uncaught {result.exception!r}") from result.exception
    return result.exit_code, result.stdout, result.stderr




@pytest.fixture(scope="module")
def outputs(http_trap, tmp_path_factory) -> dict[str, dict[str, Path]]:
    """Every HTML page the commands write, for the hostile corpus and the harmless one."""
    TRAP_HITS.clear()
    root = tmp_path_factory.mktemp("injection")
    out: dict[str, dict[str, Path]] = {}
    for kind in ("hostile", "harmless"):
        work = root / kind
        work.mkdir()
        corpus = build_corpus(work / "corpus", http_trap, hostile=kind == "hostile")
        code, _, err = cli("accept", DOC_ID, "--all", cwd=work)  # the edited source clauses were reviewed
        assert code == 0, err
        pages: dict[str, Path] = {}
        for layout in ("side-by-side", "interleaved"):
            pages[f"render-{layout}"] = work / "build" / f"{layout}.html"
            code, _, err = cli("render", DOC_ID, "--to", "html", "--layout", layout, "-o", pages[f"render-{layout}"],
                               "--allow-findings", "hostile-input test", cwd=work)
            assert code == 0, err
        pages["report"] = work / "report.html"
        code, _, err = cli("check", "corpus", "--html", pages["report"], cwd=work)
        assert code in (0, 1), err
        code, stdout, err = cli("diff", CORPUS / "fr" / f"{DOC_ID}.xml", corpus / "fr" / f"{DOC_ID}.xml", "--format", "html", cwd=work)
        assert code == 0, err
        pages["diff"] = work / "diff.html"
        pages["diff"].write_text(stdout, encoding="utf-8")
        code, _, err = cli("release", DOC_ID, "--version", "1.0.0", "--date", "2026-04-01", "-o", "releases",
                           "--allow-findings", "hostile-input test", "-j", "1", cwd=work)
        assert code == 0, err
        pages["release-index"] = work / "releases" / DOC_ID / "index.html"
        (pages["release-html"],) = (work / "releases" / DOC_ID / "1.0.0" / "data" / "html").glob("*.html")
        out[kind] = pages
    assert TRAP_HITS == [], f"fetched while writing: {TRAP_HITS}"
    return out


PAGES = ["render-side-by-side", "render-interleaved", "report", "diff", "release-index", "release-html"]
# Pages that show the clause texts and titles (the release index lists versions only).
TEXT_PAGES = [p for p in PAGES if p != "release-index"]
RENDERED = ["render-side-by-side", "render-interleaved", "release-html"]


def _tree(path: Path):
    return lxml.html.fromstring(path.read_bytes())


def _texts(tree) -> str:
    """All text the reader sees or the browser treats as text (not style or script)."""
    parts = [tree.findtext(".//title") or ""]
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "title"):
            parts.append(el.tail or "")
            continue
        parts += [el.text or "", el.tail or ""]
    return "".join(parts)


@pytest.mark.parametrize("page", PAGES)
def test_payloads_add_no_element_attribute_or_url(outputs, page):
    hostile, harmless = _tree(outputs["hostile"][page]), _tree(outputs["harmless"][page])
    # the display typography (render/typography.py) wraps runs of the text itself in
    # <span class="nowrap|halt|nnbsp|nohyphen">: their number follows the text, not markup
    typography = {"nowrap", "halt", "nnbsp", "nohyphen"}

    def colophon(el) -> bool:
        # the colophon of allowed findings (render --allow-findings) is there when the
        # corpus has error findings, which depends on the texts, not on markup
        return any(a.tag == "footer" and a.get("class") == "colophon" for a in (el, *el.iterancestors()))

    def counted(el) -> bool:
        return (isinstance(el.tag, str) and not (el.tag == "span" and el.get("class") in typography)
                and not colophon(el))

    tags = Counter(el.tag for el in hostile.iter() if counted(el))
    base = Counter(el.tag for el in harmless.iter() if counted(el))
    if page in ("report", "diff"):
        # the payloads cause findings of their own (more list items), and the diff
        # marks words (more or fewer <ins>/<del>): same kinds of element only
        assert set(tags) <= set(base) | {"li", "ul", "ins", "del", "span"}, set(tags) - set(base)
        for tag in ("script", "style", "link", "img", "svg", "iframe", "textarea", "object", "embed", "base", "meta"):
            assert tags[tag] == base[tag], tag
    else:
        assert tags == base, tags - base
    for el in hostile.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (el.tag, name, value)
            assert not re.match(r"\s*(javascript|vbscript|data):", value, re.I), (el.tag, name, value)
            assert "127.0.0.1" not in value, (el.tag, name, value)
    def css(text: str) -> str:
        # the page's CSS carries the column widths (from the texts' lengths) and the
        # browser's running header and footer as CSS strings (escaped by css_string):
        # those may differ, nothing else may
        text = re.sub(r'"(?:[^"\\]|\\.)*"', '"…"', text or "")
        return re.sub(r"\d+(?:\.\d+)?%", "N%", text)

    for tag in ("style", "script"):
        assert [css(e.text) for e in hostile.iter(tag)] == [css(e.text) for e in harmless.iter(tag)], tag
    assert hostile.get("lang") == harmless.get("lang")


@pytest.mark.parametrize("page", TEXT_PAGES)
def test_payloads_are_shown_as_text(outputs, http_trap, page):
    text = _texts(_tree(outputs["hostile"][page]))
    for name in set(CLAUSES.values()) - set(BIDI):
        assert payload(name, http_trap) in text, name
    if page != "diff":  # (the diff compares clauses and headings, not titles)
        assert TITLE in text  # the title, Jinja syntax included, is text (not a <title> breakout)
    assert "{{ 7*7 }}" in text and "{% raw %}{{ config }}" in text


@pytest.mark.parametrize("page", RENDERED)
def test_rendered_clauses_hold_exactly_their_text(outputs, http_trap, page):
    tree = _tree(outputs["hostile"][page])
    from jpfr_accord.load import load_pair

    pair = load_pair(DOC_ID, outputs["hostile"]["render-side-by-side"].parents[1] / "corpus")
    for eid, name in CLAUSES.items():
        for lang in ("ja", "fr"):
            (span,) = tree.xpath(f'//*[@id="{lang}-{eid}"]')  # one id per language (render/context.py)
            original = next(c for c in pair[lang].clauses() if c.id == eid).text
            shown = re.sub(r"\s+", " ", span.text_content()).strip()
            if name in BIDI:
                expected = re.sub(r"\s+", " ", original.replace(BIDI[name], marker(BIDI[name]))).strip()
                assert shown == expected, (eid, lang)
                assert not re.search("[\u202a-\u202e\u2066-\u2069]", shown)
            else:
                assert shown.endswith(" " + payload(name, http_trap)), (eid, lang, shown[-80:])
    heading = tree.xpath('//h2[@id="ja-sec_3"]')[0].text_content()
    assert heading.endswith(MARKUP["script"])
    datelines = [p.text_content() for p in tree.xpath('//p[contains(@class, "dateline")]')]
    assert datelines and all(META["place"] in d for d in datelines)
    names = [li.text_content() for li in tree.xpath('//div[@class="signatories"]//li')]
    assert names == [META["signatory"].replace("\u202e", marker("\u202e"))] * 2


def test_the_check_report_names_the_bidi_controls(outputs):
    text = _tree(outputs["hostile"]["report"]).text_content()
    assert "TYP006" in text and "U+202E RIGHT-TO-LEFT OVERRIDE" in text


# --- in a browser -----------------------------------------------------------------------



def _open(browser, path: Path, width: int = 1280):
    page = browser.new_page(viewport={"width": width, "height": 900})
    dialogs: list[str] = []
    requests: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_timeout(150)
    return page, dialogs, requests


@pytest.mark.slow
@pytest.mark.parametrize("page_name", PAGES)
def test_in_chromium_no_dialog_and_no_request(browser, outputs, page_name):
    TRAP_HITS.clear()
    path = outputs["hostile"][page_name]
    page, dialogs, requests = _open(browser, path)
    try:
        # hover and focus every clause: an injected handler would fire now
        for el in page.query_selector_all("span.cl")[:60]:
            el.hover()
        page.keyboard.press("Tab")
        page.wait_for_timeout(100)
        assert dialogs == []
        assert requests == [path.as_uri()]
        assert page.evaluate("document.scripts.length") == _tree(outputs["harmless"][page_name]).xpath("count(//script)")
    finally:
        page.close()
    assert TRAP_HITS == []


_CHAR_X = """([id, word]) => {
    const el = document.getElementById(id);
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
        const i = node.data.indexOf(word);
        if (i < 0) continue;
        const xs = [];
        for (let k = i; k < i + word.length; k++) {
            const r = document.createRange();
            r.setStart(node, k); r.setEnd(node, k + 1);
            xs.push(r.getBoundingClientRect().left);
        }
        return xs;
    }
    return null;
}"""


def _reads_left_to_right(page, element_id: str, word: str) -> bool:
    xs = page.evaluate(_CHAR_X, [element_id, word])
    assert xs, (element_id, word)
    return all(a < b for a, b in zip(xs, xs[1:]))


@pytest.mark.slow
def test_a_right_to_left_override_does_not_reorder_the_rest(browser, outputs):
    page, _, _ = _open(browser, outputs["hostile"]["render-side-by-side"])
    try:
        # the clause holding U+202E, after the marker, and the next clauses of its paragraph
        assert _reads_left_to_right(page, "fr-preamble__para_2__cl_1", "dirigeants")
        assert _reads_left_to_right(page, "fr-preamble__para_2__cl_2", "dirigeants")
        assert _reads_left_to_right(page, "fr-preamble__para_2__cl_3", "ailleurs")
        assert _reads_left_to_right(page, "fr-sec_2__para_5__cl_1", "dirigeants")  # after the isolates
    finally:
        page.close()


@pytest.mark.slow
def test_without_the_markers_the_override_would_reorder(browser, outputs, tmp_path, monkeypatch):
    # The measure above can fail: the same page rendered with the controls kept reads backwards.
    from jpfr_accord.load import load_pair
    from jpfr_accord.render import context, render_html

    from jpfr_accord.render import typography

    monkeypatch.setattr(context, "show_bidi_controls", lambda text: text)
    monkeypatch.setattr(typography, "show_bidi_controls", lambda text: text)  # where the clauses are folded
    corpus = outputs["hostile"]["render-side-by-side"].parents[1] / "corpus"
    raw = render_html(load_pair(DOC_ID, corpus), tmp_path / "raw.html")
    page, _, _ = _open(browser, raw)
    try:
        assert not _reads_left_to_right(page, "fr-preamble__para_2__cl_2", "dirigeants")
    finally:
        page.close()


# --- the PDF ---------------------------------------------------------------------------


def _squeeze(text: str) -> str:
    text = re.sub(r"[\s\u00a0\u202f]+", "", re.sub(r"-\n", "", text))
    for head in ("日本語—正文", "Français—traductiondetravail"):  # the column head, repeated on each page
        text = text.replace(head, "")
    return text


@pytest.mark.slow
@pytest.mark.parametrize("layout", ["fr", "ja"])  # one column: pdftotext keeps each clause in one piece
def test_pdf_shows_the_payloads_as_text_and_fetches_nothing(outputs, http_trap, tmp_path, layout):
    TRAP_HITS.clear()
    work = outputs["hostile"]["render-side-by-side"].parents[1]
    pdf = tmp_path / f"{layout}.pdf"
    code, _, err = cli("render", DOC_ID, "--to", "pdf", "--layout", layout, "-o", pdf, "--allow-findings", "hostile-input test",
                         cwd=work)
    assert code == 0, err
    assert TRAP_HITS == []
    # the page bodies only (A4): no running header or footer inside a payload split by a page break
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-x", "40", "-y", "60", "-W", "520", "-H", "730", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    flat = _squeeze(text)
    for name in set(CLAUSES.values()) - set(BIDI):
        assert _squeeze(payload(name, http_trap)) in flat, name
    from jpfr_accord.load import load_pair

    pair = load_pair(DOC_ID, work / "corpus")
    shown = pair[layout]
    for eid, name in CLAUSES.items():
        if name in BIDI:  # the clause reads in its stored order, the control shown as a marker
            stored = next(c for c in shown.clauses() if c.id == eid).text
            assert _squeeze(stored.replace(BIDI[name], marker(BIDI[name])))[:60] in flat, (eid, name)
    assert "stnaegirid" not in flat  # « dirigeants » drawn backwards, as an obeyed U+202E does
    assert _squeeze(META["place"]) in flat  # (the two titles share lines: checked in the metadata below)
    assert _squeeze(marker("\u202e")) in flat  # the signatory's
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", text)
    # the PDF's own metadata title is text too, both languages' titles
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    (title,) = [line for line in info.splitlines() if line.startswith("Title:")]
    assert title.count(TITLE) == 2, title


def test_markers_are_for_display_only(outputs):
    """The corpus, the release's copy of it and the model keep the characters as written."""
    from jpfr_accord.load import load_pair
    from jpfr_accord.render.context import display_segments, show_bidi_controls

    work = outputs["hostile"]["render-side-by-side"].parents[1]
    (released,) = (work / "releases").rglob(f"source/{DOC_ID}.fr.xml")
    for path in (work / "corpus" / "fr" / f"{DOC_ID}.xml", released):
        text = path.read_text(encoding="utf-8")
        assert "Les\u202e deux" in text and "\u2039U+" not in text, path
    clause = next(c for c in load_pair(DOC_ID, work / "corpus")["fr"].clauses() if c.id == "preamble__para_2__cl_1")
    assert clause.text.startswith("Les\u202e deux")
    assert show_bidi_controls("a\u202eb\u2069c\u200fd") == "a\u2039U+202E\u203ab\u2039U+2069\u203ac\u200fd"  # RLM kept
    assert [s.text for s in display_segments("x\u202a y", "pdf")] == ["x\u2039U+202A\u203a y"]
