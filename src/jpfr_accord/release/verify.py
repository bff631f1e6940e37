"""Verify a release years later: the bag, the sources embedded in the PDFs, the schema.

Stage: release. Imports ``errors``, ``load`` (safe reading, secure parser and
schema), ``release.bag``, ``release.pdfcheck`` and pikepdf; not click, not the
rules, not the build machinery.

Every problem is collected and reported with the file it concerns; nothing stops
at the first one. A release received is input like any other: it is checked
without trusting it (``release.bag``): no path it names is opened unless it is a
regular file inside the release, links are reported, never followed, and every
read is bounded (PDF streams by their total decoded size, ``release.pdfcheck``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import AccordError, Location, ReleaseError
from .manifest import SOURCE_DIR, TAG_FILES

if TYPE_CHECKING:  # pragma: no cover
    from . import bag


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a release. ``path`` is relative to the release folder."""

    path: str
    kind: str  # structure | missing | extra | checksum | index | attachment | pdfa | schema | unreadable
    message: str
    line: int | None = None

    def format(self, root: str) -> str:
        where = f"{root.rstrip('/')}/{self.path}" if self.path else root
        if self.line:
            where += f":{self.line}"
        return f"{where}: {self.kind}: {self.message}"


@dataclass
class VerifyReport:
    """The outcome of ``verify_release``; ``ok`` only when no problem was found."""

    path: Path
    problems: list[Problem] = field(default_factory=list)
    payload_files: int = 0
    pdfs: int = 0
    sources: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _is_release(folder: Path) -> bool:
    return (folder / "bagit.txt").exists() or (folder / "data").is_dir()


def find_releases(path: str | Path) -> list[Path]:
    """The release folders ``path`` names: itself when it is a release, else the
    releases of a document folder (``releases/DOC_ID``) or of a releases folder
    (``releases/``), documents by name and versions in semantic-version order.
    Hidden folders (a build in progress is one) and symbolic links inside the
    folder are not followed: name a linked release on the command line.

    Raises:
        ReleaseError: the path cannot be read, or no release is found in it.
    """
    from .versions import parse_version

    root = Path(path)
    if not root.exists():
        raise ReleaseError("no such release folder", Location(str(path)))
    if not root.is_dir():
        raise ReleaseError("not a folder; give the release folder releases/DOC_ID/X.Y.Z", Location(str(path)))
    if _is_release(root):
        return [root]

    def subfolders(folder: Path) -> list[Path]:
        try:
            return [p for p in folder.iterdir() if p.is_dir() and not p.is_symlink() and not p.name.startswith(".")]
        except OSError as exc:
            raise ReleaseError(f"cannot read the folder: {exc.strerror or exc}", Location(str(folder))) from None

    def version_key(folder: Path) -> tuple:
        try:
            return (0, parse_version(folder.name).precedence, folder.name)
        except ReleaseError:
            return (1, (), folder.name)  # not named as a version: after the versions, by name

    def in_document(folder: Path) -> list[Path]:
        return sorted((p for p in subfolders(folder) if _is_release(p)), key=version_key)

    releases = in_document(root)
    if not releases:
        for doc in sorted(subfolders(root), key=lambda p: p.name):
            releases += in_document(doc)
    if not releases:
        raise ReleaseError("not a release folder (no bagit.txt, no data/) and no release in it; "
                           "give releases/DOC_ID/X.Y.Z, releases/DOC_ID or releases/", Location(str(path)))
    return releases


