"""Reports: SARIF 2.1.0, the side-by-side HTML report, and what `check` imports."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from jpfr_testing import DOC_ID, edit, element_line, nu_check

from jpfr_accord.checks import REGISTRY


def _break(corpus: Path) -> Path:
    fr = corpus / "fr" / f"{DOC_ID}.xml"
    edit(fr, "tenue le 31 mars 2026", "tenue le 30 mars 2026")
    return fr


def test_sarif_log(jpfr, corpus_copy):
    fr = _break(corpus_copy)
    run = jpfr("check", "corpus", "--format", "sarif", cwd=corpus_copy.parent)
    assert run.exit_code == 1
    log = json.loads(run.stdout)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (sarif_run,) = log["runs"]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "jpfr"
    assert [r["id"] for r in driver["rules"]] == [r.code for r in REGISTRY]
    assert all(r["defaultConfiguration"]["level"] in ("error", "warning", "note") for r in driver["rules"])
    levels = {r["ruleId"]: r["level"] for r in sarif_run["results"]}
    assert levels == {"ENT002": "error", "TYP005": "note"}
    (ent,) = [r for r in sarif_run["results"] if r["ruleId"] == "ENT002"]
    assert driver["rules"][ent["ruleIndex"]]["id"] == "ENT002"
    (loc,) = ent["locations"]
    assert loc["physicalLocation"]["artifactLocation"]["uri"] == f"corpus/fr/{DOC_ID}.xml"
    assert loc["physicalLocation"]["region"]["startLine"] == element_line(fr, "preamble__para_2__cl_3")
    assert loc["logicalLocations"] == [{"name": "preamble__para_2__cl_3", "kind": "element"}]
    assert "2026-03-31" in ent["message"]["text"]


class _Cells(HTMLParser):
    """Collects (tr id, td lang, td class, text) of the report's table cells."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[list] = []
        self.row: str | None = None
        self.cell: list | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr":
            self.row = a.get("id")
        elif tag == "td" and "lang" in a:
            self.cell = [self.row, a["lang"], a.get("class", ""), ""]
            self.cells.append(self.cell)

    def handle_endtag(self, tag):
        if tag == "td":
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[3] += data


def test_html_report_side_by_side_with_findings_at_their_clause(jpfr, corpus_copy):
    _break(corpus_copy)
    edit(corpus_copy / "fr" / f"{DOC_ID}.xml", "Les deux dirigeants ont confirmé l’importance", "Les deux dirigeants ont confirmé &lt;l’importance&gt; &amp; « tout »")
    dest = corpus_copy.parent / "report.html"
    run = jpfr("check", "corpus", "--html", str(dest), cwd=corpus_copy.parent)
    assert run.exit_code == 1
    html = dest.read_text(encoding="utf-8")
    assert "&lt;l’importance&gt; &amp;" in html  # autoescaped
    parser = _Cells()
    parser.feed(html)
    cells = {(row, lang): (cls, text) for row, lang, cls, text in parser.cells}
    cls, text = cells[("preamble__para_2__cl_3", "fr")]
    assert cls == "error" and "30 mars 2026" in text and "ENT002" in text
    cls, text = cells[("preamble__para_2__cl_3", "ja")]
    assert cls == "" and "2026年3月31日" in text
    assert cells[("sec_3__para_5__cl_1", "ja")][0] == "info"
    # every clause of both languages is there, side by side
    assert sum(1 for row, lang in cells if lang == "ja" and "__cl_" in row) == 30
    assert not list(dest.parent.glob(".report.html.*"))  # no temporary file left


def test_html_report_to_a_missing_folder_exits_2_and_writes_nothing(jpfr, corpus_copy):
    run = jpfr("check", "corpus", "--html", "no/such/dir/report.html", cwd=corpus_copy.parent)
    assert run.exit_code == 2
    assert run.stderr.strip() == "jpfr: error: no/such/dir/report.html: cannot write the HTML report: no such folder"
    assert not (corpus_copy.parent / "no").exists()


def test_html_report_is_valid_html_and_shareable(jpfr, corpus_copy):
    import os

    _break(corpus_copy)
    dest = corpus_copy.parent / "report.html"
    jpfr("check", "corpus", "--html", str(dest), cwd=corpus_copy.parent)
    mask = os.umask(0)
    os.umask(mask)
    assert dest.stat().st_mode & 0o777 == 0o666 & ~mask  # the user's umask, not a private 0600
    proc = nu_check(dest)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_html_report_reads_like_the_two_texts(jpfr, corpus_copy, browser):
    """What a translator sees: counts in words, a narrow id column beside two wide
    text columns, the finding under its clause."""
    _break(corpus_copy)
    dest = corpus_copy.parent / "report.html"
    jpfr("check", "corpus", "--html", str(dest), cwd=corpus_copy.parent)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(dest.as_uri())
        assert page.inner_text(".summary") == "1 error, 0 warnings, 3 notices"
        widths = page.eval_on_selector_all("table:first-of-type thead th", "ths => ths.map(t => t.getBoundingClientRect().width)")
        eid, ja, fr = widths
        assert eid < ja / 2 and eid < fr / 2, widths
        cell = page.locator("tr#preamble__para_2__cl_3 td[lang=fr]")
        assert "ENT002" in cell.inner_text() and "2026-03-30" in cell.inner_text()
    finally:
        page.close()
