"""`jpfr align`: the four real pairs against their hand-made alignment, shared ids, refusals, bad input."""

from __future__ import annotations

import itertools

import pytest

from real_files import PAIRS, REAL
from jpfr_accord.errors import LoadError
from jpfr_accord.imports.align import align_texts, bead_texts
from jpfr_accord.imports.score import read_gold, score
from jpfr_accord.lang.sentences import split_sentences
from jpfr_accord.load import load_document, load_pair


def _gold(doc_id):
    return read_gold(REAL / f"{doc_id}.gold.tsv", REAL / f"{doc_id}.ja.sents", REAL / f"{doc_id}.fr.sents")


@pytest.mark.parametrize("doc_id", PAIRS)
def test_real_pair_matches_the_hand_made_alignment(doc_id):
    result = align_texts(REAL / f"{doc_id}.ja.txt", REAL / f"{doc_id}.fr.txt", doc_id=doc_id)
    s = score(bead_texts(result), _gold(doc_id))
    assert s.f1 >= 0.97 and s.exact >= 0.95, s


def test_all_pairs_together_reach_the_targets():
    predicted, reference = [], []
    for doc_id in PAIRS:
        predicted += bead_texts(align_texts(REAL / f"{doc_id}.ja.txt", REAL / f"{doc_id}.fr.txt", doc_id=doc_id))
        reference += _gold(doc_id)
    s = score(predicted, reference)
    assert s.f1 >= 0.97 and s.exact >= 0.95, s


def _merge_first_two(text: str, lang: str) -> str:
    """The text with the first two sentences of each paragraph made one (a 2–1 bead against the original)."""
    out = []
    for block in text.split("\n\n"):
        ss = split_sentences(block, lang)
        if len(ss) >= 2:
            joined = ss[0][:-1] + ("、" + ss[1] if lang == "ja" else " ; " + ss[1][0].lower() + ss[1][1:])
            block = ("" if lang == "ja" else " ").join([joined] + ss[2:])
        out.append(block)
    return "\n\n".join(out)


def _with_counterpart(doc_id: str, side: str) -> set[str]:
    """The units of ``side`` that the hand-made alignment pairs with something."""
    return {t for ja, fr in _gold(doc_id) if ja and fr for t in (ja if side == "ja" else fr)}


def _mergeable(doc_id: str, side: str) -> list[list[str]]:
    """Paragraphs of ``side`` whose first two sentences both have a counterpart."""
    keep = _with_counterpart(doc_id, side)
    blocks = [split_sentences(b, side) for b in (REAL / f"{doc_id}.{side}.txt").read_text(encoding="utf-8").split("\n\n")]
    return [ss for ss in blocks if len(ss) >= 2 and ss[0] in keep and ss[1] in keep]


MERGEABLE = [(d, side) for d, side in itertools.product(PAIRS, ("ja", "fr")) if _mergeable(d, side)]


@pytest.mark.parametrize("doc_id,side", MERGEABLE)
def test_one_sentence_rendering_two_is_one_clause_on_each_side(doc_id, side, tmp_path):
    merged = tmp_path / f"{doc_id}.{side}.txt"
    merged.write_text(_merge_first_two((REAL / f"{doc_id}.{side}.txt").read_text(encoding="utf-8"), side), encoding="utf-8")
    ja = merged if side == "ja" else REAL / f"{doc_id}.ja.txt"
    fr = merged if side == "fr" else REAL / f"{doc_id}.fr.txt"
    result = align_texts(ja, fr, doc_id=doc_id)
    mine, theirs = (result.ja, result.fr) if side == "ja" else (result.fr, result.ja)
    other = "fr" if side == "ja" else "ja"
    checked = 0
    for ss in _mergeable(doc_id, side):
        clause = next(c for c in mine.clauses() if c.text.startswith(ss[0][:-1]))
        counterpart = theirs.index()[clause.id]  # the same id on the other side
        assert len(split_sentences(counterpart.text, other)) == 2, (clause.id, counterpart.text)
        checked += 1
    assert checked >= 1
    assert any(b.shape in ("1-2", "2-1") for b in result.beads if b.ja and b.fr and len(b.ja) + len(b.fr) == 3)


