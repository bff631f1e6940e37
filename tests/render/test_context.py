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


def test_each_language_has_its_own_ids_in_every_layout_and_order(pair):
    """#ja-<eId> is the Japanese clause and #fr-<eId> the French one, whichever
    language is on the left and in one-language layouts; <eId> names the pair."""
    for kwargs in ({}, {"left": "fr"}, {"layout": "fr"}, {"layout": "ja"}, {"layout": "interleaved"}):
        view = build_view(pair, **kwargs)
        row = next(r for r in view.rows if r.eid == "sec_1__para_2")
        for cell in row.cells:
            assert cell.html_id == f"{cell.lang}-sec_1__para_2"
            assert cell.clauses[0].html_id == f"{cell.lang}-sec_1__para_2__cl_1"
            assert cell.clauses[0].eid == "sec_1__para_2__cl_1"
    view = build_view(pair)
    ja, fr = next(r for r in view.rows if r.eid == "sec_1__para_2").cells
    assert ja.clauses[0].counterpart_id == "fr-sec_1__para_2__cl_1"
    assert fr.clauses[0].counterpart_id == "ja-sec_1__para_2__cl_1"
    flipped = build_view(pair, left="fr")
    assert [c.lang for c in next(r for r in flipped.rows if r.eid == "sec_1__para_2").cells] == ["fr", "ja"]
    assert flipped.lang == "fr"


def test_notice_names_the_version_it_is_about_in_each_language_without_quotes(pair):
    view = build_view(pair)
    assert [(n.lang, n.text) for n in view.notices] == [
        ("ja", "仏語文は仮訳（非公式）"),
        ("fr", "Le texte français est une traduction de travail, non officielle"),
    ]
    assert not any(q in n.text for n in view.notices for q in "「」«»")


def test_version_is_worded_in_the_page_languages_never_in_english(pair):
    view = build_view(pair)
    assert [c.version for c in view.columns] == ["未公開版", "version non publiée"]
    assert "unreleased" not in view.description + view.keywords + "".join(c.version for c in view.columns)
    assert [c.version for c in build_view(pair, version="1.2.0").columns] == ["版：1.2.0", "version 1.2.0"]


def test_authentic_text_alone_has_no_notice(pair):
    view = build_view(pair, layout="ja")
    # the French version is still a working translation: its notice stays, in both languages
    assert [n.lang for n in view.notices] == ["ja", "fr"]
    assert [c.lang for c in view.columns] == ["ja"]
    # both titles are still shown (running header)
    assert [t.lang for t in view.titles] == ["ja", "fr"]


def test_draft_notice_version_and_missing_paragraph(draft_pair):
    view = build_view(draft_pair)
    assert [c.version for c in view.columns] == ["版：0.3.0", "version 0.3.0"]
    assert [n.text for n in view.notices] == [
        "日本語文は案（未確定）", "Le texte japonais est un projet, non officiel",
        "仏語文は案（未確定）", "Le texte français est un projet, non officiel",
    ]
    row = next(r for r in view.rows if r.eid == "sec_1__para_2")
    ja, fr = row.cells
    assert fr.is_missing
    # the French side shows one marked placeholder per Japanese clause
    assert [c.text for c in fr.clauses] == ["[traduction manquante]"] * len(ja.clauses)
    assert all(c.is_missing for c in fr.clauses) and not any(c.is_missing for c in ja.clauses)
    assert ("fr", "sec_1__para_2", "paragraph") in {(m.lang, m.eid, m.kind) for m in view.missing}


def test_a_missing_clause_is_a_placeholder_in_its_place_and_listed(pair):
    fr = pair.target
    sec = fr.sections[0]
    para = sec.paragraphs[1]
    gone = para.clauses[0].id
    cut = replace(para, clauses=para.clauses[1:])
    broken = replace(pair, target=replace(fr, sections=(replace(sec, paragraphs=(sec.paragraphs[0], cut, *sec.paragraphs[2:])), *fr.sections[1:])))
    for layout in ("side-by-side", "interleaved", "fr"):
        view = build_view(broken, layout=layout)
        row = next(r for r in view.rows if r.eid == para.id)
        fr_cell = next(c for c in row.cells if c.lang == "fr")
        assert fr_cell.clauses[0].eid == gone and fr_cell.clauses[0].is_missing
        assert fr_cell.clauses[0].text == "[traduction manquante]"
        assert [(m.lang, m.eid, m.kind) for m in view.missing] == [("fr", gone, "clause")]
    ja_side = build_view(replace(broken, source=broken.target, target=broken.source), layout="side-by-side")
    assert ja_side.missing[0].lang == "fr"


def test_column_widths_follow_the_lengths_of_the_texts(pair):
    view = build_view(pair)
    ja, fr = (float(c.width.rstrip("%")) for c in view.columns)
    assert abs(ja + fr - 100) < 0.2
    # the French text takes about 1.6 times the room of the Japanese one
    assert 33 < ja < 45
    assert build_view(pair, left="fr").columns[0].width == view.columns[1].width


def test_colophon_gives_the_reason_for_allowed_findings(pair):
    assert build_view(pair).colophon == ()
    view = build_view(pair, allowed_findings="urgent signing")
    assert [n.lang for n in view.colophon] == ["ja", "fr"]
    assert all("urgent signing" in n.text for n in view.colophon)


def test_outline_labels_are_bilingual_and_the_preamble_has_one(pair):
    view = build_view(pair)
    assert view.rows[0].bookmark_label == "前文 / Préambule"
    heading = next(r for r in view.rows if r.kind == "heading")
    assert heading.cells[0].is_bookmark and not heading.cells[1].is_bookmark
    assert heading.cells[0].bookmark_label.startswith("1．") and " / 1. " in heading.cells[0].bookmark_label


def test_display_normalisation_folds_whitespace_only_at_render_time(draft_pair):
    view = build_view(draft_pair)
    clause = next(c for r in view.rows for c in (r.cells[0].clauses if r.kind == "para" else ()) if c.eid.endswith("cl_2"))
    # runs fold to one space; a source line break between Japanese characters disappears
    assert clause.text == "両首脳はまた、G7 の重要性を強調した。"
    # the model keeps the text as written
    assert "G7   の" in next(c.text for c in draft_pair.source.clauses() if c.id == clause.eid)


def test_narrow_no_break_space_is_drawn_narrow_in_pdf_only():
    text = "«\u202fDurabilité\u202f»"
    assert [s.text for s in display_segments(text, "html", "fr")] == [text]
    segments = display_segments(text, "pdf", "fr")
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
    assert [c.dateline for c in view.columns] == ["2026年3月31日、東京", "Tokyo, le 31\u00a0mars\u00a02026"]
    assert view.columns[1].signatories == ("La Première ministre du Japon", "Le Président de la République française")
    # nothing is invented when the metadata is silent
    assert [c.dateline for c in build_view(pair).columns] == [None, None]
    assert all(c.signatories == () for c in build_view(pair).columns)
