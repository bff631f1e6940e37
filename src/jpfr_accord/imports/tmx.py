"""TMX import: translations into an existing corpus document, by ``tuid`` or,
for a unit without one, by its source text (``jpfr import-tmx``).

Stage: import. Imports ``errors``, ``model``, ``load``, ``imports.xliff`` (the
shared unit checks) and the constants of ``export.namespaces``.

The document must already exist in both languages (its skeleton: the
structure and ids, as ``jpfr import`` makes it); each ``tu`` whose ``tuid`` is
a clause ``eId`` updates that clause's translation, after checking that its
source segment is still the corpus source text. Title and heading units
(``meta__title``, ``<section>__heading``) are checked the same way and
written with the clauses, in the same atomic rewrite. The document comes from ``--id`` or from the
header's ``x-document`` property.

``tuid`` is optional in TMX 1.4b (section 3.2, ``<tu>``), and a memory a CAT
tool writes usually has none. Such a unit is matched by its source segment: it
is the unit of the one clause, heading or title whose source text is the same
after the normalisation source hashes use (NFC, whitespace folded). A source
text that matches nothing, or more than one place, is reported with the unit's
line, never guessed (and never paired by position). The import's notes say
which rule matched how many units.

TMX from CAT tools often starts with ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``.
Every DOCTYPE is refused by the secure parser, so exactly this harmless form
(root name ``tmx``, an external identifier, no internal subset, hence no
entities) is blanked out before parsing, keeping line numbers; any other
DOCTYPE is still refused.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..errors import ExportError, Location
from ..export.namespaces import HEADING_SUFFIX, TITLE_ID, TMX_PROP_DOCUMENT, XML_LANG, primary_language
from ..load import parse_xml
from ..load.xml import read_bytes, strip_external_doctype
from ..model import AlignedDocument, normalize_text
from .xliff import ImportResult, IncomingUnit, apply_units, load_document_pair

class _Refused(Exception):
    pass


def _source_index(pair: AlignedDocument) -> dict[str, list[str]]:
    """Normalised source text -> the ids of the clauses, headings and title holding it."""
    index: dict[str, list[str]] = {}
    for a, _ in pair.clause_pairs():
        index.setdefault(normalize_text(a.text), []).append(a.id)
    for sec in pair.source.sections:
        if sec.heading is not None:
            index.setdefault(normalize_text(sec.heading.text), []).append(sec.id + HEADING_SUFFIX)
    if pair.source.meta.title:
        index.setdefault(normalize_text(pair.source.meta.title), []).append(TITLE_ID)
    return index


def _id_by_source(index: dict[str, list[str]], source: str | None, pair: AlignedDocument) -> str:
    """The id of the one place whose source text is ``source``; refused when none or several."""
    if source is None or not source.strip():
        raise _Refused(f"no {pair.source.lang!r} segment to match it by")
    ids = index.get(normalize_text(source), [])
    if not ids:
        raise _Refused(
            f"its {pair.source.lang!r} segment is the text of no clause, heading or title "
            f"of {pair.source.path} (matched exactly after normalising Unicode and spaces)"
        )
    if len(ids) > 1:
        raise _Refused(
            f"its {pair.source.lang!r} segment is the text of {len(ids)} places "
            f"({', '.join(repr(i) for i in ids)}): give the unit a tuid"
        )
    return ids[0]


def strip_harmless_doctype(data: bytes) -> bytes:
    """Blank out a ``<!DOCTYPE tmx SYSTEM "…">`` without internal subset (line numbers kept)."""
    return strip_external_doctype(data, ("tmx",))


def _seg_text(seg: etree._Element) -> str:
    """Text of a ``seg``; highlighting (``hi``) is read, other inline codes refused."""
    for el in seg.iterdescendants():
        if isinstance(el.tag, str) and el.tag != "hi":
            raise _Refused(f"inline code <{el.tag}> is not supported (the corpus holds plain text)")
    return "".join(seg.itertext())  # as written: comparison normalises, storage never does


def _tuv_text(tu: etree._Element, lang: str) -> str | None:
    for tuv in tu.iterchildren("tuv"):
        if primary_language(tuv.get(XML_LANG) or tuv.get("lang") or "") == lang:
            seg = tuv.find("seg")
            return _seg_text(seg) if seg is not None else ""
    return None


def _props(el: etree._Element, kind: str) -> list[str]:
    return [(p.text or "").strip() for p in el.iterchildren("prop") if p.get("type") == kind]


def _check_header_lang(header: etree._Element, pair: AlignedDocument, display: str) -> None:
    srclang = header.get("srclang") or ""
    if srclang != "*all*" and primary_language(srclang) != pair.source.lang:
        raise ExportError(
            f"srclang is {srclang!r}, but the document's source language is {pair.source.lang!r}",
            Location(display, header.sourceline),
        )


def import_tmx(
    path: str | Path, corpus: str | Path = "corpus", doc_id: str | None = None, target_lang: str = "fr"
) -> ImportResult:
    """Bring the translations of a TMX file into an existing corpus document.

    Args:
        path: the TMX 1.4 file.
        corpus: the corpus folder holding ``<lang>/<doc-id>.xml``.
        doc_id: the document; by default the header's ``x-document`` property.
        target_lang: the language to import into.

    Returns:
        The translation file written, the clauses changed and notes.

    Raises:
        LoadError: the file is unreadable, not well-formed or hostile.
        ExportError: the file is not TMX, names another document, lacks the
            document's languages, or has units that do not match; nothing is
            changed.
    """
    display = str(path)
    data = strip_harmless_doctype(read_bytes(Path(path), display))
    root = parse_xml(data, display).getroot()
    if root.tag != "tmx" or not (root.get("version") or "").startswith("1."):
        what = f"<{etree.QName(root).localname}>" if root.tag != "tmx" else f"version {root.get('version')!r}"
        raise ExportError(f"not a TMX 1.x file: {what}; expected <tmx version=\"1.4\">", Location(display, root.sourceline))
    header, body = root.find("header"), root.find("body")
    if header is None or body is None:
        raise ExportError("not a TMX file: <header> or <body> is missing", Location(display, root.sourceline))
    declared = _props(header, TMX_PROP_DOCUMENT)
    if doc_id is None:
        if not declared:
            raise ExportError(
                f"the header names no document (no <prop type={TMX_PROP_DOCUMENT!r}>); pass --id DOC_ID",
                Location(display, header.sourceline),
            )
        doc_id = declared[0]
    elif declared and declared[0] != doc_id:
        raise ExportError(
            f"the file is for document {declared[0]!r}, not {doc_id!r}", Location(display, header.sourceline)
        )
    pair = load_document_pair(doc_id, corpus, target_lang, display, header.sourceline)
    _check_header_lang(header, pair, display)
    src_lang, tgt_lang = pair.languages

    units: list[IncomingUnit] = []
    side_units: list[tuple[str, IncomingUnit, str | None, str | None]] = []  # (kind, unit, source, target)
    found_target = False
    langs_seen: set[str] = set()
    by_tuid = by_source = 0
    index: dict[str, list[str]] | None = None  # built for the first unit without a tuid
    for tu in body.iterchildren("tu"):
        tuid = tu.get("tuid") or ""
        line = tu.sourceline
        langs_seen.update(primary_language(t.get(XML_LANG) or t.get("lang") or "") for t in tu.iterchildren("tuv"))
        try:
            other_docs = [d for d in _props(tu, TMX_PROP_DOCUMENT) if d != pair.id]
            if other_docs:
                raise _Refused(f"belongs to document {other_docs[0]!r}")
            source, target = _tuv_text(tu, src_lang), _tuv_text(tu, tgt_lang)
            found_target = found_target or target is not None
            if tuid:
                by_tuid += 1
            else:
                if index is None:
                    index = _source_index(pair)
                tuid = _id_by_source(index, source, pair)
                by_source += 1
        except _Refused as exc:
            label = f"unit {tuid!r}" if tu.get("tuid") else "unit without tuid:"
            units.append(IncomingUnit(tuid, None, None, line, f"{label} {exc}"))
            continue
        target = target if target and target.strip() else None
        unit = IncomingUnit(tuid, source, target, line)
        if tuid == TITLE_ID:
            side_units.append(("title", unit, pair.source.meta.title, pair.target.meta.title))
        elif tuid.endswith(HEADING_SUFFIX):
            sec_id = tuid[: -len(HEADING_SUFFIX)]
            a, b = pair.source.index().get(sec_id), pair.target.index().get(sec_id)
            ha = getattr(getattr(a, "heading", None), "text", None)
            hb = getattr(getattr(b, "heading", None), "text", None)
            side_units.append(("heading", unit, ha, hb))
        else:
            units.append(unit)
    if not found_target and (units or side_units):
        found = ", ".join(repr(lang) for lang in sorted(langs_seen - {""})) or "none"
        raise ExportError(
            f"no unit has a {tgt_lang!r} segment (languages found: {found}): "
            f"the file is not a {src_lang}-{tgt_lang} memory",
            Location(display, body.sourceline),
        )
    headings: dict[str, str] = {}
    title: str | None = None
    for kind, unit, src_text, tgt_text in side_units:
        if src_text is None or unit.source is None or normalize_text(unit.source) != normalize_text(src_text):
            # let apply_units report it with the others: an id that is no clause
            units.append(IncomingUnit(unit.id, unit.source, unit.target, unit.line,
                                      f"unit {unit.id!r}: no such {kind}, or its source text differs from {pair.source.path}"))
        elif unit.target is not None and unit.target != tgt_text:
            if kind == "title":
                title = unit.target
            else:
                headings[unit.id[: -len(HEADING_SUFFIX)]] = unit.target
    result = apply_units(pair, units, display, headings=headings, title=title)
    result.notes.append(_matching_note(by_tuid, by_source))
    return result


def _matching_note(by_tuid: int, by_source: int) -> str:
    """Which rule matched the units to the document, for the import report."""
    def units(n: int) -> str:
        return f"{n} unit{'s' if n != 1 else ''}"
    rules = []
    if by_tuid or not by_source:
        rules.append(f"{units(by_tuid)} by tuid")
    if by_source:
        rules.append(f"{units(by_source)} without tuid by source text (exact after normalising Unicode and spaces)")
    return "matched " + " and ".join(rules)
