"""Benchmark of the PDF of one long unbreakable word (issue 17, item 10).

A clause of one word of N characters (default 4,000 and 40,000) is rendered to
PDF; a layout that looks for a break point by trying every prefix is quadratic
(before: 47 s for 40 KB). The ratio of the times for 10 times the length must
stay under 10 (linear, start-up included); quadratic work gives about 100. Each size is rendered in a
fresh interpreter. Usage: ``python bench/long_word_bench.py [--small N] [--factor F]``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import sys
from dataclasses import replace
from jpfr_accord.load import load_pair
from jpfr_accord.render import render_pdf
pair = load_pair("draft", sys.argv[1])
fr = pair.target
sec = fr.sections[0]; para = sec.paragraphs[0]; cl = para.clauses[0]
word = replace(cl, text="x" * int(sys.argv[2]))
para = replace(para, clauses=(word, *para.clauses[1:]))
fr = replace(fr, sections=(replace(sec, paragraphs=(para, *sec.paragraphs[1:])), *fr.sections[1:]))
print(render_pdf(replace(pair, target=fr), sys.argv[3]).pages)
"""


def _time(n: int, out: Path) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(ROOT / "tests" / "fixtures" / "render"), str(n), str(out)],
                          capture_output=True, text=True, check=True, env={"PYTHONPATH": str(ROOT / "src"),
                                                                           "PATH": "/usr/bin:/bin"})
    return time.perf_counter() - start, proc.stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", type=int, default=4000)
    parser.add_argument("--factor", type=int, default=10)
    args = parser.parse_args()
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        small, pages_small = _time(args.small, Path(tmp) / "small.pdf")
        big, pages_big = _time(args.small * args.factor, Path(tmp) / "big.pdf")
    ratio = big / small  # both include the start-up, so linear work gives less than the factor
    print(f"word of {args.small} chars: {small:.2f} s ({pages_small} pages); "
          f"{args.small * args.factor} chars: {big:.2f} s ({pages_big} pages)")
    print(f"ratio {args.factor}x longer word: {ratio:.1f}x (linear: at most {args.factor}x; quadratic: ~{args.factor ** 2}x; "
          f"target <= {args.factor}x)")
    return 0 if ratio <= args.factor else 1


if __name__ == "__main__":
    sys.exit(main())
