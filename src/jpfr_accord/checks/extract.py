"""Entity extraction for the ENT checks: numbers, dates, ranges, symbols,
enumerators, ordinals, names and quotations of one clause, as normalized values.

Stage: checks. Imports ``resources`` (to read ``data/lexicons/<lang>.entities.toml``) and
``lang.<lang>.morph`` / ``lang.<lang>.numbers`` (names, numbers in words), loaded lazily.

The code is language-neutral: every language-specific wording (month names, era
names, kanji numerals, date patterns) is data in ``<lang>.entities.toml``, so a
third language is a new data file, not new code. Values are compared, not
strings: ``2026年3月31日``, ``令和8年3月31日`` and ``31 mars 2026`` are all the date
``(2026, 3, 31)``; ``２０２６`` and ``2026`` are the number ``2026``.
"""

from __future__ import annotations

import importlib
import re
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from ..resources import data_dir
from .prefilter import prefilter

Date = tuple[int | None, int | None, int | None]

# Document symbols of international organisations: UNEP/EA.7/Res.9, A/RES/78/265.
_SYMBOL = re.compile(r"\b[A-Z][A-Za-z0-9]*(?:/[A-Za-z0-9][A-Za-z0-9.\-]*)+")
# Enumerators: (i), (ii), (a), (1).
_ENUM = re.compile(r"\((?:[ivxlc]{1,6}|[a-h]|\d{1,2})\)")
# Runs of Latin-script words (names kept as written in a Japanese text: Sakana AI, G7).
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[ \-'&.][A-Za-z0-9]+)*")
# Acronyms and names written in capitals (OCDE, G7, MoU, TAKAICHI), not ordinary capitalised words.
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z0-9]+\b")


def _is_acronym(word: str) -> bool:
    # a second capital or a digit after the first letter: OCDE, G7, MoU (not « Macron »)
    return not word[1:].islower() and word.isascii()
_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_DOTTED = re.compile(r"\d+(?:\.\d+){2,}")
_VERBATIM = re.compile(r"[a-z][a-z0-9+.-]*://[^\s<>\"'«»「」()]+|\b\d+(?:\.\d+){2,}\b", re.IGNORECASE)


@dataclass(frozen=True)
class Vocabulary:
    """The entity wordings of one language (from ``<lang>.entities.toml``)."""

    lang: str
    quotes: tuple[tuple[str, str], ...] = ()
    ranges: tuple[re.Pattern[str], ...] = ()
    dates: tuple[re.Pattern[str], ...] = ()
    ordinals: tuple[re.Pattern[str], ...] = ()
    months: dict[str, int] = field(default_factory=dict)
    ordinal_words: dict[str, int] = field(default_factory=dict)
    number_words: dict[str, int] = field(default_factory=dict)
    eras: dict[str, int] = field(default_factory=dict)
    era_first_year: str = ""
    numeral_digits: dict[str, int] = field(default_factory=dict)
    numeral_units: dict[str, int] = field(default_factory=dict)
    numeral_context: re.Pattern[str] | None = None
    number: re.Pattern[str] = re.compile(r"\d+(?:\.\d+)?")
    number_words_re: re.Pattern[str] | None = None
    number_words_exclude: re.Pattern[str] | None = None
    decimal: str = "."
    names: str = "acronyms"
    not_figures: tuple[re.Pattern[str], ...] = ()
    idioms: tuple[str, ...] = ()
    names_hide_numerals: bool = False
    scales: dict[str, int] = field(default_factory=dict)
    scale_pattern: re.Pattern[str] | None = None


def _compiled(patterns) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


def _always(text: str, folded: str, has_digit: bool) -> bool:
    return True


#: Below this many texts, parsing the patterns for prefilters costs more than it saves.
PREFILTER_AFTER = 100
_USES: Counter[str] = Counter()


@cache
def _prefilters(lang: str) -> tuple[tuple, tuple, tuple]:
    voc = vocabulary(lang)
    return tuple(tuple(prefilter(p) for p in group) for group in (voc.ranges, voc.dates, voc.ordinals))  # type: ignore[return-value]


