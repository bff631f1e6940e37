"""Akoma Ntoso 3.0 export: one ``statement`` document per language expression.

Stage: export. Imports ``errors``, ``model``, ``export.base``, ``export.namespaces``.

``statement`` is the AKN document type for official texts of a body that are
not normative in structure (joint statements, resolutions). Each language
version is one FRBR Expression of one shared Work (AKN Naming Convention
section 4): the ``FRBRWork`` block is identical in both files, the Expression
IRIs differ by ``@<lang>`` with the ISO 639-2/T code (``jpn``, ``fra``), and a
translation carries ``FRBRtranslation`` naming the language it was translated
from and whether it is authoritative. ``eId``s are kept as they are: the corpus
already follows the AKN eId convention (``sec_1__para_2``). Clauses become
``p`` elements with their own eId; their diplomatic acts are ``refersTo``
links to ``TLCConcept`` entries in ``references``.

Dates are never invented. The Work date is the document's own date when the
model has one (``meta/date``: written in the source, or read from its dateline
by the importer), the source language's first. The AKN Naming Convention v1.0
requires a date component in every Work IRI (section "The IRI reference of a
Work", 4.5 in csprd03: ``YYYY-MM-DD``, or ``YYYY`` when the year is enough) and defines no
form for an unknown one: the ``:`` marker of section 4.6.2 ("virtual
expressions") is for unknown *Expression* values only, and the schema requires
``FRBRdate/@date`` as an ``xsd:date``. An undated document therefore gets the
null date of cobalt, the AKN library of Laws.Africa (``cobalt.akn.NULL_DATE``,
``0001-01-01``, its placeholder for a date the XML requires but nobody knows),
which cobalt's ``parsedate``
reads back as *no date* — unlike a far-future date, which every consumer would
take for a real one. ``FRBRdate/@name`` says ``unknown`` so a reader need not
know the convention; the IRIs carry the same date, so they parse.
"""

from __future__ import annotations

from lxml import etree
from lxml.builder import ElementMaker

from ..model import AlignedDocument, Document, Paragraph
from .base import Exporter, gc_paused, xml_bytes
from .namespaces import AKN_NS, XML_LANG, authority_country, iso639_2t

A = ElementMaker(namespace=AKN_NS, nsmap={None: AKN_NS})  # the metadata: small, built once
_A = f"{{{AKN_NS}}}"

#: cobalt's null date (``cobalt.akn.NULL_DATE``), for a document that gives none (see above).
NULL_DATE = "0001-01-01"
#: AKN ``name`` of the statement, and the document-type component of its IRIs.
STATEMENT_NAME = "jointStatement"
_TOOL = "jpfr-accord"
#: Elements holding inline content: never indented inside.
INLINE = frozenset({f"{{{AKN_NS}}}p"})


def work_iri(pair: AlignedDocument) -> str:
    """``/akn/<country>/statement/<name>/<date>/<id>``: the IRI both expressions share."""
    src = pair.source
    country = authority_country(src.lang)
    return f"/akn/{country}/statement/{STATEMENT_NAME}/{work_date(pair) or NULL_DATE}/{pair.id}"


def work_date(pair: AlignedDocument) -> str | None:
    """The date the documents give (the source's first), or ``None``: never a guess."""
    return pair.source.meta.date or pair.target.meta.date


def expression_iri(pair: AlignedDocument, doc: Document) -> str:
    """``<work>/<lang>@<version>``: one language expression, ``lang`` in ISO 639-2/T."""
    version = f"{doc.version}" if doc.version else ""
    return f"{work_iri(pair)}/{iso639_2t(doc.lang)}@{version}"


def _frbr_date(pair: AlignedDocument, doc: Document) -> etree._Element:
    date = doc.meta.date or work_date(pair)
    return A.FRBRdate(date=date or NULL_DATE, name="statement" if date else "unknown")


