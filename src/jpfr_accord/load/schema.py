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


#: Violations listed per file; the rest are counted in one more. A file with an invalid
#: attribute on each of 20,000 clauses would otherwise give 20,000 findings, each placed
#: in the tree by a walk of its own (quadratic); the first ones say what to fix.
MAX_VIOLATIONS = 200


def validate(tree: etree._ElementTree | etree._Element) -> list[SchemaViolation]:
    """The violations of the corpus schema, in document order (empty when valid): the
    first ``MAX_VIOLATIONS``, then one saying how many more there are."""
    schema = _xsd()
    schema.validate(tree)
    log = schema.error_log
    out = [SchemaViolation(e.line or None, e.message) for e in log[:MAX_VIOLATIONS]]
    if len(log) > MAX_VIOLATIONS:
        out.append(SchemaViolation(log[MAX_VIOLATIONS].line or None,
                                   f"{len(log) - MAX_VIOLATIONS} more schema violations from this line on are not "
                                   f"listed (the first {MAX_VIOLATIONS} are); fix those and check again"))
    report = _schematron()(tree)
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    for failed in report.getroot().iter(f"{_SVRL}failed-assert", f"{_SVRL}successful-report"):
        text = " ".join(failed.findtext(f"{_SVRL}text", "").split())
        out.append(SchemaViolation(root.sourceline, text))
    return out


if __name__ == "__main__":
    import sys

    sys.stdout.buffer.write(compile_schematron())
