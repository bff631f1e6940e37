"""Sentence splitting (lang/sentences.py) and the hostile inputs of issue #17 items 10 and 20."""

from __future__ import annotations

import pytest

from jpfr_accord.imports.text import import_text
from jpfr_accord.lang.sentences import ends_sentence, split_sentences


@pytest.mark.parametrize("text,expected", [
    ("両首脳は歓迎した．両首脳は支持した．", ["両首脳は歓迎した．", "両首脳は支持した．"]),
    ("1. 4大臣は確認した。4大臣は一致した。", ["1. 4大臣は確認した。", "4大臣は一致した。"]),
    ("（1）四大臣は，2.5％の成長を確認した．これを歓迎した。", ["（1）四大臣は，2.5％の成長を確認した．", "これを歓迎した。"]),
    ("(以下「4大臣」という。)は会合した。同日に行われた。", ["(以下「4大臣」という。)は会合した。", "同日に行われた。"]),
    ("両首脳は「A。B」を歓迎した。また、支持した。", ["両首脳は「A。B」を歓迎した。", "また、支持した。"]),
    # an unbalanced 「 does not swallow the rest of the text
    ("両首脳は「特別なパートナーを確認した。両首脳は一致した。", ["両首脳は「特別なパートナーを確認した。", "両首脳は一致した。"]),
])
def test_japanese_sentences(text, expected):
    assert split_sentences(text, "ja") == expected


@pytest.mark.parametrize("text,expected", [
    ("Ils se sont réunis le 26 janvier. 2018 marque le 160e anniversaire.",
     ["Ils se sont réunis le 26 janvier.", "2018 marque le 160e anniversaire."]),
    ("Ils ont évoqué la culture, la science, etc. Les ministres ont conclu.",
     ["Ils ont évoqué la culture, la science, etc.", "Les ministres ont conclu."]),
    ("Ils ont évoqué la culture, etc. et la science.", ["Ils ont évoqué la culture, etc. et la science."]),
    ("1. Les quatre ministres ont réaffirmé leur volonté. Ils ont rappelé l'attachement.",
     ["1. Les quatre ministres ont réaffirmé leur volonté.", "Ils ont rappelé l'attachement."]),
    ("M. Fumio KISHIDA et Mme Tomomi INADA ont rencontré M. J. Chirac. Ils ont dîné.",
     ["M. Fumio KISHIDA et Mme Tomomi INADA ont rencontré M. J. Chirac.", "Ils ont dîné."]),
    ("Ils ont dit « la paix. La stabilité » hier. Puis ils sont partis.",
     ["Ils ont dit « la paix. La stabilité » hier.", "Puis ils sont partis."]),
    # an unbalanced « does not swallow the rest of the text
    ("Ils ont salué le « partenariat d’exception. Ils ont conclu. Ils sont partis.",
     ["Ils ont salué le « partenariat d’exception.", "Ils ont conclu.", "Ils sont partis."]),
    ("Selon l’art. 5 du traité, ils coopèrent. Ils l’ont dit.", ["Selon l’art. 5 du traité, ils coopèrent.", "Ils l’ont dit."]),
])
def test_french_sentences(text, expected):
    assert split_sentences(text, "fr") == expected


def test_sentence_ends():
    assert ends_sentence("両首脳は一致した。", "ja") and ends_sentence("協力する．", "ja")
    assert not ends_sentence("「特別なパートナーシップ」", "ja") and not ends_sentence("1．", "ja")
    assert ends_sentence("Ils ont conclu.", "fr") and ends_sentence("la culture, etc.", "fr")
    assert not ends_sentence("Développer le dialogue à haut niveau :", "fr") and not ends_sentence("rencontré M.", "fr")


def test_large_french_paragraph_is_split_in_one_pass():
    # issue #17 item 10: 1.6 MB took 33 s (quadratic); each sentence is found, none lost
    sentence = "Les quatre ministres ont salué la coopération de M. Dupont, cf. art. 3, « sans réserve. Vraiment »."
    text = " ".join([sentence] * 16000)
    assert len(text) > 1_500_000
    out = split_sentences(text, "fr")
    assert len(out) == 16000 and out[0] == sentence and "".join(out) == text.replace(" Les", "Les")


def test_large_japanese_paragraph_with_an_unclosed_bracket():
    text = "両首脳は「協力を歓迎した。" + "両首脳は一致した。" * 100000
    out = split_sentences(text, "ja")
    assert len(out) == 100001 and out[0] == "両首脳は「協力を歓迎した。"


@pytest.mark.parametrize("line", ["第1二章 総則", "第一2章 総則", "1" + "0" * 4999 + ". Texte", "第" + "1" * 5000 + "章 総則"])
def test_malformed_section_numbers_are_read_as_text_not_a_crash(line, tmp_path, jpfr):
    src = tmp_path / "t.txt"
    src.write_text(f"共同声明\n\n前文です。\n\n{line}\n\n本文です。\n", encoding="utf-8")
    out = tmp_path / "o.xml"
    run = jpfr("import", str(src), "--lang", "ja", "--id", "t", "-o", str(out))
    assert run.exit_code == 0, run
    doc = import_text(src, lang="ja", doc_id="t").document
    # not a number a reader can cite: the line is kept, as text, and no id is built from it
    texts = [s.heading.text for s in doc.sections if s.heading] + [c.text for c in doc.clauses()]
    assert line.replace(" ", "") in "".join(texts).replace(" ", "")
    assert all(len(node.id) < 80 for node in doc.iter_nodes())
    if "二" in line or "一" in line:
        assert "mixes digits and kanji numerals" in run.stderr


def test_a_large_hard_wrapped_text_is_read_in_one_pass(tmp_path):
    # 1.6 MB of French, one paragraph hard-wrapped over 40,000 lines, and a page-broken
    # Japanese paragraph: every line is kept, in one paragraph each
    line = "les deux ministres ont salué la coopération"
    src = tmp_path / "big.fr.txt"
    src.write_text("Déclaration\n\nLes quatre ministres\n" + "\n".join([line] * 40000) + " en fin.\n", encoding="utf-8")
    result = import_text(src, lang="fr", doc_id="big")
    [para] = result.document.preamble.paragraphs
    assert len(para.clauses) == 1 and para.clauses[0].text.count(line) == 40000
    # a "sentence" of 1.6 MB gets no guess, and a note saying why
    assert para.clauses[0].acts == () and any("no guess of actor and acts" in n for n in result.notes)
