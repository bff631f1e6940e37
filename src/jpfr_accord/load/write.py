"""Write a ``Document`` as a corpus XML file (the inverse of ``load.xml``).

Stage: load. Imports ``errors`` and ``model``.

Used by ``jpfr import`` and the interchange importers to create new corpus
files. Files that already exist and carry a person's comments and layout are
edited in place by ``load.edit`` instead, never regenerated.
"""

from __future__ import annotations

import os
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
    p = _e("para", parent, eId=para.id)
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
        s = _e("section", root, eId=sec.id, num=sec.num)
        if sec.heading is not None:
            _e("heading", s, sec.heading.text)
        for para in sec.paragraphs:
            _para(s, para)
    etree.indent(root, space="  ")
    return root


def serialize_document(doc: Document) -> bytes:
    return etree.tostring(to_element(doc), xml_declaration=True, encoding="UTF-8") + b"\n"


def atomic_write(dest: str | Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write ``data`` to ``dest`` through a temporary file in the same folder and a rename.

    Raises:
        LoadError: the destination exists and ``overwrite`` is false, or it cannot be written.
    """
    dest = Path(dest)
    if not overwrite and dest.exists():
        raise LoadError("file exists; pass --force to overwrite it", Location(str(dest)))
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    except OSError as exc:
        raise LoadError(f"cannot write: {exc.strerror or exc}", Location(str(dest))) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if not overwrite:
            # link() fails if dest appeared meanwhile: never clobber a file created concurrently
            os.link(tmp, dest)
            os.unlink(tmp)
        else:
            os.replace(tmp, dest)
    except FileExistsError:
        os.unlink(tmp)
        raise LoadError("file exists; pass --force to overwrite it", Location(str(dest))) from None
    except OSError as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise LoadError(f"cannot write: {exc.strerror or exc}", Location(str(dest))) from None


def write_document(doc: Document, dest: str | Path, *, overwrite: bool = False) -> None:
    """Write ``doc`` as a corpus file, atomically; refuse to replace a file unless asked."""
    atomic_write(dest, serialize_document(doc), overwrite=overwrite)
