"""Benchmark of ``jpfr align``: quality on the real pairs, against Gale–Church, and time.

Usage: python bench/align_bench.py [--sentences 2000] [--runs 3]

1. On the four real official pairs (``../shared/real``), link precision / recall / F1 and
   the share of exact beads, by text (``jpfr_accord.imports.score``), for ``jpfr align``
   and, on the same units with the same scorer, for the PyPI ``galechurch`` aligner
   (with its shipped parameters, and calibrated for Japanese→French). Targets: F1 ≥ 0.97,
   exact beads ≥ 95 %.
2. The time to align a synthetic pair of N sentences a side (reading both texts, layout,
   anchors, the dynamic programme, building both documents), and of N/2, so that the
   ratio shows the growth (≈ 2 when linear). Target: under 2 s for 2,000 sentences.

Also times the French sentence splitter on 1.6 MB (issue #17 item 10: was 33 s) against
a plain ``str.split`` of the same text in the same run.

Exit 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from jpfr_accord.imports.align import align_texts, bead_texts  # noqa: E402
from jpfr_accord.imports.score import read_gold, score  # noqa: E402
from jpfr_accord.lang.sentences import split_sentences  # noqa: E402

PAIRS = ("decl-2005", "comm-2013", "2p2-2014", "2p2sum-2017")


def real_dir() -> Path:
    for c in (os.environ.get("JPFR_REAL_DIR"), ROOT.parent / "shared" / "real", ROOT.parent.parent / "shared" / "real"):
        if c and (Path(c) / "README.md").is_file():
            return Path(c)
    raise SystemExit("the real pairs (../shared/real) are not found; set JPFR_REAL_DIR")


def galechurch_beads(ja: list[str], fr: list[str], **params) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    import galechurch

    result = galechurch.align(ja, fr, **params)
    return [(tuple(ja[b.source_start:b.source_end]), tuple(fr[b.target_start:b.target_end])) for b in result.beads]


def quality(real: Path) -> bool:
    systems = {"jpfr align": [], "galechurch (shipped parameters)": [], "galechurch (calibrated ja->fr)": []}
    gold_all = []
    print(f"{'pair':<14}{'system':<34}{'P':>7}{'R':>7}{'F1':>7}{'exact':>8}")
    for doc_id in PAIRS:
        ja_s, fr_s = real / f"{doc_id}.ja.sents", real / f"{doc_id}.fr.sents"
        gold = read_gold(real / f"{doc_id}.gold.tsv", ja_s, fr_s)
        gold_all += gold
        ja_units = ja_s.read_text(encoding="utf-8").splitlines()
        fr_units = fr_s.read_text(encoding="utf-8").splitlines()
        runs = {
            "jpfr align": bead_texts(align_texts(real / f"{doc_id}.ja.txt", real / f"{doc_id}.fr.txt", doc_id=doc_id)),
            "galechurch (shipped parameters)": galechurch_beads(ja_units, fr_units),
            "galechurch (calibrated ja->fr)": galechurch_beads(ja_units, fr_units, mean_xy=3.2, variance_xy=45.0),
        }
        for name, beads in runs.items():
            systems[name] += beads
            s = score(beads, gold)
            print(f"{doc_id:<14}{name:<34}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.exact:>8.1%}")
    ok = True
    for name, beads in systems.items():
        s = score(beads, gold_all)
        print(f"{'all four':<14}{name:<34}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.exact:>8.1%}")
        if name == "jpfr align":
            ok = s.f1 >= 0.97 and s.exact >= 0.95
            print(f"targets F1 >= 0.97 and exact >= 95 %: {'met' if ok else 'MISSED'}")
    return ok


_JA_TOPICS = ["安全保障", "経済", "科学技術", "文化", "気候変動", "海洋", "宇宙", "保健", "教育", "エネルギー"]
_FR_TOPICS = ["la sécurité", "l'économie", "la science", "la culture", "le climat", "la mer", "l'espace",
              "la santé", "l'éducation", "l'énergie"]
_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"]


def synthetic_pair(n: int, folder: Path, seed: int = 0) -> tuple[Path, Path, list]:
    """A Japanese and a French text of ``n`` sentences each side (about), in sections and
    paragraphs, some Japanese sentences rendered by two French ones; and their beads."""
    rnd = random.Random(seed)
    gold: list = [(("日仏共同声明",), ("Déclaration conjointe franco-japonaise",))]
    ja = ["日仏共同声明", ""]
    fr = ["Déclaration conjointe franco-japonaise", ""]
    count, section = 0, 0
    while count < n:
        if count % 40 == 0:
            section += 1
            ja += [f"{section}. {_JA_TOPICS[section % 10]}分野の協力", ""]
            fr += [f"{section}. Coopération dans le domaine de {_FR_TOPICS[section % 10]}", ""]
            gold.append(((ja[-2],), (fr[-2],)))
        ja_para, fr_para = [], []
        for _ in range(rnd.randint(1, 4)):
            k = rnd.randrange(10)
            year, month, extra = rnd.randint(1990, 2030), rnd.randint(1, 12), rnd.randint(1, 6)
            ja_s = f"両首脳は、{year}年{month}月に{_JA_TOPICS[k]}分野における協力" + "及び対話" * extra + "を確認した。"
            fr_s = (f"Les deux dirigeants ont confirmé en {_MONTHS[month - 1]} {year} la coopération dans le domaine de "
                    f"{_FR_TOPICS[k]}" + " et le dialogue" * extra + ".")
            ja_para.append(ja_s)
            if rnd.random() < 0.1:  # one Japanese sentence, two French ones
                fr_para += [fr_s, f"Ils ont salué les {extra + 1} projets engagés."]
                ja_para[-1] = ja_s[:-1] + f"、{extra + 1}件の事業を歓迎した。"
                gold.append(((ja_para[-1],), tuple(fr_para[-2:])))
            else:
                fr_para.append(fr_s)
                gold.append(((ja_s,), (fr_s,)))
            count += 1
        ja += ["".join(ja_para), ""]
        fr += [" ".join(fr_para), ""]
    ja_path, fr_path = folder / "synthetic.ja.txt", folder / "synthetic.fr.txt"
    ja_path.write_text("\n".join(ja), encoding="utf-8")
    fr_path.write_text("\n".join(fr), encoding="utf-8")
    return ja_path, fr_path, gold


def timing(n: int, runs: int) -> bool:
    times = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in (n // 2, n):
            folder = Path(tmp) / str(size)
            folder.mkdir()
            ja, fr, gold = synthetic_pair(size, folder)
            best = float("inf")
            for _ in range(runs):
                t0 = time.perf_counter()
                result = align_texts(ja, fr, doc_id="synthetic")
                best = min(best, time.perf_counter() - t0)
            times[size] = best
            shapes = {}
            for b in result.beads:
                shapes[b.shape] = shapes.get(b.shape, 0) + 1
            s = score(bead_texts(result), gold)
            print(f"synthetic pair, {size} Japanese sentences: {best:.2f} s (best of {runs}); beads "
                  f"{dict(sorted(shapes.items()))}; F1 {s.f1:.3f}, exact {s.exact:.1%}")
    ratio = times[n] / times[n // 2]
    print(f"ratio {n} / {n // 2} sentences: {ratio:.2f} (2.0 is linear, 4.0 quadratic)")
    ok = ratio < 3.0 and (n < 2000 or times[n] < 2.0)
    print(f"target < 2 s for 2000 sentences and linear growth: {'met' if ok else 'MISSED'}"
          + ("" if n >= 2000 else f" (measured at {n}, not 2000)"))
    return ok


def splitter() -> None:
    sentence = "Les quatre ministres ont salué la coopération de M. Dupont, cf. art. 3, « sans réserve. Vraiment »."
    text = " ".join([sentence] * 16500)
    t0 = time.perf_counter()
    out = split_sentences(text, "fr")
    t_split = time.perf_counter() - t0
    t0 = time.perf_counter()
    text.split(". ")
    t_base = time.perf_counter() - t0
    print(f"French sentence splitting of {len(text) / 1e6:.1f} MB: {t_split:.2f} s ({len(out)} sentences); "
          f"ratio to str.split in this run: {t_split / max(t_base, 1e-6):.0f}x")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    ok = quality(real_dir())
    ok = timing(args.sentences, args.runs) and ok
    splitter()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
