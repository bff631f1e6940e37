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

from lxml import etree
from lxml.builder import ElementMaker

from ..errors import ExportError
from ..model import AlignedDocument, Clause, Finding, text_hash
from .base import Exporter, text_units, xml_bytes
from .namespaces import XLIFF_NS, XLIFF_VERSION

E = ElementMaker(namespace=XLIFF_NS, nsmap={None: XLIFF_NS})

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


def build_xliff(pair: AlignedDocument, findings: list[Finding] | None = None) -> etree._Element:
    """The XLIFF 2.1 tree of ``pair``; ``findings`` (optional) become notes on their clause."""
    by_clause: dict[str, list[Finding]] = {}
    for f in findings or ():
        if f.eId:
            by_clause.setdefault(f.eId, []).append(f)
    src_lang, tgt_lang = pair.languages
    file_el = E.file(id=pair.id, original=f"{src_lang}/{pair.id}.xml")
    for unit in text_units(pair, clauses_only=True):
        a, b = unit.source_clause, unit.target_clause
        if a is None or b is None:
            continue  # a unit must have a source; clauses missing on one side are reported by jpfr check
        notes = []
        if a.acts:
            notes.append(E.note(" ".join(a.acts), category=NOTE_ACTS))
        if a.actor:
            notes.append(E.note(a.actor, category=NOTE_ACTOR))
        revision = revision_state(a, b)
        if revision in _REVISION_NOTES:
            notes.append(E.note(_REVISION_NOTES[revision], category=NOTE_REVISION, priority="1"))
        for f in by_clause.get(a.id, ()):
            notes.append(E.note(f"{f.severity.value} {f.code} {f.message}", category=NOTE_FINDING))
        unit_el = E.unit(id=a.id)
        if notes:
            unit_el.append(E.notes(*notes))
        unit_el.append(
            E.segment(E.source(a.text), E.target(b.text), state=segment_state(revision, pair.target.status))
        )
        file_el.append(unit_el)
    if not len(file_el):
        raise ExportError(f"document {pair.id!r} has no clause present in both languages; an XLIFF file needs one")
    return E.xliff(file_el, version=XLIFF_VERSION, srcLang=src_lang, trgLang=tgt_lang)


class Xliff(Exporter):
    """XLIFF 2.1 bilingual file for translators, read back by ``jpfr import-xliff``."""

    name = "xliff"
    suffix = ".xlf"
    media_type = "application/xliff+xml"

    def build(self, pair: AlignedDocument) -> dict[str, bytes]:
        return {f"{pair.id}{self.suffix}": xml_bytes(build_xliff(pair, self.findings))}
