"""Clause-level changes: what changed, how it is marked, and the bump it suggests."""

from __future__ import annotations

from dataclasses import replace

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jpfr_accord.load import load_document
from jpfr_accord.model import Document
from jpfr_accord.release.changes import compare, mark_changes, typographic_key
from jpfr_accord.release.report import to_html, to_markdown, to_text

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "release" / "corpus"


def docs() -> dict[str, Document]:
    return {lang: load_document(CORPUS / lang / "accord.xml")[0] for lang in ("ja", "fr")}


def edit_clause(doc: Document, eid: str, **changes) -> Document:
    """A copy of ``doc`` with clause ``eid`` changed (text, acts, actor)."""

    def paras(paragraphs):
        return tuple(
            replace(p, clauses=tuple(replace(c, **changes) if c.id == eid else c for c in p.clauses))
            for p in paragraphs
        )

    pre = replace(doc.preamble, paragraphs=paras(doc.preamble.paragraphs)) if doc.preamble else None
    secs = tuple(replace(s, paragraphs=paras(s.paragraphs)) for s in doc.sections)
    return replace(doc, preamble=pre, sections=secs)


def drop_clause(doc: Document, eid: str) -> Document:
    secs = tuple(
        replace(s, paragraphs=tuple(
            replace(p, clauses=tuple(c for c in p.clauses if c.id != eid)) for p in s.paragraphs))
        for s in doc.sections
    )
    return replace(doc, sections=secs)


def swap_clauses(doc: Document, section: int) -> Document:
    sec = doc.sections[section]
    para = sec.paragraphs[0]
    para = replace(para, clauses=tuple(reversed(para.clauses)))
    sec = replace(sec, paragraphs=(para,) + sec.paragraphs[1:])
    return replace(doc, sections=doc.sections[:section] + (sec,) + doc.sections[section + 1:])


def diff(old, new):
    return compare(old, new, doc_id="accord", old_label="1.0.0", new_label="next")


def only(cs, lang):
    return [(c.change, c.eid) for c in next(lc for lc in cs.languages if lc.lang == lang).changes]


def test_identical_versions_have_no_change():
    cs = diff(docs(), docs())
    assert cs.is_empty
    assert cs.suggested_bump == "none"
    assert "No clause or heading changed." in to_markdown(cs)


def test_first_release_says_so():
    cs = compare(None, docs(), doc_id="accord", old_label=None, new_label="1.0.0")
    assert cs.is_first and cs.suggested_bump == "initial"
    assert "first release of this document" in to_markdown(cs)
    assert cs.to_dict()["first_release"] is True


def test_french_wording_change_is_marked_word_by_word_and_minor():
    old = docs()
    new = dict(old, fr=edit_clause(old["fr"], "sec_1__para_1__cl_1",
                                   text="Les deux dirigeants ont confirmé la grande importance d’une IA sûre et digne de confiance."))
    cs = diff(old, new)
    assert only(cs, "fr") == [("changed", "sec_1__para_1__cl_1")]
    assert only(cs, "ja") == []
    change = cs.languages[1].changes[0]
    assert not change.typographic
    assert ["-", "l’importance"] not in change.marks  # whole words, not characters
    assert ["+", "la grande "] in change.marks or ["+", "la grande"] in change.marks
    assert cs.suggested_bump == "minor"
    # the counterpart (Japanese) is shown beside the change
    assert change.counterpart == {"lang": "ja", "text": "両首脳は、安全で信頼できる AI の重要性を確認した。"}
    text = to_text(cs)
    # elided articles are their own word: « l’ » becomes « la grande »
    assert "fr changed sec_1__para_1__cl_1: Les deux dirigeants ont confirmé [-l’-]{+la grande +}importance" in text
    assert "    ja: 両首脳は、安全で信頼できる AI の重要性を確認した。" in text


def test_japanese_change_is_marked_character_by_character():
    marks = mark_changes("研究協力を強化する", "研究交流を強化する", "ja")
    assert marks == [["=", "研究"], ["-", "協力"], ["+", "交流"], ["=", "を強化する"]]
    # French is marked by words, never inside a word
    assert mark_changes("la coopération", "la collaboration", "fr") == [["=", "la "], ["-", "coopération"], ["+", "collaboration"]]


