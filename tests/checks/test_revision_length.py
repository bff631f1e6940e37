"""Revision (stale after a Japanese edit, clean after accept) and length outliers."""

from __future__ import annotations

import json
from pathlib import Path

from jpfr_testing import DOC_ID, edit, element_line


def findings(jpfr, corpus: Path, select: str) -> tuple[int, list[tuple]]:
    run = jpfr("check", "corpus", "--format", "json", "--select", select, cwd=corpus.parent)
    return run.exit_code, [(f["code"], f["lang"], f["eId"], f["line"]) for f in json.loads(run.stdout)["findings"]]


def test_stale_after_japanese_edit_then_clean_after_accept(jpfr, corpus_copy):
    ja = corpus_copy / "ja" / f"{DOC_ID}.xml"
    fr = corpus_copy / "fr" / f"{DOC_ID}.xml"
    edit(ja, "2026年3月31日に開催された", "2026年4月1日に開催された")
    line = element_line(fr, "preamble__para_2__cl_3")
    # the source changed its date: stale, and the dates now differ
    assert findings(jpfr, corpus_copy, "REV,ENT") == (1, [("ENT002", "fr", "preamble__para_2__cl_3", line), ("REV001", "fr", "preamble__para_2__cl_3", line)])
    edit(fr, "tenue le 31 mars 2026", "tenue le 1er avril 2026")
    assert findings(jpfr, corpus_copy, "REV,ENT") == (1, [("REV001", "fr", "preamble__para_2__cl_3", line)])
    run = jpfr("accept", DOC_ID, "preamble__para_2__cl_3", "--corpus", "corpus", cwd=corpus_copy.parent)
    assert run.exit_code == 0, run
    assert findings(jpfr, corpus_copy, "REV,ENT") == (0, [])


def test_a_heading_goes_stale_and_accept_records_its_review(jpfr, corpus_copy):
    ja = corpus_copy / "ja" / f"{DOC_ID}.xml"
    fr = corpus_copy / "fr" / f"{DOC_ID}.xml"
    edit(ja, "<heading>安全保障のための AI(", "<heading>防衛のための AI(")
    line = fr.read_text(encoding="utf-8").splitlines().index(next(
        x for x in fr.read_text(encoding="utf-8").splitlines() if "<heading" in x and "sécurité économique" in x)) + 1
    assert findings(jpfr, corpus_copy, "REV") == (1, [("REV001", "fr", "sec_2", line)])
    run = jpfr("accept", DOC_ID, "sec_2__heading", "--corpus", "corpus", cwd=corpus_copy.parent)
    assert run.exit_code == 0, run
    assert findings(jpfr, corpus_copy, "REV") == (0, [])
    assert 'src="sha256:' in next(x for x in fr.read_text(encoding="utf-8").splitlines() if "sécurité économique" in x)


def test_a_french_edit_needs_no_accept(jpfr, corpus_copy):
    fr = corpus_copy / "fr" / f"{DOC_ID}.xml"
    edit(fr, "ont souligné l’importance cruciale", "ont souligné l’importance capitale")
    assert findings(jpfr, corpus_copy, "REV") == (0, [])


def test_two_truncated_clauses_are_both_reported(jpfr, corpus_copy):
    # robust statistics: the first outlier does not widen the norm enough to hide the second
    fr = corpus_copy / "fr" / f"{DOC_ID}.xml"
    edit(
        fr,
        "est susceptible d’apporter des avantages tels que l’amélioration de la précision, de l’exactitude et de l’efficacité, le renforcement de la connaissance et de la compréhension de la situation, la facilitation d’une analyse rapide de l’information, ainsi que la réduction des erreurs humaines et des besoins en personnel.",
        "est susceptible d’apporter des avantages.",
    )
    edit(
        fr,
        "ont reconnu l’importance stratégique d’approfondir la coopération économique dans le domaine de l’IA, notamment par la promotion des échanges commerciaux et des investissements bilatéraux, le soutien à la sécurité économique, le renforcement de la coopération dans les technologies à double usage, la promotion des liens entre leurs écosystèmes d’innovation respectifs et le soutien à la mise en relation entre industriels et start-up.",
        "ont reconnu l’importance stratégique d’approfondir la coopération économique dans le domaine de l’IA.",
    )
    code, found = findings(jpfr, corpus_copy, "LEN")
    assert code == 0  # warnings
    assert found == [
        ("LEN001", "fr", "sec_1__para_3__cl_1", element_line(fr, "sec_1__para_3__cl_1")),
        ("LEN001", "fr", "sec_2__para_1__cl_1", element_line(fr, "sec_2__para_1__cl_1")),
    ]


def test_fail_on_warning_makes_warnings_fail(jpfr, corpus_copy):
    fr = corpus_copy / "fr" / f"{DOC_ID}.xml"
    # a body replaced (OCDE → OTAN) is an error now; English quotation marks are a warning
    edit(fr, "conformément au «\u202fprocessus d’Hiroshima sur l’IA\u202f»", "conformément au “processus d’Hiroshima sur l’IA”")
    assert jpfr("check", "corpus", cwd=corpus_copy.parent).exit_code == 0
    assert jpfr("check", "corpus", "--fail-on", "warning", cwd=corpus_copy.parent).exit_code == 1
