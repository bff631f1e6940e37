"""Prefilters only skip patterns that cannot match: results are the same with and without."""

from __future__ import annotations

import re

import pytest

from jpfr_testing import ROOT
from jpfr_accord.checks import extract as extract_module
from jpfr_accord.checks import lexicon as lexicon_module
from jpfr_accord.checks.lexicon import find_acts, find_subject, hints_in, prepare
from jpfr_accord.checks.prefilter import DIGIT, hints, prefilter
from jpfr_accord.load import load_pair

from test_extract import DATES
from test_lexicon import WORDINGS


def _texts() -> list[tuple[str, str]]:
    pair = load_pair("ai-cooperation-2026", ROOT / "corpus", "fr")
    out = [(lang, c.text) for a, b in pair.clause_pairs() for lang, c in (("ja", a), ("fr", b))]
    return out + [(lang, text) for lang, text, _ in WORDINGS] + [(lang, text) for lang, text, _ in DATES]


def test_lexicon_prefilter_changes_nothing(monkeypatch):
    for lang, raw in _texts():
        text = prepare(raw)
        monkeypatch.setitem(lexicon_module._USES, lang, 0)
        plain = (find_acts(text, lang), find_subject(text, lang))
        monkeypatch.setitem(lexicon_module._USES, lang, 10**6)
        table = hints_in(text, lang)
        assert table is not None
        assert (find_acts(text, lang, table), find_subject(text, lang, None, table)) == plain, raw


def test_entity_prefilter_changes_nothing(monkeypatch):
    for lang, text in _texts():
        monkeypatch.setitem(extract_module._USES, lang, 0)
        plain = extract_module.extract(text, lang)
        monkeypatch.setitem(extract_module._USES, lang, 10**6)
        assert extract_module.extract(text, lang) == plain, text


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"認識(?:した|し)(?=[、。]|$)", {"認識し"}),  # re factors した|し into し + た?
        (r"(?:\b(?:ont|a)\s+|\bet\s+)(?:reconnu|constaté)\b", {"reconnu", "constaté"}),
        (r"(?P<y>\d{4})\s*年", {"年"}),
        (r"\d+", {DIGIT}),
        (r"(?i)\bMars\b", {"mars"}),
        (r"[a-z]+", None),
    ],
)
def test_hints(pattern, expected):
    assert hints(re.compile(pattern)) == (frozenset(expected) if expected else None)


def test_prefilter_is_never_wrong_about_a_match():
    p = re.compile(r"(?:\b(?:ont|a)\s+)(?:salué|soutenu)\b")
    may = prefilter(p)
    assert may("ils ont salué", "ils ont salué", False) and not may("ils ont reconnu", "ils ont reconnu", False)
