"""Read one corpus file: secure lxml parse -> schema validation -> ``Document``.

Stage: load. Imports ``errors``, ``model``, ``resources`` (through ``schema``).

Parsing refuses DOCTYPEs, entities, XInclude and network access; it accepts only
UTF-8. A file that cannot be read raises :class:`LoadError` (exit 2); a
well-formed file that breaks the schema gives ``XML001`` findings and as much of
the model as can be read, so that the other checks still run.
"""

from __future__ import annotations

import gc
import os
import re
from pathlib import Path
from typing import cast

from lxml import etree

from ..errors import LoadError, Location
from ..model import (
    ACTOR_PATTERN,
    ACTS,
    CODE_PATTERN,
    Act,
    DOC_ID_PATTERN,
    EID_PATTERN,
    HASH_PATTERN,
    LANG_PATTERN,
    STATUSES,
    Clause,
    Document,
    Finding,
    Heading,
    Meta,
    Paragraph,
    Preamble,
    Section,
    SourceLoc,
)
from ..errors import Severity
from .schema import validate
from .reader import DEFAULT_MAX_BYTES, max_bytes, read_bytes  # noqa: F401  (safe reading, re-exported)

NS = "urn:jpfr-accord:declaration:1"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_ENCODING_DECL = re.compile(rb"^<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def secure_parser() -> etree.XMLParser:
    """An lxml parser with entity resolution, DTD loading and network access off."""
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        remove_blank_text=False,
        remove_comments=False,
        remove_pis=False,
        collect_ids=False,
    )


_QUOTED_ID = rb"(?:\"[^\"<>\[\]]*\"|'[^'<>\[\]]*')"


def strip_external_doctype(data: bytes, roots: tuple[str, ...]) -> bytes:
    """Blank out a harmless DOCTYPE that interchange tools write
    (``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``, ``<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">``):
    root name in ``roots``, an external identifier only, no internal subset and
    hence no entity. Line numbers are kept; the DTD is never read. Any other
    DOCTYPE is left in place, for :func:`parse_xml` to refuse.
    """
    names = b"|".join(re.escape(r.encode()) for r in roots)
    pattern = re.compile(
        rb"<!DOCTYPE\s+(?:" + names + rb")\s+(?:SYSTEM\s+" + _QUOTED_ID + rb"|PUBLIC\s+" + _QUOTED_ID
        + rb"\s+" + _QUOTED_ID + rb")\s*>"
    )
    match = pattern.search(data)
    if match is None or re.search(rb"<[A-Za-z]", data[: match.start()]):
        return data  # none, or not in the prolog
    blank = re.sub(rb"[^\n]", b" ", match.group(0))
    return data[: match.start()] + blank + data[match.end():]


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def parse_xml(data: bytes, display: str) -> etree._ElementTree:
    """Parse bytes as a UTF-8 XML document, refusing DOCTYPEs and other hostile constructs.

    Raises:
        LoadError: with the file and line of the first problem.
    """
    if not data.strip():
        raise LoadError("file is empty", Location(display, 1))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(data) > 1 and (data[0] == 0 or data[1] == 0)):
        raise LoadError("file is UTF-16; save it as UTF-8", Location(display, 1))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    match = _ENCODING_DECL.match(data)
    if match and match.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        raise LoadError(
            f"encoding {match.group(1).decode('ascii')!r} is not supported; save the file as UTF-8",
            Location(display, 1),
        )
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LoadError(
            "file is not valid UTF-8 (Shift_JIS or another encoding?); save it as UTF-8",
            Location(display, _line_of_offset(data, exc.start)),
        ) from None
    doctype = re.search(rb"<!DOCTYPE", data)
    if doctype:
        raise LoadError(
            "DOCTYPE declarations are refused (no DTDs or entities are resolved)",
            Location(display, _line_of_offset(data, doctype.start())),
        )
    try:
        tree = etree.fromstring(data, secure_parser()).getroottree()
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or (exc.position[0] if exc.position else None)
        msg = re.sub(r",? line \d+, column \d+$", "", str(exc.msg or exc)).strip()
        raise LoadError(f"not well-formed XML: {msg}", Location(display, line)) from None
    root = tree.getroot()
    prolog = [n for n in root.itersiblings(preceding=True) if isinstance(n, etree._ProcessingInstruction)]
    for node in [*prolog, *tree.iter(etree.ProcessingInstruction)]:
        if node.target.lower() in ("xml-stylesheet", "xinclude"):
            raise LoadError(f"processing instruction <?{node.target}?> is refused", Location(display, node.sourceline))
    for el in tree.iter("{http://www.w3.org/2001/XInclude}*"):
        raise LoadError("XInclude is refused", Location(display, el.sourceline))
    return tree


