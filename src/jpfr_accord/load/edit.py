"""Edit an existing corpus file in place, keeping the person's layout.

Stage: load. Imports ``errors``, ``model``, ``load.xml``, ``load.reader``, ``load.lock``
and ``load.write``; the standard library's expat for byte offsets.

Only the bytes of the edited start tags and contents change: everything else
(comments, processing instructions, character references, CDATA sections, the
quotes and spacing inside tags, attribute order, the XML declaration, what
follows the root) is kept byte for byte. The elements are found by parsing, never
by searching the bytes: expat gives the byte offset of each element, in the same
document order as lxml's tree. The result is parsed again and compared (C14N)
with the intended tree before it replaces the file, atomically and under the
edit lock (``load.lock``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from lxml import etree

from ..errors import LoadError, Location
from .lock import locked_for_edit
from .xml import NS, parse_xml

_START_TAG = re.compile(rb"<[^\s/>]+(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*/?>")
_ATTRIBUTE = re.compile(rb"(\s+)([^\s=/>]+)(\s*=\s*)(\"[^\"]*\"|'[^']*')")


@dataclass
class _Edit:
    attributes: dict[str, str | None] = field(default_factory=dict)
    text: str | None = None


def _element_offsets(data: bytes, display: str) -> list[tuple[int, int]]:
    """``(start of the start tag, start of the end tag)`` of every element, in document order."""
    parser = expat.ParserCreate()
    spans: list[list[int]] = []
    stack: list[int] = []

    def start(name, attrs):
        stack.append(len(spans))
        spans.append([parser.CurrentByteIndex, -1])

    def end(name):
        spans[stack.pop()][1] = parser.CurrentByteIndex

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise LoadError(f"cannot be edited in place: {exc}", Location(display)) from None
    return [(a, b) for a, b in spans]


def _escape_text(text: str) -> bytes:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    return text.encode("utf-8")


def _escape_attribute(value: str, quote: str) -> bytes:
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(quote, "&quot;" if quote == '"' else "&apos;")
    value = value.replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")
    return value.encode("utf-8")


def _new_start_tag(tag: bytes, changes: Mapping[str, str | None]) -> bytes:
    """The start tag with ``changes`` applied: changed values in their own quotes, removed
    attributes gone with their leading space, new ones appended; the rest untouched."""
    todo = dict(changes)
    out, pos = [], 0
    for m in _ATTRIBUTE.finditer(tag):
        name = m.group(2).decode("utf-8")
        if name not in todo:
            continue
        value = todo.pop(name)
        out.append(tag[pos:m.start()])
        if value is not None:
            quote = m.group(4)[:1]
            out.append(m.group(1) + m.group(2) + m.group(3) + quote + _escape_attribute(value, quote.decode()) + quote)
        pos = m.end()
    rest = tag[pos:]
    closing = re.search(rb"\s*/?>$", rest)
    assert closing is not None  # a start tag matched by _START_TAG
    added = b"".join(f' {name}="'.encode() + _escape_attribute(value, '"') + b'"'
                     for name, value in todo.items() if value is not None)
    out.append(rest[:closing.start()] + added + rest[closing.start():])
    return b"".join(out)


def _splice(data: bytes, spans: list[tuple[int, int]], edits: dict[int, _Edit]) -> bytes:
    out, pos = [], 0
    for index in sorted(edits):
        edit = edits[index]
        start, end = spans[index]
        tag_match = _START_TAG.match(data, start)
        if tag_match is None:
            raise LoadError("cannot locate an element to edit in place")
        tag = tag_match.group(0)
        tag_end = tag_match.end()
        empty = tag.endswith(b"/>")
        new_tag = _new_start_tag(tag, edit.attributes) if edit.attributes else tag
        out.append(data[pos:start])
        if edit.text is None:
            out.append(new_tag)
            pos = tag_end
        elif empty:
            qname = re.match(rb"<([^\s/>]+)", tag).group(1)  # type: ignore[union-attr]
            body = re.sub(rb"\s*/>$", b">", new_tag)
            out.append(body + _escape_text(edit.text) + b"</" + qname + b">")
            pos = tag_end
        else:
            out.append(new_tag + _escape_text(edit.text))
            pos = end  # the end tag and everything after it stay as they are
    out.append(data[pos:])
    return b"".join(out)


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
    of headings by their section's eId, and the title; all in one atomic rewrite,
    under the edit lock.

    Returns:
        The ids actually changed (a heading as ``<section eId>__heading``, the
        title as ``meta__title``).

    Raises:
        LoadError: the file cannot be read or written, an id is not in it, the
            result would be over the size limit, or the file changed meanwhile.
    """
    display = display or str(path)
    attributes = attributes or {}
    texts = texts or {}
    headings = headings or {}
    heading_attributes = heading_attributes or {}
    with locked_for_edit(Path(path), display) as held:
        data = held.data
        tree = parse_xml(data, display)
        root = tree.getroot()
        elements = [el for el in root.iter() if isinstance(el.tag, str)]
        position = {el: i for i, el in enumerate(elements)}
        clauses = {el.get("eId"): el for el in root.iter(f"{{{NS}}}clause")}
        unknown = sorted((set(attributes) | set(texts)) - set(clauses))
        if unknown:
            raise LoadError(f"no clause with id {unknown[0]!r}", Location(display))
        changed: list[str] = []
        edits: dict[int, _Edit] = {}

        def set_attributes(el: etree._Element, attrs: Mapping[str, str | None]) -> None:
            for name, value in attrs.items():
                if el.get(name) == value:
                    continue
                if value is None:
                    el.attrib.pop(name, None)
                else:
                    el.set(name, value)
                edits.setdefault(position[el], _Edit()).attributes[name] = value

        def set_text(el: etree._Element, text: str) -> None:
            for child in list(el):
                el.remove(child)
            el.text = text
            edits.setdefault(position[el], _Edit()).text = text

        heading_els = {
            sec.get("eId"): sec.find(f"{{{NS}}}heading") for sec in root.iterchildren(f"{{{NS}}}section")
        }
        for sec_id, text in headings.items():
            el = heading_els.get(sec_id)
            if el is None:
                raise LoadError(f"no section with a heading and id {sec_id!r}", Location(display))
            if el.text != text or len(el):
                set_text(el, text)
                changed.append(f"{sec_id}__heading")
        for sec_id, attrs in heading_attributes.items():
            el = heading_els.get(sec_id)
            if el is None:
                raise LoadError(f"no section with a heading and id {sec_id!r}", Location(display))
            before_attrs = dict(el.attrib)
            set_attributes(el, attrs)
            if dict(el.attrib) != before_attrs and f"{sec_id}__heading" not in changed:
                changed.append(f"{sec_id}__heading")
        if title is not None:
            el = root.find(f"{{{NS}}}meta/{{{NS}}}title")
            if el is None:
                raise LoadError("the file has no title to change", Location(display))
            if el.text != title or len(el):
                set_text(el, title)
                changed.append("meta__title")
        for eid, el in clauses.items():
            before = (dict(el.attrib), el.text, len(el))
            set_attributes(el, attributes.get(eid, {}))
            if eid in texts and (el.text != texts[eid] or len(el)):
                set_text(el, texts[eid])
            if (dict(el.attrib), el.text, len(el)) != before:
                changed.append(eid)
        if not changed:
            return []
        new = _splice(data, _element_offsets(data, display), edits)
        # the bytes written must say exactly what the edited tree says
        if etree.tostring(parse_xml(new, display), method="c14n") != etree.tostring(tree, method="c14n"):
            raise LoadError("cannot be edited in place without changing other content; nothing written",
                            Location(display))
        held.replace(new)
    return changed
