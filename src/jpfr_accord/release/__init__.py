"""Release stage: versioned, checksummed, reproducible bundles; verification; diffs.

Imports ``errors``, ``model``, ``load``, ``checks``, and, lazily inside the build,
``render`` and ``export``. Re-exports only, resolved on first use (PEP 562) so that
``jpfr verify`` does not pay for importing the build machinery.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "ReleaseResult": ".bundle",
    "build_release": ".bundle",
    "release_date": ".bundle",
    "ChangeSet": ".changes",
    "compare": ".changes",
    "diff_versions": ".sources",
    "resolve_operand": ".sources",
    "Problem": ".verify",
    "VerifyReport": ".verify",
    "find_releases": ".verify",
    "verify_release": ".verify",
    "SemVer": ".versions",
    "parse_version": ".versions",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # pragma: no cover - for type checkers and readers
    from .bundle import ReleaseResult, build_release, release_date
    from .changes import ChangeSet, compare
    from .sources import diff_versions, resolve_operand
    from .verify import Problem, VerifyReport, find_releases, verify_release
    from .versions import SemVer, parse_version


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name], __name__), name)
