"""End to end with the real renderer (WeasyPrint): the real corpus released twice gives
byte-identical bags, PDFs included; the PDFs are PDF/A-3 carrying both XML sources;
``jpfr verify`` finds the release intact. Marked ``real_renderer``; part of ``make test``."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest

from jpfr_accord.release import build_release, verify_release
from jpfr_accord.release.manifest import read_bag_info

from .conftest import files_of

ROOT = Path(__file__).resolve().parents[2]
DOC = "ai-cooperation-2026"

pytestmark = pytest.mark.real_renderer


def test_real_release_is_reproducible_and_verifies(tmp_path, jpfr):
    corpus = ROOT / "corpus"
    a = build_release(DOC, "1.0.0", corpus=corpus, out=tmp_path / "a", date="2026-04-01")
    b = build_release(DOC, "1.0.0", corpus=corpus, out=tmp_path / "b", date="2026-04-01")
    fa, fb = files_of(Path(a.path)), files_of(Path(b.path))
    assert sorted(fa) == sorted(fb)
    assert [name for name in fa if fa[name] != fb[name]] == []

    root = Path(a.path)
    report = verify_release(root)
    assert report.problems == [] and report.pdfs == 3 and report.sources == 2
    run = jpfr("verify", root)
    assert run.exit_code == 0 and "intact" in run.stdout

    sources = {p.name: p.read_bytes() for p in (root / "data" / "source").glob("*.xml")}
    assert sorted(sources) == [f"{DOC}.fr.xml", f"{DOC}.ja.xml"]
    for pdf_path in sorted((root / "data" / "pdf").glob("*.pdf")):
        with pikepdf.open(pdf_path) as pdf:
            assert pdf.open_metadata().pdfa_status.startswith("3"), pdf_path.name
            embedded = {spec.filename: spec.get_file().read_bytes() for spec in pdf.attachments.values()}
            assert embedded == sources, pdf_path.name

    info = read_bag_info(root)
    fonts = info["Font"] if isinstance(info["Font"], list) else [info["Font"]]
    assert any(f.startswith("Noto Serif CJK JP") and "sha256:" in f for f in fonts)
    last = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%H", "--", "corpus/ja", "corpus/fr"],
                          capture_output=True, text=True)
    if last.returncode == 0 and last.stdout.strip():  # a git checkout: the commit of the sources is recorded
        assert info["Source-Commit"].startswith(last.stdout.strip())
