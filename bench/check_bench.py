"""Benchmark of `jpfr check` (issue 3).

1. A synthetic corpus of N clause pairs (default 100,000), built by repeating the
   real corpus's clauses (with their correct source hashes) in sections of 10
   paragraphs of 10 clauses. `jpfr check` on it is timed against parsing and
   XSD-validating the same two files with lxml alone (target: at most 3x), and
   the peak memory (max RSS) of both is printed.
2. `jpfr check` on the real corpus, against `python -c "import lxml.etree,
   pydantic, click"` (target: at most 1.5x), median of several runs.

Every measurement runs in a fresh interpreter, so that the import costs and the
peak memory are those a user sees. Ratios are against baselines measured in the
same run. Usage: ``python bench/check_bench.py [--clauses N] [--runs R]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
JPFR = [PY, "-m", "jpfr_accord"]


def _letters(n: int) -> str:
    out = ""
    while True:
        n, r = divmod(n, 26)
        out = "abcdefghijklmnopqrstuvwxyz"[r] + out
        if not n:
            return out


def build_corpus(dest: Path, n_clauses: int) -> None:
    """Write dest/{ja,fr}/synthetic.xml with ``n_clauses`` clause pairs."""
    sys.path.insert(0, str(ROOT / "src"))
    from lxml import etree

    from jpfr_accord.load import load_pair
    from jpfr_accord.model import text_hash

    pair = load_pair("ai-cooperation-2026", ROOT / "corpus", "fr")
    samples = list(pair.clause_pairs())
    ns = "urn:jpfr-accord:declaration:1"
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "corpus" / "glossary.tsv", dest / "glossary.tsv")  # the corpus's own glossary, as in a real corpus
    per_para, per_sec = 10, 10
    n_sections = -(-n_clauses // (per_para * per_sec))
    for lang in ("ja", "fr"):
        root = etree.Element(f"{{{ns}}}declaration", nsmap={None: ns})
        root.set(xml_lang, lang)
        root.set("id", "synthetic")
        root.set("status", "authentic" if lang == "ja" else "working-translation")
        if lang == "fr":
            root.set("source-lang", "ja")
        meta = etree.SubElement(root, f"{{{ns}}}meta")
        etree.SubElement(meta, f"{{{ns}}}title").text = pair[lang].meta.title
        k = 0
        for s in range(1, n_sections + 1):
            sec = etree.SubElement(root, f"{{{ns}}}section", eId=f"sec_{s}", num=str(s))
            etree.SubElement(sec, f"{{{ns}}}heading").text = f"{s}"
            for p in range(1, per_para + 1):
                if k >= n_clauses:
                    break
                para = etree.SubElement(sec, f"{{{ns}}}para", eId=f"sec_{s}__para_{p}")
                for c in range(1, per_sec + 1):
                    if k >= n_clauses:
                        break
                    a, b = samples[k % len(samples)]
                    src = a if lang == "ja" else b
                    cl = etree.SubElement(para, f"{{{ns}}}clause", eId=f"sec_{s}__para_{p}__cl_{c}", actor=src.actor or "both", acts=" ".join(src.acts))
                    # every text distinct (a tag with the clause number written in
                    # letters on both sides), so that no per-text cache makes the
                    # corpus look easy; letters, not digits, so that the share of
                    # clauses with figures stays the real corpus's
                    tag = f"[z{_letters(k)}x] "
                    if lang == "fr":
                        cl.set("src", text_hash(tag + a.text))
                    cl.text = tag + src.text
                    k += 1
        folder = dest / lang
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "synthetic.xml").write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def measure(cmd: list[str], cwd: Path, runs: int = 1) -> tuple[float, float, int]:
    """(median seconds, min seconds, peak RSS in MiB) of ``cmd`` run ``runs`` times."""
    times, peak = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        # the loader refuses files over 20 MiB unless JPFR_MAX_BYTES says otherwise
        env = {**os.environ, "JPFR_MAX_BYTES": str(2**31)}
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.read().decode()[-2000:]}")
        peak = max(peak, usage.ru_maxrss // 1024)
    return statistics.median(times), min(times), peak


LXML_ONLY = """
import sys
from lxml import etree
schema = etree.XMLSchema(etree.parse(sys.argv[1]))
parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
for path in sys.argv[2:]:
    doc = etree.parse(path, parser)
    schema.assertValid(doc)
