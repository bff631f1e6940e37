"""The workbench in Chromium, as a translator uses it: edit, findings, accept, filters, keyboard,
conflicts with an outside editor, suggestions; axe-core and the Nu checker on every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from jpfr_testing import ROOT, edit, nu_check
from jpfr_accord.model import text_hash

from serve_testing import DOC, OTHER

pytestmark = pytest.mark.slow

CL = "preamble__para_2__cl_3"
OLD_DATE, NEW_DATE = "31 mars 2026", "30 mars 2026"


def _open(page, live, doc=DOC):
    page.goto(live.url + f"doc/{doc}")
    expect(page.locator("#main")).to_have_attribute("data-doc", doc)


def _visible_clause_rows(page) -> list[str]:
    return page.eval_on_selector_all("article.row-clause:not([hidden])", "rows => rows.map(r => r.dataset.eid)")


def _active_row(page) -> str | None:
    return page.evaluate("() => { const r = document.activeElement.closest('article.row'); return r ? r.dataset.eid : null; }")


def test_edit_and_save_writes_the_clause_and_nothing_else(page, live):
    path = live.file()
    before = path.read_text(encoding="utf-8")
    old = re.search(rf'eId="{CL}"[^>]*>([^<]*)<', before).group(1)
    _open(page, live)
    page.locator(f"#row-{CL} button.edit").click()
    area = page.locator(f"#u-fr-{CL} textarea")
    expect(area).to_have_value(old)
    area.fill("Ils ont salué, par ailleurs, les discussions du 31 mars 2026 & « le reste ».")
    page.locator(f"#u-fr-{CL} button.save").click()
    expect(page.locator("#status")).to_contain_text("saved")
    after = path.read_text(encoding="utf-8")
    assert after == before.replace(old, "Ils ont salué, par ailleurs, les discussions du 31 mars 2026 &amp; « le reste ».")
    expect(page.locator(f"#u-fr-{CL} .words")).to_have_text(
        "Ils ont salué, par ailleurs, les discussions du 31 mars 2026 & « le reste ».")
    expect(page.locator(f"#u-fr-{CL} textarea")).to_have_count(0)


def test_a_finding_appears_and_disappears_as_the_text_is_broken_and_mended(page, live):
    _open(page, live)
    finding = page.locator(f"#u-fr-{CL} .finding")
    expect(finding).to_have_count(0)
    page.locator(f"#row-{CL} button.edit").click()
    area = page.locator(f"#u-fr-{CL} textarea")
    area.fill(area.input_value().replace(OLD_DATE, NEW_DATE))
    area.press("Control+Enter")
    expect(finding).to_have_count(1)
    expect(finding.locator(".code")).to_have_text("ENT002")
    expect(finding).to_contain_text("2026-03-30 is not in the Japanese text")
    expect(page.locator(f"#row-{CL}")).to_have_class(re.compile(r"\bhas-findings\b.*\bworst-error\b"))
    expect(page.locator("#summary")).to_contain_text("1 error,")
    # the rule's explanation is one click away
    explain = finding.locator("details.explain")
    expect(explain.locator("dd").first).not_to_be_visible()
    explain.locator("summary").click()
    expect(explain.locator("dt").first).to_have_text("What")
    expect(explain.locator("dd").first).to_be_visible()
    page.locator(f"#row-{CL} button.edit").click()
    area.fill(area.input_value().replace(NEW_DATE, OLD_DATE))
    area.press("Control+Enter")
    expect(finding).to_have_count(0)
    expect(page.locator(f"#row-{CL}")).not_to_have_class(re.compile(r"\bhas-findings\b"))
    expect(page.locator("#summary")).to_contain_text("0 errors")


def test_an_invalid_edit_is_refused_with_the_reason(page, live):
    page.jpfr_expected.append("422")
    before = live.file().read_bytes()
    _open(page, live)
    page.locator("#row-meta__title button.edit").click()
    area = page.locator("#u-fr-meta__title textarea")
    area.fill("")
    area.press("Control+Enter")
    expect(page.locator("#u-fr-meta__title .edit-error")).to_contain_text("would not be valid")
    expect(page.locator("#u-fr-meta__title .edit-error")).to_contain_text("nothing was written")
    assert live.file().read_bytes() == before
    area.fill("Déclaration conjointe sur l’IA")
    area.press("Control+Enter")
    expect(page.locator("#u-fr-meta__title .words")).to_have_text("Déclaration conjointe sur l’IA")
    assert "<title>Déclaration conjointe sur l’IA</title>" in live.file().read_text(encoding="utf-8")


@pytest.fixture
def spans_on_dates(monkeypatch):
    """Findings with a ``span``, as rules give them: ENT002 marks the French date it reports."""
    import dataclasses

    from jpfr_accord.serve.workspace import Workspace

    real = Workspace.recheck

    def recheck(self, pair, load_findings):
        out = []
        for f in real(self, pair, load_findings):
            clause = next((c for c in pair.target.clauses() if c.id == f.eId), None)
            if f.code == "ENT002" and clause is not None and NEW_DATE in clause.text:
                start = clause.text.index(NEW_DATE)
                f = dataclasses.replace(f, span=(start, start + len(NEW_DATE)))
            out.append(f)
        return out

    monkeypatch.setattr(Workspace, "recheck", recheck)


def test_the_offending_words_are_highlighted(page, live, spans_on_dates):
    _open(page, live)
    page.locator(f"#row-{CL} button.edit").click()
    area = page.locator(f"#u-fr-{CL} textarea")
    area.fill(area.input_value().replace(OLD_DATE, NEW_DATE))
    area.press("Control+Enter")
    mark = page.locator(f"#u-fr-{CL} .words mark")
    expect(mark).to_have_text(NEW_DATE)  # drawn by the script after the save
    expect(mark).to_have_class("m-error")
    page.reload()
    expect(mark).to_have_text(NEW_DATE)  # and by the server's page
    expect(page.locator(f"#u-fr-{CL} .words")).to_contain_text(f"tenue le {NEW_DATE}.")
    page.locator(f"#row-{CL} button.edit").click()
    expect(area).to_have_value(re.compile(f"tenue le {NEW_DATE}\\.$"))  # the editor has the plain text


def test_accept_records_the_review(page, live):
    edit(live.file("ja"), "歓迎した。", "歓迎する。")
    source = re.search(rf'eId="{CL}"[^>]*>([^<]*)<', live.file("ja").read_text(encoding="utf-8")).group(1)
    _open(page, live)
    row = page.locator(f"#row-{CL}")
    expect(row.locator(".state")).to_have_text("stale")
    row.locator("button.accept").click()
    expect(row.locator(".state")).to_have_text("reviewed")
    expect(row.locator("button.accept")).to_have_count(0)
    assert f'src="{text_hash(source)}"' in live.file().read_text(encoding="utf-8")


def test_filters_show_only_the_clauses_asked_for(page, live):
    edit(live.file("ja"), "歓迎した。", "歓迎する。")  # CL is stale
    edit(live.file(), OLD_DATE, NEW_DATE)  # and has an error
    edit(live.file(), 'eId="sec_1__para_1__cl_1" actor="both" acts="confirm" src="sha256:464de8ef263a5f4884e34b4b23af24bee7f3fc48be8fd28aef21fa6e0d09c2f8"',
         'eId="sec_1__para_1__cl_1" actor="both" acts="confirm"')  # never reviewed
    _open(page, live)
    assert len(_visible_clause_rows(page)) == 30
    page.locator('label[for="filter-stale"]').click()
    assert _visible_clause_rows(page) == [CL]
    page.locator('label[for="filter-unreviewed"]').click()
    assert _visible_clause_rows(page) == ["sec_1__para_1__cl_1"]
    page.locator('label[for="filter-missing"]').click()
    assert _visible_clause_rows(page) == []
    page.locator('label[for="filter-findings"]').click()
    shown = _visible_clause_rows(page)
    assert CL in shown and "sec_1__para_1__cl_1" in shown  # REV findings on both
    assert all(page.locator(f"#row-{eid}").get_attribute("class").count("has-findings") for eid in shown)
    expect(page.locator("#row-preamble__para_1__cl_1")).to_be_hidden()
    expect(page.locator("#row-meta__title")).to_be_visible()  # the title stays, as a landmark
    page.reload()  # the filter is kept for the session
    expect(page.locator("#filter-findings")).to_be_checked()
    assert _visible_clause_rows(page) == shown


def test_keyboard_only(page, live):
    original = re.search(rf'eId="{CL}"[^>]*>([^<]*)<', live.file().read_text(encoding="utf-8")).group(1)
    edit(live.file(), OLD_DATE, NEW_DATE)
    _open(page, live)
    first_with_finding = page.eval_on_selector("article.row.has-findings", "r => r.dataset.eid")
    page.keyboard.press("j")
    assert _active_row(page) == first_with_finding
    page.keyboard.press("k")  # wraps round to the last finding
    last = page.eval_on_selector_all("article.row.has-findings", "rs => rs[rs.length - 1].dataset.eid")
    assert _active_row(page) == last
    ids = _visible_clause_rows(page)
    page.keyboard.press("n")
    page.keyboard.press("n")
    page.keyboard.press("p")
    assert _active_row(page) == ids[(ids.index(last) + 1) % len(ids)]
    while _active_row(page) != CL:
        page.keyboard.press("n")
    page.keyboard.press("e")
    assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"
    page.keyboard.press("Escape")  # cancel: nothing written, back on the row
    assert _active_row(page) == CL and page.locator("textarea").count() == 0
    page.keyboard.press("e")
    page.keyboard.press("Control+a")
    page.keyboard.type(original)  # the date mended
    page.keyboard.press("Control+Enter")
    expect(page.locator("#status")).to_contain_text("saved")
    assert _active_row(page) == CL
    assert f"{original}</clause>" in live.file().read_text(encoding="utf-8")
    expect(page.locator(f"#u-fr-{CL} .finding")).to_have_count(0)
    # accept by key, on a clause made stale
    edit(live.file("ja"), "歓迎した。", "歓迎する。")
    expect(page.locator(f"#row-{CL} .state")).to_have_text("stale", timeout=15_000)
    page.locator(f"#row-{CL}").focus()
    page.keyboard.press("a")
    expect(page.locator(f"#row-{CL} .state")).to_have_text("reviewed")
    # the filters are radio buttons: reachable with Tab, changed with the arrows
    page.locator("#filter-all").focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#filter-findings")).to_be_checked()
    # the shortcuts are shown on the page
    keys = page.locator(".keys kbd").all_inner_texts()
    assert {"j", "k", "n", "p", "e", "a", "Ctrl+Enter", "Escape", "s"} <= set(keys)


def test_a_save_on_a_file_changed_outside_is_refused_and_nothing_is_lost(page, live):
    page.jpfr_expected.append("409")
    _open(page, live)
    page.locator(f"#row-{CL} button.edit").click()
    area = page.locator(f"#u-fr-{CL} textarea")
    area.fill("Mon texte du navigateur.")
    edit(live.file(), "Les deux dirigeants ont constaté", "Les dirigeants ont constaté")  # the translator's editor
    outside = live.file().read_bytes()
    expect(page.locator("#status")).to_contain_text("changed on disk", timeout=15_000)
    page.locator(f"#u-fr-{CL} button.save").click()
    expect(page.locator(f"#u-fr-{CL} .edit-error")).to_contain_text("changed on disk since this page was loaded")
    expect(area).to_have_value("Mon texte du navigateur.")  # the browser side is kept
    assert live.file().read_bytes() == outside  # and so is the disk side
    page.keyboard.press("Escape")
    expect(page.locator("#u-fr-preamble__para_2__cl_2 .words")).to_contain_text("Les dirigeants ont constaté",
                                                                                  timeout=15_000)


def test_an_outside_edit_refreshes_the_page(page, live):
    _open(page, live)
    page.evaluate("window.jpfrMarker = 1")
    edit(live.file(), OLD_DATE, NEW_DATE)
    expect(page.locator(f"#u-fr-{CL} .words")).to_contain_text(NEW_DATE, timeout=15_000)
    expect(page.locator(f"#u-fr-{CL} .finding .code")).to_have_text("ENT002")
    assert page.evaluate("window.jpfrMarker") == 1  # updated in place, not reloaded


def test_a_file_that_cannot_be_read_is_reported_until_mended(page, live):
    page.jpfr_expected.append("400")
    _open(page, live)
    good = live.file().read_bytes()
    live.file().write_bytes(good.replace(b"</declaration>", b""))  # half-saved by an editor
    expect(page.locator("#status")).to_contain_text("cannot be read now", timeout=15_000)
    expect(page.locator(f"#u-fr-{CL} .words")).to_contain_text(OLD_DATE)  # the last good text stays shown
    live.file().write_bytes(good)
    expect(page.locator("#status")).to_have_text("", timeout=15_000)


def test_the_document_list_follows_the_corpus(page, live):
    page.goto(live.url)
    row = page.locator(f"tr:has(a[href='/doc/{DOC}'])")
    expect(row.locator("td").nth(2)).to_have_text("0")  # errors
    expect(row.locator("td").nth(6)).to_have_text("0")  # never reviewed
    edit(live.file(), OLD_DATE, NEW_DATE)
    expect(row.locator("td").nth(2)).to_have_text("1", timeout=15_000)
    row.locator("a").click()
    expect(page.locator(f"#row-{CL}")).to_have_class(re.compile(r"\bworst-error\b"))


def test_suggestions_from_other_documents(page, live):
    _open(page, live, OTHER)
    page.keyboard.press("n")  # the first clause: close to a clause of the 2026 declaration
    items = page.locator("#sugg-list li")
    expect(items.first).to_contain_text("ai-cooperation-2026 sec_1__para_1__cl_1")
    score = int(items.first.locator(".score").inner_text().rstrip("%"))
    assert 80 <= score < 100
    expect(items.first.locator('[lang="fr"]')).to_contain_text("Les deux dirigeants ont confirmé l’importance")
    expect(items.first.locator('[lang="ja"]')).to_contain_text("広島 AI プロセス")
    translation = items.first.locator('[lang="fr"]').inner_text()
    items.first.locator("button.use").click()
    expect(page.locator("#u-fr-sec_1__para_1__cl_1 textarea")).to_have_value(translation)
    page.keyboard.press("Escape")
    page.keyboard.press("n")  # the quantum clause: nothing worth showing
    expect(page.locator("#sugg-for")).to_contain_text("No similar source clause")
    expect(items).to_have_count(0)


def test_corpus_markup_stays_text_in_the_browser(page, live):
    edit(live.file(), "Par ailleurs, ils", '&lt;img src=x onerror="window.jpfrHacked=1"&gt;&lt;script&gt;window.jpfrHacked=2&lt;/script&gt; Par ailleurs, ils')
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _open(page, live)
    expect(page.locator(f"#u-fr-{CL} .words")).to_contain_text('<img src=x onerror="window.jpfrHacked=1">')
    assert page.locator(f"#u-fr-{CL} img").count() == 0
    # after an update built by the script, too
    page.locator(f"#row-{CL} button.edit").click()
    page.locator(f"#u-fr-{CL} textarea").press("Control+Enter")
    expect(page.locator("#status")).to_contain_text("nothing changed")
    edit(live.file(), "Par ailleurs, ils", "<!-- x --> Par ailleurs, ils".replace("<!-- x -->", "&lt;b&gt;gras&lt;/b&gt;"))
    expect(page.locator(f"#u-fr-{CL} .words")).to_contain_text("<b>gras</b>", timeout=15_000)
    assert page.locator(f"#u-fr-{CL} b, #u-fr-{CL} img").count() == 0
    assert page.evaluate("window.jpfrHacked") is None and not dialogs


# -- accessibility and validity of every page ----------------------------------


def _axe(page) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_axe_finds_no_violation_on_any_page(page, live):
    edit(live.file(), OLD_DATE, NEW_DATE)
    edit(live.file("ja"), "歓迎した。", "歓迎する。")
    page.goto(live.url)
    _axe(page)
    _open(page, live)
    _axe(page)
    page.locator(f"#u-fr-{CL} details.explain summary").first.click()
    page.locator(f"#row-{CL} button.edit").click()  # with the editor open
    _axe(page)
    page.keyboard.press("Escape")
    _open(page, live, OTHER)
    page.keyboard.press("n")
    expect(page.locator("#sugg-list li").first).to_be_visible()
    _axe(page)
    page.goto(live.url + "rules/ENT002")
    _axe(page)
    page.jpfr_expected.append("404")
    page.goto(live.url + "doc/nope")
    _axe(page)
    page.set_viewport_size({"width": 390, "height": 800})
    _open(page, live)
    _axe(page)


def test_nu_checker_finds_no_error_on_any_page(page, live, tmp_path):
    edit(live.file(), OLD_DATE, NEW_DATE)
    files: list[Path] = []

    def keep(name: str, html: str) -> None:
        files.append(tmp_path / f"{name}.html")
        files[-1].write_text(html, encoding="utf-8")

    page.jpfr_expected.append("404")
    for name, path in (("index", ""), ("doc", f"doc/{DOC}"), ("other", f"doc/{OTHER}"), ("rule", "rules/ENT002"),
                       ("error", "doc/nope")):
        page.goto(live.url + path)
        keep(name, page.content() if name != "doc" else _served(live, path))
    # the document as the script left it after a save, an explanation and suggestions
    _open(page, live)
    page.locator(f"#row-{CL} button.edit").click()
    page.locator(f"#u-fr-{CL} textarea").press("Control+Enter")
    expect(page.locator("#status")).to_contain_text("nothing changed")
    page.locator(f"#row-{CL} button.edit").click()
    page.locator(f"#u-fr-{CL} textarea").fill("Texte neuf du 31 mars 2026.")
    page.locator(f"#u-fr-{CL} textarea").press("Control+Enter")
    expect(page.locator("#status")).to_contain_text("saved")
    keep("doc-after-save", page.content())
    page.locator(f"#row-{CL} button.edit").click()
    keep("doc-editing", page.content())
    # the style sheet is a file (the CSP forbids inline style): checked inside a page, as a page's CSS is
    css = (ROOT / "templates" / "serve" / "workbench.css").read_text(encoding="utf-8")
    keep("css", '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>css</title>'
                f"<style>{css}</style></head><body><p>x</p></body></html>\n")
    proc = nu_check(*files)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _served(live, path: str) -> str:
    import urllib.request

    request = urllib.request.Request(live.url + path, headers={"Cookie": f"{live.cookie}={live.token}"})
    with urllib.request.urlopen(request, timeout=30) as resp:
        return resp.read().decode("utf-8")
