"""The HTML file in headless Chromium: alignment, stacking, anchors, highlights,
language switch, accessibility. One browser for the whole module."""

from __future__ import annotations

from pathlib import Path

import pytest

from jpfr_accord.render import render_html

pytestmark = pytest.mark.slow



@pytest.fixture(scope="module")
def html_files(pair, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("browser")
    return {layout: render_html(pair, folder / f"{layout}.html", layout=layout) for layout in ("side-by-side", "interleaved")}


@pytest.fixture
def open_page(browser, html_files):
    pages = []

    def open_(width: int, layout: str = "side-by-side", fragment: str = ""):
        page = browser.new_page(viewport={"width": width, "height": 900})
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(html_files[layout].as_uri() + fragment)
        page.requests = requests
        pages.append(page)
        return page

    yield open_
    for page in pages:
        page.close()


def _tops(page, selector: str) -> list[float]:
    return page.eval_on_selector_all(selector, "els => els.map(e => e.getBoundingClientRect().top)")


def test_wide_screen_paragraphs_of_both_languages_share_their_top(open_page):
    page = open_page(1280)
    rows = page.eval_on_selector_all(
        "tr.row-para",
        """rows => rows.map(r => Array.from(r.querySelectorAll('td'))
                                .map(td => [td.lang, td.querySelector('p > .cl').getBoundingClientRect().top]))""",
    )
    assert len(rows) > 15
    for row in rows:
        assert [lang for lang, _ in row] == ["ja", "fr"]
        assert abs(row[0][1] - row[1][1]) < 1, row
    headings = page.eval_on_selector_all("tr.row-heading h2", "hs => hs.map(h => h.getBoundingClientRect().top)")
    for ja, fr in zip(headings[::2], headings[1::2]):
        assert abs(ja - fr) < 1
    assert page.requests == [page.url.split("#")[0]]  # nothing but the file itself


def test_narrow_screen_stacks_japanese_above_french(open_page):
    page = open_page(390)
    boxes = page.eval_on_selector_all(
        "tr.row-para",
        "rows => rows.map(r => Array.from(r.querySelectorAll('td')).map(td => { const b = td.getBoundingClientRect(); "
        "return [b.left, b.top, b.bottom, b.width]; }))",
    )
    for (ja_left, _, ja_bottom, ja_width), (fr_left, fr_top, _, fr_width) in boxes:
        assert fr_top >= ja_bottom - 0.5
        assert abs(ja_left - fr_left) < 1 and ja_width > 300 and fr_width > 300
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no horizontal scrolling


def test_anchor_targets_the_clause_and_highlights_its_counterpart(open_page):
    page = open_page(1280, fragment="#ja-sec_1__para_2__cl_1")
    assert page.evaluate("document.querySelector(':target').id") == "ja-sec_1__para_2__cl_1"
    counterpart = page.locator("#fr-sec_1__para_2__cl_1")
    assert "counterpart-target" in counterpart.get_attribute("class")
    bg = counterpart.evaluate("e => getComputedStyle(e).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent")
    page.evaluate("location.hash = '#fr-sec_2__para_1__cl_1'")
    page.wait_for_function("document.querySelector('#ja-sec_2__para_1__cl_1').classList.contains('counterpart-target')")
    assert "counterpart-target" not in counterpart.get_attribute("class")


def test_hover_and_focus_highlight_the_counterpart(open_page):
    page = open_page(1280)
    page.hover("#ja-sec_1__para_1__cl_2")
    assert "counterpart" in page.get_attribute("#fr-sec_1__para_1__cl_2", "class").split()
    page.mouse.move(0, 0)
    assert "counterpart" not in page.get_attribute("#fr-sec_1__para_1__cl_2", "class").split()
    page.focus("#fr-sec_3__para_2__cl_1")
    assert "counterpart" in page.get_attribute("#ja-sec_3__para_2__cl_1", "class").split()
    page.keyboard.press("Tab")
    assert "counterpart" not in page.get_attribute("#ja-sec_3__para_2__cl_1", "class").split()


def test_language_switch_shows_one_or_both_languages(open_page):
    page = open_page(1280)
    ja, fr = page.locator("#ja-sec_1__para_1__cl_1"), page.locator("#fr-sec_1__para_1__cl_1")
    assert ja.is_visible() and fr.is_visible()
    page.click("label[for=show-fr]")
    assert not ja.is_visible() and fr.is_visible()
    assert page.evaluate("location.search") == "?show=fr"  # the choice is in the URL
    page.click("label[for=show-ja]")
    assert ja.is_visible() and not fr.is_visible()
    assert page.evaluate("location.search") == "?show=ja"
    page.click("label[for=show-both]")
    assert ja.is_visible() and fr.is_visible()
    assert page.evaluate("location.search") == ""


def test_language_switch_in_the_url_is_applied_on_opening(browser, html_files):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(html_files["side-by-side"].as_uri() + "?show=fr#fr-sec_2__para_1__cl_1")
        assert page.is_checked("#show-fr")
        assert not page.locator("#ja-sec_1__para_1__cl_1").is_visible()
        assert page.locator("#fr-sec_2__para_1__cl_1").is_visible()
    finally:
        page.close()


@pytest.mark.parametrize("fragment", ["#fr-sec_2__para_3__cl_2", "#sec_2__para_3__cl_2", "#ja-sec_2__para_3__cl_2"])
def test_a_clause_link_scrolls_its_whole_paragraph_into_view(open_page, fragment):
    page = open_page(1280, fragment=fragment)
    box = page.evaluate("""() => { const r = document.getElementById('sec_2__para_3').getBoundingClientRect();
                                   return [r.top, r.bottom, innerHeight]; }""")
    top, bottom, height = box
    assert 0 <= top and (bottom <= height or top < 80), box


def test_the_pair_anchor_highlights_both_clauses(open_page):
    page = open_page(1280, fragment="#sec_1__para_2__cl_1")
    for lang in ("ja", "fr"):
        el = page.locator(f"#{lang}-sec_1__para_2__cl_1")
        assert "counterpart-target" in el.get_attribute("class")
        assert el.evaluate("e => getComputedStyle(e).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")


def test_every_clause_has_a_visible_copy_link_control(open_page):
    page = open_page(1280)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    links = page.locator("td[lang=fr] a.copy-link")
    assert links.count() == page.locator("td[lang=fr] .cl").count()
    link = page.locator('a.copy-link[href="#fr-sec_1__para_1__cl_1"]')
    assert link.is_visible() and link.bounding_box()["width"] > 4
    assert link.get_attribute("aria-label") == "Copier le lien vers cette phrase"
    link.click()
    assert page.evaluate("location.hash") == "#fr-sec_1__para_1__cl_1"


def test_interleaved_puts_each_french_clause_under_its_japanese_one(open_page):
    page = open_page(1280, layout="interleaved")
    ja = page.locator("#ja-sec_1__para_1__cl_2").bounding_box()
    fr = page.locator("#fr-sec_1__para_1__cl_2").bounding_box()
    nxt = page.locator("#ja-sec_1__para_1__cl_3").bounding_box()
    assert ja["y"] < fr["y"] < nxt["y"]


def test_print_stylesheet_hides_the_switch(open_page):
    page = open_page(1280)
    page.emulate_media(media="print")
    assert not page.locator(".switch").is_visible()
    assert page.locator("#fr-sec_1__para_1__cl_1").is_visible()


@pytest.mark.parametrize("width,layout", [(1280, "side-by-side"), (390, "side-by-side"), (1280, "interleaved")])
def test_axe_finds_no_violation(open_page, width, layout):
    from axe_playwright_python.sync_playwright import Axe

    page = open_page(width, layout=layout)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_printing_from_the_browser_gives_a4_pages_with_header_number_and_notice(browser, html_files, tmp_path):
    """What a diplomat gets with Ctrl+P: A4, the page number centred in the footer, the
    notice on every page, the running header from page 2 on (Chromium's @page margin boxes)."""
    import re
    import subprocess

    page = browser.new_page()
    try:
        page.goto(html_files["side-by-side"].as_uri())
        pdf = tmp_path / "printed.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True)
    finally:
        page.close()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    n = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert n >= 3
    for i in range(1, n + 1):
        text = subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
        flat = " ".join(text.split())
        assert re.search(rf"\b{i} ?/ ?{n}\b", flat), i
        assert "仏語文は仮訳（非公式）" in flat and "Le texte français est une traduction de travail" in flat
        header = "人工知能(AI)分野における協力に関する日仏共同声明 / Déclaration"
        assert (header in flat) == (i > 1), i
    xml = subprocess.run(["pdftotext", "-bbox", "-f", "2", "-l", "2", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    number = [(float(a), float(b)) for a, b, w in re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]+)</word>', xml)
              if w == "/"]
    assert any(abs((a + b) / 2 - 297.5) < 6 for a, b in number)  # centred on the A4 page


@pytest.mark.parametrize("width", [390, 1280])
def test_french_is_justified_only_where_the_browser_hyphenates_it(open_page, width):
    page = open_page(width)
    hyphenates = page.evaluate("document.documentElement.classList.contains('hyphenates')")
    align = page.evaluate("getComputedStyle(document.querySelector('td[lang=fr] p')).textAlign")
    # without French hyphenation patterns (Chromium on Linux often has none) justified
    # French opens rivers: ragged right instead
    assert align == ("justify" if hyphenates and width > 760 else "start"), (hyphenates, align)
    assert page.evaluate("getComputedStyle(document.querySelector('td[lang=ja] p')).textAlign") in ("justify", "start")
