"""Write a ``Document`` as a corpus XML file (the inverse of ``load.xml``).

Stage: load. Imports ``errors`` and ``model``.

Used by ``jpfr import`` and the interchange importers to create new corpus
files. Files that already exist and carry a person's comments and layout are
edited in place by ``load.edit`` instead, never regenerated.
"""

from __future__ import annotations

import os
import signal
import tempfile
from pathlib import Path

from lxml import etree

from ..errors import LoadError, Location
from ..model import Document, Paragraph
from .xml import NS, XML_NS


def _e(tag: str, parent: etree._Element | None = None, text: str | None = None, **attrs: str | None) -> etree._Element:
    el = etree.Element(f"{{{NS}}}{tag}", nsmap={None: NS}) if parent is None else etree.SubElement(parent, f"{{{NS}}}{tag}")
    for k, v in attrs.items():
        if v is not None:
            el.set(k, v)
    if text is not None:
        el.text = text
    return el


def _para(parent: etree._Element, para: Paragraph) -> None:
    p = _e("para", parent, eId=para.id, num=para.num)
    for c in para.clauses:
        _e(
            "clause",
            p,
            c.text,
            eId=c.id,
            actor=c.actor,
            acts=" ".join(c.acts) or None,
            src=c.src,
            ignore=" ".join(c.ignore) or None,
            **{"ignore-reason": c.ignore_reason},
        )


def to_element(doc: Document) -> etree._Element:
    """The corpus XML tree of ``doc``, attributes in the canonical order."""
    root = _e("declaration")
    root.set(f"{{{XML_NS}}}lang", doc.lang)
    root.set("id", doc.id)
    root.set("status", doc.status)
    if doc.source_lang:
        root.set("source-lang", doc.source_lang)
    if doc.version:
        root.set("version", doc.version)
    meta = _e("meta", root)
    _e("title", meta, doc.meta.title)
    if doc.meta.subtitle:
        _e("subtitle", meta, doc.meta.subtitle)
    if doc.meta.dateline:
        _e("dateline", meta, doc.meta.dateline)
    if doc.meta.date:
        _e("date", meta, doc.meta.date)
    if doc.meta.place:
        _e("place", meta, doc.meta.place)
    for party in doc.meta.parties:
        _e("party", meta, party)
    for person in doc.meta.signatories:
        _e("signatory", meta, person)
    if doc.meta.provenance:
        _e("provenance", meta, doc.meta.provenance)
    if doc.preamble is not None:
        pre = _e("preamble", root)
        for para in doc.preamble.paragraphs:
            _para(pre, para)
    for sec in doc.sections:
        s = _e("section", root, eId=sec.id, num=sec.num, level=str(sec.level) if sec.level != 1 else None)
        if sec.heading is not None:
            _e("heading", s, sec.heading.text, src=sec.heading.src)
        for para in sec.paragraphs:
            _para(s, para)
    etree.indent(root, space="  ")
    return root


def serialize_document(doc: Document) -> bytes:
    return etree.tostring(to_element(doc), xml_declaration=True, encoding="UTF-8") + b"\n"


def _fault(point: str) -> None:
    """Test hook: ``JPFR_TEST_KILL_AT=<point>`` kills the process there, as a power
    cut or ``kill -9`` would, so tests can prove that nothing partial is left."""
    if os.environ.get("JPFR_TEST_KILL_AT") == point:
        os.kill(os.getpid(), signal.SIGKILL)


