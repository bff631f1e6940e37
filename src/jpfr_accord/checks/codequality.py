"""Findings as a GitLab Code Quality report (``jpfr check --format gitlab``).

Stage: checks. Imports ``errors`` and ``model``.

GitLab shows a merge request's findings from a Code Quality artifact
(``artifacts:reports:codequality``), a JSON array in the Code Climate issue
format; it does not read SARIF. Each issue has a ``description``, a
``check_name``, a stable ``fingerprint`` (GitLab compares the reports of the
source and target branches by it, so it must not change when an unrelated line
moves: it hashes the rule, the file, the element id, the language and the
message, never the line), a ``severity`` and a ``location``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from ..errors import Severity
from ..model import Finding

#: Code Climate severities: info, minor, major, critical, blocker.
SEVERITY = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "info"}


def _fingerprint(f: Finding, seen: dict[str, int]) -> str:
    key = "\0".join((f.code, f.file, f.eId or "", f.lang or "", f.message))
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
    n = seen.get(digest, 0)
    seen[digest] = n + 1
    return digest if n == 0 else hashlib.sha256(f"{digest}\0{n}".encode()).hexdigest()


def to_codequality(findings: Iterable[Finding]) -> list[dict]:
    """One Code Quality issue per finding, in the findings' order."""
    seen: dict[str, int] = {}
    out = []
    for f in findings:
        out.append(
            {
                "description": f"{f.code} {f.message}",
                "check_name": f"{f.code} {f.name}",
                "fingerprint": _fingerprint(f, seen),
                "severity": SEVERITY[f.severity],
                "location": {"path": f.file.replace("\\", "/"), "lines": {"begin": f.line or 1}},
            }
        )
    return out
