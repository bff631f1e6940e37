"""Shared test constants and helpers (imported by tests as ``from jpfr_testing import …``).

Kept out of ``conftest.py`` because several test folders have a conftest of
their own, and ``from jpfr_testing import`` would pick whichever was imported first.
"""

from __future__ import annotations

import re
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
