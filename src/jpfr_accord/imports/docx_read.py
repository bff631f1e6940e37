"""Reading a returned Word file: its parts, its bookmarked text, its tracked changes.

Stage: import. Imports ``errors`` and ``load`` (the secure XML parser); no
python-docx: a file from outside is read here with lxml, within size limits.

A ``.docx`` is a zip package (ECMA-376 Part 2, OPC): the main document is
found through the package relationships, not by a fixed name. The body is read
in document order (:func:`walk`) into

- a *skeleton*: the known bookmarks in order, those inside a top-level table
  grouped by row and cell, so that a merged, split, added or removed row shows;
- *pieces* of text, each with the bookmark it lies in (or none), its
  container (table cell, or body paragraph) and whether it is plain, a tracked
  insertion (``w:ins``, ``w:moveTo``) or a tracked deletion (``w:del``,
  ``w:moveFrom``), plus comment anchors (``w:commentRangeStart``,
  ``w:commentReference``).
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import LoadError, Location
from ..load import parse_xml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_DC = "{http://purl.org/dc/elements/1.1/}"
_CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
#: Limits for a file from outside: its size, its entries, one part unpacked.
MAX_FILE = 20 * 1024 * 1024
MAX_ENTRIES = 5000
MAX_PART = 16 * 1024 * 1024  # a long declaration's document.xml is well under 1 MB

_INSERTED = {_W + "ins", _W + "moveTo"}
_DELETED = {_W + "del", _W + "moveFrom"}
_CHARS = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "\u2011"}


@dataclass(frozen=True, slots=True)
class Piece:
    container: int  # index of the table cell or body paragraph holding it
    key: str | None  # the innermost known bookmark it lies in
    kind: str  # "text", "ins", "del", "para" (a paragraph break) or "comment"
    text: str  # the text, or the comment id


@dataclass(frozen=True, slots=True)
class Comment:
    id: str
    author: str
    date: str | None
    text: str


@dataclass(frozen=True)
class Package:
    """The parts of a returned file the import reads."""

    body: etree._Element
    core: dict[str, str]
    comments: dict[str, Comment]
    custom: dict[str, str]  # custom document properties (text ones), by name


def _part(zf: zipfile.ZipFile, name: str, display: str) -> bytes | None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART:
        raise LoadError(f"part {name!r} unpacks to {info.file_size} bytes, more than the {MAX_PART} allowed",
                        Location(display))
    with zf.open(info) as stream:
        data = stream.read(MAX_PART + 1)
    if len(data) > MAX_PART:
        raise LoadError(f"part {name!r} unpacks to more than the {MAX_PART} bytes allowed", Location(display))
    return data


def _targets(zf: zipfile.ZipFile, rels_name: str, base: str, display: str) -> dict[str, str]:
    """Relationship type (its last path segment) -> part name, from one ``.rels`` part."""
    data = _part(zf, rels_name, display)
    if data is None:
        return {}
    out: dict[str, str] = {}
    for rel in parse_xml(data, f"{display}:{rels_name}").getroot().iter(_REL):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target") or ""
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        out.setdefault((rel.get("Type") or "").rsplit("/", 1)[-1], name)
    return out


def read_package(path: Path, display: str) -> Package:
    """The body, core properties and comments of the ``.docx`` at ``path``.

    Raises:
        LoadError: the file is unreadable, too large, not a zip package or not a
            Word document, or one of its parts is not well-formed XML.
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LoadError(f"cannot read the file: {exc.strerror or exc}", Location(display)) from None
    if size > MAX_FILE:
        raise LoadError(f"file is {size} bytes, more than the {MAX_FILE} allowed", Location(display))
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise LoadError(f"not a Word document (.docx): {exc}", Location(display)) from None
    with zf:
        if len(zf.infolist()) > MAX_ENTRIES:
            raise LoadError(f"the package has more than {MAX_ENTRIES} entries", Location(display))
        try:
            root = _targets(zf, "_rels/.rels", "", display)
            main = root.get("officeDocument") or ""
            data = _part(zf, main, display) if main else None
            if data is None:
                raise LoadError("not a Word document (.docx): no main document part", Location(display))
            body = parse_xml(data, f"{display}:{main}").getroot().find(_W + "body")
            if body is None:
                raise LoadError(f"{main} has no w:body", Location(display))
            core: dict[str, str] = {}
            core_data = _part(zf, root["core-properties"], display) if "core-properties" in root else None
            if core_data is not None:
                for el in parse_xml(core_data, f"{display}:docProps").getroot():
                    if isinstance(el.tag, str):
                        core[etree.QName(el).localname] = (el.text or "").strip()
            custom: dict[str, str] = {}
            custom_data = _part(zf, root["custom-properties"], display) if "custom-properties" in root else None
            if custom_data is not None:
                for prop in parse_xml(custom_data, f"{display}:docProps").getroot():
                    if isinstance(prop.tag, str) and prop.get("name"):
                        custom[prop.get("name") or ""] = "".join(prop.itertext()).strip()
            folder, name = posixpath.split(main)
            parts = _targets(zf, posixpath.join(folder, "_rels", name + ".rels"), folder, display)
            comments = _comments(zf, parts.get("comments"), display)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError, ValueError,
                NotImplementedError, RuntimeError) as exc:  # damaged, encrypted or exotic compression
            raise LoadError(f"damaged Word package: {exc}", Location(display)) from None
    return Package(body, core, comments, custom)