def _filters(lang: str, voc: Vocabulary) -> tuple[tuple, tuple, tuple]:
    _USES[lang] += 1
    if _USES[lang] < PREFILTER_AFTER:
        return tuple(tuple(_always for _ in group) for group in (voc.ranges, voc.dates, voc.ordinals))  # type: ignore[return-value]
    return _prefilters(lang)


@cache
def vocabulary(lang: str) -> Vocabulary:
    """The entity vocabulary of ``lang`` (empty when the language has no data file)."""
    path = data_dir() / "lexicons" / f"{lang}.entities.toml"
    if not path.is_file():
        return Vocabulary(lang)
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    decimal = raw.get("decimal_separator", ".")
    thousands = r"[ ]" if decimal == "," else ","
    # no lookbehind: scanning left to right, a match starts at the first digit of
    # a number anyway, and a pattern starting with \d lets re skip to the digits
    number = re.compile(rf"\d{{1,3}}(?:{thousands}\d{{3}})+(?:{re.escape(decimal)}\d+)?|\d+(?:{re.escape(decimal)}\d+)?")
    ctx = raw.get("numeral_context")
    words = {k.casefold() for k in raw.get("number_words", {})}
    return Vocabulary(
        lang=lang,
        quotes=tuple((a, b) for a, b in raw.get("quotes", ())),
        ranges=_compiled(raw.get("ranges", ())),
        dates=_compiled(raw.get("dates", ())),
        ordinals=_compiled(raw.get("ordinals", ())),
        months={k.casefold(): v for k, v in raw.get("months", {}).items()},
        ordinal_words={k.casefold(): v for k, v in raw.get("ordinal_words", {}).items()},
        number_words={k.casefold(): v for k, v in raw.get("number_words", {}).items()},
        eras=raw.get("eras", {}),
        era_first_year=raw.get("era_first_year", ""),
        numeral_digits=raw.get("numeral_digits", {}),
        numeral_units=raw.get("numeral_units", {}),
        numeral_context=re.compile(ctx) if ctx else None,
        number=number,
        number_words_re=re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")\b") if words else None,
        number_words_exclude=re.compile(raw["number_words_exclude"]) if raw.get("number_words_exclude") else None,
        decimal=decimal,
        names=raw.get("names", "acronyms"),
        not_figures=_compiled(raw.get("not_figures", ())),
        idioms=tuple(raw.get("idioms", ())),
        names_hide_numerals=bool(raw.get("names_hide_numerals", False)),
        scales={k.casefold(): int(v) for k, v in raw.get("scales", {}).items()},
        scale_pattern=re.compile(raw["scale_pattern"]) if raw.get("scale_pattern") else None,
    )


@dataclass(frozen=True)
class Entities:
    """The normalized entities of one clause text."""

    numbers: frozenset[str] = frozenset()
    number_words: frozenset[str] = frozenset()
    ordinals: frozenset[int] = frozenset()
    dates: frozenset[Date] = frozenset()
    ranges: frozenset[tuple[int, int]] = frozenset()
    symbols: frozenset[str] = frozenset()
    enumerators: frozenset[str] = frozenset()
    names: tuple[str, ...] = ()
    quotes: tuple[str, ...] = ()
    flat: str = ""


def fold(text: str) -> str:
    """The text entities are read from: NFKC (full-width digits and brackets,
    no-break spaces) with typographic apostrophes folded to ``'``."""
    return unicodedata.normalize("NFKC", text).replace("\u2019", "'")


def kanji_to_int(numeral: str, voc: Vocabulary) -> int | None:
    """``二〇二六`` -> 2026 (digit by digit), ``三十一`` -> 31 (positional)."""
    digits, units = voc.numeral_digits, voc.numeral_units
    if not numeral or any(c not in digits and c not in units for c in numeral):
        return None
    if not any(c in units for c in numeral):
        return int("".join(str(digits[c]) for c in numeral))
    total, current = 0, 0
    for c in numeral:
        if c in digits:
            current = current * 10 + digits[c]
        else:
            total += (current or 1) * units[c]
            current = 0
    return total + current


def _blank(text: str, m: re.Match[str]) -> str:
    return text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]


def _take(pattern: re.Pattern[str], text: str) -> tuple[list[re.Match[str]], str]:
    found = list(pattern.finditer(text))
    for m in reversed(found):
        text = _blank(text, m)
    return found, text


