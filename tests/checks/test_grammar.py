"""GRM: Grammalecte as an optional rule family, off by default, skipped with a notice when absent."""

from __future__ import annotations

import json

from jpfr_testing import DOC_ID, edit

from jpfr_accord.checks import grammar


def _findings(jpfr, corpus, *args):
    run = jpfr("check", "corpus", "--format", "json", *args, cwd=corpus.parent)
    return run.exit_code, [(f["code"], f["severity"], f["eId"], f["message"]) for f in json.loads(run.stdout)["findings"]]


def test_off_by_default(jpfr, corpus_copy):
    edit(corpus_copy / "fr" / f"{DOC_ID}.xml", "ont confirmé l’importance de promouvoir", "ont confirmés l’importance de promouvoir")
    assert [f for f in _findings(jpfr, corpus_copy)[1] if f[0].startswith("GRM")] == []


def test_selected_it_finds_a_grammar_error_with_its_span(jpfr, corpus_copy):
    fr = corpus_copy / "fr" / f"{DOC_ID}.xml"
    edit(fr, "ont confirmé l’importance de promouvoir", "ont confirmés l’importance de promouvoir")
    run = jpfr("check", "corpus", "--format", "json", "--select", "GRM", cwd=corpus_copy.parent)
    (finding,) = json.loads(run.stdout)["findings"]
    assert finding["code"] == "GRM001" and finding["eId"] == "sec_1__para_1__cl_1"
    text = fr.read_text(encoding="utf-8")
    clause = text[text.index('eId="sec_1__para_1__cl_1"'):]
    clause = clause[clause.index(">") + 1 : clause.index("</clause>")]
    start, end = finding["span"]
    assert clause[start:end] == "confirmés"


def test_absent_it_is_skipped_with_a_notice(jpfr, corpus_copy, monkeypatch):
    monkeypatch.setattr(grammar, "load_grammalecte", lambda: None)
    code, found = _findings(jpfr, corpus_copy, "--select", "GRM")
    assert code == 0
    assert found == [("GRM001", "info", None, "Grammalecte is not installed (Debian: python3-grammalecte); the GRM rules were skipped")]
