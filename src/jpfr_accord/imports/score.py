"""Scoring an alignment against a reference, by text (links and exact beads).

Stage: import. Imports nothing from the package.

A bead is compared as the texts of its units, not their numbers, so a reference made
on one sentence splitting scores an aligner that numbers units differently. A link is
one (Japanese unit, French unit) pair inside a bead; a 1–0 or 0–1 bead has none but
counts as a bead. Precision, recall and F1 are over links; ``exact`` is the share of
reference beads found exactly.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

BeadTexts = tuple[tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    exact: float
    links: int
    reference_links: int
    beads: int
    reference_beads: int


def _norm(text: str) -> str:
    return " ".join(text.split())


def _links(beads: list[BeadTexts]) -> Counter:
    return Counter((_norm(a), _norm(b)) for ja, fr in beads for a in ja for b in fr)


def _bead_keys(beads: list[BeadTexts]) -> Counter:
    return Counter((tuple(_norm(a) for a in ja), tuple(_norm(b) for b in fr)) for ja, fr in beads)


def score(predicted: list[BeadTexts], reference: list[BeadTexts]) -> Score:
    """Link precision/recall/F1 and the share of reference beads found exactly."""
    pl, rl = _links(predicted), _links(reference)
    hit = sum((pl & rl).values())
    p = hit / sum(pl.values()) if pl else (1.0 if not rl else 0.0)
    r = hit / sum(rl.values()) if rl else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    pb, rb = _bead_keys(predicted), _bead_keys(reference)
    exact = sum((pb & rb).values()) / sum(rb.values()) if rb else 1.0
    return Score(round(p, 4), round(r, 4), round(f1, 4), round(exact, 4), sum(pl.values()), sum(rl.values()),
                 sum(pb.values()), sum(rb.values()))


def read_gold(gold: Path, ja_sents: Path, fr_sents: Path) -> list[BeadTexts]:
    """A reference alignment (``ja_indices<TAB>fr_indices``, 0-based, comma-separated) as texts."""
    ja = ja_sents.read_text(encoding="utf-8").splitlines()
    fr = fr_sents.read_text(encoding="utf-8").splitlines()
    out = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        if not line.strip("\t "):
            continue
        left, _, right = line.partition("\t")
        a = tuple(ja[int(i)] for i in left.split(",") if i.strip())
        b = tuple(fr[int(j)] for j in right.split(",") if j.strip())
        out.append((a, b))
    return out
