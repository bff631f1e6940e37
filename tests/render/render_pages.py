"""Builders of the pages the page tests and the visual check look at: the check
report of a corpus with one wrong date, the redline of a translation revision,
and the index of two releases (a synthetic releases folder, no PDF is built)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

from jpfr_testing import CORPUS, DOC_ID

WRONG_DATE = ("tenue le 31 mars 2026", "tenue le 30 mars 2026")


def check_report(tmp: Path) -> Path:
    """The check report of the corpus with the French date of preamble__para_2__cl_3
    wrong; the ENT002 finding carries the span of « 30 mars 2026 »."""
    import shutil

    from jpfr_accord.checks import run_checks
    from jpfr_accord.checks.config import load_config
    from jpfr_accord.checks.report import write_html_report
    from jpfr_accord.load import load_aligned

    corpus = tmp / "corpus"
    shutil.copytree(CORPUS, corpus)
    fr = corpus / "fr" / f"{DOC_ID}.xml"
    fr.write_text(fr.read_text(encoding="utf-8").replace(*WRONG_DATE, 1), encoding="utf-8")
    import pytest

    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp)  # the report names corpus/fr/…, the same in every run (the visual check compares it)
        loaded = load_aligned([Path("corpus")])
        findings = run_checks(loaded.pairs, loaded.singles, loaded.findings, load_config(start=corpus).context())
    clause = next(c for c in loaded.pairs[0].target.clauses() if c.id == "preamble__para_2__cl_3")
    start = clause.text.index("30 mars 2026")
    findings = [replace(f, span=(start, start + len("30 mars 2026"))) if f.code == "ENT002" and f.span is None else f
                for f in findings]
    dest = tmp / "report.html"
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp)
        write_html_report(loaded.pairs, findings, dest)
    return dest


def revised_pair(pair):
    """``pair`` with one French clause reworded and one French clause added (the Japanese unchanged)."""
    fr = pair.target
    sec = fr.sections[0]
    para = sec.paragraphs[0]
    first = para.clauses[0]
    reworded = replace(first, text=first.text.replace("Les deux dirigeants", "Les deux chefs de gouvernement", 1))
    para = replace(para, clauses=(reworded, *para.clauses[1:]))
    return replace(pair, target=replace(fr, sections=(replace(sec, paragraphs=(para, *sec.paragraphs[1:])),
                                                      *fr.sections[1:])))


def redline(pair, tmp: Path) -> Path:
    from jpfr_accord.release.changes import compare
    from jpfr_accord.release.report import to_html

    new = revised_pair(pair)
    cs = compare({d.lang: d for d in (pair.source, pair.target)}, {d.lang: d for d in (new.source, new.target)},
                 doc_id=DOC_ID, old_label="releases/x/1.0.0", new_label="releases/x/1.1.0",
                 languages=["ja", "fr"])
    dest = tmp / "changes.html"
    dest.write_text(to_html(cs, old_title="1.0.0 (2026-04-01)", new_title="1.1.0 (2026-05-01)"), encoding="utf-8")
    return dest


RELEASES = (("1.0.0", "2026-04-01", "initial", None), ("1.1.0", "2026-05-01", "minor", "signing ceremony tomorrow"))


def release_index(tmp: Path) -> Path:
    """``releases/DOC_ID/index.html`` of two releases whose folders hold the usual files."""
    from jpfr_accord.release.index_page import index_page

    doc_dir = tmp / "releases" / DOC_ID
    entries = []
    for version, date, bump, allowed in RELEASES:
        data = doc_dir / version / "data"
        names = {"pdf": [f"{DOC_ID}.side-by-side.pdf", f"{DOC_ID}.ja.pdf", f"{DOC_ID}.fr.pdf"],
                 "html": [f"{DOC_ID}.html"], "source": [f"{DOC_ID}.ja.xml", f"{DOC_ID}.fr.xml"]}
        for folder, files in names.items():
            (data / folder).mkdir(parents=True)
            for name in files:
                (data / folder / name).write_text(f"{version} {name}\n", encoding="utf-8")
        for name in ("CHANGES.md", "changes.html"):
            (data / name).write_text(f"changes of {version}\n", encoding="utf-8")
        (data / "release.json").write_text(json.dumps({"version": version, "date": date}), encoding="utf-8")
        entries.append({
            "version": version, "date": date, "previous": None, "bump": bump, "suggested_bump": bump,
            "allowed_findings": allowed, "path": f"{version}/",
            "manifests": {name: "sha256:" + hashlib.sha256(f"{version}{name}".encode()).hexdigest()
                          for name in ("manifest-sha256.txt", "tagmanifest-sha256.txt")},
        })
    dest = doc_dir / "index.html"
    dest.write_text(index_page(DOC_ID, entries, doc_dir), encoding="utf-8")
    return dest
