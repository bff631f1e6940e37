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

from lxml import etree

from ..model import AlignedDocument
from .base import Exporter, text_units, xml_bytes
from .namespaces import (
    TMX_PROP_ACTOR,
    TMX_PROP_ACTS,
    TMX_PROP_DOCUMENT,
    TMX_PROP_KIND,
    TMX_VERSION,
    XML_LANG,
)


def _prop(parent: etree._Element, kind: str, value: str) -> None:
    etree.SubElement(parent, "prop", type=kind).text = value


def build_tmx(pair: AlignedDocument) -> etree._Element:
    """The TMX tree of ``pair`` (source language first in every unit)."""
    from .. import __version__

    src_lang, tgt_lang = pair.languages
    root = etree.Element("tmx", version=TMX_VERSION)
    header = etree.SubElement(
        root,
        "header",
        creationtool="jpfr-accord",
        creationtoolversion=__version__,
        segtype="sentence",
        adminlang="en",
        srclang=src_lang,
        datatype="plaintext",
    )
    header.set("o-tmf", "jpfr-accord")
    _prop(header, TMX_PROP_DOCUMENT, pair.id)
    body = etree.SubElement(root, "body")
    for unit in text_units(pair):
        if unit.source is None or unit.target is None:
            continue
        tu = etree.SubElement(body, "tu", tuid=unit.id)
        _prop(tu, TMX_PROP_DOCUMENT, pair.id)
        _prop(tu, TMX_PROP_KIND, unit.kind)
        if unit.source_clause is not None:
            if unit.source_clause.acts:
                _prop(tu, TMX_PROP_ACTS, " ".join(unit.source_clause.acts))
            if unit.source_clause.actor:
                _prop(tu, TMX_PROP_ACTOR, unit.source_clause.actor)
        for lang, text in ((src_lang, unit.source), (tgt_lang, unit.target)):
            tuv = etree.SubElement(tu, "tuv")
            tuv.set(XML_LANG, lang)
            etree.SubElement(tuv, "seg").text = text
    return root


class Tmx(Exporter):
    """TMX 1.4b translation memory, for CAT tools (Trados, memoQ, OmegaT)."""

    name = "tmx"
    suffix = ".tmx"
    media_type = "application/x-tmx+xml"

    def build(self, pair: AlignedDocument) -> dict[str, bytes]:
        return {f"{pair.id}{self.suffix}": xml_bytes(build_tmx(pair))}
