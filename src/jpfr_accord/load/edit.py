"""Edit an existing corpus file in place, keeping the person's layout.

Stage: load. Imports ``errors``, ``model``, ``load.xml``, ``load.write``.

Only the attributes or texts asked for change: comments, processing
instructions, indentation, attribute order and the XML declaration are kept
byte for byte outside the edited elements. The file is replaced atomically.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from lxml import etree

from ..errors import LoadError, Location
from .write import atomic_write
from .xml import NS, parse_xml, read_bytes

# Everything before the root element: BOM, declaration, comments, PIs, whitespace.
_PROLOG_NODES = re.compile(rb"^(?:\xef\xbb\xbf)?(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.S)
_ROOT_END = re.compile(rb"</(?:[\w.-]+:)?declaration\s*>")


def edit_clauses(
    path: str | Path,
    *,
    attributes: Mapping[str, Mapping[str, str | None]] | None = None,
    texts: Mapping[str, str] | None = None,
    headings: Mapping[str, str] | None = None,
    heading_attributes: Mapping[str, Mapping[str, str | None]] | None = None,
    title: str | None = None,
    display: str | None = None,
) -> list[str]:
    """Set attributes and/or texts of clauses by eId, texts and attributes (``src``)
    of headings by their section's eId, and the title; all in one atomic rewrite.

    Returns:
        The ids actually changed (a heading as ``<section eId>__heading``, the
        title as ``meta__title``).

    Raises:
        LoadError: the file cannot be read or written, or an id is not in it.
    """
    display = display or str(path)
    attributes = attributes or {}
    texts = texts or {}
    headings = headings or {}
    heading_attributes = heading_attributes or {}
    data = read_bytes(Path(path), display)
    tree = parse_xml(data, display)
    root = tree.getroot()
    clauses = {el.get("eId"): el for el in root.iter(f"{{{NS}}}clause")}
    unknown = sorted((set(attributes) | set(texts)) - set(clauses))
    if unknown:
        raise LoadError(f"no clause with id {unknown[0]!r}", Location(display))
    changed: list[str] = []
    heading_els = {
        sec.get("eId"): sec.find(f"{{{NS}}}heading") for sec in root.iterchildren(f"{{{NS}}}section")
    }
    for sec_id, text in headings.items():
        el = heading_els.get(sec_id)
        if el is None:
            raise LoadError(f"no section with a heading and id {sec_id!r}", Location(display))
        if el.text != text or len(el):
            el.text = text
            changed.append(f"{sec_id}__heading")
    for sec_id, attrs in heading_attributes.items():
        el = heading_els.get(sec_id)
        if el is None:
            raise LoadError(f"no section with a heading and id {sec_id!r}", Location(display))
        before_attrs = dict(el.attrib)
        for name, value in attrs.items():
            if value is None:
                el.attrib.pop(name, None)
            else:
                el.set(name, value)
        if dict(el.attrib) != before_attrs and f"{sec_id}__heading" not in changed:
            changed.append(f"{sec_id}__heading")
    if title is not None:
        el = root.find(f"{{{NS}}}meta/{{{NS}}}title")
        if el is None:
            raise LoadError("the file has no title to change", Location(display))
        if el.text != title:
            el.text = title
            changed.append("meta__title")
    for eid, el in clauses.items():
        before = (dict(el.attrib), el.text)
        for name, value in attributes.get(eid, {}).items():
            if value is None:
                el.attrib.pop(name, None)
            else:
                el.set(name, value)
        if eid in texts:
            el.text = texts[eid]
        if (dict(el.attrib), el.text) != before:
            changed.append(eid)
    if not changed:
        return []
    # Splice the re-serialised root element between the file's own prolog (XML
    # declaration, comments, PIs and the whitespace between them) and epilogue.
    body = etree.tostring(tree.getroot(), encoding="UTF-8", with_tail=False)
    prolog = _PROLOG_NODES.match(data).group(0)
    closing = list(_ROOT_END.finditer(data))
    epilogue = data[closing[-1].end():] if closing else b"\n"
    atomic_write(path, prolog + body + epilogue)
    return changed
