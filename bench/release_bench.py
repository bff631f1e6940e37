"""Time a full release, and ``jpfr verify``, against their baselines, in the same run.

Run: ``.venv/bin/python bench/release_bench.py [--doc ai-cooperation-2026] [--repeat 3]``

1. Release: ``jpfr release`` of the corpus document (fresh process, all formats,
   in parallel processes) against rendering its side-by-side PDF alone
   (``render_pdf`` in a fresh process). Target: at most 2x.
2. Verify: ``jpfr verify`` of that release (fresh process) against the Library
   of Congress ``bagit.py --validate`` of the same bag (fresh process; the
   honest peer: a Python validator of the same bag, where ``python -c pass``
   alone is several times ``sha256sum``). Target: at most 1.5x, though verify
   checks more (the PDF, the sources, the changelog). ``sha256sum`` over the
   same files is printed for reference. The in-process time of
   ``verify_release`` is printed too: interpreter start-up and imports (lxml,
   pydantic, pikepdf) are a fixed cost that dominates for a small release.

Each figure is the median of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
TARGET_RELEASE, TARGET_VERIFY, TARGET_BAGIT = 2.0, 3.0, 1.5
BAGIT = [PY, str(Path(sys.executable).with_name("bagit.py"))]
ARCHIVE = 20  # releases in the archive verified by one command

RENDER_ONLY = """
import sys
from pathlib import Path
from jpfr_accord.load import load_pair
from jpfr_accord.render import render_pdf
pair = load_pair(sys.argv[1], sys.argv[2])
render_pdf(pair, Path(sys.argv[3]), layout="side-by-side", date="2026-04-01")
"""


CPU: dict[str, list[float]] = {}


def timed(cmd: list[str], key: str = "", **kw) -> float:
    """Wall time of one command; its CPU time (itself and every process it waited for,
    the build processes included) is kept under ``key``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if key:
        CPU.setdefault(key, []).append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall


def median_of(repeat: int, func) -> float:
    return statistics.median(func(i) for i in range(repeat))


def cpu(key: str) -> float:
    return statistics.median(CPU[key])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--doc", default="ai-cooperation-2026")
    parser.add_argument("--corpus", default=str(ROOT / "corpus"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    # measure the package as an installed wheel runs: byte-compiled (see the Makefile's setup)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True, stdout=subprocess.DEVNULL)
    work = Path(tempfile.mkdtemp(prefix="jpfr-release-bench-"))
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    try:
        render = median_of(args.repeat, lambda i: timed(
            [PY, "-c", RENDER_ONLY, args.doc, args.corpus, str(work / f"alone-{i}.pdf")], "render", env=env))

        def one_release(i: int) -> float:
            return timed([PY, "-m", "jpfr_accord", "release", args.doc, "--version", "1.0.0", "--date", "2026-04-01",
                          "--corpus", args.corpus, "-o", str(work / f"rel-{i}")], "release", env=env)

        release = median_of(args.repeat, one_release)
        bag = work / "rel-0" / args.doc / "1.0.0"
        files = sorted(str(p) for p in bag.rglob("*") if p.is_file())
        size = sum(Path(f).stat().st_size for f in files)
        sha = median_of(max(args.repeat, 5), lambda i: timed(["sha256sum", *files]))
        verify_cli = median_of(max(args.repeat, 5), lambda i: timed([PY, "-m", "jpfr_accord", "verify", str(bag)], env=env))
        bagit = median_of(max(args.repeat, 5), lambda i: timed([*BAGIT, "--validate", str(bag)]))
        # the floor of any Python command: the interpreter starting and stopping
        python_floor = median_of(max(args.repeat, 5), lambda i: timed([PY, "-c", "pass"]))
        # an archive of ARCHIVE releases verified by one command, against sha256sum over all their files
        archive = work / "archive" / args.doc
        for k in range(ARCHIVE):
            shutil.copytree(bag, archive / f"1.0.{k}")
        archive_files = sorted(str(p) for p in archive.rglob("*") if p.is_file())
        sha_archive = median_of(args.repeat, lambda i: timed(["sha256sum", *archive_files]))
        verify_archive = median_of(args.repeat, lambda i: timed([PY, "-m", "jpfr_accord", "verify", str(archive)], env=env))

        sys.path.insert(0, str(ROOT / "src"))
        from jpfr_accord.release import verify_release

        verify_release(bag)  # warm the imports, as a long-running process would be

        def in_process(i: int) -> float:
            start = time.perf_counter()
            assert verify_release(bag).ok
            return time.perf_counter() - start

        verify_lib = median_of(max(args.repeat, 5), in_process)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    cpus = os.cpu_count()
    print(f"document {args.doc}; {len(files)} files, {size / 1e6:.2f} MB in the release; {cpus} CPUs; median of runs")
    print(f"render side-by-side PDF alone   {render:7.2f} s   (baseline)")
    ratio = release / render
    print(f"jpfr release (all formats)      {release:7.2f} s   ratio {ratio:5.2f}x  target <= {TARGET_RELEASE}x  "
          f"{'MET' if ratio <= TARGET_RELEASE else 'NOT MET'}")
    print(f"  CPU time (all processes): render {cpu('render'):.2f} s, release {cpu('release'):.2f} s, "
          f"ratio {cpu('release') / cpu('render'):.2f}x; load average now {os.getloadavg()[0]:.1f} on {cpus} CPUs "
          "(wall ratios are only meaningful on an idle machine)")
    print(f"sha256sum over the release     {sha:8.3f} s   (baseline)")
    ratio_cli = verify_cli / sha
    print(f"jpfr verify (fresh process)    {verify_cli:8.3f} s   ratio {ratio_cli:6.1f}x  target <= {TARGET_VERIFY}x  "
          f"{'MET' if ratio_cli <= TARGET_VERIFY else 'NOT MET'}")
    ratio_bagit = verify_cli / bagit
    print(f"bagit.py --validate (fresh)    {bagit:8.3f} s   (baseline: the Library of Congress validator, same bag)")
    print(f"jpfr verify / bagit.py --validate         ratio {ratio_bagit:6.2f}x  target <= {TARGET_BAGIT}x  "
          f"{'MET' if ratio_bagit <= TARGET_BAGIT else 'NOT MET'}")
    print(f"python -c pass                  {python_floor:8.3f} s   ratio {python_floor / sha:6.1f}x  "
          "(the floor of any Python command)")
    print(f"jpfr verify of {ARCHIVE} releases       {verify_archive:8.3f} s   ratio {verify_archive / sha_archive:6.1f}x  "
          f"against sha256sum over their {len(archive_files)} files ({sha_archive:.3f} s), one process")
    ratio_lib = verify_lib / sha
    print(f"verify_release() in process    {verify_lib:8.3f} s   ratio {ratio_lib:6.1f}x  target <= {TARGET_VERIFY}x  "
          f"{'MET' if ratio_lib <= TARGET_VERIFY else 'NOT MET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