def nearest_eid(el: etree._Element | None) -> str | None:
    while el is not None:
        if isinstance(el.tag, str) and el.get("eId"):
            return el.get("eId")
        el = el.getparent()
    return None


def _element_at_line(root: etree._Element, line: int | None) -> etree._Element | None:
    """The last element that starts on or before ``line`` (errors name lines, not elements)."""
    best = None
    if line is None:
        return None
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.sourceline is not None and el.sourceline <= line:
            best = el
        elif el.sourceline is not None and el.sourceline > line:
            break
    return best


def _schema_findings(tree: etree._ElementTree, display: str, lang: str | None) -> list[Finding]:
    out = []
    errors = validate(tree)
    atomic_lines = {e.line for e in errors if "of the list type" not in e.message}
    for err in errors:
        if "of the list type" in err.message and err.line in atomic_lines:
            continue  # the same bad list item, said twice by libxml2
        el = _element_at_line(tree.getroot(), err.line)
        msg = re.sub(r"\{urn:jpfr-accord:declaration:1\}", "", err.message)
        out.append(
            Finding(
                code="XML001",
                name="schema-invalid",
                severity=Severity.ERROR,
                file=display,
                line=err.line,
                eId=nearest_eid(el),
                lang=lang,
                message=f"schema: {msg[:1].lower() + msg[1:]}".rstrip("."),
            )
        )
    return out


def _text(el: etree._Element | None) -> str:
    if el is None:
        return ""
    # stored as written: never normalised (DESIGN.md); most elements hold their
    # text alone, with no subtree to walk for it
    return (el.text or "") if len(el) == 0 else "".join(el.itertext())


def _loc(display: str, el: etree._Element) -> SourceLoc:
    return SourceLoc(path=display, line=el.sourceline)


# The model is built without Pydantic validation: the file has just been validated
# against the XSD and Schematron, and each value is checked here with the
# model's own patterns, so Pydantic's validators need not run (nor be built: a
# `jpfr check` in a pre-commit hook starts faster). What does not fit is left
# out, and the schema findings say why, so the other checks still run.
_EID = re.compile(EID_PATTERN)
_ACTOR = re.compile(ACTOR_PATTERN)
_HASH = re.compile(HASH_PATTERN)
_CODE = re.compile(CODE_PATTERN)
_DOC_ID = re.compile(DOC_ID_PATTERN)
_LANG = re.compile(LANG_PATTERN)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _valid(pattern: re.Pattern[str], value: str | None) -> str | None:
    return value if value is not None and pattern.fullmatch(value) else None


def _level(value: str | None) -> int:
    """A section's ``level`` (xs:positiveInteger, default 1); what the schema refuses reads as 1,
    and so does a number too long to be a depth (the schema finding says why)."""
    value = (value or "").strip().lstrip("+")
    if not value.isascii() or not value.isdigit() or len(value) > 9 or int(value) < 1:
        return 1
    return int(value)


def _clause(el: etree._Element, display: str) -> Clause | None:
    eid = _valid(_EID, el.get("eId"))
    if eid is None:
        return None
    codes = tuple((el.get("ignore") or "").split())
    return Clause(
        id=eid,
        text=_text(el),
        actor=_valid(_ACTOR, el.get("actor")),
        acts=tuple(cast(Act, a) for a in (el.get("acts") or "").split() if a in ACTS),
        src=_valid(_HASH, el.get("src")),
        ignore=codes if all(_CODE.fullmatch(c) for c in codes) else (),
        ignore_reason=el.get("ignore-reason"),
        loc=_loc(display, el),
    )


def _para(el: etree._Element, display: str) -> Paragraph | None:
    eid = _valid(_EID, el.get("eId"))
    if eid is None:
        return None
    clauses = tuple(c for c in (_clause(x, display) for x in el.iterchildren(_q("clause"))) if c)
    return Paragraph(id=eid, num=el.get("num") or None, clauses=clauses, loc=_loc(display, el))


