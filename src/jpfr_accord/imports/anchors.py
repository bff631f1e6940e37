"""What the aligner looks at in a unit: length, structure, and anchors found on both sides.

Stage: import. Imports ``checks.extract`` (numbers, dates, symbols, names), ``checks.glossary``
(terms), ``imports.text`` (the cached act guesses of the lexicons) and ``imports.units``.

Names: a Japanese person's name is read (``lang.ja.morph``, once it is there) and meets
its French spelling through a consonant skeleton (``sound_key``). Strong anchors (numbers in digits, dates, document symbols, glossary terms) are
expected on both sides: shared, they reward a pairing; on one side only, they charge
it. Latin names and acronyms kept as written in a Japanese text (ACSA, G7) are looked
for among the French words. Weak anchors (the acts of the lexicons, numbers in words:
« les deux dirigeants », 四大臣) only reward. ``anchor_points`` picks the sure pairs
that centre the dynamic programme's band.
"""

from __future__ import annotations

import bisect
import importlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from .units import Unit

_WORDS = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ0-9]+")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def num_key(num: str | None) -> str | None:
    """A number as the two versions can share it: ``(1)``, ``1.``, ``１`` and ``I`` are all ``1``."""
    if not num:
        return None
    value = re.sub(r"[^0-9A-Za-z]", "", unicodedata.normalize("NFKC", num))
    if value.isdigit():
        return str(int(value[:9]))
    if value and all(c in _ROMAN for c in value.upper()) and len(value) <= 6 and value.isupper():
        total = 0
        for a, b in zip(value, value[1:] + " "):
            total += -_ROMAN[a] if b != " " and _ROMAN[b] > _ROMAN[a] else _ROMAN[a]
        return str(total)
    return value.casefold() or None


# -- names: a Japanese name by its reading, a French one by its spelling -----------------

_CAPITAL_WORD = re.compile(r"\b[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ]{2,}")
_Readings = Callable[[str], list[tuple[str, str]]]
_readings: list[_Readings | None] = []


def _name_readings() -> _Readings | None:
    """The Japanese analyser's name readings (``lang.ja.morph.name_readings``: 小泉 -> koizumi),
    or None while the analyser or its dictionary is not there."""
    if not _readings:
        try:
            morph = importlib.import_module("jpfr_accord.lang.ja.morph")
            available = getattr(morph, "is_available", lambda: True)()
            _readings.append(morph.name_readings if available else None)
        except (ImportError, AttributeError):
            _readings.append(None)
    return _readings[0]


def sound_key(word: str, *, french: bool = False) -> set[str]:
    """Consonant skeletons under which a romanised reading and a French spelling meet:
    ``shiraku`` and ``Chirac`` are both ``srk``, ``makuron`` and ``Macron`` ``mkrn``,
    ``rooran`` and ``Laurent`` ``rn`` (a French final t, d, s or x may be silent)."""
    w = word.casefold().replace("ç", "s")
    w = "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))
    for a, b in (("sch", "s"), ("sh", "s"), ("ch", "s"), ("ph", "f"), ("qu", "k"), ("ts", "t"), ("x", "ks")):
        w = w.replace(a, b)
    w = re.sub(r"c(?=[eiy])", "s", w).replace("c", "k").replace("l", "r").replace("v", "b").replace("h", "")
    w = w.replace("w", "").replace("y", "i").replace("j", "z").replace("g", "k").replace("d", "t")
    skeleton = re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiou]", "", w))
    keys = {skeleton} if skeleton else set()
    if french and skeleton[-1:] in ("t", "s", "k") and len(skeleton) > 1:
        keys.add(skeleton[:-1])
    return keys


def name_keys(text: str, lang: str) -> set[str]:
    """Sound keys of the persons' names in a Japanese text (by their readings), or of the
    capitalised words of a French one (where they are looked for)."""
    if lang in ("ja", "zh"):
        readings = _name_readings()
        if readings is None:
            return set()
        return {k for _, romaji in readings(text) for part in romaji.split() for k in sound_key(part) if len(k) >= 2}
    return {k for w in _CAPITAL_WORD.findall(text) for k in sound_key(w, french=True) if len(k) >= 2}


@dataclass(frozen=True)
class Features:
    """What the costs look at in one unit."""

    kind: str
    length: int
    item: int
    first: bool
    num: str | None
    strong: frozenset[str]  # numbers, dates, symbols, glossary terms: expected on both sides
    latin: frozenset[str]  # Latin names as written (a Japanese text keeps them as they are)
    weak: frozenset[str]  # acts of the lexicons, numbers in words: rewarded when shared only


