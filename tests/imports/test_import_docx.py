"""`jpfr import-docx`: a Word file rendered by jpfr, edited as the other side would
(python-docx standing in for Word: a direct edit, tracked changes, comments), read
back into the corpus by bookmark; files for another document or restructured are
refused whole, and nothing is written without --accept-changes."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.run import Run

from docx_testing import find_soffice, libreoffice_convert
from jpfr_accord.imports.docx import import_docx
from jpfr_accord.load import load_pair
from jpfr_accord.render import render_docx

ROOT = Path(__file__).resolve().parents[2]
DOC_ID = "ai-cooperation-2026"


@pytest.fixture
def corpus(tmp_path) -> Path:
    dest = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", dest)
    return dest


@pytest.fixture
def rendered(corpus, tmp_path, monkeypatch) -> Path:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return render_docx(load_pair(DOC_ID, corpus), tmp_path / "sent.docx")


def bookmark(document, name: str):
    for el in document.element.body.iter(qn("w:bookmarkStart")):
        if el.get(qn("w:name")) == name:
            return el
    raise AssertionError(name)


def tracked(kind: str, text: str, rid: str):
    """A ``w:ins`` or ``w:del`` holding one run, as Word writes a tracked change."""
    change = OxmlElement(f"w:{kind}")
    for attr, value in (("w:id", rid), ("w:author", "Ambassade de France"), ("w:date", "2026-04-02T10:00:00Z")):
        change.set(qn(attr), value)
    run = OxmlElement("w:r")
    t = OxmlElement("w:delText" if kind == "del" else "w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    run.append(t)
    change.append(run)
    return change


def clause_text(corpus: Path, lang: str, eid: str) -> str:
    return next(c.text for c in load_pair(DOC_ID, corpus)[lang].clauses() if c.id == eid)


A, B, C = "preamble__para_1__cl_1", "sec_1__para_1__cl_1", "sec_1__para_1__cl_2"


@pytest.fixture
def edited(rendered, corpus, tmp_path) -> Path:
    """The returned file: A edited directly, B with a tracked insertion, C with a
    tracked deletion of its first words; comments on C (fr) and on B (ja)."""
    document = docx.Document(str(rendered))
    t = bookmark(document, f"fr_{A}").getnext().find(qn("w:t"))
    t.text = t.text.replace("Le Président", "Le président", 1)
    bookmark(document, f"fr_{B}").getnext().addnext(tracked("ins", " (texte ajouté)", "901"))
    run = bookmark(document, f"fr_{C}").getnext()
    t = run.find(qn("w:t"))
    head = "Les deux dirigeants "
    assert t.text.startswith(head)
    t.text = t.text[len(head):]
    run.addprevious(tracked("del", head, "902"))
    run.addprevious(tracked("ins", "Ils ", "903"))
    paragraph = document.paragraphs[0]
    document.add_comment([Run(run, paragraph)], text="« Ils » suffit ici", author="Ambassade de France")
    ja_run = bookmark(document, f"ja_{B}").getnext()
    document.add_comment([Run(ja_run, paragraph)], text="原文の確認をお願いします", author="外務省")
    dest = tmp_path / "returned.docx"
    document.save(str(dest))
    return dest


def test_unedited_file_changes_nothing(rendered, corpus, jpfr):
    before = (corpus / "fr" / f"{DOC_ID}.xml").read_bytes()
    run = jpfr("import-docx", rendered, "--id", DOC_ID, "--corpus", corpus, "--accept-changes")
    assert run.exit_code == 0, run
    assert "updated 0 clauses" in run.stdout and run.stderr == ""
    assert (corpus / "fr" / f"{DOC_ID}.xml").read_bytes() == before


def test_review_without_accept_reports_per_clause_and_writes_nothing(edited, corpus, jpfr):
    before = (corpus / "fr" / f"{DOC_ID}.xml").read_bytes()
    run = jpfr("import-docx", edited, "--id", DOC_ID, "--corpus", corpus)
    assert run.exit_code == 0, run
    out = run.stdout
    assert f"{edited}: {A} (fr): would change: 'Le Président de …' -> 'Le président de …'" in out
    assert f"{edited}: {B} (fr): tracked insertion '(texte ajouté)'" in out
    assert f"{edited}: {C} (fr): tracked deletion 'Les deux dirigeants'" in out
    assert f"{edited}: {C} (fr): tracked insertion 'Ils'" in out
    assert f"{edited}: {C} (fr): comment by Ambassade de France: '« Ils » suffit ici'" in out
    assert f"{edited}: {B} (ja): comment by 外務省: '原文の確認をお願いします'" in out
    assert "3 clauses changed" in out and "rerun with --accept-changes" in out
    assert (corpus / "fr" / f"{DOC_ID}.xml").read_bytes() == before


def test_accept_writes_only_the_changed_clauses_with_changes_accepted(edited, corpus, jpfr):
    path = corpus / "fr" / f"{DOC_ID}.xml"
    before_lines = path.read_text(encoding="utf-8").splitlines()
    old = {eid: clause_text(corpus, "fr", eid) for eid in (A, B, C)}
    run = jpfr("import-docx", edited, "--id", DOC_ID, "--corpus", corpus, "--accept-changes")
    assert run.exit_code == 0, run
    assert f"updated 3 clauses in {path}" in run.stdout.replace(str(corpus) + "/fr", str(path.parent))
    assert clause_text(corpus, "fr", A) == old[A].replace("Le Président", "Le président", 1)
    assert clause_text(corpus, "fr", B) == old[B] + " (texte ajouté)"
    assert clause_text(corpus, "fr", C) == "Ils " + old[C][len("Les deux dirigeants "):]
    after_lines = path.read_text(encoding="utf-8").splitlines()
    changed = [i for i, (x, y) in enumerate(zip(before_lines, after_lines)) if x != y]
    assert len(before_lines) == len(after_lines) and len(changed) == 3  # the rest of the file, byte for byte
    assert all(f'eId="{eid}"' in "".join(after_lines[i] for i in changed) for eid in (A, B, C))
    again = jpfr("import-docx", edited, "--id", DOC_ID, "--corpus", corpus)
    assert "no clause changed" in again.stdout, again


def test_text_typed_after_a_bookmark_belongs_to_that_clause_with_a_note(rendered, corpus, tmp_path):
    document = docx.Document(str(rendered))
    start = bookmark(document, f"fr_{B}")
    end = start.getnext().getnext()
    assert end.tag == qn("w:bookmarkEnd")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = " Fin."
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    end.addnext(run)
    document.save(str(tmp_path / "after.docx"))
    result = import_docx(tmp_path / "after.docx", DOC_ID, corpus, accept=True)
    assert result.changed == [B]
    assert clause_text(corpus, "fr", B).endswith("». Fin.")
    assert any("outside the bookmarks" in n and B in n for n in result.notes)


def test_tracked_change_in_the_source_column_is_reported_not_imported(rendered, corpus, tmp_path):
    document = docx.Document(str(rendered))
    bookmark(document, f"ja_{B}").getnext().addnext(tracked("ins", "（追記）", "910"))
    document.save(str(tmp_path / "ja.docx"))
    before = (corpus / "ja" / f"{DOC_ID}.xml").read_bytes()
    result = import_docx(tmp_path / "ja.docx", DOC_ID, corpus, accept=True)
    assert [(r.eid, r.lang, r.insertions) for r in result.reviews] == [(B, "ja", ["（追記）"])]
    assert result.changed == [] and (corpus / "ja" / f"{DOC_ID}.xml").read_bytes() == before


def _delete_row(d):
    tr = d.tables[1].rows[2]._tr
    tr.getparent().remove(tr)


def _merge_cells(d):
    d.tables[1].cell(1, 0).merge(d.tables[1].cell(1, 1))


def _swap_rows(d):
    d.tables[1].rows[2]._tr.addnext(d.tables[1].rows[1]._tr)


def _other_document(d):
    d.core_properties.identifier = "another-declaration"


def _edit_source(d):
    t = bookmark(d, f"ja_{A}").getnext().find(qn("w:t"))
    t.text = t.text.replace("日本国", "日本", 1)


def _delete_clause(d):
    start = bookmark(d, f"fr_{C}")
    run, end = start.getnext(), start.getnext().getnext()
    for el in (start, run, end):
        el.getparent().remove(el)


def _other_layout(d):
    d.core_properties.category = "jpfr-accord columns left=ja"


@pytest.mark.parametrize("damage,message", [
    (_delete_row, "row 3 of table 2 lacks the bookmark of 'sec_1__para_2__cl_1' (ja) (a row deleted, moved or merged"),
    (_merge_cells, "row 2 of table 2 has 1 cell, the rendered document 2 (cells merged or split)"),
    (_swap_rows, "row 2 of table 2 lacks the bookmark of 'sec_1__para_1__cl_1' (ja)"),
    (_other_document, "the file is for document 'another-declaration', not 'ai-cooperation-2026'"),
    (_edit_source, "1 clause of the source text does not match the corpus"),
    (_delete_clause, "row 2 of table 2 lacks the bookmark of 'sec_1__para_1__cl_2' (fr)"),
    (_other_layout, "the document property 'category' is 'jpfr-accord columns left=ja'"),
])
def test_foreign_or_restructured_file_is_refused_whole(rendered, corpus, tmp_path, jpfr, damage, message):
    document = docx.Document(str(rendered))
    bookmark(document, f"fr_{A}").getnext().find(qn("w:t")).text = "Texte changé."  # an edit that must not land
    damage(document)
    document.save(str(tmp_path / "bad.docx"))
    before = {p: p.read_bytes() for p in corpus.rglob("*.xml")}
    run = jpfr("import-docx", tmp_path / "bad.docx", "--id", DOC_ID, "--corpus", corpus, "--accept-changes")
    assert run.exit_code == 2, run
    assert run.stderr.startswith(f"jpfr: error: {tmp_path / 'bad.docx'}: ") and message in run.stderr, run.stderr
    assert run.stderr.count("\n") == 1 and "nothing imported" in run.stderr
    assert {p: p.read_bytes() for p in corpus.rglob("*.xml")} == before


@pytest.mark.parametrize("content,message", [
    (b"not a zip", "not a Word document (.docx)"),
    (None, "no main document part"),
    (b"", "not a Word document (.docx)"),
])
def test_not_a_word_file_exits_2_with_one_line(corpus, tmp_path, jpfr, content, message):
    path = tmp_path / "x.docx"
    if content is None:
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("hello.txt", "hi")
    else:
        path.write_bytes(content)
    run = jpfr("import-docx", path, "--id", DOC_ID, "--corpus", corpus)
    assert run.exit_code == 2 and run.stderr.startswith("jpfr: error: ") and message in run.stderr, run
    assert run.stderr.count("\n") == 1


def test_hostile_xml_and_zip_bomb_are_refused(rendered, corpus, tmp_path, jpfr):
    with zipfile.ZipFile(rendered) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    doc = parts["word/document.xml"]
    evil = doc.replace(b"?>", b'?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1)
    bomb = {**parts, "word/document.xml": b"<w:document>" + b" " * (17 * 1024 * 1024) + b"</w:document>"}
    for name, content in (("evil", {**parts, "word/document.xml": evil}), ("bomb", bomb)):
        path = tmp_path / f"{name}.docx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for part, data in content.items():
                zf.writestr(part, data)
        run = jpfr("import-docx", path, "--id", DOC_ID, "--corpus", corpus)
        assert run.exit_code == 2 and run.stderr.startswith("jpfr: error: "), run
        assert ("DOCTYPE" in run.stderr) if name == "evil" else ("more than" in run.stderr), run.stderr


def test_unknown_document_and_source_language_are_refused(rendered, corpus, jpfr):
    run = jpfr("import-docx", rendered, "--id", "nope", "--corpus", corpus)
    assert run.exit_code == 2 and "'nope' in 'fr' is not in the corpus" in run.stderr, run
    run = jpfr("import-docx", rendered, "--id", DOC_ID, "--corpus", corpus, "--lang", "ja")
    assert run.exit_code == 2 and "source language" in run.stderr, run


def test_interleaved_file_round_trips_too(corpus, tmp_path):
    path = render_docx(load_pair(DOC_ID, corpus), tmp_path / "i.docx", layout="interleaved")
    document = docx.Document(str(path))
    t = bookmark(document, f"fr_{C}").getnext().find(qn("w:t"))
    t.text = t.text.replace("G7", "Groupe des Sept", 1)
    document.save(str(path))
    result = import_docx(path, DOC_ID, corpus, accept=True)
    assert result.changed == [C] and "Groupe des Sept" in clause_text(corpus, "fr", C)


def test_a_file_saved_again_by_libreoffice_still_imports(rendered, corpus, tmp_path):
    """LibreOffice (standing in for a word processor that rewrites the whole file)
    keeps the bookmarks, the rows and the properties the import relies on."""
    saved = libreoffice_convert(find_soffice(), rendered, tmp_path / "lo", "docx:MS Word 2007 XML")
    result = import_docx(saved, DOC_ID, corpus)
    assert result.pending == [] and result.notes == [] and result.unchanged == 30


def _edit_corpus(corpus: Path, eid: str, old: str, new: str) -> None:
    path = corpus / "fr" / f"{DOC_ID}.xml"
    text = path.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if f'eId="{eid}"' in line)
    assert old in line
    path.write_text(text.replace(line, line.replace(old, new, 1)), encoding="utf-8")


def test_a_corpus_edit_made_since_the_file_was_sent_is_kept(edited, corpus):
    """The file records each clause as rendered: a clause the other side left alone
    does not bring back the text the corpus had when the file was sent."""
    _edit_corpus(corpus, "sec_1__para_2__cl_1", "Les deux dirigeants", "Les dirigeants des deux pays")
    result = import_docx(edited, DOC_ID, corpus, accept=True)
    assert sorted(result.changed) == sorted([A, B, C]) and result.notes == []
    assert clause_text(corpus, "fr", "sec_1__para_2__cl_1").startswith("Les dirigeants des deux pays")


def test_a_clause_changed_on_both_sides_refuses_the_file(edited, corpus, jpfr):
    _edit_corpus(corpus, A, "Le Président", "Monsieur le Président")
    before = (corpus / "fr" / f"{DOC_ID}.xml").read_bytes()
    run = jpfr("import-docx", edited, "--id", DOC_ID, "--corpus", corpus, "--accept-changes")
    assert run.exit_code == 2, run
    assert f"1 clause changed both in the file and in {corpus}/fr/{DOC_ID}.xml since the file was rendered" \
        in run.stderr and f"'{A}' (fr)" in run.stderr
    assert (corpus / "fr" / f"{DOC_ID}.xml").read_bytes() == before


def test_without_the_record_every_difference_counts_as_an_edit_with_a_note(rendered, corpus, tmp_path):
    stripped = tmp_path / "stripped.docx"
    with zipfile.ZipFile(rendered) as src, zipfile.ZipFile(stripped, "w") as dest:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "docProps/custom.xml":
                continue
            if info.filename == "_rels/.rels":
                data = data.replace(b"custom.xml", b"missing.xml")
            dest.writestr(info, data)
    _edit_corpus(corpus, A, "Le Président", "Monsieur le Président")
    result = import_docx(stripped, DOC_ID, corpus)
    assert result.pending == [A]  # the file's older text would replace the corpus's: said, not written
    assert any("does not record the text it was rendered with" in n for n in result.notes)


def test_a_japanese_only_file_has_nothing_to_import(corpus, tmp_path, jpfr):
    path = render_docx(load_pair(DOC_ID, corpus), tmp_path / "ja.docx", layout="ja")
    run = jpfr("import-docx", path, "--id", DOC_ID, "--corpus", corpus)
    assert run.exit_code == 2 and "the file shows no 'fr' text (layout 'ja'); nothing imported" in run.stderr, run


def test_a_file_from_a_release_imports_without_notes(corpus, tmp_path):
    path = render_docx(load_pair(DOC_ID, corpus), tmp_path / "r.docx", version="1.2.0", date="2026-04-01")
    result = import_docx(path, DOC_ID, corpus)
    assert result.pending == [] and result.notes == [] and result.unchanged == 30


def test_text_typed_over_a_placeholder_is_reported_not_imported(tmp_path):
    corpus = tmp_path / "draft-corpus"
    shutil.copytree(ROOT / "tests" / "fixtures" / "render", corpus)
    path = render_docx(load_pair("draft", corpus), tmp_path / "draft.docx")
    document = docx.Document(str(path))
    t = bookmark(document, "fr_sec_1__para_2__cl_1").getnext().find(qn("w:t"))
    assert t.text == "[traduction manquante]"
    t.text = "Les deux dirigeants ont confirmé le dialogue."
    document.save(str(path))
    before = (corpus / "fr" / "draft.xml").read_bytes()
    result = import_docx(path, "draft", corpus, accept=True)
    assert result.changed == [] and (corpus / "fr" / "draft.xml").read_bytes() == before
    assert any("in place of 'sec_1__para_2__cl_1', which the fr text lacks, not imported" in n for n in result.notes)


def test_a_proposed_deletion_of_a_whole_clause_and_a_comment_on_the_title_are_reported(rendered, corpus, tmp_path):
    document = docx.Document(str(rendered))
    run = bookmark(document, f"fr_{C}").getnext()
    t = run.find(qn("w:t"))
    run.addprevious(tracked("del", t.text, "920"))
    run.getparent().remove(run)
    title = document.paragraphs[0]
    document.add_comment(title.runs, text="Titre à revoir", author="Ambassade de France")
    document.save(str(tmp_path / "del.docx"))
    before = (corpus / "fr" / f"{DOC_ID}.xml").read_bytes()
    result = import_docx(tmp_path / "del.docx", DOC_ID, corpus, accept=True)
    assert result.changed == [] and (corpus / "fr" / f"{DOC_ID}.xml").read_bytes() == before
    assert [r.deletions for r in result.reviews if r.eid == C] == [[t.text]]
    assert any(f"'{C}' (fr) is deleted in the file; not imported" in n for n in result.notes)
    assert any("comment by Ambassade de France outside every clause: 'Titre à revoir'" in n for n in result.notes)


def test_an_edited_heading_is_imported_after_its_number(rendered, corpus, jpfr, tmp_path):
    document = docx.Document(str(rendered))
    t = bookmark(document, "fr_sec_1").getnext().find(qn("w:t"))
    assert t.text == "1. Sûreté de l’IA (gouvernance internationale)"
    t.text = "1. Sûreté et sécurité de l’IA (gouvernance internationale)"
    t2 = bookmark(document, "fr_sec_2").getnext().find(qn("w:t"))
    t2.text = t2.text.replace("2. ", "II. ", 1)  # a renumbered heading is not taken
    document.save(str(tmp_path / "h.docx"))
    run = jpfr("import-docx", tmp_path / "h.docx", "--id", DOC_ID, "--corpus", corpus, "--accept-changes")
    assert run.exit_code == 0, run
    assert "updated 0 clauses and 1 heading" in run.stdout
    assert "the heading of 'sec_2' (fr) no longer begins with its number '2.'" in run.stderr
    sec = load_pair(DOC_ID, corpus).target.sections[0]
    assert sec.heading.text == "Sûreté et sécurité de l’IA (gouvernance internationale)"