def _paras(parent: etree._Element, display: str) -> tuple[Paragraph, ...]:
    return tuple(p for p in (_para(x, display) for x in parent.iterchildren(_q("para"))) if p)


def _build(root: etree._Element, display: str) -> Document:
    # Consumes the tree: each section's subtree is cleared once read, so that a
    # large file's tree and its model are never both whole in memory.
    meta_el = root.find(_q("meta"))
    title_el = meta_el.find(_q("title")) if meta_el is not None else None

    def meta_text(name: str) -> str | None:
        el = meta_el.find(_q(name)) if meta_el is not None else None
        return _text(el).strip() or None if el is not None else None

    def meta_all(name: str) -> tuple[str, ...]:
        if meta_el is None:
            return ()
        return tuple(_text(e).strip() for e in meta_el.iterchildren(_q(name)))

    meta = Meta(
        title=_text(title_el) or "(untitled)",
        title_loc=_loc(display, title_el) if title_el is not None else None,
        subtitle=meta_text("subtitle"),
        dateline=meta_text("dateline"),
        date=_valid(_DATE, meta_text("date")),
        place=meta_text("place"),
        parties=meta_all("party"),
        signatories=meta_all("signatory"),
        provenance=meta_text("provenance"),
        loc=_loc(display, meta_el) if meta_el is not None else None,
    )
    pre_el = root.find(_q("preamble"))
    preamble = (
        Preamble(paragraphs=_paras(pre_el, display), loc=_loc(display, pre_el))
        if pre_el is not None
        else None
    )
    sections = []
    for sec in root.iterchildren(_q("section")):
        eid = _valid(_EID, sec.get("eId"))
        if eid is None:
            continue
        head_el = sec.find(_q("heading"))
        heading = (
            Heading(text=_text(head_el), src=_valid(_HASH, head_el.get("src")), loc=_loc(display, head_el))
            if head_el is not None
            else None
        )
        sections.append(
            Section(
                id=eid, num=sec.get("num") or "", level=_level(sec.get("level")), heading=heading,
                paragraphs=_paras(sec, display), loc=_loc(display, sec),
            )
        )
        sec.clear(keep_tail=True)  # read: its subtree is freed while the model grows
    lang, source_lang = root.get(f"{{{XML_NS}}}lang"), root.get("source-lang")
    problems = [
        (name, value)
        for name, value, ok in (
            ("id", root.get("id"), _valid(_DOC_ID, root.get("id"))),
            ("xml:lang", lang, _valid(_LANG, lang)),
            ("status", root.get("status"), root.get("status") in STATUSES),
            ("source-lang", source_lang, source_lang is None or _valid(_LANG, source_lang)),
        )
        if not ok
    ]
    if problems:
        name, value = problems[0]
        what = "is missing" if value is None else f"{value!r} is not valid"
        raise LoadError(
            f"cannot read the declaration: attribute {name} {what} on <declaration>",
            Location(display, root.sourceline),
        )
    return Document(
        id=root.get("id"),
        lang=lang,
        status=root.get("status"),
        source_lang=source_lang,
        version=root.get("version"),
        meta=meta,
        preamble=preamble,
        sections=tuple(sections),
        loc=_loc(display, root),
    )


def load_document(path: str | Path, display: str | None = None) -> tuple[Document, list[Finding]]:
    """Load one corpus file.

    Args:
        path: the XML file.
        display: the path to show in messages (defaults to ``path`` as given).

    Returns:
        The document (as much as can be read) and its schema findings.

    Raises:
        LoadError: the file cannot be read, is not well-formed UTF-8 XML, is
            hostile, or is not a declaration at all.
    """
    display = display or str(path)
    tree = parse_xml(read_bytes(Path(path), display), display)  # the bytes are freed once parsed
    root = tree.getroot()
    if root.tag != _q("declaration"):
        ns = etree.QName(root).namespace
        what = f"<{etree.QName(root).localname}>" + (f" in namespace {ns!r}" if ns else " without namespace")
        raise LoadError(
            f"root element is {what}; expected <declaration xmlns={NS!r}>",
            Location(display, root.sourceline),
        )
    lang = root.get(f"{{{XML_NS}}}lang")
    findings = _schema_findings(tree, display, lang)
    # Building the model allocates some ten objects per clause and frees none:
    # the cyclic collector would scan the growing model again and again for
    # nothing (the model has no cycles; refcounting frees it).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build(root, display), findings
    finally:
        if collecting:
            gc.enable()
