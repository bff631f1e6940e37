"""lang/: Japanese and French morphology, names by reading, numbers in words, acts,
actors, polarity and modality, as a careful reader reads them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from jpfr_accord.lang.acts import find_acts
from jpfr_accord.lang.actors import classify
from jpfr_accord.lang.fr.morph import lemmas
from jpfr_accord.lang.fr.numbers import number_words
from jpfr_accord.lang.ja.morph import name_readings, proper_noun_spans, romanize, tokens
from jpfr_accord.lang.markers import markers
from jpfr_accord.lang.names import same_name


def test_japanese_tokens_carry_lemma_pos_and_reading():
    toks = tokens("両首脳は一致しました。")
    assert [t.surface for t in toks] == ["両", "首脳", "は", "一致", "し", "まし", "た", "。"]
    assert toks[4].lemma == "為る" and toks[5].lemma == "ます"
    assert toks[1].reading == "シュノウ"
    assert all(toks[i].start < toks[i + 1].start for i in range(len(toks) - 1))


def test_name_readings_romanise_kanji_and_katakana_names():
    assert name_readings("小泉純一郎総理大臣") == [("小泉", "koizumi"), ("純一郎", "junichirou")]
    assert ("マクロン", "makuron") in name_readings("マクロン大統領は")  # the dictionary splits it: マクロ + ン
    assert ("オランド", "orando") in name_readings("フランソワ・オランド・フランス共和国大統領")
    assert name_readings("両国は協力を強化した。") == []


@pytest.mark.parametrize(("latin", "japanese"), [("KOIZUMI", "小泉"), ("CHIRAC", "シラク"), ("Macron", "マクロン大統領"), ("Hollande", "オランド大統領"), ("Fabius", "ローラン・ファビウス")])
def test_latin_names_match_their_japanese_reading(latin, japanese):
    assert any(same_name(latin, r) for _, r in name_readings(japanese))


def test_different_names_do_not_match():
    assert not same_name("Macron", "shiraku")
    assert not same_name("Abe", "kishida")


def test_numerals_inside_names_are_part_of_the_name():
    spans = proper_noun_spans("安倍晋三日本国内閣総理大臣")
    assert any(a <= 2 < b for a, b in spans) and any(a <= 3 < b for a, b in spans)


def test_romanize():
    assert romanize("ジュンイチロウ") == "junichirou"
    assert romanize("ショウ") == "shou"
    assert romanize("キッシンジャー") == "kisshinjaa"


def test_french_lemmas_in_every_tense_and_construction():
    assert lemmas("réaffirment") == ["réaffirmer"]
    assert lemmas("ont réaffirmé") == ["avoir", "réaffirmer"]
    assert lemmas("réaffirmant") == ["réaffirmer"]
    assert lemmas("s'engage")[:2] == ["se", "engager"]


def test_french_numbers_in_words():
    assert number_words("le cent-soixantième anniversaire") == ((160, True, 3, 19),)
    assert [v for v, *_ in number_words("mille deux cents euros")] == [1200]
    assert number_words("les deux pays") == ()


JA_ACTS = [
    ("両首脳は、協力を強化することで一致しました。", ["agree"]),
    ("新たな弾みをつけることが決定された。", ["decide"]),
    ("協定の発効を歓迎するとともに，協力を確認した。", ["welcome", "confirm"]),
    ("意思を再確認する。", ["reaffirm"]),
    ("両首脳は、同意した。", ["agree"]),
    ("表明した高市総理大臣の決意", []),  # attributive: not a predicate
    ("基本的価値を共有する「特別なパートナー」である。", []),
    ("協力を強化することで一致し、", ["agree"]),  # 強化する is the content, not an act
    ("両首脳は、日仏協力の進展を評価した。", ["welcome"]),
    ("両首脳は、協力を確認し，連携を強化することで一致しました。", ["confirm", "agree"]),  # before a full-width comma
    ("両首脳は、協力を確認し,連携を強化することで一致した。", ["confirm", "agree"]),  # NFKC copies: ASCII comma
    ("両首脳は、協力の強化を要請した。", ["call-for"]),
    ("両首脳は、支援することで一致した。", ["agree"]),  # 支援する is the content
]


@pytest.mark.parametrize(("text", "acts"), JA_ACTS)
def test_japanese_acts_by_lemma(text, acts):
    assert [m.value for m in find_acts(text, "ja")] == acts


def test_japanese_negated_act():
    (m,) = find_acts("両首脳は確認しなかった。", "ja")
    assert m.value == "confirm" and m.negated


FR_ACTS = [
    ("Les deux dirigeants réaffirment leur volonté.", ["reaffirm"]),
    ("Les quatre ministres ont réaffirmé que la France et le Japon partagent les mêmes valeurs.", ["reaffirm"]),
    ("Réaffirmant leur attachement, ils ont décidé de renforcer la coopération.", ["reaffirm", "decide"]),
    ("La France s'engage à soutenir l'initiative.", ["commit"]),
    ("Les ministres ont convenu de la tenue de cette réunion.", ["agree"]),
    ("Les quatre ministres se sont entendus pour collaborer.", ["agree"]),
    ("Il a été décidé d'imprimer un nouvel élan.", ["decide"]),
    ("Tout en saluant la mise en œuvre de l'accord, ils ont décidé de l'inaugurer.", ["welcome", "decide"]),
    ("Les deux pays marquent leur volonté de coopérer.", ["express"]),
    ("Les deux dirigeants sont convaincus que la coopération est utile.", ["convinced"]),
    ("Ils rappellent leur attachement au droit international.", ["recall"]),
    ("l'intention exprimée par le Japon", []),  # a bare participle is not a predicate
    ("Ils entendent renforcer leur coopération.", ["intend"]),
    ("Les deux dirigeants se réjouissent de la coopération.", ["welcome"]),
    ("Les ministres attachent une grande importance au droit international.", ["stress"]),
    ("Ils ont décidé d'encourager les échanges.", ["decide"]),  # an infinitive is the content
]


@pytest.mark.parametrize(("text", "acts"), FR_ACTS)
def test_french_acts_by_lemma(text, acts):
    assert [m.value for m in find_acts(text, "fr")] == acts


def test_french_negated_act():
    (m,) = find_acts("Les deux dirigeants n'ont pas reconnu l'importance.", "fr")
    assert m.value == "recognize" and m.negated


@pytest.mark.parametrize(("phrase", "lang", "actor"), [
    ("四大臣", "ja", "both"), ("4大臣", "ja", "both"), ("日本とフランス", "ja", "both"),
    ("オランド大統領及び安倍総理大臣", "ja", "both"), ("マクロン大統領", "ja", "fr"), ("高市総理大臣", "ja", "ja"),
    ("この4大臣による会合", "ja", None),
    ("les quatre ministres", "fr", "both"), ("Le Japon", "fr", "ja"), ("Le Président français", "fr", "fr"),
    ("la France et le Japon", "fr", "both"), ("M. Hollande et M. Abe", "fr", "both"),
    ("La 4e session du dialogue stratégique franco-japonais", "fr", None),
])
def test_actors_as_phrases(phrase, lang, actor):
    assert classify(phrase, lang) == actor


def test_polarity_markers():
    assert [m.kind for m in markers("利益をもたらし得ない。", "ja").items if m.kind == "negation"] == ["negation"]
    assert markers("両国民の平和及び繁栄のみならず", "ja").of("negation") == ()
    assert markers("n'est pas susceptible de", "fr").of("negation")[0].text == "n'est pas"
    assert markers("non seulement à la paix", "fr").of("negation") == ()
    assert markers("ne peut qu'apporter", "fr").of("negation") == ()
    assert markers("協力しなければならない。", "ja").of("negation") == ()  # must: not a negation
    assert markers("協力しなければならない。", "ja").of("necessity")
    assert markers("ils ne manqueront pas de coopérer", "fr").of("negation") == ()
    assert markers("la non-prolifération", "fr").of("lexical-negation")


def test_modality_markers():
    assert markers("協力が必要である。", "ja").of("necessity")
    assert markers("il serait souhaitable de renforcer", "fr").of("possibility")
    assert markers("les parties doivent coopérer", "fr").of("necessity")
    assert not markers("il serait souhaitable de renforcer", "fr").of("necessity")


def test_the_analysers_load_only_when_asked():
    code = "import sys, jpfr_accord.lang.ja.morph, jpfr_accord.lang.fr.morph, jpfr_accord.lang.acts; print('fugashi' in sys.modules, 'simplemma' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]


def test_negations_inside_adjectives_and_adverbs_are_lexical():
    # 揺るぎない決意 is « une détermination inébranlable »; « sans réserve » is an adverb
    assert markers("揺るぎない決意を表明した。", "ja").of("negation") == ()
    assert markers("両立しない他のいかなる方法", "ja").of("negation") == ()
    assert markers("利益をもたらし得ないことを認識した。", "ja").of("negation")  # before こと: the clause is negated
    assert markers("ils soutiennent sans réserve", "fr").of("negation") == ()
    assert markers("sans attendre la fin", "fr").of("negation")


def test_modality_idioms_say_nothing_of_necessity():
    assert markers("必要に応じて協力する。", "ja").of("necessity") == ()
