"""What the aligner looks at in a unit: length, structure, and anchors found on both sides.

Stage: import. Imports ``checks.extract`` (numbers, dates, symbols, names), ``checks.glossary``
(terms), ``imports.text`` (the cached act guesses of the lexicons) and ``imports.units``.

Strong anchors (numbers in digits, dates, document symbols, glossary terms) are
expected on both sides: shared, they reward a pairing; on one side only, they charge
it. Latin names and acronyms kept as written in a Japanese text (ACSA, G7) are looked
for among the French words. Weak anchors (the acts of the lexicons, numbers in words:
« les deux dirigeants », 四大臣) only reward. ``anchor_points`` picks the sure pairs
that centre the dynamic programme's band.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
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
