"""The benchmarks in bench/ run: each is started with tiny sizes and must print its
ratios (the figures themselves, and so whether a target is met, are not asserted:
tests measure no time)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from jpfr_testing import ROOT

CASES = {
    "align_bench.py": (["--sentences", "200", "--runs", "1"], ["jpfr align", "galechurch (shipped parameters)", "ratio 200 / 100"]),
    "check_bench.py": (["--clauses", "300", "--runs", "1"],
                       ["target <= 10x", "target <= 1.6x", "within 20 %", "one clause changed", "target <= 3x",
                        "ratio jpfr / pofilter", "target <= 1.5x"]),
    "morph_bench.py": (["--runs", "1", "--sentences", "20"], ["ratio", "analyser start-up", "per sentence"]),
    "export_bench.py": (["--clauses", "400", "--repeat", "1"], ["tmx", "xliff", "<= 5x"]),
    "hostile_bench.py": (["--chars", "2000", "--clauses", "300", "--bag-info-bytes", "100000"],
                         ["diff, one clause", "check, 300 clauses", "verify, bag-info.txt", "ratio"]),
    "release_bench.py": (["--repeat", "1"], ["jpfr release (all formats)", "jpfr verify (fresh process)",
                                             "jpfr verify / bagit.py --validate"]),
    "long_word_bench.py": (["--small", "400", "--factor", "5"], ["ratio 5x longer word", "target <="]),
    "render_bench.py": (["--runs", "1", "--pages", "8", "--batch", "2"],
                        ["ratio jpfr / WeasyPrint (same variant)", "pages/s", "speed-up parallel / single"]),
    "serve_bench.py": (["--runs", "2", "--starts", "1"],
                       ["baseline: full run_checks", "x baseline", "target < 150 ms", "x jpfr check"]),
}


@pytest.mark.parametrize("script", sorted(CASES))
def test_benchmark_runs(script):
    args, expected = CASES[script]
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / script), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    # exit 1 is a missed target (at these sizes, timing noise); a crash leaves a traceback
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr, proc.stdout[-2000:] + proc.stderr[-3000:]
    for text in expected:
        assert text in proc.stdout, (text, proc.stdout)


def test_every_benchmark_is_smoke_tested():
    assert sorted(p.name for p in (ROOT / "bench").glob("*_bench.py")) == sorted(CASES)