def extract(text: str, lang: str) -> Entities:
    """Read the entities of one clause text in ``lang``."""
    voc = vocabulary(lang)
    t = fold(text)
    quotes = []
    for opening, closing in voc.quotes:
        if opening in t:
            quotes += [q.strip() for q in re.findall(re.escape(opening) + r"(.*?)" + re.escape(closing), t, re.S)]
    for idiom in voc.idioms:  # 一日も早く: a numeral that counts nothing
        if idiom in t:
            t = t.replace(idiom, " " * len(idiom))
    for p in voc.not_figures:  # 4大臣, « les quatre ministres »: designations of the parties
        t = p.sub(lambda m: " " * len(m.group(0)), t)
    if voc.names_hide_numerals and voc.numeral_digits and any(c in voc.numeral_digits for c in t):
        t = _hide_numerals_in_names(t, lang, voc)
    if voc.numeral_context is not None:
        t = voc.numeral_context.sub(lambda m: str(kanji_to_int(m.group(0), voc) or m.group(0)), t)
    # Prefilters: most patterns need a digit or one of a few words (see prefilter.py).
    has_digit = _DIGIT.search(t) is not None
    folded = t.casefold()
    symbols: set[str] = set()
    # URLs and dotted identifiers (127.0.0.1, version 1.2.3) are the same in every
    # language: compared as written, never read as decimals with a language's separator
    if "://" in t or _DOTTED.search(t):
        found, t = _take(_VERBATIM, t)
        symbols |= {m.group(0).rstrip(".,;:)") for m in found}
    if "/" in t:
        found, t = _take(_SYMBOL, t)
        symbols = {m.group(0).rstrip(".") for m in found}
    range_filters, date_filters, ordinal_filters = _filters(lang, voc)
    ranges: set[tuple[int, int]] = set()
    for p, may_match in zip(voc.ranges, range_filters):
        if may_match(t, folded, has_digit):
            found, t = _take(p, t)
            ranges |= {(int(m.group("a")), int(m.group("b"))) for m in found}
    dates: set[Date] = set()
    for p, may_match in zip(voc.dates, date_filters):
        if may_match(t, folded, has_digit):
            found, t = _take(p, t)
            for m in found:
                dates.update(_dates(m, voc))
    enumerators: set[str] = set()
    if "(" in t:
        found, t = _take(_ENUM, t)
        enumerators = {m.group(0).lower() for m in found}
    ordinals: set[int] = set()
    for p, may_match in zip(voc.ordinals, ordinal_filters):
        if not may_match(t, folded, has_digit):
            continue
        found, t = _take(p, t)
        for m in found:
            g = m.groupdict()
            if g.get("n"):
                ordinals.add(int(g["n"]))
            elif g.get("r"):  # « XXIe siècle »
                value = _roman(g["r"])
                if value:
                    ordinals.add(value)
            elif g.get("w") and g["w"].casefold() in voc.ordinal_words:
                ordinals.add(voc.ordinal_words[g["w"].casefold()])
    if voc.names == "latin-runs":
        found, t = _take(_LATIN_RUN, t)
    else:
        found = [m for m in _CAPITALISED.finditer(t) if _is_acronym(m.group(0))]
        for m in reversed(found):
            t = _blank(t, m)
    names = tuple(dict.fromkeys(m.group(0).strip() for m in found))
    numbers: set[str] = set()
    if voc.scale_pattern is not None and has_digit:
        found, t = _take(voc.scale_pattern, t)
        numbers |= {_scaled(m, voc) for m in found}
    worded = _number_words(t, lang)
    for value, is_ordinal, start, end in worded:
        (ordinals.add(value) if is_ordinal else numbers.add(str(value)))
        t = t[:start] + " " * (end - start) + t[end:]
    numbers |= {_number(m.group(0), voc) for m in voc.number.finditer(t)} if has_digit else set()
    words: set[str] = set()
    if voc.number_words_re:
        if voc.number_words_exclude:
            folded = voc.number_words_exclude.sub(" ", folded)
        words = {str(voc.number_words[m.group(0)]) for m in voc.number_words_re.finditer(folded)}
    return Entities(
        numbers=frozenset(numbers),
        number_words=frozenset(words),
        ordinals=frozenset(ordinals),
        dates=frozenset(dates),
        ranges=frozenset(ranges),
        symbols=frozenset(symbols),
        enumerators=frozenset(enumerators),
        names=names,
        quotes=tuple(quotes),
        flat=fold(text),
    )


