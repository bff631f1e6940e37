"""Run the registered rules over loaded documents and collect findings.

Stage: checks. Imports ``errors``, ``model``, ``checks.registry``, ``checks.cache``
and ``checks.parallel``.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from typing import Any

from ..errors import Severity
from ..model import AlignedDocument, Clause, Document, Finding
from .cache import Digests, ResultCache, context_digest, digest, document_attrs, glossary_digest, node_table
from .parallel import HIT_FIELDS, Undeclared, items_of, make_hit, run_skeleton, run_tasks
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

    def per_text(self, kind: str, lang: str, text: str, read: Callable[[str, str], Any]) -> Any:
        """``read(text, lang)``, computed once per run for each text and language
        (the acts, entities and markers several rules read from one clause)."""
        cache = self.data.setdefault(f"_{kind}", {})
        key = (lang, text)
        if key not in cache:
            cache[key] = read(text, lang)
        return cache[key]


def _finding(r: Rule, hit: Hit, doc_path: str, severity: Severity) -> Finding:
    node = hit.node
    loc = getattr(node, "loc", None)
    eid = hit.eid if hit.eid is not None else getattr(node, "id", None)
    if isinstance(node, Document):
        eid = hit.eid
    # any further field a Hit and a Finding share (``span``) is carried over
    extra = {k: getattr(hit, k) for k in _SHARED_FIELDS}
    return Finding(
        code=r.code,
        name=r.name,
        severity=severity,
        file=loc.path if loc else doc_path,
        line=loc.line if loc else None,
        eId=eid,
        lang=hit.lang,
        message=hit.message,
        **extra,
    )


_SHARED_FIELDS = tuple(
    sorted({f.name for f in fields(Hit)} & {f.name for f in fields(Finding)} - {"lang", "message", "node", "eid", "severity"})
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
    *,
    cache: ResultCache | None = None,
    jobs: int = 1,
) -> list[Finding]:
    """Run every selected rule; return the findings sorted by (file, line, code),
    ties broken by the rest of the finding, so that the order is always the same.

    Document rules run once per language version (a source shared by several
    translations is checked once); pair rules once per aligned pair.

    Args:
        cache: a :class:`checks.cache.ResultCache`: results of unchanged clauses
            (and of whole-document rules on unchanged documents) are served from
            it, the rest computed and stored. The findings are the same without it.
        jobs: processes to use for large corpora (1: this process only). The
            findings, and their order, do not depend on it.
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
    targets: list[Document | AlignedDocument] = [*documents.values(), *pairs]
    # The loaded model is most of the heap and lives as long as the check: the
    # collector need not scan it again and again (a fifth of the CPU time of a
    # 100,000-pair check went to that). Unfrozen after, for long-lived callers.
    frozen = gc.get_freeze_count()
    if not frozen:
        gc.freeze()
    try:
        evaluated = _evaluate(targets, rules, ctx, cache, jobs)
    finally:
        if not frozen:
            gc.unfreeze()
    ignore_cache: dict[int, dict[str, tuple[str, ...]]] = {}
    used: set[tuple[int, str, str]] = set()
    for target, found in zip(targets, evaluated):
        path = target.target.path if isinstance(target, AlignedDocument) else target.path
        for r, hit in found:
            if _suppressed(hit, r.code, target, ignore_cache, used):
                continue
            doc_path = target[hit.lang].path if isinstance(target, AlignedDocument) else path
            # a hit may carry its own severity (a notice on an authentic text); the configuration wins
            severity = hit.severity if hit.severity is not None and r.code not in ctx.config.severity else ctx.config.severity.get(r.code, r.severity)
            out.append(_finding(r, hit, doc_path, severity))
    if UNUSED_SUPPRESSION in codes:
        ran = {r.code for r in rules if r.func is not None}
        severity = ctx.config.severity.get(UNUSED_SUPPRESSION, REGISTRY.get(UNUSED_SUPPRESSION).severity)
        out.extend(_unused_suppressions(documents.values(), ran, used, severity))
    return sorted(set(out), key=_order)


def _order(f: Finding) -> tuple:
    return (f.sort_key, repr(tuple(f.to_json().values())))


#: Clauses (or clause pairs) per unit of work; workers are used from PARALLEL_MIN units of work.
CHUNK = 2000
PARALLEL_MIN = 4000


@dataclass
class _Plan:
    """One target's work: its per-clause rules, its whole-document rules, what the cache holds."""

    target: Document | AlignedDocument
    clause_rules: list[Rule]
    whole_rules: list[Rule]
    items: list[Any] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    entries: dict[int, list] = field(default_factory=dict)
    whole: dict[str, list] = field(default_factory=dict)
    bucket: tuple[str, str] | None = None
    digest: str | None = None


