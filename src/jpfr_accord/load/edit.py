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

_PROLOG = re.compile(rb"^(\xef\xbb\xbf)?(<\?xml[^>]*\?>)?")


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
    body = etree.tostring(tree, encoding="UTF-8", xml_declaration=False)
    prolog = _PROLOG.match(data).group(0) if data.lstrip().startswith((b"<?xml", b"\xef\xbb\xbf<?xml")) else b""
    if prolog and not body.startswith(b"\n"):
        # keep what separated the declaration from the rest of the file
        sep = re.match(rb"\s*", data[len(prolog):]).group(0)
        body = sep + body.lstrip()
    if not body.endswith(b"\n") and data.endswith(b"\n"):
        body += b"\n"
    atomic_write(path, prolog + body)
    return changed