def _number(raw: str, voc: Vocabulary) -> str:
    thousands = " " if voc.decimal == "," else ","
    value = raw.replace(thousands, "").replace(voc.decimal, ".")
    return value.lstrip("0") or "0" if "." not in value else value


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(numeral: str) -> int | None:
    """XXI → 21; None for what is not a well-formed Roman numeral."""
    total = 0
    for i, c in enumerate(numeral):
        v = _ROMAN.get(c)
        if v is None:
            return None
        total += -v if i + 1 < len(numeral) and _ROMAN.get(numeral[i + 1], 0) > v else v
    return total if total > 0 else None


def _hide_numerals_in_names(t: str, lang: str, voc: Vocabulary) -> str:
    """Blank the kanji numerals inside proper nouns (安倍晋三, 浜田靖一): names, not numbers."""
    try:
        morph = importlib.import_module(f"..lang.{lang}.morph", __package__)
        spans = morph.proper_noun_spans(t)
    except ImportError:
        return t
    chars = list(t)
    for a, b in spans:
        for i in range(a, min(b, len(chars))):
            if chars[i] in voc.numeral_digits or chars[i] in voc.numeral_units:
                chars[i] = " "
    return "".join(chars)


def _number_words(t: str, lang: str) -> tuple:
    """Compound numbers in words (« cent-soixantième ») read by ``lang.<lang>.numbers``."""
    try:
        module = importlib.import_module(f"..lang.{lang}.numbers", __package__)
    except ImportError:
        return ()
    reader = getattr(module, "number_words", None)
    return reader(t) if reader is not None else ()


def _scaled(m: re.Match[str], voc: Vocabulary) -> str:
    """1億 → 100000000, « 100 millions » → 100000000, 1兆2000億 → 1200000000000."""
    total = 0.0
    for n_key, s_key in (("n", "s"), ("n2", "s2")):
        n, scale = m.groupdict().get(n_key), m.groupdict().get(s_key)
        if n and scale:
            total += float(n.replace(voc.decimal, ".").replace(" ", "")) * voc.scales.get(scale.casefold(), 1)
    return str(int(total)) if total == int(total) else str(total)


def _dates(m: re.Match[str], voc: Vocabulary) -> list[Date]:
    """The date a match names, or the two ends of a day range (6月6日から8日, « du 6 au 8 juin »)."""
    first = _date(m, voc)
    g = m.groupdict()
    if not g.get("d2") and (g.get("m2") or g.get("mname2")):  # 4月から6月, « d'avril à juin »
        month2 = voc.months.get(g["mname2"].casefold()) if g.get("mname2") else int(g["m2"])
        return [first, (first[0], month2, None)]
    if not g.get("d2"):
        return [first]
    month2 = voc.months.get(g["mname2"].casefold()) if g.get("mname2") else int(g["m2"]) if g.get("m2") else None
    year, month, _ = first
    month = month or month2
    first = (year, month, first[2])
    return [first, (year, month2 or month, int(g["d2"].rstrip("er")))]


def _date(m: re.Match[str], voc: Vocabulary) -> Date:
    g = m.groupdict()
    year: int | None = None
    if g.get("era"):
        ey = g.get("ey") or ""
        year = voc.eras[g["era"]] + (1 if ey == voc.era_first_year else int(ey))
    elif g.get("y"):
        year = int(g["y"])
    month: int | None = None
    if g.get("mname"):
        month = voc.months.get(g["mname"].casefold())
    elif g.get("m"):
        month = int(g["m"])
    day = g.get("d")
    return (year, month, int(day.rstrip("er")) if day else None)


def format_date(date: Date) -> str:
    """ISO-like display of a possibly partial date: ``2026-03-31``, ``2025-02``, ``--03-31``."""
    y, m, d = date
    parts = [f"{y:04d}" if y else "-"]
    if m:
        parts.append(f"{m:02d}")
    if d:
        parts.append(f"{d:02d}")
    return "-".join(parts)
