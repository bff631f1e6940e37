"""Release versions and release folders: semantic versions, ids, and what exists.

Stage: release. Imports ``errors`` and ``model`` only.

Versions follow Semantic Versioning 2.0.0 (https://semver.org). ``packaging``'s
``Version`` implements PEP 440, which accepts things semver refuses (``1.0``,
``1.0.0.post1``) and orders pre-releases differently, so versions are parsed
with the regular expression semver.org publishes and compared by its section 11.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import Location, ReleaseError
from ..model import DOC_ID_PATTERN

#: The regular expression suggested at https://semver.org (section "Is there a suggested
#: regular expression"), numbered-group variant.
SEMVER_PATTERN = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$"
)

BUMPS = ("major", "minor", "patch")


@dataclass(frozen=True, slots=True)
class SemVer:
    """A parsed semantic version; ordering follows semver.org section 11."""

    major: int
    minor: int
    patch: int
    prerelease: tuple[str, ...] = ()
    build: tuple[str, ...] = ()

    def __str__(self) -> str:
        out = f"{self.major}.{self.minor}.{self.patch}"
        if self.prerelease:
            out += "-" + ".".join(self.prerelease)
        if self.build:
            out += "+" + ".".join(self.build)
        return out

    @property
    def precedence(self) -> tuple:
        """A key whose order is semver precedence (build metadata ignored, §10-11)."""
        if not self.prerelease:
            # a release ranks above any of its pre-releases (§11.3)
            pre: tuple = ((2,),)
        else:
            # numeric identifiers rank below alphanumeric ones; numbers compare as numbers (§11.4)
            pre = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in self.prerelease)
        return (self.major, self.minor, self.patch, pre)

    def bumped(self, kind: str) -> "SemVer":
        """The next version for a ``major``, ``minor`` or ``patch`` change."""
        if kind == "major":
            return SemVer(self.major + 1, 0, 0)
        if kind == "minor":
            return SemVer(self.major, self.minor + 1, 0)
        if kind == "patch":
            if self.prerelease:  # 1.1.0-rc.1 + patch -> 1.1.0
                return SemVer(self.major, self.minor, self.patch)
            return SemVer(self.major, self.minor, self.patch + 1)
        return self


def parse_version(text: str) -> SemVer:
    """Parse a semantic version (``1.2.3``, ``2.0.0-rc.1``, ``1.0.0+build.5``).

    Raises:
        ReleaseError: the text is not a semantic version.
    """
    match = SEMVER_PATTERN.fullmatch(text or "")
    if not match:
        raise ReleaseError(f"version {text!r} is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.0.0; see semver.org)")
    major, minor, patch, pre, build = match.groups()
    return SemVer(int(major), int(minor), int(patch), tuple(pre.split(".")) if pre else (), tuple(build.split(".")) if build else ())


def bump_between(old: SemVer | None, new: SemVer) -> str:
    """The kind of bump that leads from ``old`` to ``new`` (``initial`` without ``old``)."""
    if old is None:
        return "initial"
    if new.major != old.major:
        return "major"
    if new.minor != old.minor:
        return "minor"
    if new.patch != old.patch:
        return "patch"
    return "pre-release"


def check_doc_id(doc_id: str) -> str:
    """Refuse document ids that could name a path outside the releases folder.

    Raises:
        ReleaseError: the id is not a valid document id.
    """
    if not re.fullmatch(DOC_ID_PATTERN.rstrip("$"), doc_id or "") or ".." in doc_id:
        raise ReleaseError(
            f"invalid document id {doc_id!r} (lowercase letters, digits, '.', '_' and '-'; no '/' or '..')"
        )
    return doc_id


@dataclass(frozen=True, slots=True)
class ExistingRelease:
    """A release folder found under ``releases/DOC_ID/``."""

    version: SemVer
    path: Path


def list_releases(doc_dir: Path) -> list[ExistingRelease]:
    """The releases of one document (folders named by a semantic version holding a bag),
    oldest first by semver precedence. Temporary and foreign folders are ignored."""
    found: list[ExistingRelease] = []
    if not doc_dir.is_dir():
        return found
    for child in doc_dir.iterdir():
        if child.name.startswith(".") or not child.is_dir() or not SEMVER_PATTERN.fullmatch(child.name):
            continue
        if not (child / "bagit.txt").is_file():
            continue
        found.append(ExistingRelease(parse_version(child.name), child))
    return sorted(found, key=lambda r: (r.version.precedence, str(r.version)))


def contained_path(root: Path, *parts: str) -> Path:
    """``root / parts`` after checking that it stays inside ``root`` (symlinks resolved).

    Raises:
        ReleaseError: the path would escape ``root``.
    """
    base = root.resolve()
    target = base.joinpath(*parts)
    resolved = target.resolve()
    if not resolved.is_relative_to(base) or any(p in ("", ".", "..") or "/" in p or "\\" in p for p in parts):
        raise ReleaseError(f"refusing to write outside the output folder: {'/'.join(parts)!r}", Location(str(root)))
    return target
