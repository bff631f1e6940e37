"""Structural `jpfr check`: each way of breaking a copy of the corpus gives exactly one finding.

The checks run with the structural families selected, so that the content
rules (entities, terminology…) of other modules don't blur what is asserted.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jpfr_testing import DOC_ID, edit, element_line, remove_element

STRUCTURAL = "XML,ALN,STR,NUM,CMT001,CMT002,REV"


def findings(jpfr, corpus: Path, *extra: str):
    run = jpfr("check", str(corpus), "--format", "json", "--select", STRUCTURAL, *extra, cwd=corpus.parent)
    data = json.loads(run.stdout)
    return run.exit_code, [(f["code"], f["eId"], Path(f["file"]).parts[-2], f["line"]) for f in data["findings"]]


def test_committed_corpus_has_no_error(jpfr):
    from jpfr_testing import ROOT

    run = jpfr("check", cwd=ROOT)
    assert run.exit_code == 0, run
    assert run.stdout.strip().splitlines()[-1].startswith("0 errors")


def test_clean_copy_has_no_structural_finding(jpfr, corpus_copy):
    assert findings(jpfr, corpus_copy) == (0, [])


def test_clause_missing_in_french(jpfr, corpus_copy):
    fr = corpus_copy / "fr" / f"{DOC_ID}.xml"
    ja = corpus_copy / "ja" / f"{DOC_ID}.xml"
    remove_element(fr, "sec_2__para_3__cl_2")
    code, found = findings(jpfr, corpus_copy)
    assert code == 1
    assert found == [("ALN001", "sec_2__para_3__cl_2", "ja", element_line(ja, "sec_2__para_3__cl_2"))]


def test_extra_clause_in_french(jpfr, corpus_copy):
    fr = corpus_copy / "fr" / f"{DOC_ID}.xml"
    line = element_line(fr, "sec_3__para_6__cl_1")
    edit(fr, '<clause eId="sec_3__para_6__cl_1"', '<clause eId="sec_3__para_6__cl_2" actor="both" acts="recognize">Ils ont reconnu.</clause>\n      <clause eId="sec_3__para_6__cl_1"')
    code, found = findings(jpfr, corpus_copy)
    assert code == 1
    # the added clause also comes first, so it breaks the cl_1, cl_2 numbering
    assert ("ALN001", "sec_3__para_6__cl_2", "fr", line) in found
    assert {f[0] for f in found} <= {"ALN001", "REV002", "NUM001"}
    assert ("REV002", "sec_3__para_6__cl_2", "fr", line) not in found  # unpaired: no source to hash


def test_paragraphs_swapped(jpfr, corpus_copy):
    fr = corpus_copy / "fr" / f"{DOC_ID}.xml"
    text = fr.read_text(encoding="utf-8")
    start1 = text.index('<para eId="sec_3__para_4">')
    start2 = text.index('<para eId="sec_3__para_5">')
    end2 = text.index("</para>", start2) + len("</para>")
    p1, p2 = text[start1:start2], text[start2:end2]
    fr.write_text(text[:start1] + p2 + "\n    " + p1.rstrip() + text[end2:], encoding="utf-8")
    code, found = findings(jpfr, corpus_copy)
    assert code == 1
    assert found == [("ALN002", "sec_3__para_4", "fr", element_line(fr, "sec_3__para_4"))]


def test_section_missing_on_both_sides_is_a_gap(jpfr, corpus_copy):
    ja = corpus_copy / "ja" / f"{DOC_ID}.xml"
    fr = corpus_copy / "fr" / f"{DOC_ID}.xml"
    for f in (ja, fr):
        remove_element(f, "sec_2")
    code, found = findings(jpfr, corpus_copy)
    assert code == 1
    assert found == [
        ("NUM001", "sec_3", "fr", element_line(fr, "sec_3")),
        ("NUM001", "sec_3", "ja", element_line(ja, "sec_3")),
    ]


def test_clause_number_gap(jpfr, corpus_copy):
    ja = corpus_copy / "ja" / f"{DOC_ID}.xml"
    fr = corpus_copy / "fr" / f"{DOC_ID}.xml"
    for f in (ja, fr):
        remove_element(f, "sec_3__para_3__cl_2")
    code, found = findings(jpfr, corpus_copy)
    assert [f[:3] for f in found] == [("NUM001", "sec_3__para_3__cl_3", "fr"), ("NUM001", "sec_3__para_3__cl_3", "ja")]


def test_section_num_disagrees_with_id_and_duplicates(jpfr, corpus_copy):
    ja = corpus_copy / "ja" / f"{DOC_ID}.xml"
    fr = corpus_copy / "fr" / f"{DOC_ID}.xml"
    for f in (ja, fr):
        edit(f, '<section eId="sec_3" num="3">', '<section eId="sec_3" num="2">')
    code, found = findings(jpfr, corpus_copy)
    assert code == 1
    assert sorted(found) == sorted(
        [
            ("NUM002", "sec_3", "fr", element_line(fr, "sec_3")),
            ("NUM003", "sec_3", "fr", element_line(fr, "sec_3")),
            ("NUM002", "sec_3", "ja", element_line(ja, "sec_3")),
            ("NUM003", "sec_3", "ja", element_line(ja, "sec_3")),
        ]
    )


def test_section_number_differs_between_languages(jpfr, corpus_copy):
    fr = corpus_copy / "fr" / f"{DOC_ID}.xml"
    edit(fr, '<section eId="sec_2" num="2">', '<section eId="sec_2" num="2bis">')
    code, found = findings(jpfr, corpus_copy)
    assert code == 1
    assert found == [("ALN004", "sec_2", "fr", element_line(fr, "sec_2"))]


def test_duplicate_id(jpfr, corpus_copy):
    fr = corpus_copy / "fr" / f"{DOC_ID}.xml"
    edit(fr, 'eId="sec_1__para_2__cl_2"', 'eId="sec_1__para_2__cl_1"')
    code, found = findings(jpfr, corpus_copy)
    assert code == 1
    dup_line = element_line(fr, "sec_1__para_2__cl_1") + 1
    assert ("STR001", "sec_1__para_2__cl_1", "fr", dup_line) in found
    assert ("ALN001", "sec_1__para_2__cl_2", "ja", element_line(corpus_copy / "ja" / f"{DOC_ID}.xml", "sec_1__para_2__cl_2")) in found


def test_empty_clause_text(jpfr, corpus_copy):
    fr = corpus_copy / "fr" / f"{DOC_ID}.xml"
    text = fr.read_text(encoding="utf-8")
    start = text.index('eId="sec_2__para_2__cl_1"')
    gt = text.index(">", start) + 1
    end = text.index("</clause>", gt)
    fr.write_text(text[:gt] + text[end:], encoding="utf-8")
    code, found = findings(jpfr, corpus_copy)
    assert code == 1
    assert found == [("STR002", "sec_2__para_2__cl_1", "fr", element_line(fr, "sec_2__para_2__cl_1"))]


def test_heading_missing_in_french(jpfr, corpus_copy):
    fr = corpus_copy / "fr" / f"{DOC_ID}.xml"
    text = fr.read_text(encoding="utf-8")
    start = text.index("<heading", text.index('eId="sec_2"'))
    end = text.index("</heading>", start) + len("</heading>\n")
    fr.write_text(text[:start] + text[end:].lstrip(" "), encoding="utf-8")
    code, found = findings(jpfr, corpus_copy)
    assert code == 1
    assert found == [("ALN003", "sec_2", "fr", element_line(fr, "sec_2"))]


def test_acts_and_actor_differ(jpfr, corpus_copy):
    fr = corpus_copy / "fr" / f"{DOC_ID}.xml"
    edit(fr, 'eId="sec_3__para_2__cl_1" actor="both" acts="agree"', 'eId="sec_3__para_2__cl_1" actor="fr" acts="welcome"')
    code, found = findings(jpfr, corpus_copy)
    line = element_line(fr, "sec_3__para_2__cl_1")
    assert code == 1
    assert found == [("CMT001", "sec_3__para_2__cl_1", "fr", line), ("CMT002", "sec_3__para_2__cl_1", "fr", line)]


def test_stale_translation_after_japanese_edit_then_accept(jpfr, corpus_copy):
    ja = corpus_copy / "ja" / f"{DOC_ID}.xml"
    fr = corpus_copy / "fr" / f"{DOC_ID}.xml"
    edit(ja, "2026年3月31日に開催された", "2026年4月1日に開催された")
    code, found = findings(jpfr, corpus_copy)
    assert code == 1
    assert found == [("REV001", "preamble__para_2__cl_3", "fr", element_line(fr, "preamble__para_2__cl_3"))]
    before = fr.read_text(encoding="utf-8")
    run = jpfr("accept", DOC_ID, "preamble__para_2__cl_3", "--corpus", str(corpus_copy))
    assert run.exit_code == 0, run
    after = fr.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert len(changed) == 1 and 'eId="preamble__para_2__cl_3"' in changed[0][1]
    assert findings(jpfr, corpus_copy) == (0, [])


def test_missing_hash_is_a_warning(jpfr, corpus_copy):
    fr = corpus_copy / "fr" / f"{DOC_ID}.xml"
    text = fr.read_text(encoding="utf-8")
    start = text.index('eId="sec_1__para_4__cl_1"')
    s = text.index(' src="', start)
    e = text.index('"', s + 6) + 1
    fr.write_text(text[:s] + text[e:], encoding="utf-8")
    code, found = findings(jpfr, corpus_copy)
    assert code == 0  # a warning does not fail the check by default
    assert found == [("REV002", "sec_1__para_4__cl_1", "fr", element_line(fr, "sec_1__para_4__cl_1"))]
    code, _ = findings(jpfr, corpus_copy, "--fail-on", "warning")
    assert code == 1


def test_schema_error_is_a_finding_and_other_checks_still_run(jpfr, corpus_copy):
    fr = corpus_copy / "fr" / f"{DOC_ID}.xml"
    ja = corpus_copy / "ja" / f"{DOC_ID}.xml"
    edit(fr, 'eId="sec_1__para_1__cl_2" actor="both" acts="agree welcome"', 'eId="sec_1__para_1__cl_2" actor="both" acts="agree applaud"')
    remove_element(ja, "sec_3__para_6__cl_1")
    code, found = findings(jpfr, corpus_copy)
    assert code == 1
    line = element_line(fr, "sec_1__para_1__cl_2")
    assert ("XML001", "sec_1__para_1__cl_2", "fr", line) in found
    assert ("ALN001", "sec_3__para_6__cl_1", "fr", element_line(fr, "sec_3__para_6__cl_1")) in found


def test_schema_error_names_the_nearest_eid(jpfr, corpus_copy):
    fr = corpus_copy / "fr" / f"{DOC_ID}.xml"
    text = fr.read_text(encoding="utf-8")
    i = text.index("<heading", text.index('eId="sec_3"'))
    fr.write_text(text[:i] + "<note>aside</note>\n    " + text[i:], encoding="utf-8")
    code, found = findings(jpfr, corpus_copy)
    assert code == 1
    assert [f[:3] for f in found] == [("XML001", "sec_3", "fr")]


def test_text_output_format(jpfr, corpus_copy):
    fr = corpus_copy / "fr" / f"{DOC_ID}.xml"
    remove_element(fr, "sec_2__para_1__cl_2")
    run = jpfr("check", str(corpus_copy), "--select", STRUCTURAL, cwd=corpus_copy.parent)
    lines = run.stdout.strip().splitlines()
    line = element_line(corpus_copy / "ja" / f"{DOC_ID}.xml", "sec_2__para_1__cl_2")
    assert lines[0] == (
        f"corpus/ja/{DOC_ID}.xml:{line}: error ALN001 clause 'sec_2__para_1__cl_2' has no French counterpart [missing-counterpart]"
    )
    assert lines[-1] == "1 error, 0 warnings, 0 notices in 2 files"


def test_json_output_shape(jpfr, corpus_copy):
    remove_element(corpus_copy / "fr" / f"{DOC_ID}.xml", "sec_2__para_1__cl_2")
    run = jpfr("check", str(corpus_copy), "--format", "json", cwd=corpus_copy.parent)
    data = json.loads(run.stdout)
    assert set(data) == {"findings", "summary"}
    assert all(set(f) - {"span"} == {"code", "severity", "file", "line", "eId", "lang", "message"} for f in data["findings"])
    assert data["summary"]["error"] >= 1 and data["summary"]["files"] == 2


def test_checking_one_file_brings_its_counterpart(jpfr, corpus_copy):
    remove_element(corpus_copy / "fr" / f"{DOC_ID}.xml", "sec_2__para_1__cl_2")
    code, found = findings(jpfr, corpus_copy / "fr" / f"{DOC_ID}.xml")
    assert code == 1 and [f[0] for f in found] == ["ALN001"]


@pytest.mark.parametrize("selector", ["ALN001", "missing-counterpart", "ALN"])
def test_select_and_ignore(jpfr, corpus_copy, selector):
    remove_element(corpus_copy / "fr" / f"{DOC_ID}.xml", "sec_2__para_1__cl_2")
    run = jpfr("check", str(corpus_copy), "--select", selector, cwd=corpus_copy.parent)
    assert run.exit_code == 1 and "ALN001" in run.stdout
    run = jpfr("check", str(corpus_copy), "--select", STRUCTURAL, "--ignore", selector, cwd=corpus_copy.parent)
    assert run.exit_code == 0 and "ALN001" not in run.stdout


def test_unknown_rule_selector_is_a_usage_error(jpfr, corpus_copy):
    run = jpfr("check", str(corpus_copy), "--select", "ZZZ999", cwd=corpus_copy.parent)
    assert run.exit_code == 2
    assert "unknown rule" in run.stderr and len(run.stderr.strip().splitlines()) == 1
