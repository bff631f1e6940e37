"""`jpfr import`: plain text / Markdown -> corpus XML skeleton."""

from __future__ import annotations


from jpfr_testing import CORPUS, DOC_ID, ROOT
from jpfr_accord.imports.text import import_text, split_sentences
from jpfr_accord.load import load_document

SEED = ROOT / "tests" / "fixtures" / "import" / "declaration-ai-2026.ja.txt"


def _skeleton(doc):
    return [
        (type(n).__name__, n.id, getattr(n, "text", None), getattr(n, "num", None),
         getattr(getattr(n, "heading", None), "text", None))
        for n in doc.iter_nodes()
    ]


def test_seed_text_gives_the_committed_japanese_corpus(jpfr, tmp_path):
    out = tmp_path / "ja.xml"
    run = jpfr("import", str(SEED), "--lang", "ja", "--id", DOC_ID, "-o", str(out))
    assert run.exit_code == 0, run
    imported, findings = load_document(out)
    committed, _ = load_document(CORPUS / "ja" / f"{DOC_ID}.xml")
    assert findings == []
    assert imported.meta.title == committed.meta.title
    assert _skeleton(imported) == _skeleton(committed)
    # the guesses are listed for review, one line per clause
    assert run.stderr.count("guessed actor=") == 30
    assert "joined to the previous paragraph" in run.stderr


def test_guessed_actors_and_acts_match_the_reviewed_corpus():
    imported = import_text(SEED, lang="ja", doc_id=DOC_ID).document
    committed, _ = load_document(CORPUS / "ja" / f"{DOC_ID}.xml")
    assert [c.actor for c in imported.clauses()] == [c.actor for c in committed.clauses()]
    assert [c.acts for c in imported.clauses()] == [c.acts for c in committed.clauses()]
    assert next(c for c in imported.clauses() if c.id == "sec_1__para_4__cl_1").actor == "fr"


def test_page_break_is_repaired_and_headings_made_consistent():
    doc = import_text(SEED, lang="ja", doc_id=DOC_ID).document
    assert [s.num for s in doc.sections] == ["1", "2", "3"]  # the seed mixes ### and ##
    para = next(p for p in doc.paragraphs if p.id == "sec_1__para_3")
    assert para.clauses[-1].text.startswith("両首脳はまた")
    assert "必要性と共に、「軍事領域" in para.clauses[-1].text


def test_refuses_to_overwrite_unless_forced(jpfr, tmp_path):
    out = tmp_path / "ja.xml"
    out.write_text("keep me")
    run = jpfr("import", str(SEED), "--lang", "ja", "--id", DOC_ID, "-o", str(out))
    assert run.exit_code == 2 and "file exists; pass --force" in run.stderr
    assert out.read_text() == "keep me"
    run = jpfr("import", str(SEED), "--lang", "ja", "--id", DOC_ID, "-o", str(out), "--force")
    assert run.exit_code == 0 and out.read_text().startswith("<?xml")


def test_markdown_headings_and_french_sentences(tmp_path, jpfr):
    src = tmp_path / "decl.md"
    src.write_text(
        "# Déclaration d’essai\n\n"
        "Les deux dirigeants ont salué la visite de M. Dupont, cf. art. 3 du traité. Ils sont convenus de poursuivre.\n\n"
        "## 1. Coopération\n\n"
        "Les deux dirigeants ont souligné l’importance\nde la coopération « à tous les niveaux. Vraiment ». Ils ont appelé à agir\n\n"
        "rapidement.\n\n"
        "### 2. Suivi\n\nLes deux dirigeants sont convenus de se revoir.\n",
        encoding="utf-8",
    )
    out = tmp_path / "fr.xml"
    run = jpfr("import", str(src), "--lang", "fr", "--id", "essai", "--source-lang", "ja", "-o", str(out))
    assert run.exit_code == 0, run
    doc, findings = load_document(out)
    assert findings == [] and doc.status == "working-translation" and doc.source_lang == "ja"
    assert doc.meta.title == "Déclaration d’essai"
    pre = [c.text for c in doc.preamble.paragraphs[0].clauses]
    assert pre == [
        "Les deux dirigeants ont salué la visite de M. Dupont, cf. art. 3 du traité.",
        "Ils sont convenus de poursuivre.",
    ]
    sec1 = [c.text for c in doc.sections[0].paragraphs[0].clauses]
    assert sec1 == [
        "Les deux dirigeants ont souligné l’importance de la coopération « à tous les niveaux. Vraiment ».",
        "Ils ont appelé à agir rapidement.",
    ]
    assert [s.id for s in doc.sections] == ["sec_1", "sec_2"]
    assert all(c.actor == "both" for c in doc.clauses())


def test_japanese_sentences_do_not_split_inside_quotes():
    assert split_sentences("両首脳は、「A。B」を歓迎した。また、支持した。", "ja") == [
        "両首脳は、「A。B」を歓迎した。",
        "また、支持した。",
    ]


def test_kanji_chapter_headings(tmp_path):
    src = tmp_path / "x.txt"
    src.write_text("共同声明\n\n前文です。\n\n第一章 総則\n\n本文です。\n\n第十二章 雑則\n\n終わり。\n", encoding="utf-8")
    doc = import_text(src, lang="ja", doc_id="x").document
    assert [(s.id, s.heading.text) for s in doc.sections] == [("sec_1", "総則"), ("sec_12", "雑則")]


def test_bad_inputs(jpfr, tmp_path):
    sjis = tmp_path / "sjis.txt"
    sjis.write_bytes("タイトル\n\n本文。\n".encode("shift_jis"))
    run = jpfr("import", str(sjis), "--lang", "ja", "--id", "x", "-o", str(tmp_path / "o.xml"))
    assert run.exit_code == 2 and f"{sjis}:1: file is not valid UTF-8" in run.stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n")
    run = jpfr("import", str(empty), "--lang", "ja", "--id", "x", "-o", str(tmp_path / "o.xml"))
    assert run.exit_code == 2 and "no text to import" in run.stderr
    run = jpfr("import", str(tmp_path / "missing.txt"), "--lang", "ja", "--id", "x", "-o", str(tmp_path / "o.xml"))
    assert run.exit_code == 2 and run.stderr.endswith("missing.txt: no such file\n")
    run = jpfr("import", str(empty.with_name("x.txt")), "--lang", "ja", "--id", "../x", "-o", str(tmp_path / "o.xml"))
    assert run.exit_code == 2
    assert not (tmp_path / "o.xml").exists()


def test_size_limit_applies_to_the_imported_text(jpfr, tmp_path, monkeypatch):
    monkeypatch.setenv("JPFR_MAX_BYTES", "100")
    run = jpfr("import", str(SEED), "--lang", "ja", "--id", DOC_ID, "-o", str(tmp_path / "o.xml"))
    assert run.exit_code == 2 and "over the limit of 100" in run.stderr
    assert not (tmp_path / "o.xml").exists()
