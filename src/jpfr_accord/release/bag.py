"""Read a received BagIt bag without trusting it: the tag files, the manifests, the tree.

Stage: release. Imports ``errors`` and ``load.reader``.

``bagit`` makes our bags; it does not check received ones here, because it trusts
what it reads: it opens and hashes the paths a manifest names (absolute, or
climbing out with ``..``), follows payload links to files outside the bag, does
not see a link to a folder under ``data/``, reads tag files whole (a 20 MB line
keeps ``readline`` busy, ``/dev/zero`` never ends) and raises on a byte that is
not UTF-8. Here every file is read through ``load.reader`` (regular files only,
links not followed, within the size limit), the tree is walked with ``lstat``
(links and other non-regular entries are reported, never opened), and a
manifest entry is checked as a path before anything is opened.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import AccordError
from ..load.reader import escape_text, max_bytes, read_bytes, sha256_of

_DIGEST = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Finding:
    """A problem found in the bag (``verify`` turns it into a ``Problem``)."""

    path: str
    kind: str
    message: str
    line: int | None = None


@dataclass
class Tree:
    """What is on disk under the release, links not followed."""

    files: set[str] = field(default_factory=set)  # regular files, relative POSIX paths
    findings: list[Finding] = field(default_factory=list)


def walk(root: Path) -> Tree:
    """Every entry under ``root`` by ``lstat``: regular files are listed; links (to files or
    folders, inside or outside) and FIFOs, devices and sockets are reported, never opened."""
    out = Tree()
    stack = [""]
    while stack:
        rel_dir = stack.pop()
        folder = root / rel_dir if rel_dir else root
        try:
            names = sorted(os.listdir(folder))
        except OSError as exc:
            out.findings.append(Finding(rel_dir, "unreadable", f"cannot list the folder: {exc.strerror or exc}"))
            continue
        for name in names:
            rel = f"{rel_dir}/{name}" if rel_dir else name
            try:
                mode = os.lstat(root / rel).st_mode
            except OSError as exc:
                out.findings.append(Finding(rel, "unreadable", f"cannot be read: {exc.strerror or exc}"))
                continue
            if stat.S_ISLNK(mode):
                try:
                    target = os.readlink(root / rel)
                except OSError:
                    target = "?"
                out.findings.append(Finding(rel, "link", f"is a symbolic link (to {escape_text(target)!r}); "
                                                         "a release holds no links, not followed"))
            elif stat.S_ISDIR(mode):
                stack.append(rel)
            elif stat.S_ISREG(mode):
                out.files.add(rel)
            else:
                out.findings.append(Finding(rel, "unreadable", "is not a regular file (a FIFO, device or socket); not read"))
    return out


def read_tag_file(root: Path, name: str, findings: list[Finding]) -> str | None:
    """A tag file's text (UTF-8, RFC 8493 §2.1.1), or None with the reason in ``findings``."""
    try:
        data = read_bytes(root / name, name, follow_symlinks=False, limit=max_bytes())
    except AccordError as exc:
        if "no such file" not in exc.message:
            findings.append(Finding(name, "unreadable", exc.message))
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        findings.append(Finding(name, "structure", f"is not UTF-8 (byte {data[exc.start]:#04x})", line))
        return None


def parse_tag_lines(text: str, name: str, findings: list[Finding]) -> dict[str, list[str]]:
    """``Label: value`` lines (RFC 8493 §2.2.2; a line starting with white space continues
    the previous value), in one linear pass; a malformed line is reported."""
    out: dict[str, list[str]] = {}
    last: list[str] | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if line[:1] in (" ", "\t") and last is not None:
            last[-1] += " " + line.strip()
            continue
        label, sep, value = line.partition(":")
        if not sep or not label.strip():
            findings.append(Finding(name, "structure", "a line is not 'Label: value'", number))
            continue
        last = out.setdefault(label.strip(), [])
        last.append(value.strip())
    return out


def check_bagit_txt(text: str, findings: list[Finding]) -> None:
    tags = parse_tag_lines(text, "bagit.txt", findings)
    version = (tags.get("BagIt-Version") or [""])[0]
    if not re.fullmatch(r"\d+\.\d+", version):
        findings.append(Finding("bagit.txt", "structure", "BagIt-Version is missing or malformed"))
    if (tags.get("Tag-File-Character-Encoding") or [""])[0].upper() not in ("UTF-8", "UTF8"):
        findings.append(Finding("bagit.txt", "structure", "Tag-File-Character-Encoding is not UTF-8"))


def _unescape(path: str) -> str:
    # RFC 8493 §2.1.3: CR, LF and % in a manifest path are percent-encoded
    return path.replace("%0A", "\n").replace("%0a", "\n").replace("%0D", "\r").replace("%0d", "\r").replace("%25", "%")


def safe_relative(path: str) -> str | None:
    """``path`` if it names a file inside the bag (relative, no ``..``, no empty or ``.``
    part, no NUL or backslash), else None: such an entry is reported, never opened."""
    if not path or "\0" in path or "\\" in path or path.startswith("/"):
        return None
    parts = path.split("/")
    if any(p in ("", ".", "..") for p in parts):
        return None
    return path


def parse_manifest(name: str, text: str, findings: list[Finding], *, payload: bool) -> dict[str, str]:
    """``{path: sha256}`` of a manifest; bad lines and unsafe paths are reported and left out."""
    out: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = line.strip().split(None, 1)
        if len(parts) != 2 or not _DIGEST.fullmatch(parts[0].lower()):
            findings.append(Finding(name, "structure", "a line is not 'SHA-256  path'", number))
            continue
        raw = _unescape(parts[1].lstrip("*"))
        path = safe_relative(raw)
        if path is None:
            findings.append(Finding(name, "outside", f"entry {escape_text(raw)!r} is absolute, climbs out of the "
                                                     "release or is not a plain path; not opened", number))
            continue
        if payload != path.startswith("data/"):
            where = "outside data/" if payload else "inside data/"
            findings.append(Finding(name, "structure", f"entry {escape_text(path)!r} is {where}", number))
            continue
        if path in out:
            findings.append(Finding(name, "structure", f"entry {escape_text(path)!r} is listed twice", number))
            continue
        out[path] = parts[0].lower()
    return out


def hash_file(root: Path, rel: str, findings: list[Finding]) -> str | None:
    """The SHA-256 of a regular file of the bag (links refused), or None with the reason."""
    try:
        return sha256_of(root / rel, rel, follow_symlinks=False)
    except AccordError as exc:
        findings.append(Finding(rel, "unreadable", exc.message))
        return None
