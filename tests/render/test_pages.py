"""The check report, the redline (diff) page and the release index, as their readers
use them: in Chromium at 390 and 1280 px, through the Nu HTML checker and axe-core."""

from __future__ import annotations

from pathlib import Path

import pytest
from jpfr_testing import nu_check

pytestmark = pytest.mark.slow

PAGES = ("report_page", "redline_page", "index_page")


@pytest.fixture
def open_page(browser):
    pages = []

    def open_(path: Path, width: int, fragment: str = ""):
        page = browser.new_page(viewport={"width": width, "height": 900})
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(path.as_uri() + fragment)
        page.requests = requests
        pages.append(page)
        return page

    yield open_
    for page in pages:
        page.close()


def test_nu_checker_finds_no_error_in_the_three_pages(report_page, redline_page, index_page):
    proc = nu_check(report_page, redline_page, index_page)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_violation_and_nothing_overflows(request, open_page, name, width):
    from axe_playwright_python.sync_playwright import Axe

    page = open_page(request.getfixturevalue(name), width)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
    assert page.locator("main").count() == 1
    assert page.requests == [page.url.split("#")[0]]  # self-contained


# -- the check report ---------------------------------------------------------------


def test_report_marks_the_offending_words_of_a_finding(open_page, report_page):
    page = open_page(report_page, 1280)
    mark = page.locator("tr#preamble__para_2__cl_3 td[lang=fr] mark")
    assert mark.inner_text() == "30 mars 2026"
    assert mark.evaluate("e => getComputedStyle(e).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    # the Japanese clause, without a finding, has no mark
    assert page.locator("tr#preamble__para_2__cl_3 td[lang=ja] mark").count() == 0


def test_report_lists_the_findings_with_links_to_their_clause_and_rule(open_page, report_page):
    page = open_page(report_page, 1280)
    items = page.locator(".finding-list li")
    assert items.count() >= 2
    first = page.locator(".finding-list li.sev-error").first
    assert "ENT002" in first.inner_text()
    jump = first.locator(".where a")
    assert jump.get_attribute("href") == "#preamble__para_2__cl_3"
    jump.click()
    assert page.evaluate("location.hash") == "#preamble__para_2__cl_3"
    top = page.locator("tr#preamble__para_2__cl_3").bounding_box()["y"]
    assert 0 <= top < 900  # the clause row is on screen
    rule = first.locator('a[href="#rule-ENT002"]')
    rule.click()
    explanation = page.locator("#rule-ENT002")
    assert explanation.is_visible() and "ENT002" in explanation.inner_text()
    assert "What:" in page.locator("#rule-ENT002 + dd").inner_text()


def test_report_severity_filter_hides_and_shows_findings(open_page, report_page):
    page = open_page(report_page, 1280)
    notices = page.locator('.finding-list li[data-severity="info"]')
    errors = page.locator('.finding-list li[data-severity="error"]')
    assert notices.count() >= 1 and notices.first.is_visible()
    page.uncheck('input[name="severity"][value="info"]')
    assert not notices.first.is_visible() and errors.first.is_visible()
    assert not page.locator('ul.findings li[data-severity="info"]').first.is_visible()  # under the clauses too
    page.check('input[name="severity"][value="info"]')
    assert notices.first.is_visible()


def test_report_messages_are_english_in_a_sans_font_texts_in_their_language(open_page, report_page):
    page = open_page(report_page, 1280)
    message = page.locator("tr#preamble__para_2__cl_3 td[lang=fr] ul.findings")
    assert message.get_attribute("lang") == "en"
    family = message.evaluate("e => getComputedStyle(e).fontFamily")
    assert "sans" in family and "Serif" not in family and "Mincho" not in family
    text = page.locator("tr#preamble__para_2__cl_3 td[lang=fr] .text")
    assert "Serif CJK" in text.evaluate("e => getComputedStyle(e).fontFamily")


# -- the redline --------------------------------------------------------------------


def test_redline_is_titled_with_versions_and_dates_and_names_the_unchanged_language(open_page, redline_page):
    page = open_page(redline_page, 1280)
    assert page.title().endswith("1.0.0 (2026-04-01) → 1.1.0 (2026-05-01)")
    assert "releases/" not in page.locator("h1").inner_text()
    assert "The Japanese (日本語) text is unchanged." in page.inner_text("main")
    assert page.locator("del").count() >= 1 and page.locator("ins").count() >= 1


def test_redline_is_readable_at_390_px(open_page, redline_page):
    page = open_page(redline_page, 390)
    widths = page.eval_on_selector_all("td[lang]:not([lang=en])", "tds => tds.map(td => td.getBoundingClientRect().width)")
    assert widths and min(widths) > 300  # each text takes the width of the screen, not one character
    ins = page.locator("ins").first.bounding_box()
    assert ins["height"] < 200


# -- the release index -----------------------------------------------------------


def test_index_links_every_file_of_every_release_and_no_folder(open_page, index_page):
    page = open_page(index_page, 1280)
    hrefs = page.eval_on_selector_all("main a[href]", "as => as.map(a => a.getAttribute('href'))")
    assert not [h for h in hrefs if h.endswith("/")]  # a bare folder is a 403 on most servers
    for version in ("1.0.0", "1.1.0"):
        for path in (f"{version}/data/pdf/ai-cooperation-2026.side-by-side.pdf", f"{version}/data/pdf/ai-cooperation-2026.ja.pdf",
                     f"{version}/data/pdf/ai-cooperation-2026.fr.pdf", f"{version}/data/html/ai-cooperation-2026.html",
                     f"{version}/data/source/ai-cooperation-2026.ja.xml", f"{version}/data/source/ai-cooperation-2026.fr.xml",
                     f"{version}/data/changes.html", f"{version}/data/CHANGES.md"):
            assert path in hrefs
            assert (index_page.parent / path).is_file()
    # newest first, the reason of allowed findings shown
    assert page.locator("tbody tr td.version").all_inner_texts() == ["1.1.0", "1.0.0"]
    assert "signing ceremony tomorrow" in page.inner_text("tbody tr:first-child")


def test_index_checksum_column_stays_narrow(open_page, index_page):
    page = open_page(index_page, 1280)
    table = page.locator("table").bounding_box()["width"]
    sums = page.locator("tbody tr:first-child td:nth-child(6)").bounding_box()["width"]
    assert sums < table * 0.2
    page.locator("tbody tr:first-child details summary").click()
    assert "sha256:" in page.locator("tbody tr:first-child details").inner_text()
