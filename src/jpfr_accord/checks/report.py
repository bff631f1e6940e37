"""Reports of check findings: SARIF 2.1.0 for code-review tools, and an HTML
page showing the two texts side by side with every finding at its clause.

Stage: checks. Imports ``errors``, ``model``, ``checks.registry``; Jinja2 only
inside :func:`write_html_report` (``jpfr check`` must start fast).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePath

from ..display import show_bidi_controls
from ..errors import ExportError, LoadError, Location, Severity
from ..load.write import atomic_write
from ..model import AlignedDocument, Clause, Finding, Paragraph, Section
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


_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>jpfr check report</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1rem auto; max-width: 90rem; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border-top: 1px solid #ddd; padding: .4rem .6rem; vertical-align: top; text-align: left; }
.id { width: 12rem; }
td.id { font-family: monospace; font-size: .8rem; color: #555; word-break: break-all; }
/* the two texts in one family, as in the rendered document (its Latin letters included) */
td[lang] { font-family: "Noto Serif CJK JP", "Hiragino Mincho ProN", "Yu Mincho", serif; }
tr.heading td { font-weight: bold; background: #f4f4f4; }
.error { background: #fde8e8; } .warning { background: #fff6dd; } .info { background: #eaf2fd; }
ul.findings { margin: .3rem 0 0; padding-left: 1.1rem; font-size: .85rem; }
ul.findings li.error { color: #9b1c1c; } ul.findings li.warning { color: #7a5a00; } ul.findings li.info { color: #1c4d9b; }
li { background: none; }
@media (max-width: 50rem) { table, tr, td, th { display: block; width: auto; } td.id { width: auto; } thead { display: none; } }
</style>
</head>
<body>
<h1>jpfr check report</h1>
<p class="summary">{{ summary }}</p>
{% if loose %}
<h2>Findings outside clauses</h2>
<ul class="findings">
{% for f in loose %}<li class="{{ f.severity.value }}">{{ f.file }}{% if f.line %}:{{ f.line }}{% endif %}: {{ f.severity.value }} {{ f.code }} {{ f.message }} [{{ f.name }}]</li>
{% endfor %}</ul>
{% endif %}
{% for doc in docs %}
<h2>{{ doc.id }}</h2>
<table>
<thead><tr><th class="id">eId</th>{% for col in doc.columns %}<th lang="{{ col.lang }}">{{ col.name }} — {{ col.title }}</th>{% endfor %}</tr></thead>
<tbody>
{% for row in doc.rows %}
<tr id="{{ row.anchor }}" class="{{ row.kind }}">
<td class="id"><a href="#{{ row.anchor }}">{{ row.id }}</a></td>
{% for cell in row.cells %}<td lang="{{ cell.lang }}" class="{{ cell.level }}">{{ cell.text }}{% if cell.findings %}
<ul class="findings">{% for f in cell.findings %}<li class="{{ f.severity.value }}">{{ f.severity.value }} {{ f.code }} {{ f.message }} [{{ f.name }}]{% if f.line %} (line {{ f.line }}){% endif %}</li>{% endfor %}</ul>{% endif %}</td>
{% endfor %}</tr>
{% endfor %}
</tbody>
</table>
{% endfor %}
</body>
</html>
"""


def _text(node) -> str:
    if isinstance(node, Clause):
        return show_bidi_controls(node.text)
    if isinstance(node, Section):
        return show_bidi_controls(f"{node.num}. {node.heading.text}" if node.heading else node.num)
    return ""


def report_context(pairs: Iterable[AlignedDocument], findings: Iterable[Finding]) -> dict:
    """The view-model of the HTML report: per document, one row per element with
    the text of each language and the findings at that element."""
    findings = list(findings)
    placed: set[int] = set()
    docs = []
    for pair in pairs:
        langs = pair.languages
        paths = {lang: pair[lang].path for lang in langs}
        by_key: dict[tuple[str, str], list[Finding]] = {}
        for i, f in enumerate(findings):
            if f.eId and f.lang in langs and f.file == paths[f.lang]:
                by_key.setdefault((f.lang, f.eId), []).append(f)
                placed.add(i)
        rows = []
        for node_id, a, b in pair.pairs():
            node = a or b
            if isinstance(node, Paragraph) and not by_key.get((langs[0], node_id)) and not by_key.get((langs[1], node_id)):
                continue
            cells = []
            for lang, n in zip(langs, (a, b)):
                here = by_key.get((lang, node_id), [])
                level = max((f.severity for f in here), key=lambda s: s.rank).value if here else ""
                cells.append({"lang": lang, "text": _text(n) if n is not None else "(missing)", "findings": here, "level": level})
            rows.append({"id": node_id, "anchor": node_id, "kind": "heading" if isinstance(node, Section) else "clause", "cells": cells})
        docs.append(
            {
                "id": pair.id,
                "columns": [{"lang": lang, "name": lang_name(lang), "title": pair[lang].meta.title} for lang in langs],
                "rows": rows,
            }
        )
    loose = [f for i, f in enumerate(findings) if i not in placed]
    return {"docs": docs, "loose": loose, "summary": summary_text(summarize(findings))}


def write_html_report(pairs: Iterable[AlignedDocument], findings: Iterable[Finding], dest: Path) -> None:
    """Write the side-by-side HTML report to ``dest`` atomically (never a half-written report).

    Raises:
        ExportError: the report cannot be written there.
    """
    import jinja2

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    html = env.from_string(_TEMPLATE).render(**report_context(pairs, findings))
    dest = Path(dest)
    folder = dest.parent if str(dest.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError("cannot write the HTML report: no such folder", Location(str(dest)))
    try:
        atomic_write(dest, html.encode("utf-8"))
    except LoadError as exc:
        raise ExportError(f"cannot write the HTML report: {exc.message}", Location(str(dest))) from None
