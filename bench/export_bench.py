"""Time each export of a 100,000-clause synthetic document.

Run: ``.venv/bin/python bench/export_bench.py [--clauses N] [--repeat R]``

Prints, for each format, the time of building the output in memory
(``Exporter.build``) and its ratio to Pydantic's JSON dump (``model.dump_json``) of
the same model. The baseline is measured right before each export run and the
ratio taken run by run, so that a busy machine slows both sides alike; the
best ratio of R runs is reported, with the median beside it. Targets
(issue 6): TMX and XLIFF at most 5x. Writing to disk is timed separately.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from jpfr_accord.export import EXPORTERS, export_document
from jpfr_accord.model import AlignedDocument, Clause, Document, Heading, Meta, Paragraph, Section, dump_json, text_hash

JA = "両首脳は、G7、G20、OECD 等の国際場裡において両国間の連携を強化することで一致した。"
FR = "Les deux dirigeants sont convenus de renforcer la coordination entre les deux pays au sein du G7, du G20 et de l’OCDE."
TARGETS = {"tmx": 5.0, "xliff": 5.0}


def synthetic_pair(n_clauses: int) -> AlignedDocument:
    """Sections of 50 paragraphs of 4 clauses; every 7th translation is stale."""
    per_section = 200
    n_sections = max(1, n_clauses // per_section)
    ja_hash = text_hash(JA)

    def doc(lang: str) -> Document:
        is_src = lang == "ja"
        sections = []
        for s in range(1, n_sections + 1):
            paras = []
            for p in range(1, 51):
                clauses = []
                for c in range(1, 5):
                    k = (s * 1000 + p) * 10 + c
                    clauses.append(Clause(
                        id=f"sec_{s}__para_{p}__cl_{c}", text=f"{JA if is_src else FR} ({k})",
                        actor="both", acts=("agree", "welcome"),
                        src=None if is_src else (ja_hash if k % 7 else None),
                    ))
                paras.append(Paragraph(id=f"sec_{s}__para_{p}", clauses=tuple(clauses)))
            sections.append(Section(id=f"sec_{s}", num=str(s), heading=Heading(text=f"{lang} heading {s}"),
                                    paragraphs=tuple(paras)))
        return Document(id="bench-doc", lang=lang, status="authentic" if is_src else "working-translation",
                        source_lang=None if is_src else "ja", meta=Meta(title=f"{lang} title"),
                        sections=tuple(sections))

    return AlignedDocument(source=doc("ja"), target=doc("fr"))


def timed(func) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clauses", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    start = time.perf_counter()
    pair = synthetic_pair(args.clauses)
    n = sum(1 for _ in pair.source.clauses())
    print(f"synthetic document: {n} clause pairs, built in {time.perf_counter() - start:.2f} s")
    print(f"{'format':<10} {'seconds':>8} {'baseline':>8} {'ratio':>7} {'median':>7}  target")
    failed = []
    for name, cls in EXPORTERS.items():
        runs = []
        for _ in range(args.repeat):
            base = timed(lambda: dump_json(pair))
            runs.append((timed(lambda: cls().build(pair)), base))
        ratios = sorted(t / b for t, b in runs)
        seconds, base = min(runs, key=lambda r: r[0] / r[1])
        ratio, median = ratios[0], statistics.median(ratios)
        target = TARGETS.get(name)
        verdict = "" if target is None else (f"<= {target:.0f}x ok" if ratio <= target else f"<= {target:.0f}x MISSED")
        if target is not None and ratio > target:
            failed.append(name)
        print(f"{name:<10} {seconds:8.3f} {base:8.3f} {ratio:6.2f}x {median:6.2f}x  {verdict}")
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        for name in EXPORTERS:
            export_document(pair, name, Path(tmp) / name)
        print(f"\nall formats written to disk: {time.perf_counter() - start:.2f} s")
    if failed:
        print(f"targets missed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
