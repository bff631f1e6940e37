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

from ..errors import ExportError
from ..model import AlignedDocument, Clause, Finding, text_hash
from .base import Exporter, xml_bytes
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


def build_xliff(pair: AlignedDocument, findings: list[Finding] | None = None) -> etree._Element:
    """The XLIFF 2.1 tree of ``pair``; ``findings`` (optional) become notes on their clause."""
    by_clause: dict[str, list[Finding]] = {}
    for f in findings or ():
        if f.eId:
            by_clause.setdefault(f.eId, []).append(f)
    src_lang, tgt_lang = pair.languages
    root = etree.Element(_X + "xliff", {"version": XLIFF_VERSION, "srcLang": src_lang, "trgLang": tgt_lang},
                         nsmap={None: XLIFF_NS})
    file_el = etree.SubElement(root, _X + "file", id=pair.id, original=f"{src_lang}/{pair.id}.xml")
    sub = etree.SubElement  # once per clause: keep it lean
    note, notes_tag, unit_tag, segment_tag = _X + "note", _X + "notes", _X + "unit", _X + "segment"
    source_tag, target_tag = _X + "source", _X + "target"
    target_status = pair.target.status
    for a, b in pair.clause_pairs():
        revision = revision_state(a, b)
        unit_el = sub(file_el, unit_tag, id=a.id)
        found = by_clause.get(a.id, ())
        if a.acts or a.actor or revision in _REVISION_NOTES or found:
            notes = sub(unit_el, notes_tag)
            if a.acts:
                sub(notes, note, category=NOTE_ACTS).text = " ".join(a.acts)
            if a.actor:
                sub(notes, note, category=NOTE_ACTOR).text = a.actor
            if revision in _REVISION_NOTES:
                sub(notes, note, category=NOTE_REVISION, priority="1").text = _REVISION_NOTES[revision]
            for f in found:
                sub(notes, note, category=NOTE_FINDING).text = f"{f.severity.value} {f.code} {f.message}"
        segment = sub(unit_el, segment_tag, state=segment_state(revision, target_status))
        sub(segment, source_tag).text = a.text
        sub(segment, target_tag).text = b.text
    if not len(file_el):
        raise ExportError(f"document {pair.id!r} has no clause present in both languages; an XLIFF file needs one")
    return root


class Xliff(Exporter):
    """XLIFF 2.1 bilingual file for translators, read back by ``jpfr import-xliff``."""

    name = "xliff"
    suffix = ".xlf"
    media_type = "application/xliff+xml"

    def build(self, pair: AlignedDocument) -> dict[str, bytes]:
        return {f"{pair.id}{self.suffix}": xml_bytes(build_xliff(pair, self.findings))}
