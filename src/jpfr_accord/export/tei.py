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
from .base import Exporter, xml_bytes
from .namespaces import TEI_NS, XML_ID, XML_LANG

T = ElementMaker(namespace=TEI_NS, nsmap={None: TEI_NS})
INLINE = frozenset({"s", "head", "title", "language"})


def tei_id(lang: str, eid: str) -> str:
    """The ``xml:id`` of node ``eid`` in language ``lang`` (an NCName: starts with a letter)."""
    return f"{lang}.{eid}"


def _with_id(el: etree._Element, lang: str, eid: str, counterpart: str | None) -> etree._Element:
    el.set(XML_ID, tei_id(lang, eid))
    if counterpart is not None:
        el.set("corresp", f"#{tei_id(counterpart, eid)}")
    return el


def _para(para: Paragraph, lang: str, counterpart: str | None, paired: set[str]) -> etree._Element:
    p = _with_id(T.p(), lang, para.id, counterpart if para.id in paired else None)
    for c in para.clauses:
        s = _with_id(T.s(c.text), lang, c.id, counterpart if c.id in paired else None)
        if c.acts:
            s.set("ana", " ".join(f"#act.{a}" for a in c.acts))
        p.append(s)
    return p


def _text(doc: Document, counterpart: str | None, paired: set[str]) -> etree._Element:
    body = T.body(T.head(doc.meta.title, type="title"))
    if doc.preamble is not None and doc.preamble.paragraphs:
        div = T.div(type="preamble")
        div.set(XML_ID, tei_id(doc.lang, "preamble"))
        for para in doc.preamble.paragraphs:
            div.append(_para(para, doc.lang, counterpart, paired))
        body.append(div)
    for sec in doc.sections:
        div = _with_id(T.div(type="section", n=sec.num), doc.lang, sec.id, counterpart if sec.id in paired else None)
        if sec.heading is not None:
            div.append(T.head(sec.heading.text))
        for para in sec.paragraphs:
            div.append(_para(para, doc.lang, counterpart, paired))
        body.append(div)
    text = T.text(body)
    text.set(XML_LANG, doc.lang)
    text.set(XML_ID, f"text.{doc.lang}")
    return text


def _header(pair: AlignedDocument) -> etree._Element:
    from .. import __version__

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
    src, tgt = pair.source, pair.target
    paired = {node_id for node_id, a, b in pair.pairs() if a is not None and b is not None}
    links = T.linkGrp(type="translation")
    for a, b in pair.clause_pairs():
        links.append(T.link(target=f"#{tei_id(src.lang, a.id)} #{tei_id(tgt.lang, b.id)}"))
    group = T.group(_text(src, tgt.lang, paired), _text(tgt, src.lang, paired))
    root = T.TEI(_header(pair), T.text(group, T.back(links)))
    root.set(XML_LANG, "mul")
    return root


class Tei(Exporter):
    """TEI P5 parallel text, both languages linked clause by clause."""

    name = "tei"
    suffix = ".tei.xml"
    media_type = "application/tei+xml"

    def build(self, pair: AlignedDocument) -> dict[str, bytes]:
        return {f"{pair.id}{self.suffix}": xml_bytes(build_tei(pair), INLINE)}
