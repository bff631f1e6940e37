"""Run the registered rules over loaded documents and collect findings.

Stage: checks. Imports ``errors``, ``model``, ``checks.registry``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from ..errors import Severity
from ..model import AlignedDocument, Clause, Document, Finding
from .registry import REGISTRY, Hit, Rule


@dataclass(frozen=True)
class CheckConfig:
    """Which rules run and at which severity (``[tool.jpfr]`` or options)."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)

    def rules(self) -> list[Rule]:
        chosen: dict[str, Rule] = {}
        for sel in self.select:
            for r in REGISTRY.match(sel):
                chosen[r.code] = r
        for ign in self.ignore:
            for r in REGISTRY.match(ign):
                chosen.pop(r.code, None)
        return sorted(chosen.values(), key=lambda r: r.code)

    def is_selected(self, code: str) -> bool:
        return any(r.code == code for r in self.rules())


@dataclass
class CheckContext:
    """What rules may need besides the model: configuration and reference data."""

    config: CheckConfig = field(default_factory=CheckConfig)
    data: dict[str, Any] = field(default_factory=dict)

    def clause_pairs(self, doc: AlignedDocument) -> list[tuple[Clause, Clause]]:
        """``doc.clause_pairs()``, computed once per run (many rules walk them)."""
        cache = self.data.setdefault("_clause_pairs", {})
        if id(doc) not in cache:
            cache[id(doc)] = (doc, list(doc.clause_pairs()))  # the doc is kept so its id is not reused
        return cache[id(doc)][1]


def _finding(r: Rule, hit: Hit, doc_path: str, severity: Severity) -> Finding:
    node = hit.node
    loc = getattr(node, "loc", None)
    eid = hit.eid if hit.eid is not None else getattr(node, "id", None)
    if isinstance(node, Document):
        eid = hit.eid
    return Finding(
        code=r.code,
        name=r.name,
        severity=severity,
        file=loc.path if loc else doc_path,
        line=loc.line if loc else None,
        eId=eid,
        lang=hit.lang,
        message=hit.message,
    )


def _ignores(document: Document, cache: dict[int, dict[str, tuple[str, ...]]]) -> dict[str, tuple[str, ...]]:
    key = id(document)
    if key not in cache:
        cache[key] = {c.id: c.ignore for c in document.clauses() if c.ignore}
    return cache[key]


def _suppressed(hit: Hit, code: str, target: Any, cache: dict, used: set[tuple[int, str, str]]) -> bool:
    """A clause's ``ignore`` suppresses the code on that clause, whichever of its
    language versions carries the attribute (a translator annotates the translation,
    a notice about the source may be annotated on the source). Each suppression
    that served is recorded in ``used``."""
    node = hit.node
    if not isinstance(node, Clause):
        return False
    docs = (target.source, target.target) if isinstance(target, AlignedDocument) else (target,)
    found = False
    for d in docs:
        if code in _ignores(d, cache).get(node.id, ()):
            used.add((id(d), node.id, code))
            found = True
    if code in node.ignore and not found:
        used.update((id(d), node.id, code) for d in docs)
        found = True
    return found


#: The rule the runner itself reports after all others: a suppression that served nothing.
UNUSED_SUPPRESSION = "SUP003"


def _unused_suppressions(documents: Iterable[Document], ran: set[str], used: set[tuple[int, str, str]], severity: Severity) -> Iterator[Finding]:
    r = REGISTRY.get(UNUSED_SUPPRESSION)
    for d in documents:
        for clause in d.clauses():
            for code in clause.ignore:
                # only the rules that ran can tell; an unknown code is SUP002's
                if code in ran and (id(d), clause.id, code) not in used:
                    hit = Hit(d.lang, clause, f"clause {clause.id!r} suppresses {code} but {code} reports nothing here; remove the suppression")
                    yield _finding(r, hit, d.path, severity)


def run_checks(
    pairs: Iterable[AlignedDocument],
    singles: Iterable[Document] = (),
    load_findings: Iterable[Finding] = (),
    ctx: CheckContext | None = None,
) -> list[Finding]:
    """Run every selected rule; return the findings sorted by (file, line, code).

    Document rules run once per language version (a source shared by several
    translations is checked once); pair rules once per aligned pair.
    """
    ctx = ctx or CheckContext()
    rules = ctx.config.rules()
    codes = {r.code for r in rules}
    out = [f for f in load_findings if f.code in codes or f.code not in {r.code for r in REGISTRY}]
    out = [replace(f, severity=ctx.config.severity.get(f.code, f.severity)) for f in out]
    pairs = list(pairs)
    documents: dict[str, Document] = {}
    for d in [*singles, *(x for p in pairs for x in (p.source, p.target))]:
        documents.setdefault(f"{d.path}\0{d.lang}", d)
    ignore_cache: dict[int, dict[str, tuple[str, ...]]] = {}
    used: set[tuple[int, str, str]] = set()
    for r in rules:
        if r.func is None:
            continue  # produced by the loader, filtered above
        severity = ctx.config.severity.get(r.code, r.severity)
        targets: list[tuple[Any, str]]
        if r.scope == "document":
            targets = [(d, d.path) for d in documents.values()]
        else:
            targets = [(p, p.target.path) for p in pairs]
        for target, path in targets:
            for hit in r.func(target, ctx):
                if _suppressed(hit, r.code, target, ignore_cache, used):
                    continue
                doc_path = target[hit.lang].path if isinstance(target, AlignedDocument) else path
                out.append(_finding(r, hit, doc_path, severity))
    if UNUSED_SUPPRESSION in codes:
        ran = {r.code for r in rules if r.func is not None}
        severity = ctx.config.severity.get(UNUSED_SUPPRESSION, REGISTRY.get(UNUSED_SUPPRESSION).severity)
        out.extend(_unused_suppressions(documents.values(), ran, used, severity))
    return sorted(set(out), key=lambda f: f.sort_key)


from ..display import plural  # noqa: E402  (kept here for the callers of checks.runner.plural)


def summary_text(summary: dict[str, int]) -> str:
    """``1 error, 0 warnings, 3 notices``: the counts of :func:`summarize` in words."""
    return f"{plural(summary['error'], 'error')}, {plural(summary['warning'], 'warning')}, {plural(summary['info'], 'notice')}"


def summarize(findings: Iterable[Finding], files: int | None = None) -> dict[str, int]:
    findings = list(findings)
    summary = {s.value: sum(1 for f in findings if f.severity == s) for s in Severity}
    summary["total"] = len(findings)
    if files is not None:
        summary["files"] = files
    return summary
