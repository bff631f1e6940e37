"""Benchmark of `jpfr render` (issue 4). Prints figures and ratios; asserts nothing.

Every ratio is against a baseline measured in the same run, each command in a
fresh process (what a user waits for), wall time, median of ``--runs`` (5):

1. The corpus, `jpfr render DOC --to pdf`, against
   - WeasyPrint alone on the same HTML with the same variant (`python -m
     weasyprint --pdf-variant pdf/ua-1`): target <= 1.0 (the tool imports
     WeasyPrint without the library-lookup subprocesses, render/libs.py, which
     pays for its own overhead);
   - WeasyPrint alone without tagging (for reference);
   - `chromium --headless --print-to-pdf` of the same HTML: target <= 0.7.
   And `import weasyprint` alone, plain and through the shim.
   PDF sizes (target <= 300 KB) and peak memory (max RSS) of each are printed.
2. A synthetic document of about 200 pages (the corpus's sections repeated):
   pages per second of `jpfr render` and of Chromium on the same HTML.
3. A batch of documents: one process rendering them one after the other, against
   `jpfr render A B C … -j N` (one process per document), with the speed-up.
   A single long document is laid out by one WeasyPrint process (its layout is
   sequential), so only batches use several cores.

Usage: ``python bench/render_bench.py [--runs 5] [--pages 200] [--batch 4]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
JPFR = [PY, "-m", "jpfr_accord"]
DOC_ID = "ai-cooperation-2026"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--no-pdf-header-footer",
]


def timed(cmd: list[str], cwd: Path | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one run of ``cmd`` in a fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err}")
    return elapsed, usage.ru_maxrss


def compare(cmds: dict[str, list[str]], runs: int) -> dict[str, tuple[float, int]]:
    """Median wall time and peak RSS of each command, run in turns (A B C, A B C, …)
    so that a change of machine load affects all of them alike."""
    results: dict[str, list[tuple[float, int]]] = {name: [] for name in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            results[name].append(timed(cmd))
    return {name: (statistics.median(r[0] for r in rs), max(r[1] for r in rs)) for name, rs in results.items()}


def write_pdf_html(pair, dest: Path) -> None:
    """The exact HTML `jpfr render` hands to WeasyPrint."""
    sys.path.insert(0, str(ROOT / "src"))
    from jpfr_accord.render.context import build_view
    from jpfr_accord.render.html import html_string

    dest.write_text(html_string(build_view(pair, medium="pdf")), encoding="utf-8")


def page_count(pdf: Path) -> int:
    import pikepdf

    with pikepdf.open(pdf) as doc:
        return len(doc.pages)


def synthetic_corpus(dest: Path, doc_id: str, copies: int) -> None:
    """dest/{ja,fr}/doc_id.xml: the corpus's sections repeated ``copies`` times."""
    sys.path.insert(0, str(ROOT / "src"))
    from jpfr_accord.load import load_pair, serialize_document
    from jpfr_accord.model import dump_python, validate

    pair = load_pair(DOC_ID, ROOT / "corpus")
    for doc in (pair.source, pair.target):
        data = dump_python(doc)
        sections = []
        for k in range(copies):
            for sec in data["sections"]:
                n = len(sections) + 1
                old = sec["id"]
                new = f"sec_{n}"

                def rename(node):
                    if isinstance(node, dict):
                        return {key: (val.replace(old, new, 1) if key == "id" and isinstance(val, str)
                                      else rename(val)) for key, val in node.items()}
                    if isinstance(node, (list, tuple)):
                        return [rename(x) for x in node]
                    return node

                sections.append({**rename(sec), "num": str(n)})
        data.update(id=doc_id, sections=sections)
        new_doc = validate(type(doc), data)
        path = dest / doc.lang / f"{doc_id}.xml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(serialize_document(new_doc))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, default=200, help="target size of the synthetic document")
    parser.add_argument("--batch", type=int, default=4, help="documents in the batch")
    args = parser.parse_args()
    # every child process runs this checkout's package, whatever is installed
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
    # measure the package as an installed wheel runs: byte-compiled (see the Makefile's setup)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True, stdout=subprocess.DEVNULL)
    sys.path.insert(0, str(ROOT / "src"))
    from jpfr_accord.load import load_pair

    env_note = f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
    print(f"render benchmark ({env_note}); median of {args.runs} runs, wall time, fresh processes")
    with tempfile.TemporaryDirectory(prefix="jpfr-render-bench-") as tmp_name:
        tmp = Path(tmp_name)
        pair = load_pair(DOC_ID, ROOT / "corpus")
        html = tmp / "corpus.html"
        write_pdf_html(pair, html)

        # 1. the corpus
        measured = compare({
            "jpfr": [*JPFR, "render", DOC_ID, "--corpus", str(ROOT / "corpus"), "--to", "pdf",
                     "-o", str(tmp / "jpfr.pdf")],
            "weasy-ua": [PY, "-m", "weasyprint", "--pdf-variant", "pdf/ua-1", str(html), str(tmp / "weasy-ua.pdf")],
            "weasy": [PY, "-m", "weasyprint", str(html), str(tmp / "weasy.pdf")],
            "chromium": [CHROMIUM, *CHROMIUM_ARGS, f"--print-to-pdf={tmp / 'chromium.pdf'}", html.as_uri()],
        }, args.runs)
        (ours, ours_rss), (weasy_ua, weasy_ua_rss) = measured["jpfr"], measured["weasy-ua"]
        (weasy, weasy_rss), (chrome, chrome_rss) = measured["weasy"], measured["chromium"]
        print("\n1. corpus, --to pdf")
        rows = [
            ("jpfr render", ours, ours_rss, tmp / "jpfr.pdf"),
            ("weasyprint --pdf-variant pdf/ua-1", weasy_ua, weasy_ua_rss, tmp / "weasy-ua.pdf"),
            ("weasyprint (untagged)", weasy, weasy_rss, tmp / "weasy.pdf"),
            ("chromium --print-to-pdf", chrome, chrome_rss, tmp / "chromium.pdf"),
        ]
        for name, secs, rss, pdf in rows:
            print(f"   {name:<36}{secs:6.2f} s  peak {rss / 1024:6.0f} MiB  "
                  f"{pdf.stat().st_size / 1024:6.0f} KB  {page_count(pdf)} pages")
        print(f"   ratio jpfr / WeasyPrint (same variant): {ours / weasy_ua:.2f}  (target <= 1.0: {'met' if ours / weasy_ua <= 1.0 else 'NOT met'})")
        print(f"   ratio jpfr / WeasyPrint (untagged):     {ours / weasy:.2f}")
        print(f"   ratio jpfr / Chromium:                  {ours / chrome:.2f}  (target <= 0.7: {'met' if ours / chrome <= 0.7 else 'NOT met'})")
        imports = compare({
            "plain": [PY, "-c", "import weasyprint"],
            "shim": [PY, "-c", "from jpfr_accord.render.libs import import_weasyprint; import_weasyprint()"],
        }, args.runs)
        plain_t, shim_t = imports["plain"][0], imports["shim"][0]
        print(f"   import weasyprint: plain {plain_t:.2f} s, through render.libs {shim_t:.2f} s "
              f"(ratio {shim_t / plain_t:.2f}; no ldconfig/gcc/ld subprocesses)")
        print(f"   PDF size: {(tmp / 'jpfr.pdf').stat().st_size / 1024:.0f} KB (target <= 300 KB)")

        # 2. a long document
        # calibrate: pages per copy of the sections, from a 4-copy document
        from jpfr_accord.render import render_pdf

        probe = tmp / "probe"
        synthetic_corpus(probe, "probe", 4)
        base = page_count(tmp / "jpfr.pdf")
        per_copy = max(1.0, (render_pdf(load_pair("probe", probe), tmp / "probe.pdf").pages - base) / 3)
        copies = max(1, 1 + round((args.pages - base) / per_copy))
        synth = tmp / "synthetic"
        synthetic_corpus(synth, "synthetic", copies)
        spair = load_pair("synthetic", synth)
        shtml = tmp / "synthetic.html"
        write_pdf_html(spair, shtml)
        runs = max(1, args.runs // 2)
        measured = compare({
            "jpfr": [*JPFR, "render", "synthetic", "--corpus", str(synth), "--to", "pdf",
                     "-o", str(tmp / "synthetic.pdf")],
            "chromium": [CHROMIUM, *CHROMIUM_ARGS, f"--print-to-pdf={tmp / 'synthetic-chromium.pdf'}",
                         shtml.as_uri()],
        }, runs)
        (long_ours, long_rss), (long_chrome, long_chrome_rss) = measured["jpfr"], measured["chromium"]
        n_ours, n_chrome = page_count(tmp / "synthetic.pdf"), page_count(tmp / "synthetic-chromium.pdf")
        print(f"\n2. synthetic document ({copies} copies of the sections; median of {runs})")
        print(f"   jpfr render: {n_ours} pages in {long_ours:.1f} s = {n_ours / long_ours:.1f} pages/s, "
              f"peak {long_rss / 1024:.0f} MiB, {(tmp / 'synthetic.pdf').stat().st_size / 1024:.0f} KB")
        print(f"   chromium:    {n_chrome} pages in {long_chrome:.1f} s = {n_chrome / long_chrome:.1f} pages/s, "
              f"peak {long_chrome_rss / 1024:.0f} MiB")
        print(f"   ratio of pages/s jpfr / Chromium: {(n_ours / long_ours) / (n_chrome / long_chrome):.2f}")

        # 3. a batch
        batch = tmp / "batch"
        for lang in ("ja", "fr"):
            (batch / lang).mkdir(parents=True)
            text = (ROOT / "corpus" / lang / f"{DOC_ID}.xml").read_text(encoding="utf-8")
            for i in range(args.batch):
                (batch / lang / f"doc-{i}.xml").write_text(text.replace(f'id="{DOC_ID}"', f'id="doc-{i}"'),
                                                           encoding="utf-8")
        ids = [f"doc-{i}" for i in range(args.batch)]
        measured = compare({
            "one": [*JPFR, "render", *ids, "--corpus", str(batch), "--to", "pdf", "-j", "1", "-o", str(tmp / "b1")],
            "par": [*JPFR, "render", *ids, "--corpus", str(batch), "--to", "pdf", "-o", str(tmp / "bn")],
        }, runs)
        (one, _), (par, par_rss) = measured["one"], measured["par"]
        print(f"\n3. batch of {args.batch} documents (median of {runs})")
        print(f"   one process:           {one:.1f} s")
        print(f"   one process per document ({min(args.batch, os.cpu_count() or 1)} at a time): {par:.1f} s, "
              f"peak {par_rss / 1024:.0f} MiB per process")
        print(f"   speed-up parallel / single: {one / par:.2f}x on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