JA_TEXT = """日仏共同声明

2019年6月26日、東京

両首脳は、2019年6月26日、東京において会談した。

I. 安全保障

（1）両首脳は、海洋安全保障における協力を強化することで一致した。両首脳は、2020年に共同訓練を実施することを決定した。

（2）両首脳は、G7の枠組みにおける連携を確認し、平和のためのその重要性を強調した。
"""

FR_TEXT = """Déclaration conjointe franco-japonaise

Tokyo, le 26 juin 2019

Le Président de la République s’est rendu au Japon pour sa première visite d’État.

Les deux dirigeants se sont rencontrés le 26 juin 2019 à Tokyo.

1. Sécurité

1. Les deux dirigeants sont convenus de renforcer leur coopération en matière de sécurité maritime et ont décidé de mener un exercice conjoint en 2020.

2. Les deux dirigeants ont confirmé leur coordination dans le cadre du G7. Ils ont souligné l’importance de cette coordination pour la paix.
"""


def test_a_hand_made_pair_with_every_kind_of_bead(tmp_path):
    (tmp_path / "ja.txt").write_text(JA_TEXT, encoding="utf-8")
    (tmp_path / "fr.txt").write_text(FR_TEXT, encoding="utf-8")
    result = align_texts(tmp_path / "ja.txt", tmp_path / "fr.txt", doc_id="t")
    got = [(b.shape, i) for b, i in zip(result.beads, result.ids)]
    assert got == [
        ("1-1", None),  # title
        ("1-1", None),  # dateline
        ("0-1", "preamble__para_1__cl_1"),  # the French introduction
        ("1-1", "preamble__para_2__cl_1"),
        ("1-1", "sec_I"),  # I. with 1.: the same number, written otherwise
        ("2-1", "sec_I__para_1__cl_1"),  # two Japanese sentences, one French
        ("1-2", "sec_I__para_2__cl_1"),  # one Japanese sentence, two French
    ]
    assert result.ja.meta.date == result.fr.meta.date == "2019-06-26"
    assert (result.ja.meta.place, result.fr.meta.place) == ("東京", "Tokyo")
    fr_clause = result.fr.index()["sec_I__para_2__cl_1"]
    assert fr_clause.text.startswith("2. Les deux dirigeants") and fr_clause.text.endswith("pour la paix.")
    assert [p.num for p in result.ja.sections[0].paragraphs] == ["(1)", "(2)"]
    assert [p.num for p in result.fr.sections[0].paragraphs] == ["1", "2"]
    assert "preamble__para_1" not in result.ja.index()


def test_a_heading_on_one_side_only_keeps_what_follows_paired(tmp_path, jpfr):
    fr = tmp_path / "fr.txt"
    fr.write_text((REAL / "2p2-2014.fr.txt").read_text(encoding="utf-8").replace("Convergence de vues\n\n", ""),
                  encoding="utf-8")
    result = align_texts(REAL / "2p2-2014.ja.txt", fr, doc_id="x")
    assert [b.shape for b in result.beads].count("1-0") == 1
    # the French text goes on under a section without heading: its clauses keep the shared ids
    assert [(s.id, s.heading) for s in result.fr.sections] == [("hcontainer_1", None)]
    assert [n.id for n in result.fr.iter_nodes()] == [n.id for n in result.ja.iter_nodes()]
    from jpfr_accord.load import serialize_document

    corpus = tmp_path / "corpus"
    for lang, doc in (("ja", result.ja), ("fr", result.fr)):
        (corpus / lang).mkdir(parents=True)
        (corpus / lang / "x.xml").write_bytes(serialize_document(doc))
    check = jpfr("check", str(corpus), "--select", "ALN")
    assert "hcontainer_1" in check.stdout and "ALN001" not in check.stdout, check.stdout
