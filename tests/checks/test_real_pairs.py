"""`jpfr check` on official Japan–France pairs (``shared/real/``), aligned by their gold beads.

Both versions of these texts are authentic: every finding would be a false alarm on
a text the project did not write, unless it is a real discrepancy between the two
authentic texts. What must hold (issue #12): no error at all; at most one warning
per 20 clause pairs, each one true; and the lexicons read acts and actors as the
careful reading of ``<id>.acts.tsv`` does.
"""

from __future__ import annotations

import pytest

from real_pairs import PAIRS, REAL, build
from jpfr_accord.checks import run_checks
from jpfr_accord.checks.commitments import act_family, read_clause
from jpfr_accord.errors import Severity


@pytest.fixture(scope="module")
def checked():
    out = {}
    for name in PAIRS:
        rp = build(name)
        out[name] = (rp, run_checks([rp.pair]))
    return out


def test_the_pairs_are_there():
    # shared/ lies beside the checkout (CI lays a copy there); JPFR_REAL_DIR names another place
    assert REAL is not None, "shared/real/ not found beside the checkout; set JPFR_REAL_DIR"
    assert len(PAIRS) >= 4


def test_no_error_on_official_pairs(checked):
    errors = [f.format_text() for _, (_, findings) in checked.items() for f in findings if f.severity == Severity.ERROR]
    assert errors == []


def _true_discrepancy(rp, finding) -> bool:
    """A warning is true when the careful reading says the two texts differ there:
    the acts of the two versions are of different families (確認した / « ont décidé »)."""
    bead = rp.clause_beads.get(finding.eId or "")
    if bead is None:
        return False
    if finding.code in ("CMT003", "CMT004"):
        return {act_family(a) for a in bead.acts_ja} != {act_family(a) for a in bead.acts_fr}
    return False


def test_few_warnings_each_one_true(checked):
    warnings = [(rp, f) for rp, findings in checked.values() for f in findings if f.severity == Severity.WARNING]
    n_pairs = sum(rp.n_clause_pairs for rp, _ in checked.values())
    assert len(warnings) <= max(1, n_pairs // 20), [f.format_text() for _, f in warnings]
    assert [f.format_text() for rp, f in warnings if not _true_discrepancy(rp, f)] == []


def test_findings_say_discrepancy_between_authentic_texts(checked):
    pair_findings = [f for _, findings in checked.values() for f in findings if f.code[:3] in ("CMT", "ENT", "TRM")]
    assert pair_findings, "the pairs have at least one real difference to describe"
    assert all("discrepancy between authentic texts" in f.message for f in pair_findings)


def test_typography_of_an_authentic_text_is_a_notice(checked):
    typography = [f for _, findings in checked.values() for f in findings if f.code.startswith("TYP")]
    assert typography and all(f.severity == Severity.INFO for f in typography)


def _units(name: str, lang: str) -> list[str]:
    return (REAL / f"{name}.{lang}.sents").read_text(encoding="utf-8").splitlines()


def _readings():
    for name in PAIRS:
        rp = build(name)
        units = {lang: _units(name, lang) for lang in ("ja", "fr")}
        for bead in rp.beads:
            if bead.kind != "body" or not bead.ja or not bead.fr:
                continue
            for lang in ("ja", "fr"):
                text = ("" if lang == "ja" else " ").join(units[lang][i] for i in getattr(bead, lang))
                yield name, lang, bead, text


READINGS = list(_readings()) if REAL else []


@pytest.mark.parametrize(("name", "lang", "bead", "text"), READINGS, ids=[f"{r[0]}-{r[1]}-{r[2].ja}" for r in READINGS])
def test_acts_are_read_as_a_careful_reader_reads_them(name, lang, bead, text):
    acts, _ = read_clause(text, lang)
    assert {m.value for m in acts} == set(bead.acts_ja if lang == "ja" else bead.acts_fr), (text, bead.wording_ja, bead.wording_fr)


def test_actors_are_read_as_a_careful_reader_reads_them():
    # the subject of a passive or impersonal clause (決定された, « il a été décidé ») is
    # not read: no actor is better than a wrong one
    read = [(lang, bead.actor, (read_clause(text, lang)[1] or None)) for _, lang, bead, text in READINGS]
    wrong = [(lang, want, got.value, got.text) for lang, want, got in read if got is not None and got.value != want]
    found = sum(1 for _, want, got in read if got is not None and got.value == want)
    assert wrong == []
    assert found >= 0.9 * sum(1 for _, want, _ in read if want is not None)