def _anchor_sets(text: str, lang: str, glossary) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    from ..checks.extract import extract
    from .text import guess_acts

    ent = extract(text, lang)
    strong = {f"n:{n}" for n in ent.numbers} | {f"n:{o}" for o in ent.ordinals}
    for y, m, d in ent.dates:
        strong.add(f"d:{y}-{m}-{d}")
        if y:
            strong.add(f"n:{y}")
        if d:
            strong.add(f"n:{d}")
    strong |= {f"s:{s.casefold()}" for s in ent.symbols}
    if lang in ("ja", "zh"):  # Latin names kept as written in a Japanese text (ACSA, G7, Sakana AI)
        latin = {f"a:{w.casefold()}" for name in ent.names for w in name.split() if len(w) > 1}
    else:  # every Latin word, where those names are looked for
        latin = {f"a:{w.casefold()}" for w in _WORDS.findall(ent.flat)}
    if glossary is not None:
        from ..checks.glossary import match_form

        strong |= {f"g:{e.id}" for e in glossary.entries_in(match_form(text), lang)}
    acts = {f"act:{a}" for a in guess_acts(text, lang)} if len(text) < 2000 else set()
    # numbers in words ("les deux dirigeants", "quatre", 四大臣) are read on one side more
    # often than on the other: they reward a pairing, never charge one
    weak = acts | {f"n:{n}" for n in ent.number_words if n != "1"}
    weak |= {f"p:{key}" for key in name_keys(text, lang)}
    return frozenset(strong), frozenset(latin), frozenset(weak)


def features(units: list[Unit], nums: dict[int, str | None], lang: str, glossary=None) -> list[Features]:
    """The features of each unit (``nums``: item index -> paragraph or heading number)."""
    out = []
    for u in units:
        strong, latin, weak = _anchor_sets(u.text, lang, glossary)
        out.append(Features(u.kind, len(u.text), u.item, u.first, num_key(nums.get(u.item)) if u.first else None,
                            strong, latin, weak))
    return out


def anchor_points(ja: list[Features], fr: list[Features]) -> list[tuple[int, int]]:
    """Sure pairs of units: a number, date, symbol or term found in exactly one unit on
    each side, and numbered headings, kept where they form an increasing chain (the
    longest one: an anchor out of order is a coincidence, not a pairing)."""
    def once(feats: list[Features]) -> dict[str, int]:
        seen: dict[str, int] = {}
        for i, u in enumerate(feats):
            keys = set(u.strong)
            if u.kind == "heading" and u.num:
                keys.add(f"h:{u.num}")
            for key in keys:
                seen[key] = -1 if key in seen else i
        return {k: i for k, i in seen.items() if i >= 0}

    a, b = once(ja), once(fr)
    candidates = sorted({(a[k], b[k]) for k in a.keys() & b.keys()})
    # longest chain increasing in both coordinates (patience sorting, O(k log k))
    tails: list[int] = []
    tail_idx: list[int] = []
    parent = [-1] * len(candidates)
    for idx, (i, j) in enumerate(candidates):
        pos = bisect.bisect_left(tails, j)
        if pos and candidates[tail_idx[pos - 1]][0] == i:
            continue  # one anchor a unit
        if pos == len(tails):
            tails.append(j)
            tail_idx.append(idx)
        else:
            tails[pos] = j
            tail_idx[pos] = idx
        parent[idx] = tail_idx[pos - 1] if pos else -1
    chain: list[tuple[int, int]] = []
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        chain.append(candidates[k])
        k = parent[k]
    return chain[::-1]


def guide(n: int, m: int, points: list[tuple[int, int]]) -> list[int]:
    """For each Japanese index, the French index the band is centred on: a piecewise-linear
    path through the anchor points, from (0, 0) to (n, m)."""
    knots = [(0, 0)] + [(i, j) for i, j in points if 0 < i < n and 0 < j < m] + [(n, m)]
    centre = [0] * (n + 1)
    for (i0, j0), (i1, j1) in zip(knots, knots[1:]):
        for i in range(i0, i1 + 1):
            centre[i] = j0 + ((i - i0) * (j1 - j0)) // (i1 - i0) if i1 > i0 else j0
    return centre
