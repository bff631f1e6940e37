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


# The Schematron holds one rule, about an attribute of the root element; running
# its XSLT makes libxslt visit every node of the file (0.3 s of a 100,000-clause
# check). The rule is checked here on the root instead, while the compiled
# stylesheet is the one this code mirrors (its SHA-256 below). Any other
# stylesheet (a rule added to declaration.sch) is run as XSLT, as before:
# slower, never wrong. tests/perf/test_lean_loader.py holds the two to the same
# answers.
NATIVE_SCHEMATRON_SHA256 = "85bd21ead95090326f89f17759a3900d5193d93e3bc96efbac940255688f4ef9"
_LANG_MESSAGE = "xml:lang must be an ISO 639 code in lowercase (ja, fr, deu…)"
_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")


@cache
def native_schematron() -> bool:
    """Whether the compiled Schematron is the one :func:`_language_rule` mirrors."""
    import hashlib

    data = (schema_dir() / "declaration.sch.xsl").read_bytes()
    return hashlib.sha256(data).hexdigest() == NATIVE_SCHEMATRON_SHA256


def _language_rule(root: etree._Element) -> list[SchemaViolation]:
    """Pattern "language" of declaration.sch, on every ``d:declaration``:
    ``string-length(@xml:lang)`` between 2 and 3 and nothing left once a-z are
    removed (XPath counts characters, as ``len`` does). Reported on the root's
    line, as the XSLT's report is read."""
    out = []
    for el in root.iter("{urn:jpfr-accord:declaration:1}declaration"):
        lang = el.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
        if not (2 <= len(lang) <= 3 and set(lang) <= _LOWER):
            out.append(SchemaViolation(root.sourceline, _LANG_MESSAGE))
    return out


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
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    if native_schematron():
        return out + _language_rule(root)
    return out + schematron_xslt(tree)


def schematron_xslt(tree: etree._ElementTree | etree._Element) -> list[SchemaViolation]:
    """The Schematron's violations, by running its compiled XSLT over the tree."""
    report = _schematron()(tree)
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    out = []
    for failed in report.getroot().iter(f"{_SVRL}failed-assert", f"{_SVRL}successful-report"):
        text = " ".join(failed.findtext(f"{_SVRL}text", "").split())
        out.append(SchemaViolation(root.sourceline, text))
    return out


if __name__ == "__main__":
    import sys

    sys.stdout.buffer.write(compile_schematron())
