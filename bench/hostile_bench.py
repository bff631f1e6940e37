"""Benchmark of the inputs that made commands quadratic (issue 17, item 10).

Each hostile input is timed against a baseline of the same command in the same run,
in fresh interpreters, and the ratio printed (linear work gives a ratio near the
size ratio or near 1, not its square):

1. `jpfr diff` of one clause of N characters changed in 8 places, against the same
   with a clause of N/10 characters (target: ratio <= 3x, the start-up dominates);
2. `jpfr check` of N clauses each with an invalid attribute, against N valid ones
   (target: <= 2x);
3. `jpfr verify` of a bag whose `bag-info.txt` is one line of M bytes, against the
   same bytes in short lines (target: <= 2x).

Usage: ``python bench/hostile_bench.py [--chars N] [--clauses N] [--bag-info-bytes M]``.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JPFR = [sys.executable, "-m", "jpfr_accord"]
DOC = "ai-cooperation-2026"


def timed(args: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run([*JPFR, *map(str, args)], cwd=cwd, capture_output=True, timeout=3600)
    return time.perf_counter() - start


def clause_file(lang: str, text: str, dest: Path) -> Path:
    src = (ROOT / "corpus" / lang / f"{DOC}.xml").read_text(encoding="utf-8")
    out = re.sub(r'(<clause eId="preamble__para_1__cl_1"[^>]*>)[^<]*', lambda m: m.group(1) + text, src, count=1)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(out, encoding="utf-8")
    return dest


def long_text(lang: str, n: int) -> str:
    texts = re.findall(r"<clause [^>]*>([^<]*)</clause>", (ROOT / "corpus" / lang / f"{DOC}.xml").read_text(encoding="utf-8"))
    text = ""
    while len(text) < n:
        text += "".join(texts)
    return text[:n]


def changed(text: str) -> str:
    step = max(1, len(text) // 8)
    return "".join(text[i:i + step][:-3] + "XYZ" for i in range(0, len(text), step))


def bench_diff(work: Path, n: int) -> float:
    times = {}
    for size in (n // 10, n):
        old = long_text("ja", size)
        a = clause_file("ja", old, work / f"d{size}a" / "ja" / f"{DOC}.xml")
        b = clause_file("ja", changed(old), work / f"d{size}b" / "ja" / f"{DOC}.xml")
        times[size] = timed(["diff", a, b], work)
    ratio = times[n] / times[n // 10]
    print(f"diff, one clause of {n} characters changed in 8 places: {times[n]:.2f} s; "
          f"{n // 10} characters: {times[n // 10]:.2f} s; ratio {ratio:.2f}x (target <= 3x)")
    return ratio / 3


def invalid_corpus(dest: Path, n: int, actor: str) -> Path:
    paras = "".join(f'    <para eId="sec_1__para_{i}">\n      <clause eId="sec_1__para_{i}__cl_1" actor="{actor}">t {i}</clause>\n'
                    "    </para>\n" for i in range(1, n + 1))
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "x.xml").write_text('<?xml version="1.0" encoding="UTF-8"?>\n<declaration xmlns="urn:jpfr-accord:declaration:1" '
                                'xml:lang="ja" id="x" status="authentic">\n  <meta>\n    <title>t</title>\n  </meta>\n'
                                f'  <section eId="sec_1" num="1">\n    <heading>h</heading>\n{paras}  </section>\n'
                                "</declaration>\n", encoding="utf-8")
    return dest / "x.xml"


def bench_check(work: Path, n: int) -> float:
    valid = timed(["check", "--select", "XML", invalid_corpus(work / "valid" / "ja", n, "both")], work)
    invalid = timed(["check", "--select", "XML", invalid_corpus(work / "invalid" / "ja", n, "not valid!")], work)
    ratio = invalid / valid
    print(f"check, {n} clauses each with an invalid attribute: {invalid:.2f} s; valid: {valid:.2f} s; "
          f"ratio {ratio:.2f}x (target <= 2x)")
    return ratio / 2


def bag(dest: Path, info: bytes) -> Path:
    (dest / "data").mkdir(parents=True)
    (dest / "data" / "x.txt").write_bytes(b"x\n")
    (dest / "bagit.txt").write_bytes(b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")
    (dest / "bag-info.txt").write_bytes(info)
    (dest / "manifest-sha256.txt").write_text(f"{hashlib.sha256(b'x' + bytes([10])).hexdigest()}  data/x.txt\n")
    tags = "".join(f"{hashlib.sha256((dest / n).read_bytes()).hexdigest()}  {n}\n"
                   for n in ("bagit.txt", "bag-info.txt", "manifest-sha256.txt"))
    (dest / "tagmanifest-sha256.txt").write_text(tags)
    return dest


def bench_bag_info(work: Path, m: int) -> float:
    lines = bag(work / "lines", b"".join(b"Note: " + b"x" * 94 + b"\n" for _ in range(m // 101)))
    one = bag(work / "one", b"Note: " + b"x" * m + b"\n")
    t_lines, t_one = timed(["verify", lines], work), timed(["verify", one], work)
    ratio = t_one / t_lines
    print(f"verify, bag-info.txt of one {m}-byte line: {t_one:.2f} s; in short lines: {t_lines:.2f} s; "
          f"ratio {ratio:.2f}x (target <= 2x)")
    return ratio / 2


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=20_000)
    parser.add_argument("--clauses", type=int, default=20_000)
    parser.add_argument("--bag-info-bytes", type=int, default=20_000_000)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jpfr-hostile-bench-") as tmp:
        work = Path(tmp)
        worst = max(bench_diff(work, opts.chars), bench_check(work, opts.clauses),
                    bench_bag_info(work, opts.bag_info_bytes))
    return 0 if worst <= 1 else 1


if __name__ == "__main__":
    sys.exit(main())
