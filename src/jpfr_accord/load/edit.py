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
    display: str | None = None,
) -> list[str]:
    """Set attributes and/or texts of clauses by eId; return the ids actually changed.

    Raises:
        LoadError: the file cannot be read or written, or an id is not in it.
    """
    display = display or str(path)
    attributes = attributes or {}
    texts = texts or {}
    data = read_bytes(Path(path), display)
    tree = parse_xml(data, display)
    clauses = {el.get("eId"): el for el in tree.getroot().iter(f"{{{NS}}}clause")}
    unknown = sorted((set(attributes) | set(texts)) - set(clauses))
    if unknown:
        raise LoadError(f"no clause with id {unknown[0]!r}", Location(display))
    changed: list[str] = []
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
