"""Property test: no rule crashes on a valid model, whatever its text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jpfr_accord.checks import CheckContext, run_checks
from jpfr_accord.model import ACTS, AlignedDocument, Clause, Document, Meta, Paragraph, Preamble, SourceLoc

ALPHABET = "両首脳は、認識した。年月日第回目〇一二三十令和「」()（）０１２ AIGOECDabcé«»\u202f\u00a0’':;!?0123456789/-.–"
texts = st.text(alphabet=ALPHABET, max_size=80)


def _doc(lang: str, clause_texts: list[str], acts: list[tuple[str, ...]], **kw) -> Document:
    clauses = tuple(
        Clause(id=f"preamble__para_1__cl_{i + 1}", text=t, actor="both", acts=a, loc=SourceLoc(path=f"corpus/{lang}/x.xml", line=i + 3))
        for i, (t, a) in enumerate(zip(clause_texts, acts))
    )
    return Document(
        id="x", lang=lang, status="authentic" if lang == "ja" else "working-translation", meta=Meta(title="t"),
        preamble=Preamble(paragraphs=(Paragraph(id="preamble__para_1", clauses=clauses),)), loc=SourceLoc(path=f"corpus/{lang}/x.xml", line=2), **kw,
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(texts, texts, st.lists(st.sampled_from(ACTS), max_size=2, unique=True)), min_size=1, max_size=12)
)
def test_no_rule_crashes(rows):
    ja = _doc("ja", [r[0] for r in rows], [tuple(r[2]) for r in rows])
    fr = _doc("fr", [r[1] for r in rows], [tuple(r[2]) for r in rows], source_lang="ja")
    findings = run_checks([AlignedDocument(source=ja, target=fr)], ctx=CheckContext())
    assert all(f.file in ("corpus/ja/x.xml", "corpus/fr/x.xml") for f in findings)
