"""XLIFF 2 import: translated targets back into the corpus (``jpfr import-xliff``).

Stage: import. Imports ``errors``, ``model``, ``load`` and the namespace
constants of ``export.namespaces`` (data only).

The file must be what ``jpfr export --to xliff`` wrote, possibly edited by a
CAT tool: one ``file`` whose ``id`` is the document id, ``srcLang``/``trgLang``
the two languages of the document, and units whose ``id`` is a clause ``eId``
and whose source text is still the corpus source text (compared after the
normalisation of source hashes: NFC, folded whitespace). Any mismatch refuses
the whole file, naming every mismatch, and nothing is written. Otherwise the
targets that differ from the corpus are written into the translation file with
``load.edit_clauses``: in place, atomically, keeping comments and layout.
Units missing from the file and units without a target are left alone.

``apply_units`` is shared with the TMX importer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import ExportError, Location
from ..export.namespaces import XLIFF_NS, primary_language
from ..load import edit_clauses, load_pair, parse_xml
from ..load.lock import locked_for_edit, reload_pair
from ..load.xml import read_bytes
from ..model import DOC_ID_PATTERN, AlignedDocument, normalize_text

_X = f"{{{XLIFF_NS}}}"


@dataclass(frozen=True, slots=True)
class IncomingUnit:
    """One translation unit read from an interchange file."""

    id: str
    source: str | None
    target: str | None
    line: int | None
    problem: str | None = None  # why the unit cannot be used, if it cannot


@dataclass
class ImportResult:
    """What an import did: the corpus file, the clauses changed, what was left alone."""

    path: str
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    untranslated: int = 0
    notes: list[str] = field(default_factory=list)


class _Mismatch(Exception):
    pass


_HEX = re.compile(r"[0-9A-Fa-f]{1,6}")


def _is_xml_char(cp: int) -> bool:
    """XML 1.0 §2.2 ``Char``: what an XML file (the corpus) can hold at all."""
    return cp in (0x9, 0xA, 0xD) or 0x20 <= cp <= 0xD7FF or 0xE000 <= cp <= 0xFFFD or 0x10000 <= cp <= 0x10FFFF


def _code_point(value: str | None) -> str:
    """The character of ``<cp hex="…"/>`` (XLIFF 2 §4.2.2.1), refused unless the corpus
    (an XML 1.0 file) can hold it: NUL, ESC, U+FFFE or a surrogate make the unit a mismatch."""
    if value is None or not _HEX.fullmatch(value):
        raise _Mismatch(f"invalid <cp hex={value!r}> (expected hexadecimal digits)")
    cp = int(value, 16)
    if not _is_xml_char(cp):
        raise _Mismatch(f"<cp hex={value!r}> is U+{cp:04X}, which an XML corpus file cannot hold")
    return chr(cp)


def _inline_text(el: etree._Element) -> str:
    """Text of a ``source``/``target``; annotations (``mrk``) and code points
    (``cp``) are read, other inline codes are refused (the corpus has none)."""
    parts = [el.text or ""]
    for child in el:
        name = etree.QName(child).localname if isinstance(child.tag, str) else None
        if name == "mrk":
            parts.append(_inline_text(child))
        elif name == "cp":
            parts.append(_code_point(child.get("hex")))
        elif name in ("sm", "em") or name is None:
            pass
        else:
            raise _Mismatch(f"inline code <{name}> is not supported (the corpus holds plain text)")
        parts.append(child.tail or "")
    return "".join(parts)  # as written: comparison normalises, storage never does


def _read_unit(unit: etree._Element) -> IncomingUnit:
    uid = unit.get("id") or ""
    sources: list[str] = []
    targets: list[str] = []
    complete = True
    try:
        parts = [p for p in unit if p.tag in (_X + "segment", _X + "ignorable")]
        if not parts:
            raise _Mismatch("has no segment")
        for part in parts:
            src = part.find(_X + "source")
            if src is None:
                raise _Mismatch("has a segment without source")
            sources.append(_inline_text(src))
            tgt = part.find(_X + "target")
            if tgt is not None:
                targets.append(_inline_text(tgt))
            elif part.tag == _X + "ignorable":
                targets.append(sources[-1])  # XLIFF 2 section 4.3.1.4: no target, same as source
            else:
                complete = False
    except _Mismatch as exc:
        return IncomingUnit(uid, None, None, unit.sourceline, f"unit {uid!r} {exc}")
    target = "".join(targets) if complete and "".join(targets).strip() else None
    return IncomingUnit(uid, "".join(sources), target, unit.sourceline)


def apply_units(
    pair: AlignedDocument,
    units: Iterable[IncomingUnit],
    display: str,
    *,
    headings: dict[str, str] | None = None,
    title: str | None = None,
) -> ImportResult:
    """Check incoming units against ``pair`` and write the changed targets
    (with the changed ``headings`` and ``title``, already checked by the caller).

    Raises:
        ExportError: some units do not match the document (all are named, in
            one line); nothing is written.
        LoadError: the translation file cannot be rewritten.
    """
    with locked_for_edit(Path(pair.target.path), pair.target.path):
        # computed and written under the lock, from the file as it is now
        return _apply_units(reload_pair(pair), units, display, headings=headings, title=title)


def _apply_units(
    pair: AlignedDocument,
    units: Iterable[IncomingUnit],
    display: str,
    *,
    headings: dict[str, str] | None = None,
    title: str | None = None,
) -> ImportResult:
    clauses = {a.id: (a, b) for a, b in pair.clause_pairs()}
    src_path = pair.source.path
    mismatches: list[tuple[int | None, str]] = []
    seen: set[str] = set()
    texts: dict[str, str] = {}
    result = ImportResult(path=pair.target.path)
    for u in units:
        where = f"line {u.line}: " if u.line else ""
        if u.problem:
            mismatches.append((u.line, where + u.problem))
            continue
        if u.id in seen:
            mismatches.append((u.line, f"{where}unit {u.id!r} appears twice"))
            continue
        seen.add(u.id)
        if u.id not in clauses:
            mismatches.append((u.line, f"{where}unknown id {u.id!r}: no such clause in both languages of {pair.id!r}"))
            continue
        a, b = clauses[u.id]
        if u.source is None or normalize_text(u.source) != normalize_text(a.text):
            line = f":{a.loc.line}" if a.loc and a.loc.line else ""
            mismatches.append((u.line, f"{where}unit {u.id!r}: source text differs from {src_path}{line}"))
            continue
        if u.target is None:
            result.untranslated += 1
        elif u.target != b.text:
            texts[u.id] = u.target
        else:
            result.unchanged += 1
    if mismatches:
        n = len(mismatches)
        raise ExportError(
            f"{n} unit{'s' if n != 1 else ''} do{'es' if n == 1 else ''} not match document {pair.id!r}, "
            f"nothing imported: " + "; ".join(m for _, m in mismatches),
            Location(display, mismatches[0][0]),
        )
    if texts or headings or title is not None:
        result.changed = edit_clauses(
            Path(pair.target.path), texts=texts, headings=headings, title=title, display=pair.target.path
        )
    return result


def _check_lang(value: str | None, expected: str, what: str, display: str, line: int | None) -> None:
    if not value or primary_language(value) != expected:
        raise ExportError(
            f"{what} is {value!r}, but the document's {what} is {expected!r}", Location(display, line)
        )


def load_document_pair(doc_id: str, corpus: str | Path, lang: str, display: str, line: int | None) -> AlignedDocument:
    """The corpus pair an interchange file is about, or a message naming the file.

    Raises:
        ExportError: no such document (or no such language version) in the corpus.
    """
    if not re.fullmatch(DOC_ID_PATTERN.strip("^$"), doc_id) or not (Path(corpus) / lang / f"{doc_id}.xml").is_file():
        raise ExportError(
            f"the file is for document {doc_id!r} in {lang!r}, which is not in the corpus {str(corpus)!r}",
            Location(display, line),
        )
    return load_pair(doc_id, corpus, lang)


def import_xliff(path: str | Path, corpus: str | Path = "corpus") -> ImportResult:
    """Bring the translated targets of an XLIFF 2 file back into the corpus.

    Args:
        path: the XLIFF file (as exported by ``jpfr export --to xliff``).
        corpus: the corpus folder holding ``<lang>/<doc-id>.xml``.

    Returns:
        The translation file written and the ids of the clauses changed.

    Raises:
        LoadError: the file is unreadable, not well-formed or hostile, or the
            document it names is not in the corpus.
        ExportError: the file is not XLIFF 2, or its languages or units do not
            match the document; nothing is changed.
    """
    display = str(path)
    tree = parse_xml(read_bytes(Path(path), display), display)
    root = tree.getroot()
    if root.tag != _X + "xliff":
        raise ExportError(
            f"not an XLIFF 2 file: root element is <{etree.QName(root).localname}>"
            f"{' in namespace ' + repr(etree.QName(root).namespace) if etree.QName(root).namespace else ''}; "
            f"expected <xliff xmlns={XLIFF_NS!r}>",
            Location(display, root.sourceline),
        )
    if not (root.get("version") or "").startswith("2."):
        raise ExportError(f"XLIFF version {root.get('version')!r} is not supported; expected 2.x", Location(display, root.sourceline))
    files = root.findall(_X + "file")
    if len(files) != 1:
        raise ExportError(f"expected one <file> (one document), found {len(files)}", Location(display, root.sourceline))
    doc_id = files[0].get("id") or ""
    trg = root.get("trgLang")
    if not trg:
        raise ExportError("trgLang is missing: the file has no target language", Location(display, root.sourceline))
    pair = load_document_pair(doc_id, corpus, primary_language(trg), display, files[0].sourceline)
    _check_lang(root.get("srcLang"), pair.source.lang, "srcLang", display, root.sourceline)
    _check_lang(trg, pair.target.lang, "trgLang", display, root.sourceline)
    units = [_read_unit(u) for u in files[0].iter(_X + "unit")]
    return apply_units(pair, units, display)
