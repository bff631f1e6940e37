"""The Word document, read back with python-docx as Word would show it: layouts,
headings, header and footer, fonts and languages per run, bookmarks per clause,
deterministic bytes, and the ``--to docx`` / ``--to all`` command line."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Mm

from docx_testing import bookmarked_runs, q, run_text
from jpfr_accord.render import render_docx
from jpfr_accord.render.context import build_view
from jpfr_accord.render.typography import fold
from jpfr_accord.render.docx import bookmark_name

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
DOC_ID = "ai-cooperation-2026"
KANA_KANJI = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def shown(text: str, lang: str | None = None) -> str:  # noqa: ARG001 - the same in every language
    """The stored text, whitespace folded: what the Word file shows (no display typography)."""
    return fold(text)


@pytest.fixture(scope="module")
def corpus_docx(pair, no_epoch, tmp_path_factory) -> Path:
    return render_docx(pair, tmp_path_factory.mktemp("docx") / f"{DOC_ID}.docx")


@pytest.fixture(scope="module")
def document(corpus_docx):
    return docx.Document(str(corpus_docx))


def all_runs(document):
    section = document.sections[0]
    for part in (document.element.body, section.header._element, section.footer._element):
        yield from part.iter(q("w:r"))


def test_side_by_side_is_one_table_per_section_with_a_row_per_paragraph_pair(pair, document):
    ja, fr = pair.source, pair.target
    groups = [ja.preamble.paragraphs] + [s.paragraphs for s in ja.sections if s.paragraphs]
    assert len(document.tables) == len(groups)
    fr_index = fr.index()
    for table, paras in zip(document.tables, groups):
        rows = table.rows
        assert len(rows) == 1 + len(paras)  # the column heads, then one row per paragraph
        assert [c.text for c in rows[0].cells] == ["日本語 — 正文", "Français — traduction de travail"]
        for row, para in zip(rows[1:], paras):
            ja_cell, fr_cell = row.cells
            assert ja_cell.text == "".join(shown(c.text) for c in para.clauses)
            assert fr_cell.text == " ".join(shown(c.text) for c in fr_index[para.id].clauses)
    header = document.tables[0].rows[0]._tr
    assert header.find(f"{q('w:trPr')}/{q('w:tblHeader')}") is not None, "column heads repeat on every page"


def test_section_headings_are_heading_styles_with_both_languages(pair, document):
    headings = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    assert len(headings) == len(pair.source.sections)
    for para, ja_sec, fr_sec in zip(headings, pair.source.sections, pair.target.sections):
        assert para.text == f"{ja_sec.num}．{shown(ja_sec.heading.text)}\n{fr_sec.num}. {shown(fr_sec.heading.text)}"
    # Word's navigation pane lists outline levels: Heading 1 is level 1 in the built-in style
    assert document.styles["Heading 1"].element.find(f"{q('w:pPr')}/{q('w:outlineLvl')}") is not None


def test_title_in_both_languages_first(pair, document):
    titles = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert titles == [pair.source.meta.title, pair.target.meta.title]
    assert document.paragraphs[0].style.name == "Title"


def test_every_page_header_has_the_bilingual_notice_and_the_footer_a_page_field(pair, document):
    section = document.sections[0]
    assert not section.different_first_page_header_footer
    header = "\n".join(p.text for p in section.header.paragraphs)
    notices = build_view(pair).notices
    assert {n.lang for n in notices} == {"ja", "fr"}
    assert "仏語文は仮訳（非公式）" in header and "Le texte français est une traduction de travail" in header
    assert all(n.text in header for n in notices)
    assert "Français — traduction de travail" in header
    footer = section.footer._element
    assert [i.text for i in footer.iter(q("w:instrText"))] == [" PAGE "]
    assert [c.get(q("w:fldCharType")) for c in footer.iter(q("w:fldChar"))] == ["begin", "separate", "end"]
    assert "未公開版 / version non publiée — 1" == section.footer.paragraphs[0].text


def test_a4_by_default_and_letter_on_request(pair, document, tmp_path):
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    letter = docx.Document(str(render_docx(pair, tmp_path / "l.docx", paper="letter"))).sections[0]
    assert (letter.page_width, letter.page_height) == (Mm(215.9), Mm(279.4))


def test_every_run_carries_fonts_and_language_matching_its_text(document):
    runs = list(all_runs(document))
    assert len(runs) > 100
    for run in runs:
        rpr = run.find(q("w:rPr"))
        assert rpr is not None, run_text(run)
        fonts, lang = rpr.find(q("w:rFonts")), rpr.find(q("w:lang"))
        assert fonts is not None and lang is not None, run_text(run)
        assert lang.get(q("w:eastAsia")) == "ja-JP"
        assert fonts.get(q("w:eastAsia")) == "Yu Mincho"
        assert fonts.get(q("w:asciiTheme")) is None  # a theme font would override ours
        if KANA_KANJI.search(run_text(run)):
            assert lang.get(q("w:val")) == "ja-JP", run_text(run)
            assert fonts.get(q("w:hint")) == "eastAsia"
        elif re.search(r"[a-zé]{4}", run_text(run)) and not re.search("version|unreleased", run_text(run)):
            assert lang.get(q("w:val")) == "fr-FR", run_text(run)
            assert fonts.get(q("w:ascii")) == fonts.get(q("w:hAnsi")) == "Times New Roman"


def test_a_bookmark_per_clause_and_heading_holds_exactly_its_text(pair, document):
    marks = bookmarked_runs(document.element.body)
    expected = {}
    for doc in (pair.source, pair.target):
        for clause in doc.clauses():
            expected[bookmark_name(doc.lang, clause.id)] = (doc.lang, shown(clause.text))
        for sec in doc.sections:
            expected[bookmark_name(doc.lang, sec.id)] = (doc.lang, None)
    assert set(marks) == set(expected)
    for name, (lang, text) in expected.items():
        runs = marks[name]
        if text is not None:
            assert "".join(run_text(r) for r in runs) == text, name
        assert {r.find(f"{q('w:rPr')}/{q('w:lang')}").get(q("w:val")) for r in runs} == {f"{lang}-{lang.upper()}" if lang == "fr" else "ja-JP"}


def test_bookmark_names_are_valid_word_names():
    assert bookmark_name("fr", "sec_1__para_2__cl_1") == "fr_sec_1__para_2__cl_1"
    long = bookmark_name("fr", "sec_12__para_31__list_2__point_4__cl_10")
    assert len(long) <= 40 and re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", long)
    assert long != bookmark_name("fr", "sec_12__para_31__list_2__point_4__cl_11")


def test_no_break_spaces_are_kept(pair, document):
    text = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    expected = sum(c.text.count("\u202f") for c in pair.target.clauses())
    assert expected > 0 and text.count("\u202f") == expected


def test_core_properties_name_the_document_and_no_invented_date(pair, document):
    props = document.core_properties
    assert props.identifier == DOC_ID
    assert props.title.startswith(pair.source.meta.title) and pair.target.meta.title in props.title
    assert props.language == "ja-JP"
    assert props.category == "jpfr-accord side-by-side left=ja"
    assert props.author == "" and props.created is None and props.modified is None  # no date in the corpus


def test_same_inputs_same_bytes_and_fixed_zip_entries(pair, corpus_docx, no_epoch, tmp_path):
    again = render_docx(pair, tmp_path / "again.docx")
    assert again.read_bytes() == corpus_docx.read_bytes()
    with zipfile.ZipFile(corpus_docx) as zf:
        infos = zf.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert "docProps/thumbnail.jpeg" not in [i.filename for i in infos]


def test_source_date_epoch_and_document_date_become_the_creation_date(pair, draft_pair, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1775000000")
    first = render_docx(pair, tmp_path / "a.docx")
    assert docx.Document(str(first)).core_properties.created.isoformat() == "2026-03-31T23:33:20+00:00"
    assert render_docx(pair, tmp_path / "b.docx").read_bytes() == first.read_bytes()
    draft = docx.Document(str(render_docx(draft_pair, tmp_path / "d.docx")))
    assert draft.core_properties.created.date().isoformat() == "2026-03-31"  # the document's own date wins


def test_interleaved_puts_each_french_clause_under_its_japanese_one(pair, tmp_path):
    document = docx.Document(str(render_docx(pair, tmp_path / "i.docx", layout="interleaved")))
    assert document.tables == []
    body = [p for p in document.paragraphs if p.style.name.startswith("Clause")]
    fr = {c.id: c for c in pair.target.clauses()}
    expected = []
    for clause in pair.source.clauses():
        expected += [("Clause (ja)", shown(clause.text)), ("Clause (fr)", shown(fr[clause.id].text))]
    assert [(p.style.name, p.text) for p in body] == expected


def test_one_language_shows_that_language_with_both_titles(pair, tmp_path):
    document = docx.Document(str(render_docx(pair, tmp_path / "fr.docx", layout="fr")))
    names = set(bookmarked_runs(document.element.body))
    assert names and all(n.startswith("fr_") for n in names)
    assert [p.text for p in document.paragraphs if p.style.name == "Title"] == [
        pair.target.meta.title, pair.source.meta.title]
    assert not KANA_KANJI.search("".join(p.text for p in document.paragraphs if p.style.name == "Clause (fr)"))


def test_draft_missing_paragraph_is_a_marked_placeholder_and_markup_stays_text(draft_pair, tmp_path):
    document = docx.Document(str(render_docx(draft_pair, tmp_path / "draft.docx")))
    header = "\n".join(p.text for p in document.sections[0].header.paragraphs)
    assert "仏語文は案（未確定）" in header and "Le texte français est un projet, non officiel" in header
    cells = [[c.text for c in r.cells] for t in document.tables for r in t.rows[1:]]
    assert any(ja and fr == "[traduction manquante]" for ja, fr in cells)  # sec_1__para_2 has no French
    placeholder = bookmarked_runs(document.element.body)["fr_sec_1__para_2__cl_1"]
    assert [run_text(r) for r in placeholder] == ["[traduction manquante]"]
    assert placeholder[0].find(f"{q('w:rPr')}/{q('w:i')}") is not None
    assert any("<b>vraiment</b>" in fr for _, fr in cells)
    footer = document.sections[0].footer.paragraphs[0].text
    assert footer == "版：0.3.0 / version 0.3.0 — 1"
    datelines = [p.text for p in document.paragraphs if p.alignment is not None and p.alignment == 2]
    assert "Tokyo, le 31\u00a0mars\u00a02026" in datelines  # the view's dateline, no-break spaces kept


def test_cli_to_docx_and_to_all(jpfr, tmp_path):
    run = jpfr("render", DOC_ID, "--corpus", CORPUS, "--to", "docx", "-o", tmp_path / "one.docx")
    assert run.exit_code == 0 and f"wrote {tmp_path / 'one.docx'}" in run.stdout, run
    run = jpfr("render", DOC_ID, "--corpus", CORPUS, "--to", "all", "-o", tmp_path / "all")
    assert run.exit_code == 0, run
    assert sorted(p.name for p in (tmp_path / "all").iterdir()) == [f"{DOC_ID}.{s}" for s in ("docx", "html", "pdf")]
    assert (tmp_path / "all" / f"{DOC_ID}.docx").read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("args,message", [
    (("--to", "pdf", "-o", "out.docx"), "a .pdf file name is needed"),
    (("--to", "all", "-o", "out.docx"), "--to all writes 3 files; give a folder"),
    (("--to", "docx", "--layout", "de"), "unknown layout 'de'"),
])
def test_bad_docx_options_exit_2_and_write_nothing(jpfr, tmp_path, args, message):
    run = jpfr("render", DOC_ID, "--corpus", CORPUS, *args, cwd=tmp_path)
    assert run.exit_code == 2 and run.stderr.startswith("jpfr: error: ") and message in run.stderr, run
    assert run.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_check_does_not_import_python_docx():
    import subprocess
    import sys

    code = "import sys, jpfr_accord.cli as c, jpfr_accord.checks; print('docx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_custom_properties_record_each_translated_clause_within_words_limit(pair, corpus_docx):
    from lxml import etree

    from jpfr_accord.render.docx import text_digest

    with zipfile.ZipFile(corpus_docx) as zf:
        root = etree.fromstring(zf.read("docProps/custom.xml"))
    values = {p.get("name"): "".join(p.itertext()) for p in root}
    assert all(name.startswith("jpfr-accord rendered fr ") for name in values)
    assert all(len(v) <= 255 for v in values.values())  # Word cuts text properties at 255 characters
    recorded = dict(e.split("=") for v in values.values() for e in v.split())
    headings = {s.id: text_digest(f"{s.num}. {shown(s.heading.text)}") for s in pair.target.sections}
    assert recorded == {c.id: text_digest(shown(c.text)) for c in pair.target.clauses()} | headings


def test_findings_allowed_are_said_at_the_end_in_both_languages(pair, tmp_path):
    path = render_docx(pair, tmp_path / "f.docx", allowed_findings="draft for discussion")
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    notes = [n.text for n in build_view(pair, allowed_findings="draft for discussion").colophon]
    assert len(notes) == 2 and paragraphs[-2:] == notes
