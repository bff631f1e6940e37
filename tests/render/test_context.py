"""The view model: order, pairing, ids, labels, notices, display normalisation."""

from __future__ import annotations

from dataclasses import replace

from pathlib import Path

import pytest

from jpfr_accord.errors import UnknownFormatError
from jpfr_accord.render.context import LAYOUTS, build_view, display_segments


def test_layouts_are_registered_as_data():
    assert LAYOUTS == ("side-by-side", "interleaved", "ja", "fr")


def test_rows_follow_the_source_and_pair_by_eid(pair):
    view = build_view(pair)
    kinds = [(r.kind, r.eid) for r in view.rows]
    assert kinds[:4] == [
        ("para", "preamble__para_1"),
        ("para", "preamble__para_2"),
        ("para", "preamble__para_3"),
        ("heading", "sec_1"),
    ]
    assert len([r for r in view.rows if r.kind == "heading"]) == len(pair.source.sections)
    for row in view.rows:
        assert [c.lang for c in row.cells] == ["ja", "fr"]
        if row.kind == "para":
            ja, fr = row.cells
            assert [c.eid for c in ja.clauses] == [c.eid for c in fr.clauses]


def test_left_language_owns_the_bare_ids_and_points_to_its_counterpart(pair):
    view = build_view(pair)
    row = next(r for r in view.rows if r.eid == "sec_1__para_2")
    ja, fr = row.cells
    assert ja.clauses[0].html_id == "sec_1__para_2__cl_1"
    assert fr.clauses[0].html_id == "fr-sec_1__para_2__cl_1"
    assert ja.clauses[0].counterpart_id == "fr-sec_1__para_2__cl_1"
    assert fr.clauses[0].counterpart_id == "sec_1__para_2__cl_1"
    flipped = build_view(pair, left="fr")
    row = next(r for r in flipped.rows if r.eid == "sec_1__para_2")
    assert [c.lang for c in row.cells] == ["fr", "ja"]
    assert row.cells[0].clauses[0].html_id == "sec_1__para_2__cl_1"
    assert flipped.lang == "fr"


def test_working_translation_gets_the_bilingual_notice(pair):
    view = build_view(pair)
    assert [(n.lang, n.text) for n in view.notices] == [
        ("ja", "「仮訳」"),
        ("fr", "«\u202fTraduction de travail — non officielle\u202f»"),
    ]
    assert view.version == "unreleased"
    assert build_view(pair, version="1.2.0").version == "1.2.0"


def test_authentic_text_alone_has_no_notice(pair):
    view = build_view(pair, layout="ja")
    assert view.notices == ()
    assert [c.lang for c in view.columns] == ["ja"]
    # both titles are still shown (running header)
    assert [t.lang for t in view.titles] == ["ja", "fr"]


def test_draft_notice_version_and_missing_paragraph(draft_pair):
    view = build_view(draft_pair)
    assert view.version == "0.3.0"
    assert "Projet" in view.notices[1].text and view.notices[0].text == "「案」"
    row = next(r for r in view.rows if r.eid == "sec_1__para_2")
    assert row.cells[1].is_missing and row.cells[1].clauses == ()
    assert row.cells[0].clauses[0].counterpart_id is None


def test_display_normalisation_folds_whitespace_only_at_render_time(draft_pair):
    view = build_view(draft_pair)
    clause = next(c for r in view.rows for c in (r.cells[0].clauses if r.kind == "para" else ()) if c.eid.endswith("cl_2"))
    # runs fold to one space; a source line break between Japanese characters disappears
    assert clause.text == "両首脳はまた、G7 の重要性を強調した。"
    # the model keeps the text as written
    assert "G7   の" in next(c.text for c in draft_pair.source.clauses() if c.id == clause.eid)


def test_narrow_no_break_space_is_drawn_narrow_in_pdf_only():
    text = "«\u202fDurabilité\u202f»"
    assert [s.text for s in display_segments(text, "html")] == [text]
    segments = display_segments(text, "pdf")
    assert [(s.text, s.is_narrow_space) for s in segments] == [
        ("«", False), ("\u00a0", True), ("Durabilité", False), ("\u00a0", True), ("»", False)
    ]


@pytest.mark.parametrize("kwargs", [{"layout": "columns"}, {"left": "de"}, {"paper": "a3"}, {"layout": "de"}])
def test_unknown_names_list_the_valid_ones(pair, kwargs):
    with pytest.raises(UnknownFormatError) as err:
        build_view(pair, **kwargs)
    assert "valid:" in str(err.value)


def test_duplicate_ids_stop_rendering_instead_of_hiding_text(draft_pair):
    from jpfr_accord.errors import RenderError

    ja = draft_pair.source
    sec = ja.sections[0]
    doubled = replace(ja, sections=(sec, sec))
    broken = replace(draft_pair, source=doubled)
    with pytest.raises(RenderError) as err:
        build_view(broken)
    assert "duplicate eId 'sec_1'" in str(err.value)
    path = Path(err.value.loc.path)
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if 'eId="sec_1"' in text)
    assert path.name == "draft.xml" and path.parent.name == "ja" and err.value.loc.line == line


def test_dateline_and_signatories_come_from_the_metadata_in_each_language(draft_pair, pair):
    view = build_view(draft_pair)
    assert [c.dateline for c in view.columns] == ["2026年3月31日、東京", "Tokyo, le 31 mars 2026"]
    assert view.columns[1].signatories == ("La Première ministre du Japon", "Le Président de la République française")
    # nothing is invented when the metadata is silent
    assert [c.dateline for c in build_view(pair).columns] == [None, None]
    assert all(c.signatories == () for c in build_view(pair).columns)
