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

try:  # the parser of the re module (stable in practice; without it nothing is filtered)
    from re import _constants as _c
    from re import _parser as _p
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


def present(candidates: frozenset[str] | set[str], text: str, folded: str, has_digit: bool) -> set[str]:
    """Which of the (casefolded) ``candidates`` occur in ``folded``, the casefolded text."""
    out = {s for s in candidates if s in folded}
    if has_digit:
        out.add(DIGIT)
    return out


def prefilter(pattern: re.Pattern[str]) -> Callable[[str, str, bool], bool]:
    """A test ``may_match(text, folded_text, has_digit)`` that is False only when
    ``pattern`` cannot match ``text`` (``folded_text`` is ``text.casefold()``)."""
    required = hints(pattern)
    if not required:
        return lambda text, folded, has_digit: True
    if required == {DIGIT}:
        return lambda text, folded, has_digit: has_digit

    def may_match(text: str, folded: str, has_digit: bool) -> bool:
        return any(has_digit if s == DIGIT else s in folded for s in required)

    return may_match
