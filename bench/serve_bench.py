"""Benchmark of the workbench (issue 14): from a save to the updated findings.

On a private copy of the bundled corpus, one French clause is saved again and
again (its date alternately broken and mended, so every save changes the file
and the findings), and the time from the request to the answer carrying the
re-checked page is measured:

1. through the web application (Starlette's TestClient: routing, the guard,
   JSON, the validated atomic write, the re-check, the page model); target:
   under 150 ms;
2. through the library alone (``Workspace.save``: write + re-check);
3. the re-check alone inside those saves (the result cache serves the
   unchanged clauses: about one clause's work, plus the whole-document rules).

Both are printed as a ratio against a baseline measured in the same run: one
full in-process ``run_checks`` of the whole corpus (load included), what a
save costs when every document is checked again. Medians of ``--runs``.

Then the start-up of ``jpfr serve`` in a fresh process, from launch to the
first page answered, against ``jpfr check`` of the same corpus in a fresh
process (both read and check every document; median of ``--starts``).
Usage: ``python bench/serve_bench.py [--runs R]``. Exit 1 when the target is missed.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

DOC = "ai-cooperation-2026"
CL = "preamble__para_2__cl_3"
TARGET_MS = 150.0


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--starts", type=int, default=3)
    args = parser.parse_args()
    runs = max(1, args.runs)

    from starlette.testclient import TestClient

    from jpfr_accord.checks import run_checks
    from jpfr_accord.checks.config import load_config
    from jpfr_accord.load import load_aligned
    from jpfr_accord.serve import create_app
    from jpfr_accord.serve.workspace import Workspace

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(ROOT / "corpus", corpus)
        config = load_config(start=corpus)

        def full_check() -> int:
            loaded = load_aligned([corpus])
            return len(run_checks(loaded.pairs, loaded.singles, loaded.findings, config.context()))

        full_check()  # analysers loaded, caches warm: the state of a running server
        baseline = []
        for _ in range(runs):
            t = time.perf_counter()
            full_check()
            baseline.append(time.perf_counter() - t)

        app = create_app(corpus, host="127.0.0.1", port=8765)
        client = TestClient(app, base_url="http://127.0.0.1:8765", cookies={app.cookie: app.token})
        headers = {"X-JPFR-Token": app.token}
        original = next(c.text for c in app.app.state.workbench.ws.document(DOC).pair.target.clauses() if c.id == CL)
        broken = original.replace("31 mars 2026", "30 mars 2026")
        version = client.get(f"/api/doc/{DOC}/version").json()["version"]
        http, counts = [], set()
        for i in range(runs + 1):
            body = {"kind": "clause", "id": CL, "text": broken if i % 2 == 0 else original, "version": version}
            t = time.perf_counter()
            resp = client.post(f"/api/doc/{DOC}/save", json=body, headers=headers)
            elapsed = time.perf_counter() - t
            if resp.status_code != 200:
                print(f"save refused: {resp.status_code} {resp.text}")
                return 2
            page = resp.json()["page"]
            version = page["version"]
            counts.add(page["summary"]["error"])
            if i:
                http.append(elapsed)  # the first save warms the templates and the page code
        if counts != {0, 1}:
            print(f"the findings did not follow the edits: error counts {sorted(counts)}")
            return 2

        ws = Workspace(corpus)
        rechecks: list[float] = []
        timed = ws.recheck

        def recheck(*a, **k):
            t = time.perf_counter()
            try:
                return timed(*a, **k)
            finally:
                rechecks.append(time.perf_counter() - t)

        ws.recheck = recheck  # type: ignore[method-assign]
        state = ws.document(DOC)
        rechecks.clear()
        library = []
        for i in range(runs):
            t = time.perf_counter()
            state, _ = ws.save(DOC, "clause", CL, broken if i % 2 == 0 else original, state.version)
            library.append(time.perf_counter() - t)

    base_ms, http_ms, lib_ms = _median_ms(baseline), _median_ms(http), _median_ms(library)
    re_ms = _median_ms(rechecks)
    print(f"baseline: full run_checks of the corpus (load + checks)   {base_ms:8.1f} ms")
    print(f"save -> updated findings, through the web application  {http_ms:8.1f} ms"
          f"   ratio {http_ms / base_ms:5.2f}x baseline   (target < {TARGET_MS:.0f} ms)")
    print(f"save -> updated findings, Workspace.save (library)      {lib_ms:8.1f} ms"
          f"   ratio {lib_ms / base_ms:5.2f}x baseline")
    print(f"re-check inside a save (result cache, one clause changed) {re_ms:8.1f} ms"
          f"   ratio {re_ms / base_ms:5.2f}x baseline")
    serve_s, check_s = _startups(max(1, args.starts))
    print(f"jpfr serve start-up, to the first page answered      {serve_s * 1000:8.0f} ms"
          f"   ratio {serve_s / check_s:5.2f}x jpfr check ({check_s * 1000:.0f} ms, fresh process)")
    met = http_ms < TARGET_MS
    print(f"target < {TARGET_MS:.0f} ms: {'met' if met else 'MISSED'} (median of {runs} saves)")
    return 0 if met else 1


def _startups(n: int) -> tuple[float, float]:
    import http.cookiejar
    import os
    import signal
    import subprocess
    import urllib.request

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "jpfr_accord"]
    serve, check = [], []
    for _ in range(n):
        t = time.perf_counter()
        proc = subprocess.Popen([*cmd, "serve", "--port", "0", "--corpus", str(ROOT / "corpus")], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        url = proc.stdout.readline().split()[2]  # type: ignore[union-attr]
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        with opener.open(url, timeout=60) as resp:  # the printed URL: its secret becomes a cookie
            resp.read()
        serve.append(time.perf_counter() - t)
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
        t = time.perf_counter()
        subprocess.run([*cmd, "check", str(ROOT / "corpus")], env=env, capture_output=True, timeout=120)
        check.append(time.perf_counter() - t)
    return statistics.median(serve), statistics.median(check)


if __name__ == "__main__":
    sys.exit(main())
