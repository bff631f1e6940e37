"""`jpfr doctor` ends with a verdict a person can act on."""

from __future__ import annotations

import pyphen

from jpfr_accord.render.doctor import readiness


def test_doctor_says_ready_when_everything_is_there(jpfr):
    run = jpfr("doctor")
    assert run.exit_code == 0, run
    last = run.stdout.strip().splitlines()[-1]
    assert last.startswith("Verdict:") and "ready to render" in last and "not ready" not in last
    assert "Hyphenation, fr:" in run.stdout and "hyph_fr" in run.stdout
    assert "Test tool:       chromium /" in run.stdout and "Test tool:       pdftoppm /" in run.stdout


def test_doctor_says_not_ready_and_why_without_a_french_hyphenation_dictionary(jpfr, monkeypatch):
    monkeypatch.delitem(pyphen.LANGUAGES, "fr")
    run = jpfr("doctor")
    assert run.exit_code == 1
    assert "not ready to render: no fr hyphenation dictionary for WeasyPrint" in run.stdout
    assert "jpfr: error: no fr hyphenation dictionary" in run.stderr


def test_a_missing_library_is_in_the_verdict():
    verdict = readiness({"problems": ["WeasyPrint cannot be imported (no module); pip install weasyprint"]})
    assert not verdict.ready and verdict.verdict.startswith("not ready to render: WeasyPrint cannot be imported")
