"""Benchmark of `jpfr check` (issues 3 and 16). Prints figures and ratios.

Every ratio is against a baseline measured in the same run, each command in a
fresh process (what a user waits for): wall time, peak memory (max RSS).

1. Scale: synthetic corpora of N clause pairs (default 100,000) and N/10,
   built by repeating the real corpus's clauses (each text made distinct) in
   sections of 10 paragraphs of 10 clauses. A full `jpfr check --no-cache`
   (all CPUs) of each is timed against lxml parsing and XSD-validating the same
   two files (target: at most 10x on 2 cores; the two sizes' ratios within
   20 % of each other), and its peak memory against lxml's (target: at most 1.6x).
2. Re-check: on the large corpus, with the result cache warm, one clause of the
   French file changed, `jpfr check` again, against lxml parse + XSD (target:
   at most 3x); and with nothing changed.
3. The nearest peer a translator would run: translate-toolkit's `pofilter` on
   the same pairs exported as TMX (reported, no target: it checks less).
4. `jpfr check` on the real corpus, against `python -c "import lxml.etree,
   pydantic, click"` (target: at most 1.5x), median of several runs.

Usage: ``python bench/check_bench.py [--clauses N] [--runs R] [--jobs J]``.
Heavy: the 100,000-pair case takes minutes (2 shared cores); run it once.
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
POFILTER = str(Path(sys.executable).with_name("pofilter"))


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


#: CPU seconds (user + system, the process and the workers it waited for) of the last measure()
LAST_CPU: list[float] = [0.0]


def measure(cmd: list[str], cwd: Path, runs: int = 1, env: dict[str, str] | None = None,
            ok: tuple[int, ...] = (0, 1)) -> tuple[float, float, int]:
    """(median seconds, min seconds, peak RSS in MiB) of ``cmd`` run ``runs`` times;
    the least CPU time of the runs is left in ``LAST_CPU[0]``."""
    times, peak, cpus = [], 0, []
    for _ in range(runs):
        start = time.perf_counter()
        # the loader refuses files over 20 MiB unless JPFR_MAX_BYTES says otherwise
        full_env = {**os.environ, "JPFR_MAX_BYTES": str(2**31), **(env or {})}
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=full_env)
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in ok:
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.read().decode()[-2000:]}")
        peak = max(peak, usage.ru_maxrss // 1024)
        cpus.append(usage.ru_utime + usage.ru_stime)
    LAST_CPU[0] = min(cpus)
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


def build(dest: Path, n: int) -> float:
    """Build a synthetic corpus in a child process (a child's max RSS starts from
    its parent's, so the parent must stay small for the memory figures to mean
    anything); its size in MiB."""
    subprocess.run(
        [PY, "-c", f"import sys; sys.path.insert(0, {str(ROOT / 'bench')!r}); import check_bench; "
         f"from pathlib import Path; check_bench.build_corpus(Path({str(dest)!r}), {n})"],
        check=True,
    )
    return sum(p.stat().st_size for p in dest.rglob("*.xml")) / 2**20


def change_one_clause(corpus: Path) -> None:
    """A translator's edit: one word of one French clause, half-way down the file."""
    path = corpus / "fr" / "synthetic.xml"
    data = path.read_bytes()
    at = data.index(b"<clause ", len(data) // 2)
    at = data.index(b">", at) + 1
    path.write_bytes(data[:at] + "révisé : ".encode() + data[at:])


def verdict(value: float, target: float) -> str:
    return f"target <= {target:g}x: {'met' if value <= target else 'NOT met'}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clauses", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=10, help="runs of each start-up measurement")
    ap.add_argument("--jobs", type=int, default=0, help="jpfr check -j (default 0: one per CPU)")
    args = ap.parse_args()
    # every child process runs this checkout's package, whatever is installed
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
    # measure the package as an installed wheel runs: byte-compiled (see the Makefile's setup)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True, stdout=subprocess.DEVNULL)
    print(f"check benchmark: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; fresh processes, wall time")
    missed = False
    sizes = [max(1, args.clauses // 10), args.clauses]
    with tempfile.TemporaryDirectory(prefix="jpfr-bench-") as tmp:
        work = Path(tmp)
        check = [*JPFR, "check", "corpus", "--format", "json", "-j", str(args.jobs)]
        ratios = {}
        print("\n1. full check (--no-cache) against lxml parse + XSD validation of the same files")
        for n in sizes:
            folder = work / f"c{n}"
            t0 = time.perf_counter()
            size = build(folder / "corpus", n)
            files = [str(folder / "corpus" / lang / "synthetic.xml") for lang in ("ja", "fr")]
            # the fastest of 3 runs of each: on a shared machine the median of one
            # side and the other may be taken under different loads
            _, base_t, base_mem = measure([PY, "-c", LXML_ONLY, str(ROOT / "schema" / "declaration.xsd"), *files], folder, 3)
            base_cpu = LAST_CPU[0]
            _, check_t, check_mem = measure([*check, "--no-cache"], folder, 3 if n <= 20_000 else 1)
            check_cpu = LAST_CPU[0]
            ratios[n] = check_t / base_t
            print(f"   {n:>7,} pairs ({size:.0f} MiB, built in {time.perf_counter() - t0:.0f} s): "
                  f"lxml {base_t:6.2f} s {base_mem:5d} MiB | jpfr check {check_t:6.2f} s {check_mem:5d} MiB | "
                  f"ratio {ratios[n]:5.2f}x ({verdict(ratios[n], 10)}), memory {check_mem / base_mem:4.2f}x "
                  f"({verdict(check_mem / base_mem, 1.6)}), {check_t / n * 1e6:.0f} us per pair")
            print(f"   {'':>7}   CPU time (all processes): lxml {base_cpu:.2f} s, jpfr check {check_cpu:.2f} s, "
                  f"ratio {check_cpu / base_cpu:.2f}x (load-independent; jpfr spreads it over the CPUs)")
            missed |= ratios[n] > 10 or check_mem / base_mem > 1.6
        small, big = ratios[sizes[0]], ratios[sizes[1]]
        spread = abs(big - small) / min(big, small)
        print(f"   ratio {sizes[1]:,} / {sizes[0]:,}: {big / small:4.2f} (within 20 %: {'met' if spread <= 0.2 else 'NOT met'})")
        missed |= spread > 0.2

        folder = work / f"c{sizes[1]}"
        env = {"JPFR_CACHE_DIR": str(work / "cache")}
        cold, _, _ = measure(check, folder, 1, env)  # fills the cache
        unchanged, _, _ = measure(check, folder, 1, env)
        change_one_clause(folder / "corpus")
        changed, _, changed_mem = measure(check, folder, 1, env)
        changed_cpu = LAST_CPU[0]
        print(f"\n2. re-check of the {sizes[1]:,}-pair corpus with the result cache (lxml: {base_t:.2f} s)")
        print(f"   first check, cache cold     {cold:6.2f} s   ratio {cold / base_t:5.2f}x")
        print(f"   nothing changed             {unchanged:6.2f} s   ratio {unchanged / base_t:5.2f}x")
        print(f"   one clause changed          {changed:6.2f} s   ratio {changed / base_t:5.2f}x  ({verdict(changed / base_t, 3)})  peak {changed_mem} MiB")
        print(f"   {'':27} CPU time {changed_cpu:.2f} s against lxml's {base_cpu:.2f} s: ratio {changed_cpu / base_cpu:.2f}x")
        missed |= changed / base_t > 3

        tmx = folder / "synthetic.tmx"
        subprocess.run([*JPFR, "export", "synthetic", "--corpus", "corpus", "--to", "tmx", "-o", str(tmx)], cwd=folder,
                       check=True, stdout=subprocess.DEVNULL, env={**os.environ, "JPFR_MAX_BYTES": str(2**31)})
        if Path(POFILTER).exists():
            po_t, _, po_mem = measure([POFILTER, "--progress=none", str(tmx), str(folder / "filtered.tmx")], folder, 1)
            print(f"\n3. translate-toolkit's pofilter on the same {sizes[1]:,} pairs exported as TMX")
            print(f"   pofilter {po_t:6.2f} s {po_mem} MiB | jpfr check {check_t:6.2f} s {check_mem} MiB | "
                  f"ratio jpfr / pofilter {check_t / po_t:4.2f}x (reported)")
        else:
            print(f"\n3. pofilter not installed ({POFILTER}): pip install translate-toolkit")

    phases = subprocess.run([PY, "-c", PHASES], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    print(f"\n4. real corpus, phases in one interpreter: {phases}")
    imports_t, imports_min, _ = measure([PY, "-c", "import lxml.etree, pydantic, click"], ROOT, args.runs)
    real_t, real_min, real_mem = measure([*JPFR, "check", "--no-cache"], ROOT, args.runs)
    print(f"   median of {args.runs} runs (min in brackets):")
    print(f"   python -c 'import lxml.etree, pydantic, click' : {imports_t * 1000:6.0f} ms ({imports_min * 1000:.0f})")
    print(f"   jpfr check                                     : {real_t * 1000:6.0f} ms ({real_min * 1000:.0f})   peak {real_mem} MiB")
    ratio = real_t / imports_t
    print(f"   ratio                                          : {ratio:6.2f}x  (target <= 1.5x: {'met' if ratio <= 1.5 else 'NOT met'})")
    return 1 if missed or ratio > 1.5 else 0


if __name__ == "__main__":
    sys.exit(main())
