"""Entities read as values from real wordings of official texts: ranges of days and
months, large numbers, ordinals in words, numerals that are names or designations."""

from __future__ import annotations

import pytest

from jpfr_accord.checks.extract import extract

CASES = [
    ("2013年6月6日から8日まで", "ja", "dates", {(2013, 6, 6), (2013, 6, 8)}),
    ("du 6 au 8 juin 2013", "fr", "dates", {(2013, 6, 6), (2013, 6, 8)}),
    ("2025年4月から6月まで", "ja", "dates", {(2025, 4, None), (2025, 6, None)}),
    ("d'avril à juin 2025", "fr", "dates", {(2025, 4, None), (2025, 6, None)}),
    ("1億ユーロ", "ja", "numbers", {"100000000"}),
    ("100 millions d'euros", "fr", "numbers", {"100000000"}),
    ("1兆2000億円", "ja", "numbers", {"1200000000000"}),
    ("1,2 milliard d'euros", "fr", "numbers", {"1200000000"}),
    ("160周年", "ja", "numbers", {"160"}),
    ("le cent-soixantième anniversaire", "fr", "ordinals", {160}),
    ("第1回目となる対話", "ja", "ordinals", {1}),
    ("la session inaugurale", "fr", "ordinals", {1}),
    ("La 4ème session", "fr", "ordinals", {4}),
    ("安倍晋三日本国内閣総理大臣", "ja", "numbers", set()),
    ("浜田靖一防衛大臣", "ja", "numbers", set()),
    ("4大臣は、", "ja", "numbers", set()),
    ("(以下「4大臣」という。)", "ja", "numbers", set()),
    ("les quatre ministres", "fr", "numbers", set()),
    ("一日も早く", "ja", "numbers", set()),
    ("一日も早く", "ja", "dates", set()),
]


@pytest.mark.parametrize(("text", "lang", "field", "value"), CASES, ids=[c[0] for c in CASES])
def test_entity_values(text, lang, field, value):
    assert set(getattr(extract(text, lang), field)) == value


def test_countries_named():
    from jpfr_accord.checks.content import countries_named

    assert countries_named("les actions conjointes franco-allemandes", "fr") == {"france", "germany"}
    assert countries_named("une indemnité anglophone", "fr") == set()  # not India, not the United Kingdom
    assert countries_named("日仏の共同のアクション", "ja") == {"japan", "france"}
    assert countries_named("G7 仏議長国の優先課題", "ja") == {"france"}
    assert countries_named("朝鮮半島の非核化", "ja") == {"korea"}


def test_international_bodies_in_each_language_usage():
    from jpfr_accord.checks.entities import _same_body

    assert _same_body("UE", "fr", "EU との協力", "ja")
    assert _same_body("NATO", "ja", "avec l'OTAN", "fr")
    assert not _same_body("OSCE", "fr", "OECD の", "ja")


def test_roman_ordinals():
    assert set(extract("les défis du XXIe siècle", "fr").ordinals) == {21}
    assert set(extract("21世紀の課題", "ja").numbers) == {"21"}


def test_words_that_look_roman_are_words():
    assert set(extract("Le Japon et la France. Ce rapport", "fr").ordinals) == set()
    assert extract("les défis du XXIe siècle", "fr").names == ()  # an ordinal, not a name to find