def _identification(pair: AlignedDocument, doc: Document) -> etree._Element:
    work = work_iri(pair)
    expr = expression_iri(pair, doc)
    src = pair.source
    frbr_work = A.FRBRWork(
        A.FRBRthis(value=f"{work}/!main"),
        A.FRBRuri(value=work),
        _frbr_date(pair, src),
        A.FRBRauthor(href="#author"),
        A.FRBRcountry(value=authority_country(src.lang)),
        A.FRBRname(value=pair.id),
    )
    is_authoritative = doc.status in ("authentic", "official-translation")
    expression = A.FRBRExpression(
        A.FRBRthis(value=f"{expr}/!main"),
        A.FRBRuri(value=expr),
        _frbr_date(pair, doc),
        A.FRBRauthor(href="#author" if doc is src else "#translator"),
        A.FRBRauthoritative(value="true" if is_authoritative else "false"),
        A.FRBRlanguage(language=iso639_2t(doc.lang)),
    )
    if doc.source_lang:
        expression.append(
            A.FRBRtranslation(
                href=expression_iri(pair, src),
                fromLanguage=iso639_2t(doc.source_lang),
                authoritative="true" if is_authoritative else "false",
                by="#translator",
            )
        )
    manifestation = A.FRBRManifestation(
        A.FRBRthis(value=f"{expr}/!main.xml"),
        A.FRBRuri(value=f"{expr}.akn"),
        _frbr_date(pair, doc),
        A.FRBRauthor(href=f"#{_TOOL}"),
    )
    return A.identification(frbr_work, expression, manifestation, source=f"#{_TOOL}")


def _references(doc: Document) -> etree._Element:
    refs = A.references(source=f"#{_TOOL}")
    parties = ", ".join(doc.meta.parties) or "the parties to the statement"
    refs.append(A.TLCOrganization(eId="author", href="/ontology/organization/author", showAs=parties))
    if doc.source_lang:
        refs.append(A.TLCOrganization(eId="translator", href="/ontology/organization/translator", showAs="translator"))
    refs.append(A.TLCOrganization(eId=_TOOL, href=f"/ontology/organization/{_TOOL}", showAs=_TOOL))
    acts = sorted({act for c in doc.clauses() for act in c.acts})
    for act in acts:
        refs.append(A.TLCConcept(eId=f"act-{act}", href=f"/ontology/concept/{_TOOL}/act/{act}", showAs=act))
    return refs


def _paragraph(parent: etree._Element, para: Paragraph, tag: str) -> None:
    """A paragraph and its clauses (``p`` with the clause eId) under ``parent``.

    Preamble paragraphs are ``container``s of blocks; body paragraphs are
    ``paragraph`` elements whose clauses sit in ``content``.
    """
    sub = etree.SubElement
    if tag == "container":
        holder = sub(parent, _A + "container", eId=para.id, name="paragraph")
    else:
        holder = sub(sub(parent, _A + "paragraph", eId=para.id), _A + "content")
    if not para.clauses:
        sub(holder, _A + "p")
    for c in para.clauses:
        p = sub(holder, _A + "p", eId=c.id)
        p.text = c.text
        if c.acts:
            p.set("refersTo", " ".join(f"#act-{a}" for a in c.acts))


def build_akn(pair: AlignedDocument, doc: Document) -> etree._Element:
    """The AKN ``statement`` of one language version ``doc`` of ``pair``."""
    with gc_paused():
        return _build_akn(pair, doc)


def _build_akn(pair: AlignedDocument, doc: Document) -> etree._Element:
    """Build without the collector (see ``gc_paused``)."""
    meta = A.meta(_identification(pair, doc), _references(doc))
    root = A.akomaNtoso(A.statement(meta, A.preface(A.p(A.docTitle(doc.meta.title))), name=STATEMENT_NAME))
    statement = root[0]
    sub = etree.SubElement
    if doc.preamble is not None and doc.preamble.paragraphs:
        preamble = sub(statement, _A + "preamble")
        for para in doc.preamble.paragraphs:
            _paragraph(preamble, para, "container")
    body = sub(statement, _A + "mainBody")
    for sec in doc.sections:
        section = sub(body, _A + "section", eId=sec.id)
        sub(section, _A + "num").text = sec.num
        if sec.heading is not None:
            sub(section, _A + "heading").text = sec.heading.text
        for para in sec.paragraphs:
            _paragraph(section, para, "paragraph")
    if not len(body):
        sub(body, _A + "p")  # mainBody needs content; a statement may be all preamble
    for part in statement.iterchildren(_A + "preface", _A + "preamble", _A + "mainBody"):
        part.set(XML_LANG, doc.lang)
    return root


class AkomaNtoso(Exporter):
    """Akoma Ntoso 3.0 ``statement``, one file per language expression."""

    name = "akn"
    suffix = ".akn.xml"
    media_type = "application/akn+xml"
    per_language = True

    def build_language(self, pair: AlignedDocument, doc: Document) -> bytes:
        return xml_bytes(build_akn(pair, doc), INLINE)