def _comments(zf: zipfile.ZipFile, name: str | None, display: str) -> dict[str, Comment]:
    data = _part(zf, name, display) if name else None
    if data is None:
        return {}
    out: dict[str, Comment] = {}
    for el in parse_xml(data, f"{display}:{name}").getroot().iter(_W + "comment"):
        paras = [
            "".join(t.text or "" for t in p.iter(_W + "t"))
            for p in el.iter(_W + "p")
        ]
        cid = el.get(_W + "id") or ""
        out[cid] = Comment(cid, el.get(_W + "author") or "", el.get(_W + "date"), " ".join(x for x in paras if x))
    return out


def walk(body: etree._Element, known: set[str]) -> tuple[list, list[Piece]]:
    """The skeleton and the pieces of ``body``; bookmarks not in ``known`` are ignored
    (Word adds its own, such as ``_GoBack``)."""
    skeleton: list = []
    pieces: list[Piece] = []
    rows: list | None = None
    row: list | None = None
    cell: list | None = None
    tables = 0
    containers: list[int] = []
    serial = 0
    names: dict[str, str] = {}  # open bookmark w:id -> name
    stack: list[str] = []
    change: list[str] = []

    def add(kind: str, text: str) -> None:
        pieces.append(Piece(containers[-1] if containers else -1, stack[-1] if stack else None, kind, text))

    for event, el in etree.iterwalk(body, events=("start", "end")):
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if event == "start":
            if tag == _W + "tbl":
                tables += 1
                if tables == 1:
                    rows = []
            elif tag == _W + "tr" and tables == 1:
                row = []
            elif (tag == _W + "tc" and tables == 1) or (tag == _W + "p" and tables == 0):
                serial += 1
                containers.append(serial)
                if tag == _W + "tc":
                    cell = []
            elif tag == _W + "bookmarkStart":
                name = el.get(_W + "name") or ""
                if name in known:
                    names[el.get(_W + "id") or ""] = name
                    stack.append(name)
                    (cell if cell is not None else skeleton).append(name)
            elif tag == _W + "bookmarkEnd":
                name = names.pop(el.get(_W + "id") or "", None)
                if name is not None:
                    stack.remove(name)
            elif tag in _INSERTED:
                change.append("ins")
            elif tag in _DELETED:
                change.append("del")
            elif tag in (_W + "t", _W + "delText"):
                add(change[-1] if change else "text", el.text or "")
            elif tag in _CHARS and el.getparent() is not None and el.getparent().tag == _W + "r":
                add(change[-1] if change else "text", _CHARS[tag])
            elif tag == _W + "sym":
                try:
                    add(change[-1] if change else "text", chr(int(el.get(_W + "char") or "", 16)))
                except ValueError:
                    pass
            elif tag in (_W + "commentRangeStart", _W + "commentReference"):
                add("comment", el.get(_W + "id") or "")
            continue
        if tag == _W + "tbl":
            if tables == 1 and rows is not None:
                skeleton.append(tuple(r for r in rows if any(r)))
                rows = None
            tables -= 1
        elif tag == _W + "tr" and tables == 1 and rows is not None and row is not None:
            rows.append(tuple(row))
            row = None
        elif tag == _W + "tc" and tables == 1:
            if row is not None and cell is not None:
                row.append(tuple(cell))
            cell = None
            containers.pop()
        elif tag == _W + "p":
            if stack:
                add("para", "")
            if tables == 0:
                containers.pop()
        elif tag in _INSERTED or tag in _DELETED:
            change.pop()
    return skeleton, pieces


def attribute(pieces: list[Piece]) -> tuple[list[Piece], list[Piece], list[Piece]]:
    """Pieces outside every bookmark given to a neighbour in the same container: the
    bookmark before them, else the one after (Word puts text typed at the end of a
    bookmark after it).

    Returns:
        All pieces with their bookmark; the text among them that was outside
        every bookmark; the text with no bookmark in its container.
    """
    out: list[Piece] = []
    moved: list[Piece] = []
    lost: list[Piece] = []
    by_container: dict[int, list[int]] = {}
    for i, p in enumerate(pieces):
        by_container.setdefault(p.container, []).append(i)
    resolved: dict[int, str | None] = {}
    for indexes in by_container.values():
        # the nearest bookmark before each piece, then after it: two linear passes
        before: list[str | None] = []
        last: str | None = None
        for i in indexes:
            last = pieces[i].key or last
            before.append(last)
        after: list[str | None] = [None] * len(indexes)
        nxt: str | None = None
        for pos in range(len(indexes) - 1, -1, -1):
            nxt = pieces[indexes[pos]].key or nxt
            after[pos] = nxt
        for pos, i in enumerate(indexes):
            resolved[i] = before[pos] or after[pos]
    for i, p in enumerate(pieces):
        key = resolved[i]
        if p.key is None and p.kind in ("text", "ins", "del") and not p.text.strip():
            continue  # separators between clauses, the break between two headings
        if key is None:
            if p.kind != "para":
                lost.append(p)
            continue
        if p.key is None:
            p = Piece(p.container, key, p.kind, p.text)
            if p.kind in ("text", "ins"):
                moved.append(p)
        out.append(p)
    return out, moved, lost
