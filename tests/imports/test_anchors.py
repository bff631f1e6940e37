"""Anchors: what a unit shares with its counterpart (numbers, dates, Latin names, names by reading)."""

from __future__ import annotations

import pytest

from jpfr_accord.imports import anchors
from jpfr_accord.imports.anchors import name_keys, num_key, sound_key


@pytest.mark.parametrize("reading,spelling", [
    ("koizumi", "KOIZUMI"), ("shiraku", "CHIRAC"), ("makuron", "Macron"), ("rooran", "Laurent"),
    ("fabiusu", "Fabius"), ("orando", "Hollande"), ("kishida", "Kishida"), ("furansowa", "François"),
    ("emanyueru", "Emmanuel"), ("doriann", "Drian"),
])
def test_a_reading_meets_its_french_spelling(reading, spelling):
    assert sound_key(reading) & sound_key(spelling, french=True)


@pytest.mark.parametrize("reading,spelling", [("koizumi", "CHIRAC"), ("makuron", "Hollande"), ("kishida", "Onodera")])
def test_different_names_do_not_meet(reading, spelling):
    assert not sound_key(reading) & sound_key(spelling, french=True)


def test_japanese_names_are_read_by_the_analyser(monkeypatch):
    def readings(text):
        return [(s, r) for s, r in (("小泉", "koizumi"), ("シラク", "shiraku")) if s in text]

    monkeypatch.setattr(anchors, "_readings", [readings])
    ja = name_keys("小泉純一郎日本国内閣総理大臣とジャック・シラク・フランス共和国大統領", "ja")
    fr = name_keys("M. Junichiro KOIZUMI, Premier Ministre du Japon, et M. Jacques CHIRAC", "fr")
    assert ja and ja <= fr
    monkeypatch.setattr(anchors, "_readings", [None])  # no analyser: no name anchor, nothing else changes
    assert name_keys("小泉純一郎", "ja") == set()


def test_numbers_are_compared_as_values():
    assert num_key("(1)") == num_key("1.") == num_key("１") == num_key("I") == "1"
    assert num_key("XIV") == "14" and num_key("(ii)") == "ii" and num_key(None) is None
