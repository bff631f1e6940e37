"""Import reads the layouts of real official texts as a reader sees them (title block,
headings and their levels, numbered paragraphs, sentences)."""

from __future__ import annotations

import pytest

from real_files import PAIRS, REAL, SINGLES
from jpfr_accord.imports.text import import_text
from jpfr_accord.imports.units import read_layout, units

TEXTS = [f"{p}.{lang}" for p in PAIRS for lang in ("ja", "fr")] + list(SINGLES)


def _doc(name: str):
    lang = name.rsplit(".", 1)[1]
    return import_text(REAL / f"{name}.txt", lang=lang, doc_id=name.split(".")[0]).document


def _outline(doc):
    return [(s.num, s.level, s.heading.text if s.heading else None, [p.num for p in s.paragraphs]) for s in doc.sections]


@pytest.mark.parametrize("name", [t for t in TEXTS if (REAL / f"{t}.sents").exists()])
def test_units_are_the_units_of_the_sents_file(name):
    lang = name.rsplit(".", 1)[1]
    layout = read_layout((REAL / f"{name}.txt").read_text(encoding="utf-8"), lang)
    assert [u.text for u in units(layout)] == (REAL / f"{name}.sents").read_text(encoding="utf-8").splitlines()


def test_decl_2005_title_subtitle_group_heading_and_numbered_heading():
    ja, fr = _doc("decl-2005.ja"), _doc("decl-2005.fr")
    assert ja.meta.title == "日仏新パートナーシップ宣言"
    assert ja.meta.subtitle == "−国際社会の平和と安定及び繁栄のために−"
    assert fr.meta.title.startswith("Déclaration pour un nouveau partenariat") and fr.meta.subtitle is None
    assert ja.meta.date is None and fr.meta.date is None  # no dateline: nothing invented
    assert _outline(ja) == [("", 1, "日仏関係の枠組みの強化", []), ("1", 2, "ハイレベルの対話の強化", [])]
    assert _outline(fr) == [("", 1, "Renforcer le cadre des relations franco-japonaises", []),
                            ("1", 2, "Développer le dialogue à haut niveau :", [])]
    assert [len(p.clauses) for p in ja.preamble.paragraphs] == [1, 2, 1]
    assert [len(p.clauses) for p in fr.preamble.paragraphs] == [1, 2, 1]


def test_comm_2013_subtitles_and_slash_colon_heading():
    ja, fr = _doc("comm-2013.ja"), _doc("comm-2013.fr")
    assert ja.meta.title == "日仏共同声明"
    assert ja.meta.subtitle.endswith("(partenariat d’exception)」")
    assert fr.meta.subtitle.startswith("Un « partenariat d’exception »")
    assert _outline(ja) == [("1", 1, "共通の価値を通じた連帯", [None])]
    assert _outline(fr) == [("1", 1, "Resserrer la communauté de valeurs", [None])]
    assert [c.text[:6] for c in fr.sections[0].paragraphs[0].clauses] == ["Les de", "Ils so"]


def test_2p2_2014_dateline_goes_to_meta_and_numbered_paragraph_is_a_paragraph():
    ja, fr = _doc("2p2-2014.ja"), _doc("2p2-2014.fr")
    assert (ja.meta.dateline, ja.meta.date, ja.meta.place) == ("2014年1月9日、パリ", "2014-01-09", "パリ")
    assert (fr.meta.dateline, fr.meta.date, fr.meta.place) == ("Le 9 janvier 2014, Paris", "2014-01-09", "Paris")
    assert _outline(ja) == [("", 1, "共有された認識", ["1"])]
    assert _outline(fr) == [("", 1, "Convergence de vues", ["1"])]
    first = fr.sections[0].paragraphs[0].clauses
    assert first[0].text.startswith("1. Les quatre ministres") and len(first) == 2


