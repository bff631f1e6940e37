"""Running rules on part of a document, in this process or in forked workers.

Stage: checks. Imports ``model``, ``checks.registry`` and ``checks.cache``.

A ``reads="clause"`` rule (see :func:`checks.registry.rule`) gives the same
findings on a clause whether it runs on the whole document or on a document
holding only some of its clauses. The runner uses that twice: to run such
rules only on the clauses whose cached results are missing, and to split a
large document into chunks checked by several processes. Each chunk runs
with a fresh scratch context, so the per-text caches of the rules (entities,
act readings) live only as long as their chunk: memory stays bounded on a
100,000-clause corpus.

Workers are forked after loading (the model is shared copy-on-write, the GC
frozen so that it is not touched); they send back plain data (clause index,
side, hit fields), never model objects, and the parent rebuilds the hits on
its own nodes, in a fixed order: the findings do not depend on the number of
workers. Where ``fork`` is not available the work runs in this process.
"""

from __future__ import annotations

import dataclasses
import gc
import inspect
import os
import sys
from collections.abc import Sequence
from typing import Any

from ..model import AlignedDocument, Clause, Document, Paragraph, Preamble
from .cache import decode, encode, node_table
from .registry import Hit, Rule

#: The id of the one paragraph holding a chunk's clauses (not a valid eId, so never a real one).
CHUNK_PARA = "__chunk__"
HIT_FIELDS = tuple(f.name for f in dataclasses.fields(Hit) if f.name != "node")


class Undeclared(Exception):
    """A ``reads="clause"`` rule reported on something its declaration does not allow."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def hit_data(hit: Hit) -> list[Any]:
    return [encode(getattr(hit, name)) for name in HIT_FIELDS]


def make_hit(node: Any, data: Sequence[Any]) -> Hit:
    return Hit(node=node, **{name: decode(v) for name, v in zip(HIT_FIELDS, data)})


def scratch(ctx: Any) -> Any:
    """A context for one chunk: the configuration and reference data of ``ctx``,
    without its per-document and per-text scratch caches."""
    data = {k: v for k, v in ctx.data.items() if not k.startswith("_") or k == "_glossaries"}
    return type(ctx)(config=ctx.config, data=data)


def _chunk_document(doc: Document, clauses: Sequence[Clause], headings: bool) -> Document:
    para = Paragraph(id=CHUNK_PARA, clauses=tuple(clauses), loc=None)
    sections = tuple(dataclasses.replace(s, paragraphs=()) for s in doc.sections) if headings else ()
    return dataclasses.replace(doc, preamble=Preamble(paragraphs=(para,), loc=None), sections=sections)


def items_of(target: Document | AlignedDocument, ctx: Any) -> list[Any]:
    """The units a ``reads="clause"`` rule works on: clause pairs, or a document's clauses."""
    if isinstance(target, AlignedDocument):
        return list(ctx.clause_pairs(target))
    return list(target.clauses())


def _skeleton_ids(sub: Document | AlignedDocument) -> set[int]:
    """The nodes of a chunk that are not about its clauses (documents, title, sections, headings)."""
    return {id(n) for n in node_table(sub) if not isinstance(n, (Clause, Paragraph, Preamble))}


def text_caches() -> list[Any]:
    """The per-text caches of the language analysis and the rules: functions of
    ``jpfr_accord.lang`` and ``jpfr_accord.checks`` modules already imported,
    wrapped by ``functools.lru_cache``/``cache``, whose first parameter is
    ``text``. A chunk's texts are not the next chunk's: kept, their analyses
    (UniDic tokens, lemmas, entity readings) grew a 100,000-pair check to
    2.3 GiB; dropped after each chunk, they cost nothing (every rule of the
    chunk has read them by then)."""
    out = []
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith(("jpfr_accord.lang", "jpfr_accord.checks")):
            continue
        for value in list(vars(module).values()):
            wrapped = getattr(value, "__wrapped__", None)
            if wrapped is None or not callable(getattr(value, "cache_clear", None)):
                continue
            if getattr(value, "__module__", None) != name:
                continue  # imported from elsewhere: cleared where it is defined
            try:
                first = next(iter(inspect.signature(wrapped).parameters), None)
            except (TypeError, ValueError):
                continue
            if first == "text":
                out.append(value)
    return out


def drop_text_caches() -> None:
    for func in text_caches():
        func.cache_clear()


