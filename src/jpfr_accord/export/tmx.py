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
    sub = etree.SubElement  # the loop below runs once per clause: keep it lean
    sub(header, "prop", type=TMX_PROP_DOCUMENT).text = pair.id
    body = sub(root, "body")
    src_attr, tgt_attr = {XML_LANG: src_lang}, {XML_LANG: tgt_lang}
    for unit in text_units(pair):
        if unit.source is None or unit.target is None:
            continue
        tu = sub(body, "tu", tuid=unit.id)
        sub(tu, "prop", type=TMX_PROP_DOCUMENT).text = pair.id
        sub(tu, "prop", type=TMX_PROP_KIND).text = unit.kind
        clause = unit.source_clause
        if clause is not None:
            if clause.acts:
                sub(tu, "prop", type=TMX_PROP_ACTS).text = " ".join(clause.acts)
            if clause.actor:
                sub(tu, "prop", type=TMX_PROP_ACTOR).text = clause.actor
        sub(sub(tu, "tuv", src_attr), "seg").text = unit.source
        sub(sub(tu, "tuv", tgt_attr), "seg").text = unit.target
    return root


class Tmx(Exporter):
    """TMX 1.4b translation memory, for CAT tools (Trados, memoQ, OmegaT)."""

    name = "tmx"
    suffix = ".tmx"
    media_type = "application/x-tmx+xml"

    def build(self, pair: AlignedDocument) -> dict[str, bytes]:
        return {f"{pair.id}{self.suffix}": xml_bytes(build_tmx(pair))}
