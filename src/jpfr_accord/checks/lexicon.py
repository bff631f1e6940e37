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
from dataclasses import dataclass
from functools import cache

from ..errors import ConfigError, Location
from ..resources import data_dir

_SPACE_NEAR_CJK = re.compile(r"\s+(?=[^\x00-\u024f\s])|(?<=[^\x00-\u024f\s])\s+")


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
    acts, actors = [], []
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


def prepare(text: str) -> str:
    """The form wordings are matched in: NFKC (no-break spaces become spaces),
    ``’`` folded to ``'``, and no space next to a CJK character."""
    t = unicodedata.normalize("NFKC", text).replace("\u2019", "'")
    return _SPACE_NEAR_CJK.sub("", re.sub(r"\s+", " ", t)).strip()


def _longest(matches: list[Match]) -> list[Match]:
    # A wording inside a longer one (確認した inside 再確認した) does not count.
    keep = []
    for m in matches:
        if not any(o is not m and o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start) for o in matches):
            keep.append(m)
    return sorted(keep, key=lambda m: m.start)


def find_acts(text: str, lang: str) -> list[Match]:
    """Every act wording of ``lang`` in ``text`` (a prepared text), in order."""
    found = [
        Match(w.act or "", m.group(0), m.start(), m.end())
        for w in lexicon(lang).acts
        for m in w.pattern.finditer(text)
        if m.end() > m.start()
    ]
    return _longest(found)


def find_subject(text: str, lang: str, before: int | None = None) -> Match | None:
    """The subject of the clause: the earliest (then longest) actor wording,
    if it comes before ``before`` (the first act wording)."""
    found = [
        Match(w.actor or "", m.group(0), m.start(), m.end())
        for w in lexicon(lang).actors
        for m in w.pattern.finditer(text)
        if m.end() > m.start()
    ]
    if not found:
        return None
    first = min(found, key=lambda m: (m.start, -(m.end - m.start)))
    if before is not None and first.start >= before:
        return None
    return first
