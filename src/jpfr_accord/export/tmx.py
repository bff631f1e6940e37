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
from .base import XML_PROLOG, Exporter, TextUnit, text_units
from .namespaces import (
    TMX_PROP_ACTOR,
    TMX_PROP_ACTS,
    TMX_PROP_DOCUMENT,
    TMX_PROP_KIND,
    TMX_VERSION,
    XML_LANG,
)


def _header(pair: AlignedDocument) -> etree._Element:
    from .. import __version__

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


def _unit(unit: TextUnit, doc_id: str, src_attr: dict[str, str], tgt_attr: dict[str, str]) -> etree._Element:
    sub = etree.SubElement  # runs once per clause: keep it lean
    tu = etree.Element("tu", tuid=unit.id)
    sub(tu, "prop", type=TMX_PROP_DOCUMENT).text = doc_id
    sub(tu, "prop", type=TMX_PROP_KIND).text = unit.kind
    clause = unit.source_clause
    if clause is not None:
        if clause.acts:
            sub(tu, "prop", type=TMX_PROP_ACTS).text = " ".join(clause.acts)
        if clause.actor:
            sub(tu, "prop", type=TMX_PROP_ACTOR).text = clause.actor
    sub(sub(tu, "tuv", src_attr), "seg").text = unit.source
    sub(sub(tu, "tuv", tgt_attr), "seg").text = unit.target
    return tu


def build_tmx(pair: AlignedDocument) -> bytes:
    """The TMX document of ``pair`` (source language first in every unit).

    Written unit by unit with ``lxml.etree.xmlfile``: a memory of 100,000
    units never exists as one tree, which halves the time and the memory.
    """
    src_attr, tgt_attr = {XML_LANG: pair.source.lang}, {XML_LANG: pair.target.lang}
    out = io.BytesIO()
    out.write(XML_PROLOG)
    with etree.xmlfile(out, encoding="UTF-8") as xf:
        with xf.element("tmx", version=TMX_VERSION):
            header = _header(pair)
            etree.indent(header, space="  ", level=1)
            xf.write("\n  ", header, "\n  ")
            with xf.element("body"):
                for unit in text_units(pair):
                    if unit.source is None or unit.target is None:
                        continue
                    tu = _unit(unit, pair.id, src_attr, tgt_attr)
                    etree.indent(tu, space="  ", level=2)
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