@pytest.mark.parametrize("old,new", [
    ("l’importance d’une IA", "l'importance d'une IA"),          # apostrophes
    ("confiance ?", "confiance\u202f?"),                           # narrow no-break space
    ("« IA »", "«\u00a0IA\u00a0»"),                                # no-break spaces in quotes
    ("2023年", "２０２３年"),                                        # full-width digits
    ("recherche, et", "recherche et"),                            # punctuation
])
def test_typography_only_changes(old, new):
    assert typographic_key(old) == typographic_key(new)


def test_typographic_change_suggests_patch():
    old = docs()
    text = old["fr"].index()["sec_2__para_1__cl_1"].text.replace("’", "'") + " "
    new = dict(old, fr=edit_clause(old["fr"], "sec_1__para_1__cl_1",
                                   text=old["fr"].index()["sec_1__para_1__cl_1"].text.replace("’", "'")))
    cs = diff(old, new)
    (change,) = cs.languages[1].changes
    assert change.change == "changed" and change.typographic
    assert cs.suggested_bump == "patch"
    assert "(typography only)" in to_markdown(cs)
    assert text  # the clause used above exists


def test_acts_change_is_major_and_reported_per_language():
    old = docs()
    new = {lang: edit_clause(d, "sec_1__para_1__cl_2", acts=("agree", "commit")) for lang, d in old.items()}
    cs = diff(old, new)
    assert only(cs, "ja") == [("acts", "sec_1__para_1__cl_2")]
    assert only(cs, "fr") == [("acts", "sec_1__para_1__cl_2")]
    c = cs.languages[0].changes[0]
    assert (c.old_acts, c.new_acts) == (("agree",), ("agree", "commit"))
    assert cs.suggested_bump == "major"
    assert "acts agree -> agree commit" in to_markdown(cs)


def test_removed_and_added_clauses_are_major():
    old = docs()
    new = {lang: drop_clause(d, "sec_1__para_1__cl_2") for lang, d in old.items()}
    cs = diff(old, new)
    assert only(cs, "ja") == [("removed", "sec_1__para_1__cl_2")]
    assert cs.suggested_bump == "major"
    back = compare(new, old, doc_id="accord", old_label="a", new_label="b")
    assert only(back, "fr") == [("added", "sec_1__para_1__cl_2")]
    assert back.suggested_bump == "major"


def test_reordered_clauses_are_moved():
    old = docs()
    new = {lang: swap_clauses(d, 0) for lang, d in old.items()}
    cs = diff(old, new)
    assert [c for c in only(cs, "fr") if c[0] == "moved"]
    assert {c[0] for c in only(cs, "fr")} == {"moved"}
    assert cs.suggested_bump == "minor"


def test_same_text_under_a_new_id_is_a_move_not_add_remove():
    old = docs()

    def renumber(doc):
        sec = doc.sections[1]
        para = sec.paragraphs[0]
        clause = replace(para.clauses[0], id="sec_2__para_1__cl_9")
        para = replace(para, clauses=(clause,))
        return replace(doc, sections=(doc.sections[0], replace(sec, paragraphs=(para,))))

    cs = diff(old, {lang: renumber(d) for lang, d in old.items()})
    (c,) = cs.languages[1].changes
    assert (c.change, c.eid, c.from_eid) == ("moved", "sec_2__para_1__cl_9", "sec_2__para_1__cl_1")


def test_redline_html_escapes_and_marks():
    old = docs()
    new = dict(old, fr=edit_clause(old["fr"], "sec_2__para_1__cl_1", text="Les <b>deux</b> dirigeants & co."))
    html = to_html(diff(old, new))
    assert "&lt;" in html and "&amp;" in html and "<b>" not in html
    assert "<del>" in html and "<ins>" in html
    assert '<td lang="ja">両首脳は、人材交流の進展を歓迎した。</td>' in html


_TEXT = st.text(alphabet=st.sampled_from(list("ab cdé’«»,.;\u202f\u00a0両首脳は、一致した。ＡＩ12")), max_size=40)


@settings(max_examples=300, deadline=None)
@given(old=_TEXT, new=_TEXT, lang=st.sampled_from(["ja", "fr"]))
def test_marks_rebuild_both_texts(old, new, lang):
    marks = mark_changes(old, new, lang)
    assert "".join(t for op, t in marks if op in "=-") == old
    assert "".join(t for op, t in marks if op in "=+") == new
    assert all(t for _, t in marks)  # no empty segment
    assert all(a[0] != b[0] for a, b in zip(marks, marks[1:]))  # runs are merged
