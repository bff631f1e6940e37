"""Property test: no rule crashes on a valid model, whatever its text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from strategies import aligned_documents, texts

from jpfr_accord.checks import CheckContext, run_checks


def _doc():
    """Aligned documents whose every node has a location, texts possibly empty (tests/strategies.py)."""
    return aligned_documents(doc_id="x", text=texts(min_size=0, max_size=30, blank=True), with_locs=True, max_clauses=6)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_doc())
def test_no_rule_crashes(pair):
    findings = run_checks([pair], ctx=CheckContext())
    assert all(f.file in ("corpus/ja/x.xml", "corpus/fr/x.xml") for f in findings)
