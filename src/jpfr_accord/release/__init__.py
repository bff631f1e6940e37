"""Release stage: versioned, checksummed, reproducible bundles; verification; diffs.

Imports ``errors``, ``model``, ``load``, ``checks``, and, lazily inside the build,
``render`` and ``export``. Re-exports only.
"""

from .bundle import ReleaseResult, build_release, release_date
from .changes import ChangeSet, compare
from .sources import diff_versions, resolve_operand
from .verify import Problem, VerifyReport, verify_release
from .versions import SemVer, parse_version

__all__ = [
    "ChangeSet",
    "Problem",
    "ReleaseResult",
    "SemVer",
    "VerifyReport",
    "build_release",
    "compare",
    "diff_versions",
    "parse_version",
    "release_date",
    "resolve_operand",
    "verify_release",
]
