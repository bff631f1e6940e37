"""The workbench's library side: saves, refusals, accept, states, marks, suggestions."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from jpfr_testing import ROOT, edit
from jpfr_accord.errors import Severity
from jpfr_accord.model import text_hash
from jpfr_accord.serve.page import build_page, marked_pieces
from jpfr_accord.serve.suggest import suggest
from jpfr_accord.serve.workspace import Conflict, Invalid, NotFound, Workspace, review_state

from serve_testing import DOC, OTHER

CL = "preamble__para_2__cl_3"
OLD_DATE, NEW_DATE = "31 mars 2026", "30 mars 2026"


def _clause(state, eid, lang="fr"):
    return next(c for c in state.pair[lang].clauses() if c.id == eid)


def test_save_rewrites_only_the_clause_and_rechecks(two_docs):
    ws = Workspace(two_docs)
    path = two_docs / "fr" / f"{DOC}.xml"
    before = path.read_bytes()
    state = ws.document(DOC)
    old = _clause(state, CL).text
    new_text = old.replace("31 mars 2026", "30 mars 2026")
    state2, changed = ws.save(DOC, "clause", CL, new_text, state.version)
    assert changed == [CL]
    assert path.read_bytes() == before.replace(old.encode(), new_text.encode())
    assert [f.code for f in state2.findings if f.eId == CL and f.severity == Severity.ERROR] == ["ENT002"]
    assert state2.version != state.version
    state3, _ = ws.save(DOC, "clause", CL, old, state2.version)
    assert path.read_bytes() == before
    assert not [f for f in state3.findings if f.eId == CL]


def test_heading_and_title_are_saved_in_place(two_docs):
    ws = Workspace(two_docs)
    path = two_docs / "fr" / f"{DOC}.xml"
    before = path.read_text(encoding="utf-8")
    state = ws.document(DOC)
    heading = state.pair.target.sections[0].heading.text
    state, _ = ws.save(DOC, "heading", "sec_1", "Sûreté de l’IA", state.version)
    title = state.pair.target.meta.title
    state, changed = ws.save(DOC, "title", None, "Déclaration conjointe (projet)", state.version)
    assert changed == ["meta__title"]
    assert f">{heading}</heading>" in before
    expected = before.replace(f">{heading}</heading>", ">Sûreté de l’IA</heading>", 1)
    expected = expected.replace(f"<title>{title}</title>", "<title>Déclaration conjointe (projet)</title>", 1)
    assert path.read_text(encoding="utf-8") == expected
    assert state.pair.target.meta.title == "Déclaration conjointe (projet)"


def test_markup_typed_in_a_clause_is_stored_as_text(two_docs):
    ws = Workspace(two_docs)
    state = ws.document(DOC)
    text = 'Texte <b>gras</b> & « x » <!-- non --> ]]>'
    state, _ = ws.save(DOC, "clause", CL, text, state.version)
    raw = (two_docs / "fr" / f"{DOC}.xml").read_text(encoding="utf-8")
    assert "Texte &lt;b&gt;gras&lt;/b&gt; &amp; « x » &lt;!-- non --&gt; ]]&gt;" in raw
    assert _clause(state, CL).text == text


@pytest.mark.parametrize("kind,node,text,reason", [
    ("clause", CL, "un caractère \x01 de contrôle", r"U\+0001"),
    ("title", None, "", "would not be valid"),
    ("clause", "sec_99__para_1__cl_1", "x", "no clause"),
    ("heading", "preamble__para_1", "x", "no section"),
])
def test_an_edit_that_cannot_be_stored_is_refused_and_nothing_is_written(two_docs, kind, node, text, reason):
    ws = Workspace(two_docs)
    folder = two_docs / "fr"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    state = ws.document(DOC)
    with pytest.raises((Invalid, NotFound), match=reason):
        ws.save(DOC, kind, node, text, state.version)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_save_on_a_file_changed_on_disk_is_refused(two_docs):
    ws = Workspace(two_docs)
    path = two_docs / "fr" / f"{DOC}.xml"
    state = ws.document(DOC)
    edit(path, "Par ailleurs, ils", "En outre, ils")  # the translator's own editor
    outside = path.read_bytes()
    with pytest.raises(Conflict, match="changed on disk"):
        ws.save(DOC, "clause", "preamble__para_2__cl_2", "Nouveau texte.", state.version)
    assert path.read_bytes() == outside
    # a change to the source file counts too: the page showed another source text
    state = ws.document(DOC)
    edit(two_docs / "ja" / f"{DOC}.xml", "歓迎した。", "歓迎する。")
    with pytest.raises(Conflict):
        ws.accept(DOC, CL, state.version)


def test_accept_records_the_source_hash_of_a_stale_clause(two_docs):
    edit(two_docs / "ja" / f"{DOC}.xml", "歓迎した。", "歓迎する。")
    ws = Workspace(two_docs)
    state = ws.document(DOC)
    assert review_state(_clause(state, CL, "ja"), _clause(state, CL)) == "stale"
    assert [f.code for f in state.findings if f.eId == CL and f.code.startswith("REV")]
    state, changed = ws.accept(DOC, CL, state.version)
    assert changed == [CL]
    assert _clause(state, CL).src == text_hash(_clause(state, CL, "ja").text)
    assert f'src="{text_hash(_clause(state, CL, "ja").text)}"' in (two_docs / "fr" / f"{DOC}.xml").read_text(encoding="utf-8")
    assert not [f for f in state.findings if f.eId == CL and f.code.startswith("REV")]


def test_listing_counts_findings_and_states(two_docs):
    edit(two_docs / "ja" / f"{DOC}.xml", "歓迎した。", "歓迎する。")
    path = two_docs / "fr" / f"{OTHER}.xml"
    text = path.read_text(encoding="utf-8")
    start = text.index(' src="sha256:')
    path.write_text(text[:start] + text[start + len(' src="sha256:') + 65:], encoding="utf-8")
    rows = {r.doc_id: r for r in Workspace(two_docs).listing()}
    assert sorted(rows) == [DOC, OTHER]
    assert rows[DOC].clauses == 30 and rows[DOC].stale == 1 and rows[DOC].unreviewed == 0
    assert rows[OTHER].clauses == 2 and rows[OTHER].unreviewed == 1 and rows[OTHER].stale == 0
    assert rows[DOC].by_severity["info"] >= 1


def test_review_states():
    from jpfr_accord.model import Clause

    src = Clause(id="a", text="両首脳は歓迎した。")
    assert review_state(src, None) == "missing" and review_state(None, src) == "missing"
    assert review_state(src, Clause(id="a", text="x")) == "unreviewed"
    assert review_state(src, Clause(id="a", text="x", src=text_hash(src.text))) == "reviewed"
    assert review_state(src, Clause(id="a", text="x", src=text_hash("autre"))) == "stale"


@dataclass
class _Spanned:
    severity: Severity
    span: tuple[int, int] | None


def test_marks_follow_the_span_and_the_highest_severity():
    text = "Les deux dirigeants ont salué le G7."
    pieces = marked_pieces(text, [_Spanned(Severity.WARNING, (4, 19)), _Spanned(Severity.ERROR, (9, 19)),
                                  _Spanned(Severity.INFO, (0, 999)), _Spanned(Severity.INFO, None)])
    assert [(p.text, p.mark) for p in pieces] == [
        ("Les ", None), ("deux ", "warning"), ("dirigeants", "error"), (" ont salué le G7.", None)]
    assert "".join(p.text for p in pieces) == text
    # bidirectional controls are shown, not obeyed, without moving the marks
    pieces = marked_pieces("a\u202eb", [_Spanned(Severity.ERROR, (2, 3))])
    assert [(p.text, p.mark) for p in pieces] == [("a‹U+202E›", None), ("b", "error")]


def test_page_puts_each_finding_at_its_text(two_docs):
    edit(two_docs / "fr" / f"{DOC}.xml", "31 mars 2026", "30 mars 2026")
    page = build_page(Workspace(two_docs).document(DOC))
    row = next(r for r in page.rows if r.eid == CL)
    assert row.kind == "clause" and row.state == "reviewed" and row.severity == "error"
    source, target = row.units
    assert source.lang == "ja" and not source.is_editable and target.lang == "fr" and target.is_editable
    assert [f.code for f in target.findings] == ["ENT002"]
    assert {e.title for e in target.findings[0].explain} >= {"What", "Why"}
    assert [r.kind for r in page.rows[:2]] == ["title", "clause"]
    assert sum(1 for r in page.rows if r.kind == "clause") == 30
    assert page.states["findings"] >= 1


def test_suggestions_come_from_the_other_documents(two_docs):
    ws = Workspace(two_docs)
    followup = ws.document(OTHER).pair
    others = [s.pair for s in ws.others(OTHER)]
    assert [p.id for p in others] == [DOC]
    found = suggest(next(followup.source.clauses()).text, others)
    assert found and found[0].doc_id == DOC and found[0].eid == "sec_1__para_1__cl_1"
    assert 80 <= found[0].score < 100
    assert found[0].target.startswith("Les deux dirigeants ont confirmé l’importance de promouvoir")
    assert all(a.score >= b.score for a, b in zip(found, found[1:]))
    # the quantum clause has no earlier wording worth showing
    assert suggest(list(followup.source.clauses())[1].text, others) == []


@pytest.mark.parametrize("when", ["validating the private copy", "putting the file in place"])
def test_a_crash_while_saving_leaves_the_previous_file(two_docs, tmp_path, when):
    path = two_docs / "fr" / f"{DOC}.xml"
    before = path.read_bytes()
    arm_late = when == "putting the file in place"
    code = (
        "import os; import jpfr_accord.serve.workspace as w\n"
        "real = w.edit_clauses\n"
        "def edit_then_arm(*a, **k):\n"
        "    out = real(*a, **k); os.environ['JPFR_TEST_KILL_AT'] = 'before-commit'; return out\n"
        f"if {arm_late!r}: w.edit_clauses = edit_then_arm\n"
        f"ws = w.Workspace({str(two_docs)!r}); s = ws.document({DOC!r})\n"
        f"ws.save({DOC!r}, 'clause', {CL!r}, 'Texte neuf.', s.version)\n"
    )
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "TMPDIR": str(scratch)}
    if not arm_late:
        env["JPFR_TEST_KILL_AT"] = "before-commit"
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == sorted([f"{DOC}.xml", f"{OTHER}.xml"])


def test_unknown_documents_are_not_found(two_docs):
    ws = Workspace(two_docs)
    for doc_id in ("nope", "../corpus", "..", "AI", ""):
        with pytest.raises(NotFound):
            ws.document(doc_id)


def test_a_stale_heading_is_shown_and_accepted(two_docs):
    edit(two_docs / "ja" / f"{DOC}.xml", "<heading>AI の安全性(国際的ガバナンス)</heading>", "<heading>AI の安全性</heading>")
    ws = Workspace(two_docs)
    state = ws.document(DOC)
    heading_row = next(r for r in build_page(state).rows if r.eid == "sec_1")
    assert heading_row.kind == "heading" and heading_row.state == "stale" and heading_row.accept_id == "sec_1__heading"
    state, changed = ws.accept(DOC, "sec_1__heading", state.version)
    assert changed == ["sec_1__heading"]
    assert f'<heading src="{text_hash("AI の安全性")}">' in (two_docs / "fr" / f"{DOC}.xml").read_text(encoding="utf-8")
    assert next(r for r in build_page(state).rows if r.eid == "sec_1").state == "reviewed"
    with pytest.raises(NotFound):
        ws.accept(DOC, "sec_99__heading", state.version)


def test_comments_attribute_order_and_indentation_survive_a_save(two_docs):
    path = two_docs / "fr" / f"{DOC}.xml"
    edit(path, "  <preamble>\n", "  <!-- relu par M. Dupont, le 2 avril -->\n  <preamble>\n")
    # attributes in another order than the canonical one, an odd indentation
    edit(path, f'      <clause eId="{CL}" actor="both" acts="welcome"', f'\t\t   <clause acts="welcome" actor="both" eId="{CL}"')
    edit(path, "</declaration>", "</declaration>\n<!-- fin -->")
    before = path.read_bytes()
    ws = Workspace(two_docs)
    state = ws.document(DOC)
    old = _clause(state, CL).text
    ws.save(DOC, "clause", CL, "Texte revu.", state.version)
    assert path.read_bytes() == before.replace(old.encode(), "Texte revu.".encode())


def test_a_clause_missing_in_the_translation_is_shown_as_missing(two_docs):
    from jpfr_testing import remove_element

    remove_element(two_docs / "fr" / f"{DOC}.xml", CL)
    page = build_page(Workspace(two_docs).document(DOC))
    row = next(r for r in page.rows if r.eid == CL)
    assert row.state == "missing" and row.units[0] is not None and row.units[1] is None
    assert row.accept_id == CL and row.severity == "error"  # the alignment rules report it on the source
    assert page.states["missing"] == 1


def test_the_re_check_after_a_save_recomputes_only_the_edited_clause(two_docs):
    ws = Workspace(two_docs)
    state = ws.document(DOC)
    stats = ws._results.stats
    for key in stats:
        stats[key] = 0
    ws.save(DOC, "clause", CL, _clause(state, CL).text.replace(OLD_DATE, NEW_DATE), state.version)
    # the French document and the pair each have one clause entry to recompute; the rest is served
    assert stats["clause_misses"] == 2
    assert stats["clause_hits"] >= 2 * 29 + 30  # fr document, pair, and the unchanged ja document
