"""Cheap prefilters for the data-driven regular expressions of the checks.

Stage: checks. Imports nothing from the package.

Python's ``re`` tries a pattern that starts with ``\\b`` or an alternation at
every position of a text; with some forty lexicon patterns per language that is
most of the time ``jpfr check`` spends. Most patterns, though, can only match
a text containing one of a few literal strings (« reconnu », 認識) or a digit.
:func:`prefilter` reads those requirements from the parsed pattern, so that a
pattern is only run on the texts that could match it; the lexicon files stay
plain regular expressions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

_p: Any
_c: Any
try:  # the parser of the re module (stable in practice; without it nothing is filtered)
    import importlib

    # private modules typeshed does not describe (Python 3.11+: re._parser, re._constants)
    _c = importlib.import_module("re._constants")
    _p = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover
    _p = _c = None

DIGIT = "\x00digit"  # a pseudo-literal: "some decimal digit"


def _required(items) -> list[set[str]]:
    """Sets of strings of which the pattern's every match contains one (per set)."""
    out: list[set[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            out.append({"".join(run)})
            run.clear()

    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        flush()
        if op is _c.SUBPATTERN:
            out.extend(_required(av[-1]))
        elif op is _c.BRANCH:
            branches = [_required(b) for b in av[1]]
            if all(branches):
                # one requirement per branch: the longest literal one it has
                out.append(set().union(*(max(b, key=lambda s: min(map(len, s))) for b in branches)))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
            out.extend(_required(av[2]))
        elif op is _c.IN and av == [(_c.CATEGORY, _c.CATEGORY_DIGIT)]:
            out.append({DIGIT})
    flush()
    return out


def hints(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The strings of which every match of ``pattern`` contains at least one
    (the most selective such set), casefolded;
    :data:`DIGIT` stands for "a decimal digit". None when there is no such set."""
    if _p is None:
        return None
    try:
        required = _required(_p.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - an unparsable pattern is simply not filtered
        return None
    if not required:
        return None
    best = max(required, key=lambda g: (min(len(s) for s in g if s != DIGIT) if g != {DIGIT} else 0, -len(g)))
    # always casefolded, and looked for in the casefolded text: casefolding maps
    # each character on its own, so a string of the text stays one once folded
    return frozenset(s if s == DIGIT else s.casefold() for s in best)


# -- finding the strings: one Aho-Corasick pass per text ---------------------
#
# Each pattern's test used to look for each of its strings in the text (``s in
# folded``): some hundred substring searches per French clause. With
# pyahocorasick one pass over the text finds every string of every pattern at
# once (measured on 10,000 synthetic clause pairs: 20 -> 6 us per French text
# for the lexicon's hints); without the wheel the substring searches are kept.
try:
    import ahocorasick as _ahocorasick
except ImportError:  # pragma: no cover - the optional fast path
    _ahocorasick = None

#: How many times a set of strings is searched before an automaton is built for it
#: (building costs about as much as 20 searches: not worth it for a short check).
AUTOMATON_AFTER = 20


class _Finder:
    """Which strings of a fixed set occur in a text: an automaton for the longer
    strings, substring tests for the rest. A string of one character, or of two
    Latin ones (« e », « re », 年), occurs so often that the automaton would
    report it at every turn: one ``in`` test finds it faster."""

    __slots__ = ("strings", "uses", "automaton", "short")

    def __init__(self, strings: frozenset[str] | set[str]) -> None:
        self.strings = frozenset(s for s in strings if s)
        self.uses = 0
        self.automaton: Any = None
        self.short: tuple[str, ...] = ()

    def __call__(self, folded: str) -> set[str]:
        if self.automaton is None:
            self.uses += 1
            if _ahocorasick is None or self.uses < AUTOMATON_AFTER or not self.strings:
                return {s for s in self.strings if s in folded}
            self.short = tuple(s for s in self.strings if _is_short(s))
            automaton = _ahocorasick.Automaton()
            for s in self.strings:
                if not _is_short(s):
                    automaton.add_word(s, s)
            if len(automaton) == 0:
                automaton.add_word("\x00\x00\x00", "\x00\x00\x00")  # an empty automaton cannot search
            automaton.make_automaton()
            self.automaton = automaton
        found = {s for s in self.short if s in folded}
        found.update(match for _, match in self.automaton.iter(folded))
        found.discard("\x00\x00\x00")
        return found


def _is_short(s: str) -> bool:
    """One character, or two Latin ones: found at every turn, better tested with ``in``."""
    return len(s) <= 1 or (len(s) <= 2 and s.isascii())


_FINDERS: dict[frozenset[str], _Finder] = {}


def _finder(strings: frozenset[str] | set[str]) -> _Finder:
    key = strings if isinstance(strings, frozenset) else frozenset(strings)
    found = _FINDERS.get(key)
    if found is None:
        found = _FINDERS[key] = _Finder(key)
    return found


def present(candidates: frozenset[str] | set[str], text: str, folded: str, has_digit: bool) -> set[str]:
    """Which of the (casefolded) ``candidates`` occur in ``folded``, the casefolded text."""
    out = _finder(candidates)(folded)
    if has_digit:
        out.add(DIGIT)
    return out


class _Shared:
    """The strings of every prefiltered pattern, found once per text: the tests of
    the patterns read one text one after the other, with the same ``folded``
    string, so the last text's strings are kept (by identity) for the next test."""

    def __init__(self) -> None:
        self.strings: set[str] = set()
        self.finder: _Finder | None = None
        self.last: str | None = None
        self.found: set[str] = set()

    def add(self, strings: frozenset[str]) -> None:
        if not strings <= self.strings:
            self.strings |= strings
            self.finder, self.last = None, None

    def __call__(self, folded: str) -> set[str]:
        if folded is not self.last:
            if self.finder is None:
                self.finder = _Finder(self.strings)
            self.found, self.last = self.finder(folded), folded
        return self.found


_SHARED = _Shared()


def prefilter(pattern: re.Pattern[str]) -> Callable[[str, str, bool], bool]:
    """A test ``may_match(text, folded_text, has_digit)`` that is False only when
    ``pattern`` cannot match ``text`` (``folded_text`` is ``text.casefold()``)."""
    required = hints(pattern)
    if not required:
        return lambda text, folded, has_digit: True
    if required == {DIGIT}:
        return lambda text, folded, has_digit: has_digit
    shared = _SHARED
    if DIGIT in required:
        literal = required - {DIGIT}
        shared.add(literal)

        def may_match_or_digit(text: str, folded: str, has_digit: bool) -> bool:
            return has_digit or not literal.isdisjoint(shared(folded))

        return may_match_or_digit
    shared.add(required)

    def may_match(text: str, folded: str, has_digit: bool) -> bool:
        return not required.isdisjoint(shared(folded))

    return may_match
