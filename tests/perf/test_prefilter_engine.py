"""The multi-pattern prefilter (Aho-Corasick through pyahocorasick, substring
tests without it) finds the same strings, and the checks the same entities and
act wordings, whichever engine runs and whether prefilters run at all."""

from __future__ import annotations

import pytest

from corpus_damage import damaged_corpus

from jpfr_accord.checks import extract as extract_module
from jpfr_accord.checks import lexicon as lexicon_module
from jpfr_accord.checks import prefilter as pf
from jpfr_accord.checks.lexicon import find_acts, find_subject, hints_in, prepare
from jpfr_accord.load import load_aligned


@pytest.fixture(scope="module")
def texts(tmp_path_factory) -> list[tuple[str, str]]:
    corpus = damaged_corpus(tmp_path_factory.mktemp("pf") / "corpus")
    loaded = load_aligned([corpus])
    return [(d.lang, c.text) for p in loaded.pairs for d in (p.source, p.target) for c in d.clauses()]


def _engines():
    yield "substring", None, 10**9
    yield "automaton", pf._ahocorasick, 0


def _reset(monkeypatch, engine, after):
    monkeypatch.setattr(pf, "_ahocorasick", engine)
    monkeypatch.setattr(pf, "AUTOMATON_AFTER", after)
    monkeypatch.setattr(pf, "_FINDERS", {})
    monkeypatch.setattr(pf._SHARED, "finder", None)
    monkeypatch.setattr(pf._SHARED, "last", None)


def test_pyahocorasick_is_installed():
    # the fast path is what the benchmarks measure; the fallback is tested below
    assert pf._ahocorasick is not None


@pytest.mark.parametrize("name", ["substring", "automaton"])
def test_present_finds_every_string(monkeypatch, name):
    engine, after = {n: (e, a) for n, e, a in _engines()}[name]
    _reset(monkeypatch, engine, after)
    strings = frozenset({"reconnu", "認識", "ont", "on", "nt", "2026年", "ai"})
    for text in ["Les deux dirigeants ont reconnu", "認識した", "sans rien", "", "ontont", "2026年3月 ai"]:
        folded = text.casefold()
        assert pf.present(strings, text, folded, False) == {s for s in strings if s in folded}, text
        assert pf.present(strings, text, folded, True) == {s for s in strings if s in folded} | {pf.DIGIT}


@pytest.mark.parametrize("name", ["substring", "automaton"])
def test_entities_and_acts_are_the_same(monkeypatch, texts, name):
    engine, after = {n: (e, a) for n, e, a in _engines()}[name]
    for lang, raw in texts:
        monkeypatch.setitem(extract_module._USES, lang, 0)
        monkeypatch.setitem(lexicon_module._USES, lang, 0)
        text = prepare(raw)
        plain = (extract_module.extract(raw, lang), find_acts(text, lang), find_subject(text, lang))
        _reset(monkeypatch, engine, after)
        monkeypatch.setitem(extract_module._USES, lang, 10**6)
        monkeypatch.setitem(lexicon_module._USES, lang, 10**6)
        table = hints_in(text, lang)
        now = (extract_module.extract(raw, lang), find_acts(text, lang, table), find_subject(text, lang, None, table))
        assert now[0] == plain[0], raw
        assert now[1] == plain[1], raw
        assert now[2] == plain[2], raw
