"""Nothing lost: a command killed mid-write (kill -9 at the moment its bytes are
written but not yet in place) leaves the previous file intact and no partial file.

``JPFR_TEST_KILL_AT=before-commit`` makes the process kill itself there
(``load.write._fault``); a real crash at that point looks the same.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from jpfr_testing import DOC_ID, FIXTURES

SEED = FIXTURES / "import" / "declaration-ai-2026.ja.txt"


def _run_killed(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "JPFR_TEST_KILL_AT": "before-commit"}
    return subprocess.run([sys.executable, "-m", "jpfr_accord", *args], cwd=cwd, env=env, capture_output=True, text=True)


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _make_stale(corpus: Path) -> None:
    ja = corpus / "ja" / f"{DOC_ID}.xml"
    ja.write_text(ja.read_text(encoding="utf-8").replace("2026年3月31日", "2026年4月1日"), encoding="utf-8")


def _translated_xliff(corpus: Path, work: Path) -> None:
    """An XLIFF export with one target changed, as a translator sends it back."""
    from jpfr_accord.export import export_document
    from jpfr_accord.load import load_pair

    xlf = work / "back.xlf"
    export_document(load_pair(DOC_ID, corpus), "xliff", xlf)
    text = xlf.read_text(encoding="utf-8")
    assert "Les deux dirigeants ont appelé à approfondir" in text
    xlf.write_text(text.replace("Les deux dirigeants ont appelé à approfondir", "Les deux dirigeants ont appelé à renforcer", 1),
                   encoding="utf-8")


CASES = {
    # name: (prepare(corpus, work), args, files that must be unchanged or absent)
    "import-new-file": (None, ["import", str(SEED), "--lang", "ja", "--id", DOC_ID, "-o", "out/ja.xml"]),
    "import-overwrite": (
        lambda c, w: (w / "out").mkdir() or (w / "out" / "ja.xml").write_text("previous"),
        ["import", str(SEED), "--lang", "ja", "--id", DOC_ID, "-o", "out/ja.xml", "--force"],
    ),
    "accept": (lambda c, w: _make_stale(c), ["accept", DOC_ID, "--all"]),
    "render-pdf": (None, ["render", DOC_ID, "--to", "pdf", "-o", "out/x.pdf"]),
    "render-html": (None, ["render", DOC_ID, "--to", "html", "-o", "out/x.html"]),
    "export-akn-folder": (None, ["export", DOC_ID, "--to", "akn", "-o", "out/akn"]),
    "export-tmx-overwrite": (
        lambda c, w: (w / "out").mkdir() or (w / "out" / "x.tmx").write_text("previous"),
        ["export", DOC_ID, "--to", "tmx", "-o", "out/x.tmx"],
    ),
    "import-xliff": (_translated_xliff, ["import-xliff", "back.xlf"]),
    "check-html-report": (None, ["check", "--html", "report.html"]),
    "render-html-overwrite": (
        lambda c, w: (w / "out").mkdir() or (w / "out" / "x.html").write_text("previous"),
        ["render", DOC_ID, "--to", "html", "-o", "out/x.html"],
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_killed_mid_write_leaves_everything_as_it_was(name, corpus_copy):
    work = corpus_copy.parent
    prepare, args = CASES[name]
    if prepare:
        prepare(corpus_copy, work)
    before = _tree(work)
    proc = _run_killed(args, work)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert _tree(work) == before  # no partial file, no temporary file, nothing changed
    # and the same command, not interrupted, does its work
    proc = subprocess.run([sys.executable, "-m", "jpfr_accord", *args], cwd=work, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert _tree(work) != before
