"""The scorer compares beads by text: links (precision, recall, F1) and exact beads."""

from __future__ import annotations

from real_files import REAL
from jpfr_accord.imports.score import read_gold, score

GOLD = [(("a",), ("A",)), (("b",), ("B1", "B2")), ((), ("C",)), (("d",), ("D",))]


def test_a_perfect_alignment_scores_one():
    s = score(GOLD, GOLD)
    assert (s.precision, s.recall, s.f1, s.exact) == (1.0, 1.0, 1.0, 1.0) and s.links == 4 and s.beads == 4


def test_a_split_bead_loses_exactness_not_links_and_a_wrong_link_loses_precision():
    split = [(("a",), ("A",)), (("b",), ("B1",)), ((), ("B2",)), ((), ("C",)), (("d",), ("D",))]
    s = score(split, GOLD)
    assert (s.precision, s.recall, s.exact) == (1.0, 0.75, 0.75)
    wrong = [(("a",), ("A",)), (("b",), ("B1", "B2")), (("d",), ("C", "D"))]
    s = score(wrong, GOLD)
    assert s.precision == 0.8 and s.recall == 1.0 and s.exact == 0.5


def test_texts_not_numbers_are_compared_and_spacing_does_not_matter():
    renumbered = [(("a ",), ("A",)), (("b",), ("B1",  "B2")), ((), ("C",)), (("d",), (" D",))]
    assert score(renumbered, GOLD).f1 == 1.0


def test_reading_a_reference_with_omissions():
    gold = read_gold(REAL / "2p2sum-2017.gold.tsv", REAL / "2p2sum-2017.ja.sents", REAL / "2p2sum-2017.fr.sents")
    assert len(gold) == 9 and [len(a) for a, _ in gold[:3]] == [1, 0, 0] and len(gold[0][1]) == 2
    assert gold[0][0][0].startswith("第3回日仏外務・防衛閣僚会合")
