"""Word rendering, the package around the body: settings, font table, properties.

Stage: render. Imported by ``render.docx_build`` only; imports python-docx and lxml.

What makes the bytes reproducible and honest lives here: no creation date but
the one given (never the clock), no author, the template's thumbnail and Word
statistics removed, and a record of each translated clause as rendered
(custom properties ``jpfr-accord rendered LANG N``) for ``jpfr import-docx``.
"""

from __future__ import annotations

from datetime import datetime, timezone

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ..model import AlignedDocument
from .context import View
from .docx import LANG_TAGS, RECORD_PROPERTY, shown_text, text_digest


def finish_settings(doc) -> None:
    """Hyphenation on, the template's proofing state off, the font table completed."""
    settings = doc.settings.element
    hyphenate = OxmlElement("w:autoHyphenation")  # French only: Word does not hyphenate Japanese
    tab = settings.find(qn("w:defaultTabStop"))
    if tab is not None:
        tab.addnext(hyphenate)
    # Word stops checking a document once "clean" was recorded; let it check ours.
    for state in settings.findall(qn("w:proofState")):
        settings.remove(state)
    _font_table(doc)

def _font_table(doc) -> None:
    """Describe Yu Mincho (Japanese character set, roman) with its Japanese name, so that
    Word substitutes a Japanese serif (MS Mincho) where it is missing. LibreOffice uses
    fontconfig instead: ``scripts/fontconfig/60-jpfr-word-fonts.conf`` maps it to
    Noto Serif CJK JP (without it, a Japanese sans-serif is drawn, never boxes)."""
    part = next((p for p in doc.part.package.iter_parts() if p.partname.endswith("/fontTable.xml")), None)
    if part is None:  # pragma: no cover - python-docx's template has one
        return
    from lxml import etree

    root = etree.fromstring(part.blob)
    for name, alt in (("Yu Mincho", "游明朝"),):
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        etree.SubElement(font, qn("w:altName")).set(qn("w:val"), alt)
        etree.SubElement(font, qn("w:panose1")).set(qn("w:val"), "02020400000000000000")
        etree.SubElement(font, qn("w:charset")).set(qn("w:val"), "80")
        etree.SubElement(font, qn("w:family")).set(qn("w:val"), "roman")
        etree.SubElement(font, qn("w:pitch")).set(qn("w:val"), "variable")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_properties(doc, view: View, pair: AlignedDocument, *, version: str | None, stored, date: str | None,
                   category: str) -> None:
    """Core, extended and custom properties: no clock, no invented author, the template's leftovers gone."""
    v = view
    props = doc.core_properties
    props.title = v.title
    props.subject = v.description
    props.keywords = v.keywords
    props.identifier = v.doc_id
    props.version = version or ""
    props.language = LANG_TAGS[v.lang]
    props.category = category
    props.content_status = " / ".join(f"{c.lang}: {pair[c.lang].status}" for c in v.columns)
    props.author = ""
    props.comments = ""
    props.last_modified_by = ""
    props.revision = 1
    el = props._element
    for name in ("dcterms:created", "dcterms:modified", "cp:lastPrinted"):
        for old in el.findall(qn(name)):
            el.remove(old)
    if date:
        stamp = datetime.fromisoformat(date.replace("Z", "+00:00"))
        if stamp.tzinfo is None:
            stamp = stamp.replace(tzinfo=timezone.utc)
        props.created = props.modified = stamp.replace(tzinfo=None)
    package = doc.part.package
    _record(package, view, pair, stored)
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:  # python-docx's template picture, not this document
            package.rels.pop(rid)
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = _app_properties(rel.target_part.blob)


def _record(package, view: View, pair: AlignedDocument, stored) -> None:
    """Custom document properties (kept by Word and LibreOffice) recording a digest of each
    translated clause and heading as rendered, 255 characters a property at most (Word's limit)."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from lxml import etree

    target = pair.target.lang
    entries = [f"{cl.eid}={text_digest(shown_text(cl, stored))}" for row in view.rows
               for cell in row.cells for cl in cell.clauses if cl.lang == target and not cl.is_missing]
    entries += [f"{row.eid}={text_digest(cell.heading)}" for row in view.rows if row.kind == "heading"
                for cell in row.cells if cell.lang == target and cell.heading and not cell.is_missing]
    chunks: list[str] = []
    for entry in entries:
        if chunks and len(chunks[-1]) + 1 + len(entry) <= 255:
            chunks[-1] += " " + entry
        else:
            chunks.append(entry)
    ns = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
    vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    root = etree.Element(f"{{{ns}}}Properties", nsmap={None: ns, "vt": vt})
    for i, chunk in enumerate(chunks, 1):
        prop = etree.SubElement(root, f"{{{ns}}}property", fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}",
                                pid=str(i + 1), name=f"{RECORD_PROPERTY} {target} {i}")
        etree.SubElement(prop, f"{{{vt}}}lpwstr").text = chunk
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, blob, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def _app_properties(blob: bytes) -> bytes:
    """The template's extended properties, naming this tool rather than the Word that made the template."""
    from lxml import etree

    root = etree.fromstring(blob)
    ns = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
    for el in list(root):
        if el.tag in (ns + "Template", ns + "AppVersion", ns + "TotalTime", ns + "Pages", ns + "Words",
                      ns + "Characters", ns + "Lines", ns + "Paragraphs", ns + "CharactersWithSpaces",
                      ns + "HeadingPairs", ns + "TitlesOfParts"):
            root.remove(el)  # counts of the empty template: Word recomputes them
        elif el.tag == ns + "Application":
            el.text = "jpfr-accord"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

