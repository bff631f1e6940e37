"""Reports of check findings: SARIF 2.1.0 for code-review tools, and an HTML
page (``templates/check-report.html.j2``): the findings listed with jump links
and a severity filter, the two texts side by side with every finding at its
clause and its offending words marked (the finding's ``span``, when the rule
knows it), and each rule's explanation, linked from its code.

Stage: checks. Imports ``errors``, ``model``, ``resources``, ``checks.registry``;
Jinja2 only inside :func:`write_html_report` (``jpfr check`` must start fast).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePath

from ..display import show_bidi_controls
from ..errors import ExportError, LoadError, Location, Severity
from ..load.write import atomic_write
from ..model import AlignedDocument, Clause, Finding, Paragraph, Section
from ..resources import templates_dir
from .registry import REGISTRY, lang_name
from .runner import summarize, summary_text

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
#: SARIF ``level`` of each severity (SARIF 2.1.0 §3.27.10: error, warning, note).
SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    p = PurePath(path)
    return Path(path).resolve().as_uri() if p.is_absolute() else p.as_posix()


def to_sarif(findings: Iterable[Finding], tool_version: str) -> dict:
    """The findings as one SARIF 2.1.0 log (one run of the ``jpfr`` driver).

    Every registered rule is listed in ``tool.driver.rules`` with its docs; each
    result points at the file and line of its element, and names the element's
    eId as a logical location, so that review tools show it on the right line.
    """
    rules = list(REGISTRY)
    index = {r.code: i for i, r in enumerate(rules)}
    descriptors = []
    for r in rules:
        sections = r.sections()
        descriptors.append(
            {
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary or r.name},
                "fullDescription": {"text": sections.get("What", r.summary or r.name)},
                "help": {"text": "\n\n".join(f"{k}: {v}" for k, v in sections.items()) or r.name},
                "defaultConfiguration": {"level": SARIF_LEVEL[r.severity]},
            }
        )
    results = []
    for f in findings:
        location: dict = {"physicalLocation": {"artifactLocation": {"uri": _uri(f.file)}}}
        if f.line:
            location["physicalLocation"]["region"] = {"startLine": f.line}
        if f.eId:
            location["logicalLocations"] = [{"name": f.eId, "kind": "element"}]
        result: dict = {
            "ruleId": f.code,
            "level": SARIF_LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [location],
            "properties": {"name": f.name, "lang": f.lang, "eId": f.eId},
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "jpfr", "fullName": "jpfr-accord check", "version": tool_version, "semanticVersion": tool_version, "rules": descriptors}},
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }


TEMPLATE = "check-report.html.j2"
_SEVERITY_LABELS = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "notices"}


def _text(node) -> tuple[str, int]:
    """The shown text of a clause or heading, and where its stored text starts in it."""
    if isinstance(node, Clause):
        return node.text, 0
    if isinstance(node, Section):
        if node.heading:
            prefix = f"{node.num}. "
            return prefix + node.heading.text, len(prefix)
        return node.num, 0
    return "", 0


def _pieces(text: str, offset: int, findings: list[Finding]) -> list[dict]:
    """``text`` cut into plain and marked pieces: the ``span`` of each finding (offsets
    into the stored text, which starts at ``offset``) is marked with its severity."""
    marks: list[tuple[int, int, Severity]] = []
    for f in findings:
        span = getattr(f, "span", None)
        if not span:
            continue
        start, end = max(0, int(span[0]) + offset), min(len(text), int(span[1]) + offset)
        if start < end:
            marks.append((start, end, f.severity))
    marks.sort(key=lambda m: (m[0], -m[2].rank))
    pieces, pos = [], 0
    for start, end, severity in marks:
        start = max(start, pos)
        if start >= end:
            continue  # inside a mark already made
        if start > pos:
            pieces.append({"text": show_bidi_controls(text[pos:start]), "severity": ""})
        pieces.append({"text": show_bidi_controls(text[start:end]), "severity": severity.value})
        pos = end
    if pos < len(text):
        pieces.append({"text": show_bidi_controls(text[pos:]), "severity": ""})
    return pieces


def _finding_view(f: Finding) -> dict:
    return {"severity": f.severity.value, "code": f.code, "name": f.name, "message": f.message, "line": f.line}


def report_context(pairs: Iterable[AlignedDocument], findings: Iterable[Finding]) -> dict:
    """The view-model of the HTML report: the list of findings (each with the anchor of
    its row), per document one row per element with the text of each language, the
    offending words marked, and the findings at that element; the rules' explanations."""
    findings = list(findings)
    pairs = list(pairs)
    placed: dict[int, str] = {}
    docs = []
    for pair in pairs:
        langs = pair.languages
        paths = {lang: pair[lang].path for lang in langs}
        prefix = "" if len(pairs) == 1 else f"{pair.id}--"
        by_key: dict[tuple[str, str], list[Finding]] = {}
        for i, f in enumerate(findings):
            if f.eId and f.lang in langs and f.file == paths[f.lang]:
                by_key.setdefault((f.lang, f.eId), []).append(f)
                placed[i] = prefix + f.eId
        rows = []
        for node_id, a, b in pair.pairs():
            node = a or b
            if isinstance(node, Paragraph) and not by_key.get((langs[0], node_id)) and not by_key.get((langs[1], node_id)):
                continue
            cells = []
            for lang, n in zip(langs, (a, b)):
                here = by_key.get((lang, node_id), [])
                level = max((f.severity for f in here), key=lambda s: s.rank).value if here else ""
                text, offset = _text(n) if n is not None else ("(missing)", 0)
                cells.append({"lang": lang, "pieces": _pieces(text, offset, here),
                              "findings": [_finding_view(f) for f in here], "level": level})
            rows.append({"id": node_id, "anchor": prefix + node_id,
                         "kind": "heading" if isinstance(node, Section) else "clause", "cells": cells})
        docs.append(
            {
                "id": pair.id,
                "columns": [{"lang": lang, "name": lang_name(lang), "title": pair[lang].meta.title} for lang in langs],
                "rows": rows,
            }
        )
    items = []
    for i, f in enumerate(findings):
        where = f"{f.file}:{f.line}" if f.line else f.file
        if f.eId:
            where += f" {f.eId}"
        items.append({**_finding_view(f), "where": where, "anchor": placed.get(i)})
    loose = [f for i, f in enumerate(findings) if i not in placed]
    codes = list(dict.fromkeys(f.code for f in findings))
    rules = []
    for code in codes:
        rule = next((r for r in REGISTRY if r.code == code), None)
        if rule is None:  # a finding of the loader (XML001…) or of a retired rule
            rules.append({"code": code, "name": next(f.name for f in findings if f.code == code), "severity": "",
                          "sections": [("What", "reported while reading the corpus; see 'jpfr rules'")]})
            continue
        sections = list(rule.sections().items()) or [("What", rule.summary or rule.name)]
        rules.append({"code": code, "name": rule.name, "severity": rule.severity.value, "sections": sections})
    severities = [
        {"value": sev.value, "label": _SEVERITY_LABELS[sev], "count": sum(1 for f in findings if f.severity == sev)}
        for sev in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    ]
    return {"docs": docs, "loose": loose, "items": items, "rules": rules, "severities": severities,
            "summary": summary_text(summarize(findings))}


def write_html_report(pairs: Iterable[AlignedDocument], findings: Iterable[Finding], dest: Path) -> None:
    """Write the side-by-side HTML report to ``dest`` atomically (never a half-written report).

    Raises:
        ExportError: the report cannot be written there.
    """
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates_dir())), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    try:
        html = env.get_template(TEMPLATE).render(**report_context(pairs, findings))
    except jinja2.TemplateError as exc:
        raise ExportError(f"cannot write the HTML report: template {TEMPLATE}: {exc}", Location(str(dest))) from None
    dest = Path(dest)
    folder = dest.parent if str(dest.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError("cannot write the HTML report: no such folder", Location(str(dest)))
    try:
        atomic_write(dest, html.encode("utf-8"))
    except LoadError as exc:
        raise ExportError(f"cannot write the HTML report: {exc.message}", Location(str(dest))) from None