def test_2p2sum_2017_space_headings_and_parenthesised_paragraphs():
    ja, fr = _doc("2p2sum-2017.ja"), _doc("2p2sum-2017.fr")
    assert ja.meta.subtitle is None and ja.preamble is None
    assert fr.meta.subtitle.startswith("3ème session") and len(fr.preamble.paragraphs[0].clauses) == 2
    assert _outline(ja) == [("1", 1, "総論", ["(1)", "(2)"]), ("2", 1, "安全保障・防衛協力", ["(1)", "(2)"])]
    assert [(n, lvl, ps) for n, lvl, _, ps in _outline(fr)] == [("1", 1, ["(1)", "(2)"]), ("2", 1, ["(1)", "(2)"])]


def test_single_language_texts():
    c14 = _doc("comm-2014.fr")
    assert c14.meta.title.startswith("Communiqué de presse conjoint")
    assert _outline(c14) == [("1", 1, "Resserrer la communauté de valeurs", ["(1)", "(2)"])]
    assert [len(p.clauses) for p in c14.preamble.paragraphs] == [2, 1, 2]
    r18 = _doc("2p2-2018.fr")
    assert r18.sections == () and [p.num for p in r18.preamble.paragraphs] == ["1", "2", "3"]
    assert [len(p.clauses) for p in r18.preamble.paragraphs] == [2, 5, 1]
    road = _doc("roadmap-2019.ja")
    assert road.meta.title.startswith("「特別なパートナーシップ」の下で")
    assert _outline(road) == [("I", 1, "インド太平洋における協力を強化する。", ["1", "2", None])]


@pytest.mark.parametrize("line,num,text", [
    ("1. Coopération", "1", "Coopération"),
    ("1． 協力", "1", "協力"),
    ("1) Coopération", "1", "Coopération"),
    ("1 - Coopération :", "1", "Coopération :"),
    ("1- Coopération", "1", "Coopération"),
    ("1/ Coopération", "1", "Coopération"),
    ("1/: Coopération", "1", "Coopération"),
    ("1 Coopération", "1", "Coopération"),
    ("(1) Coopération", "(1)", "Coopération"),
    ("（1）協力", "(1)", "協力"),
    ("I. Coopération", "I", "Coopération"),
    ("I- Coopération", "I", "Coopération"),
    ("II Coopération", "II", "Coopération"),
    ("一、協力", "1", "協力"),
    ("第1章 協力", "1", "協力"),
    ("第十二章 協力", "12", "協力"),
    ("## 3. Coopération", "3", "Coopération"),
    ("1.2 Coopération", "1.2", "Coopération"),
    ("① 協力", "1", "協力"),
    ("二　協力", "2", "協力"),
    ("Coopération régionale", "", "Coopération régionale"),
])
def test_every_heading_form_is_a_heading_not_glued_to_its_paragraph(line, num, text, tmp_path):
    japanese = any("\u3040" <= c <= "\u9fff" for c in line)
    body = "両首脳は協力を歓迎した。" if japanese else "Les deux dirigeants ont salué la coopération."
    src = tmp_path / "t.txt"
    src.write_text(f"{'共同声明' if japanese else 'Déclaration commune'}\n\n{body}\n\n{line}\n\n{body}\n", encoding="utf-8")
    doc = import_text(src, lang="ja" if japanese else "fr", doc_id="t").document
    assert [(s.num, s.heading.text) for s in doc.sections] == [(num, text)]
    assert doc.sections[0].id == ("hcontainer_1" if not num else "sec_" + num.strip("()").replace(".", "d"))
    assert [c.text for p in doc.sections[0].paragraphs for c in p.clauses] == [body]


