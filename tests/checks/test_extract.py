"""Entity extraction: values, not strings (issue 3's list of forms)."""

from __future__ import annotations

import pytest

from jpfr_accord.checks.extract import extract, kanji_to_int, vocabulary

DATES = [
    ("ja", "2026年3月31日に開催された", (2026, 3, 31)),
    ("ja", "２０２６年３月３１日", (2026, 3, 31)),
    ("ja", "2025 年 2 月にパリで", (2025, 2, None)),
    ("ja", "2025年12月の国連環境総会", (2025, 12, None)),
    ("ja", "令和8年3月31日", (2026, 3, 31)),
    ("ja", "令和元年5月1日", (2019, 5, 1)),
    ("ja", "平成31年4月30日", (2019, 4, 30)),
    ("ja", "二〇二六年三月三十一日", (2026, 3, 31)),
    ("ja", "3月31日に", (None, 3, 31)),
    ("fr", "tenue le 31 mars 2026", (2026, 3, 31)),
    ("fr", "en février 2025", (2025, 2, None)),
    ("fr", "en décembre 2025", (2025, 12, None)),
    ("fr", "le 1er mars 2026", (2026, 3, 1)),
    ("fr", "le 31 mars", (None, 3, 31)),
    ("fr", "mars 2026", (2026, 3, None)),
    ("fr", "31\u00a0mars\u00a02026", (2026, 3, 31)),
]


@pytest.mark.parametrize(("lang", "text", "date"), DATES)
def test_dates(lang, text, date):
    assert extract(text, lang).dates == {date}


@pytest.mark.parametrize(
    ("lang", "text", "rng"),
    [
        ("ja", "ロードマップ(2023-2027年)", (2023, 2027)),
        ("ja", "2023〜2027年度", (2023, 2027)),
        ("ja", "2023年から2027年まで", (2023, 2027)),
        ("fr", "(2023-2027)", (2023, 2027)),
        ("fr", "(2023–2027)", (2023, 2027)),
        ("fr", "de 2023 à 2027", (2023, 2027)),
    ],
)
def test_ranges(lang, text, rng):
    e = extract(text, lang)
    assert e.ranges == {rng} and not e.numbers and not e.dates


def test_ordinals_are_not_false_positives():
    ja = extract("国連の第1回目となる AI ガバナンスに関する対話", "ja")
    assert ja.ordinals == {1} and not ja.numbers
    assert extract("la première session du Dialogue", "fr").ordinals == {1}
    assert extract("la 1re session", "fr").ordinals == {1}
    # a title is not an ordinal; 第三国 is a word, not the number 3
    assert not extract("la Première ministre du Japon", "fr").ordinals
    assert not extract("第三国における二国間協力", "ja").numbers


def test_symbols_enumerators_names_quotes():
    ja = extract("決議 UNEP/EA.7/Res.9「人工知能システムの環境的持続可能性に関する決議」、(i) 特に G7、G20、OECD と Sakana AI", "ja")
    assert ja.symbols == {"UNEP/EA.7/Res.9"}
    assert ja.enumerators == {"(i)"}
    assert ja.names == ("G7", "G20", "OECD", "Sakana AI")
    assert ja.quotes == ("人工知能システムの環境的持続可能性に関する決議",)
    assert not ja.numbers  # the 7, 9, 20 belong to the symbol and the names
    fr = extract("la résolution UNEP/EA.7/Res.9 «\u202fDurabilité\u202f», le G7, l’OCDE et Sakana AI", "fr")
    assert fr.symbols == {"UNEP/EA.7/Res.9"} and fr.names == ("G7", "OCDE", "AI") and fr.quotes == ("Durabilité",)


@pytest.mark.parametrize(("numeral", "value"), [("二〇二六", 2026), ("三十一", 31), ("十二", 12), ("百二十", 120), ("千九百八十九", 1989)])
def test_kanji_numerals(numeral, value):
    assert kanji_to_int(numeral, vocabulary("ja")) == value


def test_numbers_normalized():
    assert extract("２,５００人", "ja").numbers == {"2500"}
    assert extract("2\u202f500 personnes et 2,5 %", "fr").numbers == {"2500", "2.5"}
    assert extract("les deux initiatives", "fr").number_words == {"2"}
    assert extract("Les deux dirigeants", "fr").number_words == set()  # the parties, not a figure


def test_unknown_language_extracts_language_neutral_entities():
    e = extract("resolution A/RES/78/265 (ii) of 2024", "de")
    assert e.symbols == {"A/RES/78/265"} and e.enumerators == {"(ii)"} and e.numbers == {"2024"}
