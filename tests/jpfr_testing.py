"""Shared test constants and helpers (imported by tests as ``from jpfr_testing import …``).

Kept out of ``conftest.py`` because several test folders have a conftest of
their own, and ``from jpfr_testing import`` would pick whichever was imported first.
"""

from __future__ import annotations

import http.server
import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DOC_ID = "ai-cooperation-2026"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


class Run:
    """Result of one CLI run, with stdout and stderr apart."""

    def __init__(self, result) -> None:
        self.exit_code = result.exit_code
        self.stdout = result.stdout
        self.stderr = result.stderr
        self.exception = result.exception

    def __repr__(self) -> str:
        return f"<Run exit={self.exit_code} stdout={self.stdout[:500]!r} stderr={self.stderr[:500]!r}>"


def element_line(path: Path, eid: str) -> int:
    """1-based line of the element whose eId is ``eid``."""
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if f'eId="{eid}"' in line:
            return i
    raise AssertionError(f"{eid} not in {path}")


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a corpus file, failing loudly if ``old`` is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def remove_element(path: Path, eid: str) -> None:
    """Delete the one-line clause element (or the whole para/section block) with ``eid``."""
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(
        rf'^[ \t]*<(?P<tag>clause|para|section)\b[^>]*eId="{re.escape(eid)}".*?</(?P=tag)>\n', re.S | re.M
    )
    new, n = pattern.subn("", text, count=1)
    assert n == 1, f"{eid} not removed from {path}"
    path.write_text(new, encoding="utf-8")


#: Paths requested from the HTTP trap (see the ``http_trap`` fixture); tests clear it.
TRAP_HITS: list[str] = []


class TrapHandler(http.server.BaseHTTPRequestHandler):
    """Records every request; hostile inputs point at it and it must get none."""

    def _record(self) -> None:
        TRAP_HITS.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body{color:red}")

    do_GET = do_POST = do_HEAD = _record  # noqa: N815 - http.server's naming

    def log_message(self, *args) -> None:
        pass


#: Chromium as root in a sandbox with no network: no sandbox, no GPU, no background traffic.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]


#: The current W3C Nu HTML checker, from the npm package vnu-jar (``make nu-checker``,
#: part of ``make setup``); ``JPFR_VNU_JAR`` points elsewhere.
VNU_JAR = Path(os.environ.get("JPFR_VNU_JAR") or ROOT / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar")


def nu_check(*files: Path) -> subprocess.CompletedProcess:
    """Run the Nu HTML checker on ``files``; exit status 0 when no error (warnings are printed, not counted)."""
    if not VNU_JAR.is_file():
        raise AssertionError(f"the Nu HTML checker is not installed ({VNU_JAR} is missing): run `make nu-checker`")
    return subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "gnu", *map(str, files)],
        capture_output=True, text=True, timeout=300,
    )
