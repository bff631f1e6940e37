"""Pairing the units of two versions written apart into beads (``jpfr align``).

Stage: import. Imports ``imports.anchors`` and ``imports.units``.

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
from dataclasses import dataclass

from .anchors import Features, anchor_points, guide
from .units import Unit

#: French characters per Japanese character, and the variance per character, measured
#: on Japan–France official pairs (sentence and heading beads).
C_JA_FR = 3.2
S2_JA_FR = 45.0
_PRIOR = {(1, 1): 0.12, (1, 2): 3.1, (2, 1): 3.1, (1, 0): 4.6, (0, 1): 4.6, (2, 2): 4.5}
_INF = float("inf")
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


def _length_cost(lj: int, lf: int, c: float) -> tuple[float, float]:
    """(cost, two-tailed probability) of the length pair under the Gale–Church model."""
    delta = (lf - c * lj) / math.sqrt(max(lj, 1) * S2_JA_FR)
    p = max(math.erfc(abs(delta) / math.sqrt(2)), 1e-12)
    return -math.log(p), p


@dataclass(frozen=True)
class _Group:
    """One side of a bead: one unit, or two sentences of one paragraph, merged."""

    kind: str
    length: int
    first: bool
    num: str | None
    strong: frozenset[str]
    latin: frozenset[str]
    weak: frozenset[str]


def _groups(feats: list[Features]) -> dict[int, list[_Group | None]]:
    """For each start index, the group of 1 and of 2 units (None where 2 cannot be one side)."""
    one: list[_Group | None] = [_Group(u.kind, u.length, u.first, u.num, u.strong, u.latin, u.weak) for u in feats]
    two: list[_Group | None] = []
    for a, b in zip(feats, feats[1:]):
        if a.kind == b.kind == "sentence" and a.item == b.item:
            two.append(_Group("sentence", a.length + b.length, a.first, a.num, a.strong | b.strong,
                              a.latin | b.latin, a.weak | b.weak))
        else:
            two.append(None)
    return {1: one, 2: two + [None]}


_OMISSION = (_PRIOR[(1, 0)], 0.5, 0, 0)
_IMPOSSIBLE = (_INF, 0.0, 0, 0)


class _Scorer:
    def __init__(self, ja: list[Features], fr: list[Features], c: float) -> None:
        self.ga, self.gf, self.c = _groups(ja), _groups(fr), c

    def cost(self, i: int, j: int, k: int, l: int) -> tuple[float, float, int, int]:
        """(cost, confidence, anchors matched, unmatched) of the bead ja[i:i+k] with fr[j:j+l]."""
        if not k or not l:
            return _OMISSION
        a, b = self.ga[k][i], self.gf[l][j]
        if a is None or b is None or a.kind != b.kind:
            return _IMPOSSIBLE
        heading = a.kind == "heading"  # headings come one by one: only 1-1
        length, p_len = _length_cost(a.length, b.length, self.c)
        structure, bonus = 0.0, 0.0
        na, nb = a.num, b.num
        if heading:
            length *= 0.3
            if na and nb:
                structure, bonus = (-3.0, 0.3) if na == nb else (3.0, -0.3)
            elif na or nb:
                structure, bonus = 1.5, -0.1
            else:
                structure, bonus = -1.0, 0.1
        elif a.first and b.first:
            structure, bonus = -1.0, 0.05
            if na and nb:
                structure, bonus = (-3.0, 0.25) if na == nb else (4.0, -0.3)
        elif a.first != b.first:
            structure = 1.0
        sa, sb, wa, wb = a.strong, b.strong, a.weak, b.weak
        weak = len(wa & wb)
        matched = len(sa & sb) + len(a.latin & b.latin) + len((sa & wb) | (sb & wa))
        unmatched = len(sa - sb - wb) + len(sb - sa - wa) + len(a.latin - b.latin)
        anchors = -1.5 * matched + 1.0 * unmatched - 0.5 * weak
        score = (matched - unmatched) / (matched + unmatched) if matched + unmatched else 0.0
        confidence = 0.35 + 0.4 * p_len ** 0.25 + 0.25 * score + (0.05 if weak else 0.0) + bonus
        if k != 1 or l != 1:
            confidence -= 0.05
        total = _PRIOR[(k, l)] + length + structure + anchors
        return total, min(1.0, max(0.0, confidence)), matched, unmatched


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
    """The cheapest sequence of beads over the two unit lists (banded dynamic programme).

    The band is centred on a path through the anchor points (``_anchor_points``); when the
    best path runs along its edge, the band is centred again on that path, and widened
    when that does not settle it, so the time stays linear in the length of the texts.
    """
    n, m = len(ja), len(fr)
    scorer = _Scorer(ja, fr, _ratio(ja, fr))
    centre = guide(n, m, anchor_points(ja, fr))
    width = 8 if n + m > 400 else max(n, m) + 1
    passes = 0
    while True:
        beads, edge = _banded(n, m, scorer, centre, width)
        passes += 1
        if beads is not None and not edge:
            return beads
        if width > max(n, m):
            if beads is None:
                raise ValueError("no alignment")  # cannot happen: 1-0 and 0-1 reach every cell
            return beads
        if beads is not None and passes % 3:
            centre = _path_centre(n, beads)
        else:
            width *= 2


def _path_centre(n: int, beads: list[Bead]) -> list[int]:
    centre = [0] * (n + 1)
    j = 0
    i = 0
    for b in beads:
        for _ in b.ja:
            centre[i] = j
            i += 1
        j += len(b.fr)
    centre[n] = j
    return centre


def _banded(n: int, m: int, scorer: _Scorer, centre: list[int], width: int) -> tuple[list[Bead] | None, bool]:
    lows = [max(0, centre[i] - width) for i in range(n + 1)]
    highs = [min(m, centre[i] + width) for i in range(n + 1)]
    for i in range(1, n + 1):  # every row reaches the previous one
        lows[i] = min(max(lows[i], 0), highs[i - 1] + 2)
        highs[i] = max(highs[i], lows[i - 1])
    lows[n], highs[n] = min(lows[n], m), m
    # rows of (total cost, k, l, confidence, matched, unmatched), indexed j - lows[i]
    best: list[list[tuple | None]] = [[None] * (highs[i] - lows[i] + 1) for i in range(n + 1)]
    best[0][0 - lows[0]] = (0.0, 0, 0, 1.0, 0, 0)
    cost = scorer.cost
    for i in range(n + 1):
        row, lo = best[i], lows[i]
        prev_rows = [(k, best[i - k], lows[i - k], highs[i - k]) for k in (0, 1, 2) if i - k >= 0]
        for j in range(lo, highs[i] + 1):
            if i == 0 and j == 0:
                continue
            choice = None
            for k, prow, plo, phi in prev_rows:
                for l in ((1, 2) if k == 0 else ((0, 1, 2) if k == 1 else (1, 2))):
                    if k == 0 and l == 2:
                        continue
                    pj = j - l
                    if pj < plo or pj > phi:
                        continue
                    prev = prow[pj - plo]
                    if prev is None:
                        continue
                    bead_cost = cost(i - k, pj, k, l)
                    total = prev[0] + bead_cost[0]
                    if choice is None or total < choice[0]:
                        choice = (total, k, l, bead_cost[1], bead_cost[2], bead_cost[3])
            row[j - lo] = choice
    if not (lows[n] <= m <= highs[n]) or best[n][m - lows[n]] is None:
        return None, True
    beads: list[Bead] = []
    edge = False
    i, j = n, m
    while i or j:
        cell = best[i][j - lows[i]]
        if cell is None:  # cannot happen: the path only goes through reached cells
            raise ValueError("broken alignment path")
        total, k, l, conf, matched, unmatched = cell
        if (j <= lows[i] and lows[i] > 0 or j >= highs[i] and highs[i] < m) and 0 < i < n and width <= max(n, m):
            edge = True
        prev = best[i - k][j - l - lows[i - k]]
        prev_total = prev[0] if prev is not None else 0.0
        beads.append(Bead(tuple(range(i - k, i)), tuple(range(j - l, j)), round(conf, 2), round(total - prev_total, 3),
                          matched, unmatched))
        i, j = i - k, j - l
    beads.reverse()
    return beads, edge


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
