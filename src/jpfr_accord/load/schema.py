"""Validate a parsed corpus file against ``schema/declaration.xsd`` and
``schema/declaration.sch`` (the few rules XSD 1.0 cannot express).

Stage: load. Imports ``resources`` only.
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


@cache
def _schematron():
    from lxml import isoschematron

    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    doc = etree.parse(str(schema_dir() / "declaration.sch"), parser)
    return isoschematron.Schematron(doc, store_report=True)


def validate(tree: etree._ElementTree | etree._Element) -> list[SchemaViolation]:
    """Every violation of the corpus schema, in document order (empty when valid)."""
    schema = _xsd()
    schema.validate(tree)
    out = [SchemaViolation(e.line or None, e.message) for e in schema.error_log]
    rules = _schematron()
    if not rules.validate(tree):
        root = tree.getroot() if hasattr(tree, "getroot") else tree
        svrl = "{http://purl.oclc.org/dsdl/svrl}"
        for failed in rules.validation_report.iter(f"{svrl}failed-assert"):
            text = " ".join(failed.findtext(f"{svrl}text", "").split())
            out.append(SchemaViolation(root.sourceline, text))
    return out
