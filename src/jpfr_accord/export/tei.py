"""TEI P5 export: a parallel-text edition of both language versions.

Stage: export. Imports ``errors``, ``model``, ``export.base``, ``export.namespaces``.

The outer ``text`` holds a ``group`` of one ``text`` per language (TEI P5
Guidelines 4.3.1, composite texts), each with ``xml:lang``. Every section
(``div``), paragraph (``p``) and clause (``s``, a sentence-like segment) gets an
``xml:id`` made of the language and the corpus ``eId`` (``fr.sec_1__para_2``),
so both sides can be addressed. Each node points at its counterpart with
``@corresp`` and the ``back`` matter holds a ``linkGrp type="translation"``
with one ``link`` per clause pair (Guidelines 16.1, links). A clause's
diplomatic acts are in ``@ana``.
"""

from __future__ import annotations

from lxml import etree
from lxml.builder import ElementMaker

from ..model import AlignedDocument, Document, Paragraph
from .base import Exporter, gc_paused, xml_bytes
from .namespaces import TEI_NS, XML_ID, XML_LANG

T = ElementMaker(namespace=TEI_NS, nsmap={None: TEI_NS})  # the header: small, built once
_T = f"{{{TEI_NS}}}"


def tei_id(lang: str, eid: str) -> str:
    """The ``xml:id`` of node ``eid`` in language ``lang`` (an NCName: starts with a letter)."""
    return f"{lang}.{eid}"


def _para(parent: etree._Element, para: Paragraph, lang: str, counterpart: str | None, paired: set[str]) -> None:
    sub = etree.SubElement  # once per clause: keep it lean
    p = sub(parent, _T + "p", {XML_ID: f"{lang}.{para.id}"})
    if counterpart is not None and para.id in paired:
        p.set("corresp", f"#{counterpart}.{para.id}")
    for c in para.clauses:
        s = sub(p, _T + "s", {XML_ID: f"{lang}.{c.id}"})
        s.text = c.text
        if counterpart is not None and c.id in paired:
            s.set("corresp", f"#{counterpart}.{c.id}")
        if c.acts:
            s.set("ana", " ".join(f"#act.{a}" for a in c.acts))


def _text(parent: etree._Element, doc: Document, counterpart: str | None, paired: set[str]) -> None:
    sub = etree.SubElement
    text = sub(parent, _T + "text", {XML_LANG: doc.lang, XML_ID: f"text.{doc.lang}"})
    body = sub(text, _T + "body")
    sub(body, _T + "head", type="title").text = doc.meta.title
    if doc.preamble is not None and doc.preamble.paragraphs:
        div = sub(body, _T + "div", {"type": "preamble", XML_ID: tei_id(doc.lang, "preamble")})
        for para in doc.preamble.paragraphs:
            _para(div, para, doc.lang, counterpart, paired)
    for sec in doc.sections:
        div = sub(body, _T + "div", {"type": "section", "n": sec.num, XML_ID: tei_id(doc.lang, sec.id)})
        if counterpart is not None and sec.id in paired:
            div.set("corresp", f"#{tei_id(counterpart, sec.id)}")
        if sec.heading is not None:
            sub(div, _T + "head").text = sec.heading.text
        for para in sec.paragraphs:
            _para(div, para, doc.lang, counterpart, paired)


def _header(pair: AlignedDocument) -> etree._Element:
    from ..version import __version__

    titles = []
    for doc in (pair.source, pair.target):
        title = T.title(doc.meta.title)
        title.set(XML_LANG, doc.lang)
        titles.append(title)
    src, tgt = pair.source, pair.target
    languages = []
    for doc in (src, tgt):
        languages.append(T.language(f"{doc.lang} ({doc.status})", ident=doc.lang))
    acts = sorted({a for doc in (src, tgt) for c in doc.clauses() for a in c.acts})
    taxonomy = T.taxonomy(*(_category(a) for a in acts))
    taxonomy.set(XML_ID, "acts")
    return T.teiHeader(
        T.fileDesc(
            T.titleStmt(*titles),
            T.publicationStmt(T.p(f"Exported by jpfr-accord {__version__} from document {pair.id}.")),
            T.sourceDesc(T.p(f"Corpus files {src.lang}/{pair.id}.xml and {tgt.lang}/{pair.id}.xml.")),
        ),
        T.encodingDesc(T.classDecl(taxonomy)),
        T.profileDesc(T.langUsage(*languages)),
    )


def _category(act: str) -> etree._Element:
    cat = T.category(T.catDesc(act))
    cat.set(XML_ID, f"act.{act}")
    return cat


def build_tei(pair: AlignedDocument) -> etree._Element:
    """The TEI P5 parallel edition of ``pair``."""
    with gc_paused():
        return _build_tei(pair)


def _build_tei(pair: AlignedDocument) -> etree._Element:
    """Build without the collector (see ``gc_paused``)."""
    src, tgt = pair.source, pair.target
    paired = {node_id for node_id, a, b in pair.pairs() if a is not None and b is not None}
    root = T.TEI(_header(pair))
    root.set(XML_LANG, "mul")
    outer = etree.SubElement(root, _T + "text")
    group = etree.SubElement(outer, _T + "group")
    _text(group, src, tgt.lang, paired)
    _text(group, tgt, src.lang, paired)
    links = etree.SubElement(etree.SubElement(outer, _T + "back"), _T + "linkGrp", type="translation")
    sub, link = etree.SubElement, _T + "link"
    for a, b in pair.clause_pairs():
        sub(links, link, target=f"#{src.lang}.{a.id} #{tgt.lang}.{b.id}")
    return root


class Tei(Exporter):
    """TEI P5 parallel text, both languages linked clause by clause."""

    name = "tei"
    suffix = ".tei.xml"
    media_type = "application/tei+xml"

    def build(self, pair: AlignedDocument) -> dict[str, bytes]:
        return {f"{pair.id}{self.suffix}": xml_bytes(build_tei(pair))}