def run_chunk(target: Document | AlignedDocument, items: Sequence[Any], idxs: Sequence[int],
              rules: Sequence[Rule], ctx: Any) -> dict[int, list[list[Any]]]:
    """Run ``reads="clause"`` rules on the items ``idxs`` only: on a document (or
    pair) holding those clauses, the title and the section headings. Findings on
    the title and headings are left to :func:`run_skeleton`.

    Returns:
        {item index: [[code, side, *hit fields], …]}, side 0 (source clause, or
        the document's clause) or 1 (translated clause).

    Raises:
        Undeclared: a rule reported on a node that is neither one of the chunk's
            clauses nor the title, a heading, a section or a document.
    """
    chosen = [items[i] for i in idxs]
    where: dict[int, tuple[int, int]] = {}
    if isinstance(target, AlignedDocument):
        sub: Document | AlignedDocument = AlignedDocument(
            source=_chunk_document(target.source, [a for a, _ in chosen], True),
            target=_chunk_document(target.target, [b for _, b in chosen], True),
        )
        for i, (a, b) in zip(idxs, chosen):
            where.setdefault(id(a), (i, 0))
            where.setdefault(id(b), (i, 1))
    else:
        sub = _chunk_document(target, chosen, True)
        for i, c in zip(idxs, chosen):
            where.setdefault(id(c), (i, 0))
    other = _skeleton_ids(sub)
    local = scratch(ctx)
    out: dict[int, list[list[Any]]] = {i: [] for i in idxs}
    try:
        for r in rules:
            assert r.func is not None
            for hit in r.func(sub, local):
                place = where.get(id(hit.node))
                if place is None:
                    if id(hit.node) in other:
                        continue  # the title, a heading, a document: reported by the skeleton run
                    raise Undeclared(r.code)
                out[place[0]].append([r.code, place[1], *hit_data(hit)])
    finally:
        drop_text_caches()
    return out


def run_skeleton(target: Document | AlignedDocument, rules: Sequence[Rule], ctx: Any) -> list[tuple[Rule, Hit]]:
    """The findings of ``reads="clause"`` rules on anything but clauses (the
    title, headings, the documents): the rules run on the target without its clauses.

    Raises:
        Undeclared: a rule reported on a node the skeleton does not have.
    """
    back: dict[int, Any] = {}

    def skeleton_of(doc: Document) -> Document:
        skeleton = _chunk_document(doc, (), True)
        back[id(skeleton)] = doc
        back.update((id(s), o) for s, o in zip(skeleton.sections, doc.sections))
        return skeleton

    sub: Document | AlignedDocument
    if isinstance(target, AlignedDocument):
        sub = AlignedDocument(source=skeleton_of(target.source), target=skeleton_of(target.target))
        back[id(sub)] = target
    else:
        sub = skeleton_of(target)
    known = {id(n) for n in node_table(target) if not isinstance(n, (Clause, Paragraph, Preamble))}
    out = []
    local = scratch(ctx)
    for r in rules:
        assert r.func is not None
        for hit in r.func(sub, local):
            node = back.get(id(hit.node), hit.node)
            if id(node) not in known:
                raise Undeclared(r.code)
            out.append((r, dataclasses.replace(hit, node=node)))
    return out


# -- worker processes -------------------------------------------------------

_STATE: dict[str, Any] = {}


def _work(task: tuple) -> Any:
    kind, t = task[0], task[1]
    target, ctx = _STATE["targets"][t], _STATE["ctx"]
    if kind == "chunk":
        rules = [_STATE["rules"][c] for c in task[3]]
        try:
            return run_chunk(target, _STATE["items"][t], task[2], rules, ctx)
        except Undeclared as exc:
            return exc.code
    rule = _STATE["rules"][task[2]]
    tables = _STATE.setdefault("tables", {})
    if t not in tables:
        tables[t] = {id(n): i for i, n in enumerate(node_table(target))}
    table = tables[t]
    found = []
    for hit in rule.func(target, ctx):
        pos = table.get(id(hit.node))
        if pos is None:
            return None  # a node the parent cannot name: it runs this rule itself
        found.append([pos, *hit_data(hit)])
    return found


def run_tasks(tasks: list[tuple], targets: list[Any], items: list[list[Any]], rules: dict[str, Rule],
              ctx: Any, jobs: int) -> list[Any]:
    """Run ``("chunk", target index, item indices, rule codes)`` and
    ``("whole", target index, rule code)`` tasks on ``jobs`` forked workers
    (in this process when ``jobs`` is 1 or fork is unavailable); results in task order."""
    _STATE.update(targets=targets, items=items, rules=rules, ctx=ctx)
    try:
        if jobs <= 1 or len(tasks) <= 1:
            return [_work(t) for t in tasks]
        import multiprocessing  # not at the top: 20-30 ms of every small check's start-up

        if "fork" not in multiprocessing.get_all_start_methods():
            return [_work(t) for t in tasks]
        frozen = gc.get_freeze_count()
        if not frozen:
            gc.collect()
            gc.freeze()  # the model stays shared with the workers, not copied by the collector's writes
        try:
            with multiprocessing.get_context("fork").Pool(min(jobs, len(tasks))) as pool:
                return pool.map(_work, tasks, chunksize=1)
        finally:
            if not frozen:
                gc.unfreeze()
    finally:
        _STATE.clear()
