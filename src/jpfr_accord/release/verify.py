"""Verify a release years later: the bag, the sources embedded in the PDFs, the schema.

Stage: release. Imports ``errors``, ``load`` (secure parser and schema), the
``bagit`` package and pikepdf.

Every problem is collected and reported with the file it concerns; nothing stops
at the first one. bagit's own ``validate()`` stops at the first failing phase,
and its Payload-Oxum test fires before the file-by-file comparison, hiding which
file is missing; so its phases (structure, completeness, fixity) are run one by
one here, through the methods ``Bag.validate`` itself calls.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import AccordError, Location, ReleaseError
from .manifest import SOURCE_DIR, TAG_FILES, quiet_bagit


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
    _check_bag(root, report)
    _check_index(root, report)
    data = root / "data"
    xml_files = sorted((data / SOURCE_DIR).glob("*.xml")) if (data / SOURCE_DIR).is_dir() else []
    report.sources = len(xml_files)
    if data.is_dir() and not xml_files:
        report.problems.append(Problem(f"data/{SOURCE_DIR}", "missing", "the release holds no XML source"))
    from ..load.xml import read_bytes

    sources = {}
    for xml in xml_files:
        try:  # with the corpus's size limit: a release received is input like any other
            sources[xml.name] = read_bytes(xml, _rel(root, xml))
        except AccordError as exc:
            report.problems.append(Problem(_rel(root, xml), "unreadable", exc.message))
    for xml in xml_files:
        if xml.name in sources:
            _check_schema(root, xml, sources[xml.name], report)
    pdfs = sorted(data.rglob("*.pdf")) if data.is_dir() else []
    report.pdfs = len(pdfs)
    for pdf in pdfs:
        _check_pdf(root, pdf, sources, report)
    report.problems = sorted(set(report.problems), key=lambda p: (p.path, p.line or 0, p.kind, p.message))
    return report


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _check_bag(root: Path, report: VerifyReport) -> None:
    import bagit

    with quiet_bagit():
        try:
            bag = bagit.Bag(str(root))
        except bagit.BagError as exc:
            where = "bagit.txt" if not (root / "bagit.txt").is_file() else ""
            report.problems.append(Problem(where, "structure", f"not a readable BagIt bag: {exc}"))
            _check_manifests_without_bagit(root, report)
            return
        try:
            bag._validate_structure()
            bag._validate_bagittxt()
        except bagit.BagValidationError as exc:
            report.problems.append(Problem("", "structure", exc.message))
        # completeness: bagit compares the manifests with the payload on disk (and lists the
        # tag files named in tagmanifest but missing)
        only_in_manifest, only_on_disk = bag.compare_manifests_with_fs()
        missing = set(only_in_manifest)
        for rel in sorted(only_in_manifest):
            report.problems.append(Problem(_posix(rel), "missing", "listed in the manifest but not found"))
        for rel in sorted(only_on_disk):
            report.problems.append(Problem(_posix(rel), "extra", "not listed in manifest-sha256.txt"))
        for name in TAG_FILES:
            if not (root / name).is_file() and name not in {_posix(p) for p in only_in_manifest}:
                report.problems.append(Problem(name, "missing", "required tag file of the release is missing"))
        listed = {_posix(p) for p in bag.entries}
        for top in sorted(root.iterdir()):
            if top.name == "data":
                continue  # the payload is compared with the manifest above
            for path in [top] if not top.is_dir() else sorted(top.rglob("*")):
                rel = _rel(root, path)
                if path.is_file() and rel not in listed and rel not in TAG_FILES:
                    report.problems.append(Problem(rel, "extra", "not listed in tagmanifest-sha256.txt"))
        # fixity: bagit hashes every entry (payload and tag files); missing files are reported above
        present = {k: v for k, v in bag.entries.items() if k not in missing}
        report.payload_files = sum(1 for k in present if _posix(k).startswith("data/"))
        saved, bag.entries = bag.entries, present
        try:
            bag._validate_entries(processes=1)
        except bagit.BagValidationError as exc:
            for detail in exc.details:
                if isinstance(detail, bagit.ChecksumMismatch):
                    report.problems.append(
                        Problem(_posix(detail.path), "checksum",
                                f"{detail.algorithm} differs from the manifest (expected {detail.expected[:12]}…, "
                                f"found {detail.found[:12]}…): the file was changed")
                    )
                else:
                    report.problems.append(Problem(_posix(getattr(detail, "path", "")), "checksum", str(detail)))
        finally:
            bag.entries = saved
        # bagit's Payload-Oxum test (file count and bytes) is not run: with every file
        # compared with the manifest and hashed, it could only repeat a problem reported
        # above, and bag-info.txt itself is covered by the tag manifest.


def _check_manifests_without_bagit(root: Path, report: VerifyReport) -> None:
    """When bagit cannot open the bag (``bagit.txt`` gone or broken), still compare the
    files with the manifests that are left, so that the other problems are not hidden."""
    from .manifest import MANIFEST, TAGMANIFEST, read_manifest, sha256_file

    payload = read_manifest(root / MANIFEST)
    tags = read_manifest(root / TAGMANIFEST)
    on_disk = {_rel(root, p) for p in (root / "data").rglob("*") if p.is_file()} if (root / "data").is_dir() else set()
    for rel in sorted(set(payload) - on_disk):
        report.problems.append(Problem(rel, "missing", "listed in the manifest but not found"))
    if payload:
        for rel in sorted(on_disk - set(payload)):
            report.problems.append(Problem(rel, "extra", "not listed in manifest-sha256.txt"))
    for rel, digest in sorted({**tags, **payload}.items()):
        path = root / rel
        if path.is_file() and sha256_file(path) != digest:
            report.problems.append(Problem(rel, "checksum", "sha256 differs from the manifest: the file was changed"))
    report.payload_files = len(on_disk & set(payload))


def _check_index(root: Path, report: VerifyReport) -> None:
    """Cross-check the manifests with the checksums recorded in ``../index.json`` when the
    release sits in its releases folder: a file changed *and* re-manifested is caught there."""
    import json

    from .manifest import sha256_file

    index_path = root.parent / "index.json"
    if not index_path.is_file():
        return
    try:
        index = json.loads(index_path.read_text(encoding="utf-8"))
        entry = next((e for e in index.get("releases", []) if e.get("version") == root.name), None)
    except (OSError, ValueError, AttributeError):
        report.problems.append(Problem("../index.json", "index", "the release index cannot be read"))
        return
    if entry is None:
        return  # a release copied elsewhere, or not yet indexed: nothing to compare with
    for name, recorded in sorted((entry.get("manifests") or {}).items()):
        path = root / name
        if path.is_file() and f"sha256:{sha256_file(path)}" != recorded:
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


def _embedded_bytes(stream) -> bytes:
    """The decoded bytes of an embedded file stream, never more than the size limit.

    A few kilobytes of Flate can decode to gigabytes, so the stream is inflated
    here with a bound rather than by pikepdf. The PDFs of a release embed their
    sources plain or with one ``/FlateDecode`` (what WeasyPrint writes); any other
    encoding is reported rather than decoded.

    Raises:
        ValueError: over the limit, or an encoding other than those.
    """
    import zlib

    import pikepdf

    from ..load.xml import max_bytes

    limit = max_bytes()
    filters = stream.get("/Filter")
    if filters is None:
        names = []
    elif isinstance(filters, pikepdf.Array):
        names = [str(f) for f in filters]
    else:
        names = [str(filters)]
    if names not in ([], ["/FlateDecode"]) or stream.get("/DecodeParms") is not None:
        raise ValueError(f"encoded with {' '.join(names) or 'parameters'} (a release embeds its sources plain or with /FlateDecode)")
    raw = stream.read_raw_bytes()
    if names:
        inflater = zlib.decompressobj()
        try:
            data = inflater.decompress(raw, limit + 1)
        except zlib.error as exc:
            raise ValueError(f"damaged /FlateDecode data ({exc})") from None
    else:
        data = raw
    if len(data) > limit:
        raise ValueError(f"decodes to more than {limit} bytes, the size limit (set JPFR_MAX_BYTES to raise it)")
    return data


def _check_pdf(root: Path, pdf_path: Path, sources: dict[str, bytes], report: VerifyReport) -> None:
    import pikepdf

    rel = _rel(root, pdf_path)
    try:
        with pikepdf.open(pdf_path) as pdf:
            embedded: dict[str, bytes] = {}
            af = pdf.Root.get("/AF")
            associated = {obj.objgen for obj in af} if isinstance(af, pikepdf.Array) else set()
            for name, spec in pdf.attachments.items():
                key = spec.filename or name
                try:
                    embedded[key] = _embedded_bytes(spec.get_file().obj)
                except (pikepdf.PdfError, ValueError, KeyError) as exc:
                    report.problems.append(Problem(rel, "attachment", f"embedded file {key!r} cannot be read: {exc}"))
                    embedded[key] = b""
                # PDF/A-3 (ISO 19005-3 §6.8): an embedded file is an associated file, with an
                # AFRelationship, listed in an /AF array (here the document's, in the catalog)
                if "/AFRelationship" not in spec.obj:
                    report.problems.append(Problem(rel, "pdfa", f"embedded file {key!r} has no AFRelationship (PDF/A-3 §6.8)"))
                if spec.obj.objgen not in associated:
                    report.problems.append(Problem(rel, "pdfa", f"embedded file {key!r} is not listed in the catalog's /AF"))
            try:
                status = pdf.open_metadata().pdfa_status
            except (pikepdf.PdfError, ValueError):
                status = ""
    except (pikepdf.PdfError, OSError, ValueError) as exc:
        report.problems.append(Problem(rel, "unreadable", f"cannot be read as a PDF: {exc}"))
        return
    if not status.startswith("3"):
        report.problems.append(Problem(rel, "pdfa", f"does not declare PDF/A-3 (found {status or 'no PDF/A claim'})"))
    for name, data in sorted(sources.items()):
        if name not in embedded:
            report.problems.append(Problem(rel, "attachment", f"does not embed the source {name!r}"))
        elif embedded[name] != data:
            report.problems.append(Problem(rel, "attachment", f"embedded {name!r} differs from data/{SOURCE_DIR}/{name}"))
    for name in sorted(set(embedded) - set(sources)):
        report.problems.append(Problem(rel, "attachment", f"embeds {name!r}, which is not a source of the release"))
