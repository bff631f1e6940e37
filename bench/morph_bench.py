"""Benchmark of the language analysers the checks use (issue 12).

1. `jpfr check` on the bundled corpus, as a ratio to `python -c "import lxml.etree,
   click"` (median of several fresh interpreters, baseline measured in the same run);
   and `jpfr check --select ALN,STR,NUM,REV` (rules that read no language), to show
   what the analysers cost when the corpus has text for them and nothing otherwise.
2. Start-up of each analyser in a fresh interpreter: import + load + first analysis
   (fugashi + unidic-lite, simplemma, text2num; SudachiPy + sudachidict-core when
   installed, for comparison), and the time per sentence once loaded.

Usage: ``python bench/morph_bench.py [--runs R] [--sentences N]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}

JA = "両首脳は、日仏間の協力を一層強化することで一致しました。安倍晋三総理大臣とマクロン大統領は、決定された。"
FR = "Les deux dirigeants ont réaffirmé leur volonté et se sont entendus pour renforcer la coopération."

STARTUP = {
    "fugashi + unidic-lite": "import fugashi; t = fugashi.Tagger(); t({ja!r})",
    "simplemma (fr)": "import simplemma; simplemma.lemmatize('réaffirment', lang='fr')",
    "text2num": "from text_to_num import text2num; text2num('cent soixante', 'fr')",
    "SudachiPy + sudachidict-core": "from sudachipy import Dictionary; Dictionary(dict='core').create().tokenize({ja!r})",
}
PER_SENTENCE = {
    "fugashi + unidic-lite": ("import fugashi; t = fugashi.Tagger(); f = lambda s: t(s)", JA),
    "simplemma (fr)": ("import simplemma; f = lambda s: [simplemma.lemmatize(w, lang='fr') for w in s.split()]", FR),
    "SudachiPy + sudachidict-core": ("from sudachipy import Dictionary; t = Dictionary(dict='core').create(); f = lambda s: t.tokenize(s)", JA),
}


def _run(argv: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(argv, cwd=ROOT, env=ENV, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(argv)} failed: {proc.stderr[-500:]}")
    return statistics.median(times)


def _available(code: str) -> bool:
    return subprocess.run([PY, "-c", code.split(";")[0]], env=ENV, capture_output=True).returncode == 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sentences", type=int, default=2000)
    args = ap.parse_args()

    base = _run([PY, "-c", "import lxml.etree, click"], args.runs)
    full = _run([PY, "-m", "jpfr_accord", "check", "corpus"], args.runs)
    structural = _run([PY, "-m", "jpfr_accord", "check", "corpus", "--select", "ALN,STR,NUM,REV"], args.runs)
    print(f"baseline python -c 'import lxml.etree, click': {base * 1000:.0f} ms")
    print(f"jpfr check corpus (all rules, both analysers): {full * 1000:.0f} ms, ratio {full / base:.2f}x")
    print(f"jpfr check corpus --select ALN,STR,NUM,REV (no analyser): {structural * 1000:.0f} ms, ratio {structural / base:.2f}x")
    print(f"analysers and the rules that read the languages: +{(full - structural) * 1000:.0f} ms")

    print("analyser start-up (fresh interpreter: import, load, first analysis):")
    empty = _run([PY, "-c", "pass"], args.runs)
    for name, code in STARTUP.items():
        code = code.format(ja=JA)
        if not _available(code):
            print(f"  {name}: not installed")
            continue
        t = _run([PY, "-c", code], args.runs) - empty
        print(f"  {name}: {t * 1000:.0f} ms")
    print(f"per sentence, once loaded ({args.sentences} sentences):")
    for name, (setup, sentence) in PER_SENTENCE.items():
        if not _available(setup):
            print(f"  {name}: not installed")
            continue
        code = (f"{setup}\nimport time\nf({sentence!r})\ns = time.perf_counter()\n"
                f"for i in range({args.sentences}): f({sentence!r} + str(i))\nprint((time.perf_counter() - s) / {args.sentences})")
        out = subprocess.run([PY, "-c", code], env=ENV, capture_output=True, text=True, check=True).stdout
        print(f"  {name}: {float(out) * 1e6:.1f} µs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
