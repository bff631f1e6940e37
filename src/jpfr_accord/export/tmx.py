"""TMX 1.4b export: one translation unit per title, heading and clause pair.

Stage: export. Imports ``errors``, ``model``, ``export.base``, ``export.namespaces``.

Follows the LISA TMX 1.4b DTD: ``header`` with the seven required attributes,
then ``tu`` elements whose ``tuid`` is the Akoma Ntoso style ``eId`` (the title
is ``meta__title``, a heading ``<section eId>__heading``). User-defined ``prop``
types start with ``x-`` (TMX 1.4b section 3.1.3). No ``creationdate`` is
written: the model carries no date for it, and exports must be reproducible.
Units present in one language only are left out (a TMX unit needs a pair to be
useful; ``jpfr check`` reports them).
"""

from __future__ import annotations

import io

from lxml import etree

from ..model import AlignedDocument
from .base import XML_PROLOG, Exporter, TextUnit, gc_paused, paired_units
from .namespaces import (
    TMX_PROP_ACTOR,
    TMX_PROP_ACTS,
    TMX_PROP_DOCUMENT,
    TMX_PROP_KIND,
    TMX_VERSION,
    XML_LANG,
)


def _header(pair: AlignedDocument) -> etree._Element:
    from ..version import __version__

    header = etree.Element(
        "header",
        creationtool="jpfr-accord",
        creationtoolversion=__version__,
        segtype="sentence",
        adminlang="en",
        srclang=pair.source.lang,
        datatype="plaintext",
    )
    header.set("o-tmf", "jpfr-accord")
    etree.SubElement(header, "prop", type=TMX_PROP_DOCUMENT).text = pair.id
    return header


def _template(unit: TextUnit, src_lang: str, tgt_lang: str) -> etree._Element:
    """An empty, indented ``tu`` with the props ``unit`` needs; copied for each unit."""
    tu = etree.Element("tu")
    for kind in _prop_kinds(unit):
        etree.SubElement(tu, "prop", type=kind)
    for lang in (src_lang, tgt_lang):
        etree.SubElement(etree.SubElement(tu, "tuv", {XML_LANG: lang}), "seg")
    etree.indent(tu, space="  ", level=2)
    return tu


def _prop_kinds(unit: TextUnit) -> tuple[str, ...]:
    clause = unit.source_clause
    kinds: tuple[str, ...] = (TMX_PROP_DOCUMENT, TMX_PROP_KIND)
    if clause is not None and clause.acts:
        kinds += (TMX_PROP_ACTS,)
    if clause is not None and clause.actor:
        kinds += (TMX_PROP_ACTOR,)
    return kinds


def build_tmx(pair: AlignedDocument) -> bytes:
    """The TMX document of ``pair`` (source language first in every unit).

    Written unit by unit with ``lxml.etree.xmlfile``: each ``tu`` is a copy of
    a prepared empty unit filled in, so a memory of 100,000 units never exists
    as one tree (half the time and the memory of building it whole).
    """
    with gc_paused():
        return _build_tmx(pair)


def _build_tmx(pair: AlignedDocument) -> bytes:
    """Build without the collector (see ``gc_paused``)."""
    src_lang, tgt_lang = pair.languages
    templates: dict[tuple[str, ...], etree._Element] = {}
    out = io.BytesIO()
    out.write(XML_PROLOG)
    with etree.xmlfile(out, encoding="UTF-8") as xf:
        with xf.element("tmx", version=TMX_VERSION):
            header = _header(pair)
            etree.indent(header, space="  ", level=1)
            xf.write("\n  ", header, "\n  ")
            with xf.element("body"):
                for unit in paired_units(pair):
                    kinds = _prop_kinds(unit)
                    template = templates.get(kinds)
                    if template is None:
                        template = templates[kinds] = _template(unit, src_lang, tgt_lang)
                    tu = template.__copy__()  # copy.copy without its dispatch
                    tu.set("tuid", unit.id)
                    *props, src_tuv, tgt_tuv = tu
                    values: dict[str, str | None] = {TMX_PROP_DOCUMENT: pair.id, TMX_PROP_KIND: unit.kind}
                    if unit.source_clause is not None:
                        values[TMX_PROP_ACTS] = " ".join(unit.source_clause.acts)
                        values[TMX_PROP_ACTOR] = unit.source_clause.actor
                    for prop, kind in zip(props, kinds):
                        prop.text = values[kind]
                    src_tuv[0].text = unit.source
                    tgt_tuv[0].text = unit.target
                    xf.write("\n    ", tu)
                xf.write("\n  ")
            xf.write("\n")
    out.write(b"\n")
    return out.getvalue()


class Tmx(Exporter):
    """TMX 1.4b translation memory, for CAT tools (Trados, memoQ, OmegaT)."""

    name = "tmx"
    suffix = ".tmx"
    media_type = "application/x-tmx+xml"

    def build(self, pair: AlignedDocument) -> dict[str, bytes]:
        return {f"{pair.id}{self.suffix}": build_tmx(pair)}