def _unnamed_tempfile(folder: Path) -> int | None:
    """An O_TMPFILE descriptor: a file with no name, which vanishes if we die before linking it."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None:
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY, 0o644)
    except OSError:
        return None  # file system without O_TMPFILE support


def _mode_for(dest: Path) -> int:
    """Keep the mode of the file being replaced; a new file gets the umask's mode, like any
    file the user creates (temporary files are created 0600)."""
    try:
        return dest.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def fsync_folder(folder: str | Path) -> None:
    """Make a rename in ``folder`` durable (best effort where folders cannot be fsynced)."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class _Staged:
    """Bytes written to an unnamed temporary file beside ``dest``, not yet in place."""

    def __init__(self, dest: Path, data: bytes) -> None:
        self.dest = dest
        self.fd: int | None = None
        self.name: str | None = None  # a named temporary file, when O_TMPFILE is not available
        where = Location(str(dest))
        if dest.is_dir():
            raise LoadError("is a directory", where)
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            self.fd = _unnamed_tempfile(dest.parent)
            if self.fd is None:
                self.fd, self.name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
            with os.fdopen(self.fd, "wb", closefd=False) as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.fchmod(self.fd, _mode_for(dest))
        except OSError as exc:
            self.discard()
            raise LoadError(f"cannot write: {exc.strerror or exc}", where) from None

    def commit(self, *, overwrite: bool) -> None:
        """Put the bytes in place: rename over ``dest``, or link (never clobbering) when not ``overwrite``."""
        dest, where = self.dest, Location(str(self.dest))
        try:
            if self.name is None:
                self.name = str(dest.parent / f".{dest.name}.{os.getpid()}.tmp")
                dir_fd = os.open(dest.parent, os.O_RDONLY)
                try:  # linkat(..., AT_SYMLINK_FOLLOW): give the unnamed file a name
                    os.link(f"/proc/self/fd/{self.fd}", os.path.basename(self.name), dst_dir_fd=dir_fd,
                            follow_symlinks=True)
                finally:
                    os.close(dir_fd)
            if overwrite:
                os.replace(self.name, dest)
            else:
                # link() fails if dest appeared meanwhile: never clobber a file created concurrently
                os.link(self.name, dest)
                os.unlink(self.name)
            self.name = None
            fsync_folder(dest.parent)  # the rename itself must survive a power cut
        except FileExistsError:
            raise LoadError("file exists; pass --force to overwrite it", where) from None
        except OSError as exc:
            raise LoadError(f"cannot write: {exc.strerror or exc}", where) from None
        finally:
            self.discard()

    def discard(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
        if self.name is not None and os.path.exists(self.name):
            os.unlink(self.name)
        self.name = None


def atomic_write(dest: str | Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write ``data`` to ``dest`` so that readers see the old file or the new one, never
    a part: the bytes go to an unnamed temporary file in the same folder (O_TMPFILE,
    so a killed process leaves nothing behind), which is then linked into place.

    Raises:
        LoadError: the destination exists and ``overwrite`` is false, or it cannot be written.
    """
    atomic_write_many({Path(dest): data}, overwrite=overwrite)


def atomic_write_many(files: dict[Path, bytes], *, overwrite: bool = True) -> list[Path]:
    """Write several files all or nothing: every file is fully written (unnamed)
    before any is put in place, so a failure or a kill while writing leaves none
    of them, and the previous versions intact.

    Raises:
        LoadError: a destination exists and ``overwrite`` is false, or cannot be written.
    """
    dests = [Path(d) for d in files]
    if not overwrite:
        for dest in dests:
            if dest.exists() or dest.is_symlink():
                raise LoadError("file exists; pass --force to overwrite it", Location(str(dest)))
    staged: list[_Staged] = []
    try:
        for dest, data in zip(dests, files.values()):
            staged.append(_Staged(dest, data))
        _fault("before-commit")
        for item in staged:
            item.commit(overwrite=overwrite)
    finally:
        for item in staged:
            item.discard()
    return dests


def write_document(doc: Document, dest: str | Path, *, overwrite: bool = False) -> None:
    """Write ``doc`` as a corpus file, atomically; refuse to replace a file unless asked,
    and refuse a file the readers would refuse (over ``JPFR_MAX_BYTES``).

    Raises:
        LoadError: the file exists, is too large, or cannot be written.
    """
    from .reader import max_bytes

    data = serialize_document(doc)
    if len(data) > max_bytes():
        raise LoadError(f"the corpus file would be {len(data)} bytes, over the limit of {max_bytes()} that every "
                        "command reads (set JPFR_MAX_BYTES to raise it); nothing written", Location(str(dest)))
    atomic_write(dest, data, overwrite=overwrite)
