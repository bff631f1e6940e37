"""Pairing the units of two versions written apart into beads (``jpfr align``).

Stage: import. Imports ``checks.extract`` (numbers, dates, symbols, names), ``checks.glossary``
(terms), ``imports.lexicon`` (acts) and ``imports.units``.

A bead is ``k`` Japanese units with ``l`` French ones: 1–1, 1–2, 2–1, 1–0, 0–1 and 2–2.
The title block is paired by its structure (title with title, dateline with dateline, a
subtitle with the other side's subtitle, or joined to its title when the other side has
none). The body (headings and sentences) is paired by a Gale–Church style dynamic
programme whose cost of a bead adds, in nats:

- the prior of its shape (1–1 common, 1–2/2–1 rarer, omissions rarer still);
- the length model: French characters per Japanese character ``c`` (calibrated on
  Japan–France pairs at about 3.2, then drawn towards the pair's own ratio) with the
  variance per character ``S2``, ``δ = (l_fr − c·l_ja) / √(l_ja·S2)``, cost ``−log P(|Δ| ≥ |δ|)``;
- the structure: a heading pairs only with a heading (same number: a reward; other
  number: a penalty), a sentence only with sentences; the sentences on one side of a
  bead belong to one paragraph; paragraph starts pair with paragraph starts, and
  paragraph numbers with equal numbers;
- the anchors: numbers, dates, document symbols, Latin names and acronyms, glossary
  terms and the diplomatic acts of the lexicons found on both sides are rewarded, those
  found on one side only are charged.

The programme runs in a band around the diagonal (as wide as the difference in length
plus a margin), so its time grows linearly with the text. Each bead gets a confidence
in [0, 1] from its length fit, anchors and structure; ``summary`` tells whether the pair
reads as two versions of one document at all.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from .units import Unit

#: French characters per Japanese character, and the variance per character, measured
#: on Japan–France official pairs (sentence and heading beads).
C_JA_FR = 3.2
S2_JA_FR = 45.0
_PRIOR = {(1, 1): 0.12, (1, 2): 3.1, (2, 1): 3.1, (1, 0): 4.6, (0, 1): 4.6, (2, 2): 4.5}
_INF = float("inf")
_WORDS = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ0-9]+")
LOW_CONFIDENCE = 0.6


@dataclass(frozen=True)
class Bead:
    """Indices of the units on each side, the cost the programme paid, and a confidence."""

    ja: tuple[int, ...]
    fr: tuple[int, ...]
    confidence: float
    cost: float = 0.0
    matched: int = 0  # anchors found on both sides
    unmatched: int = 0  # anchors found on one side only

    @property
    def shape(self) -> str:
        return f"{len(self.ja)}-{len(self.fr)}"

    @property
    def is_low(self) -> bool:
        return self.confidence < LOW_CONFIDENCE


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
    from .lexicon import guess_acts

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
        out.append(Features(u.kind, len(u.text), u.item, u.first, nums.get(u.item) if u.first else None,
                            strong, latin, weak))
    return out


def _length_cost(lj: int, lf: int, c: float) -> tuple[float, float]:
    """(cost, two-tailed probability) of the length pair under the Gale–Church model."""
    delta = (lf - c * lj) / math.sqrt(max(lj, 1) * S2_JA_FR)
    p = max(math.erfc(abs(delta) / math.sqrt(2)), 1e-12)
    return -math.log(p), p


class _Scorer:
    def __init__(self, ja: list[Features], fr: list[Features], c: float) -> None:
        self.ja, self.fr, self.c = ja, fr, c
        self.cost = lru_cache(maxsize=None)(self._cost)

    def _side(self, feats: list[Features], start: int, k: int):
        units = feats[start:start + k]
        if k > 1 and (any(u.kind != "sentence" for u in units) or units[0].item != units[-1].item):
            return None
        return units

    def _cost(self, i: int, j: int, k: int, l: int) -> tuple[float, float, int, int]:
        """(cost, confidence, anchors matched, unmatched) of the bead ja[i:i+k] with fr[j:j+l]."""
        a = self._side(self.ja, i, k) if k else []
        b = self._side(self.fr, j, l) if l else []
        if a is None or b is None:
            return _INF, 0.0, 0, 0
        prior = _PRIOR[(k, l)]
        if not k or not l:
            return prior, 0.5, 0, 0
        kinds = {u.kind for u in a} | {u.kind for u in b}
        if len(kinds) > 1:
            return _INF, 0.0, 0, 0
        heading = "heading" in kinds
        if heading and (k, l) != (1, 1):
            return _INF, 0.0, 0, 0
        lj, lf = sum(u.length for u in a), sum(u.length for u in b)
        length, p_len = _length_cost(lj, lf, self.c)
        structure, bonus = 0.0, 0.0
        na, nb = a[0].num, b[0].num
        if heading:
            length *= 0.3
            if na and nb:
                structure, bonus = (-3.0, 0.3) if na == nb else (3.0, -0.3)
            elif na or nb:
                structure, bonus = 1.5, -0.1
            else:
                structure, bonus = -1.0, 0.1
        else:
            if a[0].first and b[0].first:
                structure, bonus = -1.0, 0.05
                if na and nb:
                    structure, bonus = (-3.0, 0.25) if na == nb else (4.0, -0.3)
            elif a[0].first != b[0].first:
                structure = 1.0
        sa = frozenset().union(*(u.strong for u in a))
        sb = frozenset().union(*(u.strong for u in b))
        la = frozenset().union(*(u.latin for u in a))
        lb = frozenset().union(*(u.latin for u in b))
        wa = frozenset().union(*(u.weak for u in a))
        wb = frozenset().union(*(u.weak for u in b))
        weak = len(wa & wb)
        matched = len(sa & sb) + len(la & lb) + len((sa & wb) | (sb & wa))
        unmatched = len(sa - sb - wb) + len(sb - sa - wa) + len(la - lb)
        anchors = -1.5 * matched + 1.0 * unmatched - 0.5 * weak
        score = (matched - unmatched) / (matched + unmatched) if matched + unmatched else 0.0
        confidence = 0.35 + 0.4 * p_len ** 0.25 + 0.25 * score + 0.05 * min(weak, 1) + bonus
        if (k, l) != (1, 1):
            confidence -= 0.05
        return prior + length + structure + anchors, min(1.0, max(0.0, confidence)), matched, unmatched


def _ratio(ja: list[Features], fr: list[Features]) -> float:
    lj = sum(u.length for u in ja if u.kind == "sentence")
    lf = sum(u.length for u in fr if u.kind == "sentence")
    if not lj or not lf:
        return C_JA_FR
    weight = min(1.0, (lj + lf) / 4000)  # a short excerpt says little about its own ratio
    own = min(max(lf / lj, 1.5), 5.0)
    return (1 - weight) * C_JA_FR + weight * own


SHAPES = ((1, 1), (1, 2), (2, 1), (1, 0), (0, 1), (2, 2))


def align_body(ja: list[Features], fr: list[Features]) -> list[Bead]:
    """The cheapest sequence of beads over the two unit lists (banded dynamic programme)."""
    n, m = len(ja), len(fr)
    scorer = _Scorer(ja, fr, _ratio(ja, fr))
    width = max(25, abs(n - m) + 15)

    def band(i: int) -> range:
        centre = (i * m) // n if n else 0
        return range(max(0, centre - width), min(m, centre + width) + 1)

    best: list[dict[int, tuple]] = [dict() for _ in range(n + 1)]
    best[0][0] = (0.0, 0, 0, 1.0, 0, 0)
    for i in range(n + 1):
        row = best[i]
        for j in band(i):
            here = row.get(j)
            if i == 0 and j == 0:
                continue
            choice = here
            for k, l in SHAPES:
                pi, pj = i - k, j - l
                if pi < 0 or pj < 0:
                    continue
                prev = best[pi].get(pj)
                if prev is None:
                    continue
                cost, conf, matched, unmatched = scorer.cost(pi, pj, k, l)
                total = prev[0] + cost
                if choice is None or total < choice[0]:
                    choice = (total, k, l, conf, matched, unmatched)
            if choice is not None:
                row[j] = choice
    if m not in best[n]:  # the band missed the corner: widen (never for versions of one text)
        raise ValueError("no alignment within the band")
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        total, k, l, conf, matched, unmatched = best[i][j]
        prev_total = best[i - k][j - l][0]
        beads.append(Bead(tuple(range(i - k, i)), tuple(range(j - l, j)), round(conf, 2), round(total - prev_total, 3),
                          matched, unmatched))
        i, j = i - k, j - l
    beads.reverse()
    return beads


def align_title_block(ja: list[Unit], fr: list[Unit]) -> list[Bead]:
    """Title with title, dateline with dateline, subtitle with subtitle (or with the title
    when the other side has none)."""
    def where(units: list[Unit], kind: str) -> int | None:
        return next((i for i, u in enumerate(units) if u.kind == kind), None)

    beads: list[Bead] = []
    tj, tf = where(ja, "title"), where(fr, "title")
    sj, sf = where(ja, "subtitle"), where(fr, "subtitle")
    dj, df = where(ja, "dateline"), where(fr, "dateline")
    if tj is not None or tf is not None:
        a = tuple(x for x in (tj, sj if sf is None and tf is not None else None) if x is not None)
        b = tuple(x for x in (tf, sf if sj is None and tj is not None else None) if x is not None)
        beads.append(Bead(a, b, 0.95 if a and b else 0.5))
    if sj is not None and sf is not None:
        beads.append(Bead((sj,), (sf,), 0.9))
    elif tj is None and sj is not None:
        beads.append(Bead((sj,), (), 0.5))
    elif tf is None and sf is not None:
        beads.append(Bead((), (sf,), 0.5))
    if dj is not None or df is not None:
        beads.append(Bead(tuple(x for x in (dj,) if x is not None), tuple(x for x in (df,) if x is not None),
                          0.95 if dj is not None and df is not None else 0.5))
    return beads


@dataclass(frozen=True)
class Summary:
    """How well the two texts pair as a whole (body beads)."""

    beads: int
    low: int  # paired beads of low confidence
    paired: int
    omitted: int  # units in 1–0 and 0–1 beads
    units: int
    mean_confidence: float
    anchors_matched: int
    anchors_unmatched: int

    @property
    def is_same_document(self) -> bool:
        """False when the pairing collapses: most paired beads of low confidence, a low
        mean confidence, mostly omissions, or anchors (numbers, dates, names) that
        disagree far more than they agree."""
        if not self.paired or self.low / self.paired >= 0.5 or self.mean_confidence < 0.6:
            return False
        omitted = self.omitted / self.units if self.units else 0.0
        if omitted > 0.6 or (omitted > 0.3 and self.low / self.paired > 0.2):
            return False
        total = self.anchors_matched + self.anchors_unmatched
        return not (total >= 6 and self.anchors_matched / total < 0.35)


def summarize(beads: list[Bead]) -> Summary:
    """The summary of the body beads."""
    paired = [b for b in beads if b.ja and b.fr]
    omitted = sum(len(b.ja) + len(b.fr) for b in beads if not (b.ja and b.fr))
    units = sum(len(b.ja) + len(b.fr) for b in beads)
    mean = sum(b.confidence for b in paired) / len(paired) if paired else 0.0
    return Summary(len(beads), sum(1 for b in paired if b.is_low), len(paired), omitted, units, round(mean, 3),
                   sum(b.matched for b in paired), sum(b.unmatched for b in paired))
