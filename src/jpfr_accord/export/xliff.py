"""XLIFF 2.1 export: Japanese source, French target, one ``unit`` per clause.

Stage: export. Imports ``errors``, ``model``, ``export.base``, ``export.namespaces``.

XLIFF 2.1 keeps the 2.0 namespace and sets ``version="2.1"`` (XLIFF 2.1 section
4.3.1.1). Each unit's ``id`` is the clause ``eId`` (unique within the ``file``,
section 4.3.1.2); it holds one ``segment`` whose ``state`` comes from the
revision status of the translation (section 4.3.1.24):

- the clause's ``src`` hash matches the current source text: ``final`` when the
  translation is authentic or official, ``reviewed`` otherwise;
- the hash is stale or missing: ``initial`` (a translator must look at it).

``notes`` carry the diplomatic acts, the actor and the revision finding, so
that they show in the CAT tool beside the segment. ``jpfr import-xliff``
(``jpfr_accord.imports.xliff``) reads the targets back.
"""

from __future__ import annotations

import functools
import io

from lxml import etree

from ..errors import ExportError
from ..model import AlignedDocument, Clause, Finding, text_hash
from .base import XML_PROLOG, Exporter, gc_paused, paired_clauses
from .namespaces import XLIFF_NS, XLIFF_VERSION

_X = f"{{{XLIFF_NS}}}"

#: Note categories (free text in XLIFF 2, section 4.3.1.8); kept stable for tools.
NOTE_ACTS, NOTE_ACTOR, NOTE_REVISION, NOTE_FINDING = "jpfr:acts", "jpfr:actor", "jpfr:revision", "jpfr:finding"


def revision_state(source: Clause, target: Clause) -> str:
    """``current``, ``stale`` (source changed since the check) or ``unchecked`` (no hash)."""
    if target.src is None:
        return "unchecked"
    return "current" if target.src == text_hash(source.text) else "stale"


def segment_state(revision: str, target_status: str) -> str:
    """The XLIFF segment state for a revision status and the target's status."""
    if revision != "current":
        return "initial"
    return "final" if target_status in ("authentic", "official-translation") else "reviewed"


_REVISION_NOTES = {
    "stale": "stale: the source text changed since this translation was last checked",
    "unchecked": "unchecked: this translation was never checked against its source",
}


def _template(notes: tuple[tuple[tuple[str, str], ...], ...]) -> etree._Element:
    """An empty, indented ``unit`` with notes of the given attributes; copied for each unit.

    Built *without* namespace: it is serialised inside the ``xliff`` element,
    whose default namespace declaration its unprefixed tags then fall under
    (the schema tests parse the result and validate it).
    """
    unit = etree.Element("unit")
    if notes:
        holder = etree.SubElement(unit, "notes")
        for attrs in notes:
            etree.SubElement(holder, "note", dict(attrs))
    segment = etree.SubElement(unit, "segment")
    etree.SubElement(segment, "source")
    etree.SubElement(segment, "target")
    etree.indent(unit, space="  ", level=2)
    return unit


_ACTS_NOTE = (("category", NOTE_ACTS),)
_ACTOR_NOTE = (("category", NOTE_ACTOR),)
_REVISION_NOTE = (("category", NOTE_REVISION), ("priority", "1"))
_FINDING_NOTE = (("category", NOTE_FINDING),)


@functools.lru_cache(maxsize=1024)
def _fixed_notes(acts: tuple[str, ...], actor: str | None, revision: str) -> tuple[tuple, tuple[str, ...]]:
    """Attributes and texts of the notes every clause may have (few distinct combinations)."""
    keys: list[tuple] = []
    texts: list[str] = []
    if acts:
        keys.append(_ACTS_NOTE)
        texts.append(" ".join(acts))
    if actor:
        keys.append(_ACTOR_NOTE)
        texts.append(actor)
    if revision in _REVISION_NOTES:
        keys.append(_REVISION_NOTE)
        texts.append(_REVISION_NOTES[revision])
    return tuple(keys), tuple(texts)


def _notes(a: Clause, revision: str, found: list[Finding]) -> tuple[tuple, tuple[str, ...]]:
    """(note attributes, note texts) of a unit: acts, actor, revision, then findings."""
    keys, texts = _fixed_notes(a.acts, a.actor, revision)
    if found:
        keys += (_FINDING_NOTE,) * len(found)
        texts += tuple(f"{f.severity.value} {f.code} {f.message}" for f in found)
    return keys, texts


def build_xliff(pair: AlignedDocument, findings: list[Finding] | None = None) -> bytes:
    """The XLIFF 2.1 document of ``pair``; ``findings`` (optional) become notes on their clause.

    Written unit by unit with ``lxml.etree.xmlfile``: each ``unit`` is a copy
    of a prepared empty unit filled in (lxml escapes every text), so a file of
    100,000 units never exists as one tree.

    Raises:
        ExportError: no clause is present in both languages (a ``file`` needs a unit).
    """
    with gc_paused():
        return _build_xliff(pair, findings)


def _build_xliff(pair: AlignedDocument, findings: list[Finding] | None = None) -> bytes:
    """Build without the collector (see ``gc_paused``)."""
    by_clause: dict[str, list[Finding]] = {}
    for f in findings or ():
        if f.eId:
            by_clause.setdefault(f.eId, []).append(f)
    clause_pairs = paired_clauses(pair)
    if not clause_pairs:
        raise ExportError(f"document {pair.id!r} has no clause present in both languages; an XLIFF file needs one")
    src_lang, tgt_lang = pair.languages
    target_status = pair.target.status
    templates: dict[tuple, etree._Element] = {}
    out = io.BytesIO()
    out.write(XML_PROLOG)
    with etree.xmlfile(out, encoding="UTF-8") as xf:
        root_attrs = {"version": XLIFF_VERSION, "srcLang": src_lang, "trgLang": tgt_lang}
        with xf.element(_X + "xliff", root_attrs, nsmap={None: XLIFF_NS}):
            xf.write("\n  ")
            with xf.element(_X + "file", id=pair.id, original=f"{src_lang}/{pair.id}.xml"):
                for a, b in clause_pairs:
                    revision = revision_state(a, b)
                    key, texts = _notes(a, revision, by_clause.get(a.id, []))
                    template = templates.get(key)
                    if template is None:
                        template = templates[key] = _template(key)
                    unit = template.__copy__()  # copy.copy without its dispatch
                    unit.set("id", a.id)
                    if texts:
                        holder, segment = unit
                        for note, text in zip(holder, texts):
                            note.text = text
                    else:
                        (segment,) = unit
                    segment.set("state", segment_state(revision, target_status))
                    segment[0].text = a.text
                    segment[1].text = b.text
                    xf.write("\n    ", unit)
                xf.write("\n  ")
            xf.write("\n")
    out.write(b"\n")
    return out.getvalue()


class Xliff(Exporter):
    """XLIFF 2.1 bilingual file for translators, read back by ``jpfr import-xliff``."""

    name = "xliff"
    suffix = ".xlf"
    media_type = "application/xliff+xml"

    def build(self, pair: AlignedDocument) -> dict[str, bytes]:
        return {f"{pair.id}{self.suffix}": build_xliff(pair, self.findings)}
