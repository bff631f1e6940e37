"""Actors as phrases: who the subject of a clause is (both parties, Japan, France).

Stage: lang. Imports ``resources`` (reads ``data/lexicons/<lang>.actors.tsv``) and
the language's ``morph`` module for Japanese.

The subject is a phrase, not a word: 四大臣, 4大臣, 日本とフランス, オランド大統領及び安倍
総理大臣 / « les quatre ministres », « le Japon et la France », « le Président français ».
The words of the phrase that name an actor are data (``<lang>.actors.tsv``); a
phrase naming one actor of each side is ``both``.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from ..errors import ConfigError, Location
from ..resources import data_dir

__all__ = ["Subject", "classify", "subject", "has_lexicon"]


@dataclass(frozen=True)
class Subject:
    """The subject phrase of a clause, its offsets and the actor it names."""

    value: str
    text: str
    start: int
    end: int


@cache
def _patterns(lang: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    path = data_dir() / "lexicons" / f"{lang}.actors.tsv"
    if not path.is_file():
        return ()
    display = f"data/lexicons/{lang}.actors.tsv"
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [(n, line) for n, line in enumerate(fh, 1) if line.strip() and not line.startswith("#")]
    out = []
    for (n, _), row in zip(lines[1:], csv.DictReader((x for _, x in lines), delimiter="\t", quoting=csv.QUOTE_NONE)):
        try:
            out.append(((row.get("actor") or "").strip(), re.compile(row.get("pattern") or "", re.IGNORECASE)))
        except re.error as exc:
            raise ConfigError(f"invalid pattern in actor lexicon: {exc}", Location(display, n)) from None
    return tuple(out)


def has_lexicon(lang: str) -> bool:
    return bool(_patterns(lang))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("\u2019", "'")


#: Coordinators between the conjuncts of a Japanese subject (オランド大統領及び安倍総理大臣).
_JA_CONJ = re.compile(r"及び|並びに|と(?=[^はがの]*$)|、|,|，")


@lru_cache(maxsize=65536)
def classify(phrase: str, lang: str) -> str | None:
    """The actor a subject phrase names (``both``, ``ja``, ``fr``), or None. A Japanese
    phrase names what its last words name, conjunct by conjunct (この4大臣による会合 is
    a meeting, not the ministers); a French one what its words name."""
    text = _fold(phrase)
    if lang == "ja":
        named: set[str] = set()
        whole = {actor for actor, p in _patterns(lang) if _ends(p, text)}
        if whole:
            named |= whole
        for part in (x.strip() for x in _JA_CONJ.split(text)):
            if part:
                named |= {actor for actor, p in _patterns(lang) if _ends(p, part)}
    else:
        named = {actor for actor, p in _patterns(lang) if actor == "both" and p.search(text)}
        body = re.sub(r"^\W*(?:\(\w+\)|\d+[.)/]?)?\s*", "", text)
        for part in (x.strip() for x in re.split(r"\s+et\s+|,\s*", body)):
            named |= {actor for actor, p in _patterns(lang) if actor != "both" and p.match(part)}
    if "both" in named or {"ja", "fr"} <= named:
        return "both"
    return next(iter(sorted(named)), None)


def _ends(pattern: re.Pattern[str], text: str) -> bool:
    """The pattern matches the end of the text (the head of a Japanese noun phrase)."""
    return any(m.end() == len(text) for m in pattern.finditer(text))


_JA_DEFINED = re.compile(r"[(（]以下[「『](.+?)[」』](?:と|という|と総称する|と称する)?[^)）]*[)）]")
_JA_BOUNDARY = re.compile(r"[、,，。]")


def subject(text: str, lang: str, before: int | None) -> Subject | None:
    """The subject phrase of ``text`` that precedes offset ``before`` (the clause's
    first act), with the actor it names; None when there is none or it names no actor."""
    if lang == "ja":
        return _subject_ja(text, before)
    if lang == "fr":
        return _subject_fr(text, before)
    return None


def _subject_ja(text: str, before: int | None) -> Subject | None:
    from .ja.morph import tokens  # noqa: PLC0415

    limit = len(text) if before is None else before
    for t in tokens(text):
        if t.start >= limit:
            break
        if t.surface == "は" and t.has_pos("助詞", "係助詞"):
            head = text[: t.start]
            defined = _JA_DEFINED.search(head)
            if defined and defined.end() >= len(head.rstrip()) - 1:
                actor = classify(defined.group(1), "ja")
                if actor:
                    return Subject(actor, defined.group(0), defined.start(), defined.end())
            cut = max((m.end() for m in _JA_BOUNDARY.finditer(head)), default=0)
            phrase = head[cut:].strip()
            actor = classify(phrase, "ja") if phrase else None
            if actor:
                return Subject(actor, phrase, cut + head[cut:].find(phrase), t.start)
            return None
    return None


_FR_BOUNDARY = re.compile(r"[,;:»«]")


_FR_DEFINED = re.compile(r"\((?:ci-?après|ci après)[^()«]*«\s*([^»]+?)\s*»\s*\)\s*$", re.IGNORECASE)
_FR_FINITE = re.compile(r"\b(?:(?:se|s'|s’)\s*)?(?:ont|a|sont|est|étaient|était|avaient|avait|faisait|faisaient)\b", re.IGNORECASE)


def _first_verb(text: str) -> int | None:
    """Where the first verb group of a French clause starts, when it expresses no act
    (« se sont réunis », « portent »): an auxiliary, or a third person plural present."""
    from .fr.morph import words  # noqa: PLC0415

    m = next((x for x in _FR_FINITE.finditer(text) if x.start() > 1), None)  # « A l'invitation » is not « a »
    limit = m.start() if m else None
    for w in words(text):
        if limit is not None and w.start >= limit:
            break
        # a third person plural present (« portent »), not an adverb or a noun in -ment
        if w.start > 0 and len(w.lower) > 4 and w.lower.endswith("ent") and not w.lower.endswith(("ment", "dent", "gent", "cent")) and w.surface[0].islower():
            return w.start
    return limit


def _subject_fr(text: str, before: int | None) -> Subject | None:
    if before is None:
        before = _first_verb(text)
    if before is None:
        return None
    head = text[:before]
    defined = _FR_DEFINED.search(head.rstrip())
    if defined:
        actor = classify(defined.group(1), "fr")
        if actor:
            return Subject(actor, defined.group(0), defined.start(), defined.end())
    head = head.rstrip(" ,")  # « M. François Hollande, Président de la République française, a effectué »
    cut = max((m.end() for m in _FR_BOUNDARY.finditer(head)), default=0)
    phrase = head[cut:].strip()
    actor = classify(phrase, "fr") if phrase else None
    if actor is None:
        return None
    return Subject(actor, phrase, cut + head[cut:].find(phrase), cut + head[cut:].find(phrase) + len(phrase))
