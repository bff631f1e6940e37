"""The lexicons (data/lexicons/<lang>.tsv): wordings of the issue's list map to their acts."""

from __future__ import annotations

import pytest

from jpfr_accord.checks.lexicon import find_acts, find_subject, lexicon, prepare

WORDINGS = [
    ("ja", "両首脳は、その重要性を認識した。", ["recognize"]),
    ("ja", "両首脳は、…を認識するとともに、…必要性を確認した。", ["recognize", "confirm"]),
    ("ja", "両首脳は、…を再確認した。", ["reaffirm"]),
    ("ja", "両首脳は、…を強調した。", ["stress"]),
    ("ja", "両首脳は、…することで一致した。", ["agree"]),
    ("ja", "両首脳は、…を歓迎した。", ["welcome"]),
    ("ja", "…対話について歓迎の意を表した。", ["welcome"]),
    ("ja", "大統領は、…意向を歓迎し、支持した。", ["welcome", "support"]),
    ("ja", "両首脳は、…を深化させるよう求めた。", ["call-for"]),
    ("ja", "両首脳は、…意向を表明した。", ["express"]),
    # attributive use and negation are not predicates
    ("ja", "開催したい旨表明した高市早苗総理大臣の意向を歓迎した。", ["welcome"]),
    ("ja", "両首脳は、その重要性を認識しなかった。", []),
    ("fr", "Les deux dirigeants ont reconnu que …", ["recognize"]),
    ("fr", "Les deux dirigeants ont constaté les progrès …", ["recognize"]),
    ("fr", "… ont confirmé la nécessité …", ["confirm"]),
    ("fr", "… ont réaffirmé leur engagement …", ["reaffirm"]),
    ("fr", "… ont souligné l’importance …", ["stress"]),
    ("fr", "… sont convenus de renforcer …", ["agree"]),
    ("fr", "… ont salué la signature …", ["welcome"]),
    ("fr", "… se sont félicités de la convergence …", ["welcome"]),
    ("fr", "M. Emmanuel Macron a salué et a soutenu l’intention exprimée par …", ["welcome", "support"]),
    ("fr", "Le Président a salué et soutenu l’intention …", ["welcome", "support"]),
    ("fr", "… ont appelé à approfondir …", ["call-for"]),
    ("fr", "… ont exprimé leur intention …", ["express"]),
    ("fr", "… ont souligné la nécessité de X ainsi que de Y …", ["stress"]),
    ("fr", "Les deux dirigeants n’ont pas reconnu …", []),
]


@pytest.mark.parametrize(("lang", "text", "acts"), WORDINGS)
def test_wordings(lang, text, acts):
    assert [m.value for m in find_acts(prepare(text), lang)] == acts


@pytest.mark.parametrize(
    ("lang", "text", "actor"),
    [
        ("ja", "両首脳は、…を認識した。", "both"),
        ("ja", "日本国総理大臣及びフランス共和国大統領は、…", "both"),
        ("ja", "エマニュエル・マクロン大統領は、…高市早苗総理大臣の意向を歓迎した。", "fr"),
        ("ja", "また、…を歓迎した。", None),
        ("fr", "Le Président de la République française et la Première ministre du Japon ont reconnu …", "both"),
        ("fr", "La Première ministre du Japon et le Président de la République française ont reconnu …", "both"),
        ("fr", "Dans ce contexte, les deux dirigeants ont salué …", "both"),
        ("fr", "Par ailleurs, ils ont salué …", "both"),
        ("fr", "M. Emmanuel Macron, Président de la République, a salué l’intention exprimée par Mme TAKAICHI Sanae …", "fr"),
    ],
)
def test_subjects(lang, text, actor):
    t = prepare(text)
    acts = find_acts(t, lang)
    subject = find_subject(t, lang, acts[0].start if acts else None)
    assert (subject.value if subject else None) == actor


def test_every_act_has_wordings_in_both_languages():
    from jpfr_accord.model import ACTS

    for lang in ("ja", "fr"):
        assert {w.act for w in lexicon(lang).acts} == set(ACTS), lang


def test_a_language_without_lexicon_is_not_checked():
    assert lexicon("de").is_empty