def verify_release(path: str | Path) -> VerifyReport:
    """Check that a release is complete and unaltered.

    Checks the BagIt bag (every file present, no extra file, every SHA-256 right,
    tag files included), the manifests against the checksums in ``../index.json``
    when the release is in its releases folder, that every PDF embeds each XML
    source byte for byte and declares PDF/A-3, and that each XML source still
    passes the corpus schema.

    Args:
        path: the release folder (``releases/DOC_ID/X.Y.Z``).

    Returns:
        The report, listing every problem found.

    Raises:
        ReleaseError: the path is not a folder that can be read, or holds neither
            ``bagit.txt`` nor ``data/`` (not a release at all).
    """
    root = Path(path)
    if not root.exists():
        raise ReleaseError("no such release folder", Location(str(path)))
    if not root.is_dir():
        raise ReleaseError("not a folder; give the release folder releases/DOC_ID/X.Y.Z", Location(str(path)))
    try:
        next(root.iterdir(), None)
    except OSError as exc:
        raise ReleaseError(f"cannot read the folder: {exc.strerror or exc}", Location(str(path))) from None
    if not (root / "bagit.txt").exists() and not (root / "data").is_dir():
        raise ReleaseError("not a release folder (no bagit.txt, no data/); give releases/DOC_ID/X.Y.Z",
                           Location(str(path)))
    report = VerifyReport(root)
    tree = _check_bag(root, report)
    _check_index(root, report)
    data = root / "data"
    xml_files = sorted(p for p in tree.files if re.fullmatch(rf"data/{SOURCE_DIR}/[^/]+\.xml", p))
    report.sources = len(xml_files)
    if data.is_dir() and not xml_files:
        report.problems.append(Problem(f"data/{SOURCE_DIR}", "missing", "the release holds no XML source"))
    from ..load.reader import read_bytes

    sources = {}
    for rel in xml_files:
        try:  # with the corpus's size limit: a release received is input like any other
            sources[rel.rsplit("/", 1)[1]] = read_bytes(root / rel, rel, follow_symlinks=False)
        except AccordError as exc:
            report.problems.append(Problem(rel, "unreadable", exc.message))
    for rel in xml_files:
        name = rel.rsplit("/", 1)[1]
        if name in sources:
            _check_schema(root, root / rel, sources[name], report)
    pdfs = sorted(p for p in tree.files if p.startswith("data/") and p.endswith(".pdf"))
    report.pdfs = len(pdfs)
    from .pdfcheck import check_pdf

    for rel in pdfs:
        for where, kind, message in check_pdf(root / rel, sources):
            report.problems.append(Problem(rel if where is None else where, kind, message))
    report.problems = sorted(set(report.problems), key=lambda p: (p.path, p.line or 0, p.kind, p.message))
    return report


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _check_bag(root: Path, report: VerifyReport) -> "bag.Tree":
    """Structure, completeness and fixity of the bag (RFC 8493), read without trusting it."""
    from . import bag
    from .manifest import MANIFEST, TAGMANIFEST

    found: list[bag.Finding] = []
    tree = bag.walk(root)
    found += tree.findings
    bagit_txt = bag.read_tag_file(root, "bagit.txt", found)
    if bagit_txt is None and "bagit.txt" not in tree.files:
        found.append(bag.Finding("bagit.txt", "structure", "not a readable BagIt bag: bagit.txt is missing"))
    elif bagit_txt is not None:
        bag.check_bagit_txt(bagit_txt, found)
    info = bag.read_tag_file(root, "bag-info.txt", found)
    if info is not None:
        bag.parse_tag_lines(info, "bag-info.txt", found)
    manifests: dict[str, dict[str, str]] = {}
    for name, is_payload in ((MANIFEST, True), (TAGMANIFEST, False)):
        text = bag.read_tag_file(root, name, found)
        manifests[name] = bag.parse_manifest(name, text, found, payload=is_payload) if text is not None else {}
    payload, tags = manifests[MANIFEST], manifests[TAGMANIFEST]
    on_disk = {p for p in tree.files if p.startswith("data/")}
    for rel in sorted(set(payload) - on_disk):
        found.append(bag.Finding(rel, "missing", "listed in the manifest but not found"))
    if MANIFEST in tree.files:
        for rel in sorted(on_disk - set(payload)):
            found.append(bag.Finding(rel, "extra", "not listed in manifest-sha256.txt"))
    for name in TAG_FILES:
        if name not in tree.files and not any(f.path == name for f in found):
            found.append(bag.Finding(name, "missing", "required tag file of the release is missing"))
    for rel in sorted(set(tags) - tree.files):
        if rel not in TAG_FILES:
            found.append(bag.Finding(rel, "missing", "listed in tagmanifest-sha256.txt but not found"))
    for rel in sorted(p for p in tree.files if not p.startswith("data/")):
        if rel not in tags and rel not in TAG_FILES:
            found.append(bag.Finding(rel, "extra", "not listed in tagmanifest-sha256.txt"))
    for rel, expected in sorted({**tags, **payload}.items()):
        if rel not in tree.files:
            continue  # missing, a link or not a regular file: reported above, never opened
        digest = bag.hash_file(root, rel, found)
        if digest is not None and digest != expected:
            found.append(bag.Finding(rel, "checksum", f"sha256 differs from the manifest (expected {expected[:12]}…, "
                                                      f"found {digest[:12]}…): the file was changed"))
    report.payload_files = len(on_disk & set(payload))
    report.problems += [Problem(f.path, f.kind, f.message, f.line) for f in found]
    return tree


def _check_index(root: Path, report: VerifyReport) -> None:
    """Cross-check the manifests with the checksums recorded in ``../index.json`` when the
    release sits in its releases folder: a file changed *and* re-manifested is caught there.
    The index is input too: read within the size limit, links not followed, and only the
    two manifest names are ever opened from it."""
    import json

    from . import bag
    from ..load.reader import read_bytes
    from .manifest import MANIFEST, TAGMANIFEST

    index_path = root.parent / "index.json"
    if not os.path.lexists(index_path):
        return
    try:
        index = json.loads(read_bytes(index_path, "../index.json", follow_symlinks=False).decode("utf-8"))
        releases = index.get("releases", []) if isinstance(index, dict) else None
        if not isinstance(releases, list):
            raise ValueError("no list of releases")
        entry = next((e for e in releases if isinstance(e, dict) and e.get("version") == root.name), None)
        manifests = (entry.get("manifests") or {}) if entry is not None else {}
        if not isinstance(manifests, dict):
            raise ValueError("manifests is not an object")
    except (AccordError, ValueError, RecursionError) as exc:
        why = exc.message if isinstance(exc, AccordError) else "not a JSON release index"
        report.problems.append(Problem("../index.json", "index", f"the release index cannot be read: {why}"))
        return
    for name, recorded in sorted(manifests.items(), key=lambda kv: str(kv[0])):
        if name not in (MANIFEST, TAGMANIFEST):
            report.problems.append(Problem("../index.json", "index",
                                           f"names {bag.escape_text(str(name))!r}, not a manifest of the release; not opened"))
            continue
        found: list[bag.Finding] = []
        digest = bag.hash_file(root, name, found) if (root / name).is_file() and not (root / name).is_symlink() else None
        if digest is not None and f"sha256:{digest}" != recorded:
            report.problems.append(
                Problem(name, "index", "differs from the checksum recorded in ../index.json at release time")
            )


def _posix(rel: str) -> str:
    return Path(rel).as_posix()


def _check_schema(root: Path, xml: Path, data: bytes, report: VerifyReport) -> None:
    from ..load import parse_xml, validate

    rel = _rel(root, xml)
    try:
        tree = parse_xml(data, rel)
    except AccordError as exc:
        report.problems.append(Problem(rel, "schema", exc.message, exc.loc.line if exc.loc else None))
        return
    for violation in validate(tree):
        report.problems.append(Problem(rel, "schema", violation.message.replace("{urn:jpfr-accord:declaration:1}", ""),
                                       violation.line))