def test_sub_levels_are_kept_and_a_numbered_sentence_is_a_paragraph(tmp_path):
    src = tmp_path / "t.txt"
    src.write_text(
        "Déclaration\n\nPréambule de la déclaration.\n\n1. Sécurité\n\n(1) Sécurité maritime\n\n"
        "1. Les deux pays ont décidé de coopérer. Ils ont salué les progrès.\n\n(2) Cyber\n\n"
        "Texte du point deux.\n\n2. Économie\n\nTexte de la section deux.\n",
        encoding="utf-8",
    )
    doc = import_text(src, lang="fr", doc_id="t").document
    assert [(s.id, s.num, s.level) for s in doc.sections] == [
        ("sec_1", "1", 1), ("sec_1__subsec_1", "(1)", 2), ("sec_1__subsec_2", "(2)", 2), ("sec_2", "2", 1)]
    para = doc.sections[1].paragraphs[0]
    assert para.num == "1" and [c.text for c in para.clauses] == [
        "1. Les deux pays ont décidé de coopérer.", "Ils ont salué les progrès."]


def test_two_line_title_block_and_title_option(tmp_path, jpfr):
    src = tmp_path / "t.txt"
    src.write_text("共同声明\n−副題−\n2019年6月26日、東京\n\n両首脳は歓迎した。\n", encoding="utf-8")
    doc = import_text(src, lang="ja", doc_id="t").document
    assert (doc.meta.title, doc.meta.subtitle, doc.meta.date, doc.meta.place) == ("共同声明", "−副題−", "2019-06-26", "東京")
    body = tmp_path / "b.txt"
    body.write_text("Les deux dirigeants ont salué la visite. Ils sont convenus de poursuivre.\n\nIls ont décidé d’agir.\n",
                    encoding="utf-8")
    out = tmp_path / "o.xml"
    run = jpfr("import", str(body), "--lang", "fr", "--id", "t", "-o", str(out))
    assert run.exit_code == 2 and "no title line" in run.stderr and "--title" in run.stderr and not out.exists()
    doc = import_text(body, lang="fr", doc_id="t", title="Déclaration").document
    assert doc.meta.title == "Déclaration" and len(doc.preamble.paragraphs) == 2  # never its first paragraph


def test_french_dateline_without_place(tmp_path):
    src = tmp_path / "t.txt"
    src.write_text("Déclaration conjointe\n\nle 11 janvier 2019\n\nLes deux ministres ont salué la visite.\n", encoding="utf-8")
    doc = import_text(src, lang="fr", doc_id="t").document
    assert (doc.meta.dateline, doc.meta.date, doc.meta.place) == ("le 11 janvier 2019", "2019-01-11", None)


@pytest.mark.parametrize("line,lang,date,place", [
    ("平成26年1月9日、パリ", "ja", "2014-01-09", "パリ"),
    ("令和元年6月26日", "ja", "2019-06-26", None),
    ("２０１４年１月９日（木）、東京", "ja", "2014-01-09", "東京"),
    ("(Paris, le 9 janvier 2014)", "fr", "2014-01-09", "Paris"),
    ("Tokyo, le jeudi 6 janvier 2017", "fr", "2017-01-06", "Tokyo"),
    ("le 1er mai 2014", "fr", "2014-05-01", None),
])
def test_dateline_forms(line, lang, date, place):
    from jpfr_accord.imports.units import parse_dateline

    assert parse_dateline(line, lang) == (date, place)


@pytest.mark.parametrize("line,lang", [
    ("2014年1月9日、岸田文雄日本国外務大臣は、パリにおいて会合した。", "ja"),
    ("Le 9 janvier 2014, les quatre ministres se sont réunis à Paris.", "fr"),
])
def test_a_sentence_that_begins_with_a_date_is_no_dateline(line, lang):
    from jpfr_accord.imports.units import parse_dateline

    assert parse_dateline(line, lang) is None


@pytest.mark.parametrize("name", TEXTS)
def test_every_real_text_imports_to_a_schema_valid_file(name, jpfr, tmp_path):
    from jpfr_accord.load import load_document

    lang = name.rsplit(".", 1)[1]
    out = tmp_path / "out.xml"
    run = jpfr("import", str(REAL / f"{name}.txt"), "--lang", lang, "--id", name.split(".")[0], "-o", str(out))
    assert run.exit_code == 0, run
    doc, findings = load_document(out)
    assert findings == []
    assert doc.meta.title == _doc(name).meta.title and _outline(doc) == _outline(_doc(name))