"""


PHASES = """
import time
t0 = time.perf_counter()
import lxml.etree, pydantic, click
t1 = time.perf_counter()
import jpfr_accord.model
t2 = time.perf_counter()
import jpfr_accord.load, jpfr_accord.checks, jpfr_accord.checks.config
t3 = time.perf_counter()
from pathlib import Path
loaded = jpfr_accord.load.load_aligned([Path("corpus")])
t4 = time.perf_counter()
jpfr_accord.checks.run_checks(loaded.pairs, loaded.singles, loaded.findings, jpfr_accord.checks.config.load_config().context())
t5 = time.perf_counter()
ms = lambda a, b: f"{(b - a) * 1000:.0f} ms"
print(f"imports of lxml, pydantic, click {ms(t0, t1)}; model {ms(t1, t2)}; "
      f"load + checks modules {ms(t2, t3)}; loading the corpus {ms(t3, t4)}; running the rules {ms(t4, t5)}")
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clauses", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=10, help="runs of each start-up measurement")
    args = ap.parse_args()
    # measure the package as an installed wheel runs: byte-compiled (see the Makefile's setup)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True, stdout=subprocess.DEVNULL)

    with tempfile.TemporaryDirectory(prefix="jpfr-bench-") as tmp:
        work = Path(tmp)
        t0 = time.perf_counter()
        # built in a child process: a child's max RSS starts from its parent's,
        # so the parent must stay small for the peak-memory figures to mean anything
        subprocess.run(
            [PY, "-c", f"import sys; sys.path.insert(0, {str(ROOT / 'bench')!r}); import check_bench; "
             f"from pathlib import Path; check_bench.build_corpus(Path({str(work / 'corpus')!r}), {args.clauses})"],
            check=True,
        )
        size = sum(p.stat().st_size for p in (work / "corpus").rglob("*.xml")) / 2**20
        print(f"synthetic corpus: {args.clauses:,} clause pairs, {size:.0f} MiB, built in {time.perf_counter() - t0:.1f} s")
        files = [str(work / "corpus" / lang / "synthetic.xml") for lang in ("ja", "fr")]
        # the fastest of 3 runs of each: on a shared machine the median of one
        # side and the other may be taken under different loads
        _, base_t, base_mem = measure([PY, "-c", LXML_ONLY, str(ROOT / "schema" / "declaration.xsd"), *files], work, 3)
        _, check_t, check_mem = measure([*JPFR, "check", "corpus", "--format", "json"], work, 3 if args.clauses <= 20_000 else 1)
        print(f"lxml parse + XSD validation : {base_t:7.2f} s   peak {base_mem:5d} MiB")
        print(f"jpfr check                  : {check_t:7.2f} s   peak {check_mem:5d} MiB")
        ratio = check_t / base_t
        print(f"ratio                       : {ratio:7.2f}x  (target <= 3x: {'met' if ratio <= 3 else 'NOT met'})")
        print(f"per clause pair             : {check_t / args.clauses * 1e6:7.1f} us")

    phases = subprocess.run([PY, "-c", PHASES], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    print(f"\nreal corpus, phases in one interpreter: {phases}")
    imports_t, imports_min, _ = measure([PY, "-c", "import lxml.etree, pydantic, click"], ROOT, args.runs)
    real_t, real_min, real_mem = measure([*JPFR, "check"], ROOT, args.runs)
    print(f"\nreal corpus, median of {args.runs} runs (min in brackets):")
    print(f"python -c 'import lxml.etree, pydantic, click' : {imports_t * 1000:6.0f} ms ({imports_min * 1000:.0f})")
    print(f"jpfr check                                     : {real_t * 1000:6.0f} ms ({real_min * 1000:.0f})   peak {real_mem} MiB")
    ratio = real_t / imports_t
    print(f"ratio                                          : {ratio:6.2f}x  (target <= 1.5x: {'met' if ratio <= 1.5 else 'NOT met'})")


if __name__ == "__main__":
    main()
