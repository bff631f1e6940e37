"""Language lexicons: which wordings express which act, which subjects name which actor.

Stage: checks. Imports ``resources`` (reads ``data/lexicons/<lang>.tsv``).

The lexicon of a language is data, one TSV file per language with the columns
``act``, ``actor``, ``pattern``, ``note``; the importer (``jpfr import``) reads
the same files to guess the acts of a new text. A third language is a new file.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..errors import ConfigError, Location
from ..resources import data_dir
from .prefilter import hints, present
from .textnorm import drop_spaces_near_cjk



@dataclass(frozen=True)
class Wording:
    """One lexicon row: the act or the actor it signals, its pattern and where it is defined."""

    act: str | None
    actor: str | None
    pattern: re.Pattern[str]
    line: int


@dataclass(frozen=True)
class Lexicon:
    lang: str
    acts: tuple[Wording, ...] = ()
    actors: tuple[Wording, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.acts


@dataclass(frozen=True)
class Match:
    """A wording found in a clause: what it signals, the words and their position."""

    value: str
    text: str
    start: int
    end: int
    negated: bool = False


@cache
def lexicon(lang: str) -> Lexicon:
    """The lexicon of ``lang`` (empty when there is no data file for it).

    Raises:
        ConfigError: a pattern of the file is not a valid regular expression.
    """
    path = data_dir() / "lexicons" / f"{lang}.tsv"
    if not path.is_file():
        return Lexicon(lang)
    display = f"data/lexicons/{lang}.tsv"
    acts: list[Any] = []
    actors: list[Any] = []
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [(n, line) for n, line in enumerate(fh, 1) if line.strip() and not line.startswith("#")]
    reader = csv.DictReader((line for _, line in lines), delimiter="\t", quoting=csv.QUOTE_NONE)
    for (n, _), row in zip(lines[1:], reader):
        act, actor, raw = (row.get("act") or "").strip(), (row.get("actor") or "").strip(), row.get("pattern") or ""
        if not raw or not (act or actor):
            continue
        try:
            pattern = re.compile(raw, re.IGNORECASE if actor else 0)
        except re.error as exc:
            raise ConfigError(f"invalid pattern in lexicon: {exc}", Location(display, n)) from None
        (acts if act else actors).append(Wording(act or None, actor or None, pattern, n))
    return Lexicon(lang, tuple(acts), tuple(actors))


#: Below this many texts, parsing the patterns for prefilters costs more than it saves.
PREFILTER_AFTER = 100
_USES: Counter[str] = Counter()

Hints = tuple[tuple[frozenset[str] | None, ...], tuple[frozenset[str] | None, ...], set[str]]


@cache
def _hint_table(lang: str) -> tuple[tuple[frozenset[str] | None, ...], tuple[frozenset[str] | None, ...], frozenset[str]]:
    lex = lexicon(lang)
    acts = tuple(hints(w.pattern) for w in lex.acts)
    actors = tuple(hints(w.pattern) for w in lex.actors)
    return acts, actors, frozenset(h for g in (*acts, *actors) if g for h in g)


def hints_in(text: str, lang: str) -> Hints | None:
    """The prefilter strings of the lexicon found in ``text`` (see prefilter.py),
    or None while too few texts were read for prefiltering to pay."""
    _USES[lang] += 1
    if _USES[lang] < PREFILTER_AFTER:
        return None
    acts, actors, every = _hint_table(lang)
    return acts, actors, present(every, text, text.casefold(), True)


def prepare(text: str) -> str:
    """The form wordings are matched in: NFKC (no-break spaces become spaces),
    ``’`` folded to ``'``, and no space next to a CJK character."""
    return drop_spaces_near_cjk(" ".join(unicodedata.normalize("NFKC", text).replace("\u2019", "'").split()))


def _longest(matches: list[Match]) -> list[Match]:
    # A wording inside a longer one (確認した inside 再確認した) does not count.
    keep = []
    for m in matches:
        if not any(o is not m and o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start) for o in matches):
            keep.append(m)
    return sorted(keep, key=lambda m: m.start)


def _candidates(wordings: tuple[Wording, ...], table: tuple[frozenset[str] | None, ...] | None, here: set[str] | None):
    # a pattern none of whose prefilter strings occurs in the text cannot match
    if table is None or here is None:
        return wordings
    return [w for w, h in zip(wordings, table) if h is None or not h.isdisjoint(here)]


def find_acts(text: str, lang: str, table: Hints | None = None) -> list[Match]:
    """Every act wording of ``lang`` in ``text`` (a prepared text), in order."""
    lex = lexicon(lang)
    found = [
        Match(w.act or "", m.group(0), m.start(), m.end())
        for w in _candidates(lex.acts, table and table[0], table and table[2])
        for m in w.pattern.finditer(text)
        if m.end() > m.start()
    ]
    return _longest(found)


def find_subject(text: str, lang: str, before: int | None = None, table: Hints | None = None) -> Match | None:
    """The subject of the clause: the earliest (then longest) actor wording,
    if it comes before ``before`` (the first act wording)."""
    lex = lexicon(lang)
    found = [
        Match(w.actor or "", m.group(0), m.start(), m.end())
        for w in _candidates(lex.actors, table and table[1], table and table[2])
        for m in w.pattern.finditer(text)
        if m.end() > m.start()
    ]
    if not found:
        return None
    first = min(found, key=lambda m: (m.start, -(m.end - m.start)))
    if before is not None and first.start >= before:
        return None
    return first
