"""Validate a parsed corpus file against ``schema/declaration.xsd`` and
``schema/declaration.sch`` (the few rules XSD 1.0 cannot express).

Stage: load. Imports ``resources`` only.

The Schematron is used compiled: ``schema/declaration.sch.xsl`` is the XSLT
that lxml's ISO Schematron compiler makes of it (three XSLT passes and a
module that parses its own stylesheets on import: a third of a small
`jpfr check`'s own start-up). A test fails when it drifts from the ``.sch``;
regenerate it with ``python -m jpfr_accord.load.schema > schema/declaration.sch.xsl``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from lxml import etree

from ..resources import schema_dir


@dataclass(frozen=True, slots=True)
class SchemaViolation:
    line: int | None
    message: str


@cache
def _xsd() -> etree.XMLSchema:
    # The schema is ours and trusted, but is parsed with network access off all the same;
    # its one import (xml.xsd) is a local file beside it.
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    doc = etree.parse(str(schema_dir() / "declaration.xsd"), parser)
    return etree.XMLSchema(doc)


_SVRL = "{http://purl.oclc.org/dsdl/svrl}"


@cache
def _schematron() -> etree.XSLT:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    doc = etree.parse(str(schema_dir() / "declaration.sch.xsl"), parser)
    # the stylesheet reads nothing and writes nothing: deny it all the same
    return etree.XSLT(doc, access_control=etree.XSLTAccessControl.DENY_ALL)


def compile_schematron() -> bytes:
    """The XSLT that ISO Schematron (lxml.isoschematron) compiles ``declaration.sch`` into."""
    from lxml import isoschematron

    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    doc = etree.parse(str(schema_dir() / "declaration.sch"), parser)
    xslt = isoschematron.Schematron(doc, store_xslt=True).validator_xslt
    return etree.tostring(xslt, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def validate(tree: etree._ElementTree | etree._Element) -> list[SchemaViolation]:
    """Every violation of the corpus schema, in document order (empty when valid)."""
    schema = _xsd()
    schema.validate(tree)
    out = [SchemaViolation(e.line or None, e.message) for e in schema.error_log]
    report = _schematron()(tree)
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    for failed in report.getroot().iter(f"{_SVRL}failed-assert", f"{_SVRL}successful-report"):
        text = " ".join(failed.findtext(f"{_SVRL}text", "").split())
        out.append(SchemaViolation(root.sourceline, text))
    return out


if __name__ == "__main__":
    import sys

    sys.stdout.buffer.write(compile_schematron())
