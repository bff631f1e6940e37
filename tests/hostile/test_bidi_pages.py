"""A direction override in the corpus is shown, not obeyed, on every page we write:
the rendered document, the check report and the diff redline."""

from __future__ import annotations

import shutil

from jpfr_testing import DOC_ID, edit

OVERRIDE = "\u202e"


def test_every_html_page_shows_the_control_as_a_marker(jpfr, corpus_copy):
    work = corpus_copy.parent
    before = work / "before.xml"
    shutil.copy(corpus_copy / "fr" / f"{DOC_ID}.xml", before)
    edit(corpus_copy / "fr" / f"{DOC_ID}.xml", "Les deux dirigeants ont constaté", f"Les deux {OVERRIDE}dirigeants ont constaté")
    run = jpfr("check", "--html", "report.html", cwd=work)
    assert "TYP006" in run.stdout
    jpfr("render", DOC_ID, "--to", "html", "-o", "doc.html", cwd=work)
    run = jpfr("diff", "before.xml", f"corpus/fr/{DOC_ID}.xml", "--html", "diff.html", cwd=work)
    assert run.exit_code in (0, 1), run
    for page in ("report.html", "doc.html", "diff.html"):
        html = (work / page).read_text(encoding="utf-8")
        assert OVERRIDE not in html, page
        assert "\u2039U+202E\u203a" in html, page
    # the corpus keeps the character as the authority (here: the translator) wrote it
    assert OVERRIDE in (corpus_copy / "fr" / f"{DOC_ID}.xml").read_text(encoding="utf-8")