def _evaluate(targets: list[Any], rules: list[Rule], ctx: CheckContext, cache: ResultCache | None,
              jobs: int) -> list[list[tuple[Rule, Hit]]]:
    """The hits of every rule on every target, in a fixed order (see ``checks.parallel``)."""
    by_code = {r.code: r for r in rules if r.func is not None}
    ctx_key = context_digest(by_code.values(), ctx.config, ctx.data.get("table")) if cache is not None else ""
    plans: list[_Plan] = []
    tasks: list[tuple] = []
    items: list[list[Any]] = []
    digests = Digests()
    for t, target in enumerate(targets):
        scope = "pair" if isinstance(target, AlignedDocument) else "document"
        mine = [r for r in by_code.values() if r.scope == scope]
        plan = _Plan(target, [r for r in mine if r.reads == "clause"], [r for r in mine if r.reads != "clause"])
        plan.items = items_of(target, ctx) if plan.clause_rules else []
        if cache is not None:
            _lookup(plan, cache, ctx_key, ctx, digests)
        misses = [i for i in range(len(plan.items)) if i not in plan.entries]
        crules = tuple(r.code for r in plan.clause_rules)
        tasks.extend(("whole", t, r.code) for r in plan.whole_rules if r.code not in plan.whole)
        tasks.extend(("chunk", t, misses[i : i + CHUNK], crules) for i in range(0, len(misses), CHUNK))
        plans.append(plan)
        items.append(plan.items)
    # the work, in clauses: a chunk's, and a whole-document rule's target's
    size = sum(len(task[2]) if task[0] == "chunk" else len(items[task[1]]) for task in tasks)
    tasks.sort(key=lambda task: task[0] != "whole")  # the long ones first
    results = run_tasks(tasks, targets, items, by_code, ctx, jobs if size >= PARALLEL_MIN else 1)
    broken: set[int] = set()
    for task, result in zip(tasks, results):
        plan = plans[task[1]]
        if task[0] == "chunk":
            if isinstance(result, str):
                broken.add(task[1])  # a rule broke its reads="clause" declaration
            else:
                plan.entries.update(result)
        elif result is not None:
            plan.whole[task[2]] = result
    out: list[list[tuple[Rule, Hit]]] = []
    for t, plan in enumerate(plans):
        try:
            if t in broken:
                raise Undeclared("")
            found = _replay(plan, by_code, ctx)
        except Undeclared:
            # a rule broke its reads="clause" declaration: every rule on the whole
            # target, as if none were declared per clause, and nothing cached
            out.append(_run_whole(plan.clause_rules + plan.whole_rules, plan.target, ctx))
            continue
        if cache is not None and plan.bucket is not None:
            cache.replace(*plan.bucket, {k: plan.entries[i] for i, k in enumerate(plan.keys)},
                          {c: {"d": plan.digest, "hits": h} for c, h in plan.whole.items()})
        out.append(found)
    if cache is not None:
        cache.save()
    return out


def _lookup(plan: _Plan, cache: ResultCache, ctx_key: str, ctx: CheckContext, digests: Digests) -> None:
    target = plan.target
    docs = (target.source, target.target) if isinstance(target, AlignedDocument) else (target,)
    glossary = glossary_digest(docs[-1].path, ctx.data)
    if glossary is None:
        return  # unreadable glossary: nothing cached, the rules report it
    header = digest(ctx_key, glossary, *map(document_attrs, docs))
    key = digest("pair" if len(docs) == 2 else "document", *(f"{d.path}\0{d.lang}" for d in docs))
    plan.bucket = (key, header)
    stored = cache.bucket(key, header)
    clause_rules = {r.code for r in plan.clause_rules}
    sides = (0, 1) if len(docs) == 2 else (0,)
    if isinstance(target, AlignedDocument):
        plan.keys = [digest(digests.clause(a), digests.clause(b)) for a, b in plan.items]
    else:
        plan.keys = [digests.clause(c) for c in plan.items]
    for i, k in enumerate(plan.keys):
        entry = stored["clauses"].get(k)
        if isinstance(entry, list) and all(_valid_entry(e, clause_rules, sides) for e in entry):
            plan.entries[i] = entry
    cache.stats["clause_hits"] += len(plan.entries)
    cache.stats["clause_misses"] += len(plan.keys) - len(plan.entries)
    if plan.whole_rules:
        plan.digest = digests.whole(target)
        n_nodes = len(node_table(target))
        for r in plan.whole_rules:
            entry = stored["whole"].get(r.code)
            if (isinstance(entry, dict) and entry.get("d") == plan.digest and isinstance(entry.get("hits"), list)
                    and all(_valid_whole(e, n_nodes) for e in entry["hits"])):
                plan.whole[r.code] = entry["hits"]
                cache.stats["whole_hits"] += 1
            else:
                cache.stats["whole_misses"] += 1


def _valid_hit(data: list) -> bool:
    if len(data) != len(HIT_FIELDS):
        return False
    values = dict(zip(HIT_FIELDS, data))
    return isinstance(values.get("message"), str) and isinstance(values.get("lang"), str) and \
        (values.get("eid") is None or isinstance(values.get("eid"), str))


def _valid_entry(e: Any, codes: set[str], sides: tuple[int, ...]) -> bool:
    return isinstance(e, list) and len(e) >= 2 and e[0] in codes and e[1] in sides and _valid_hit(e[2:])


def _valid_whole(e: Any, n_nodes: int) -> bool:
    return isinstance(e, list) and bool(e) and type(e[0]) is int and 0 <= e[0] < n_nodes and _valid_hit(e[1:])


def _run_whole(rules: list[Rule], target: Any, ctx: CheckContext) -> list[tuple[Rule, Hit]]:
    return [(r, h) for r in rules if r.func is not None for h in r.func(target, ctx)]


def _replay(plan: _Plan, by_code: dict[str, Rule], ctx: CheckContext) -> list[tuple[Rule, Hit]]:
    """The plan's hits on its own nodes: whole-document rules, then clause by clause."""
    target = plan.target
    found: list[tuple[Rule, Hit]] = []
    table = node_table(target) if plan.whole_rules else []
    for r in plan.whole_rules:
        if r.code in plan.whole:
            found.extend((r, make_hit(table[e[0]], e[1:])) for e in plan.whole[r.code])
        else:  # reported on a node without a position: run here, not cached
            found.extend(_run_whole([r], target, ctx))
    if plan.clause_rules:
        found.extend(run_skeleton(target, plan.clause_rules, ctx))
    pair = isinstance(target, AlignedDocument)
    for i, item in enumerate(plan.items):
        for e in plan.entries[i]:
            found.append((by_code[e[0]], make_hit(item[e[1]] if pair else item, e[2:])))
    return found


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
