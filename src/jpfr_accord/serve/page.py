"""The workbench's view model: the rendered document's rows, with findings and review states.

Stage: serve. Imports ``model``, ``display``, ``checks`` (the rule registry),
``revise`` (how a heading is named), ``serve.workspace`` and ``render.context``
(the order, pairing and labels of ``render``'s HTML, reused as they are).

Rows come from :func:`render.context.build_view`, so the workbench shows the
document in the order and pairing of the rendered HTML; each clause row then
gets its review state, and every text (clause, heading, title) the findings
reported on it. A finding's optional ``span`` (start, end offsets into the
stored text) marks the offending words; the marks are computed on the stored
text, and each piece is made displayable afterwards, so offsets stay exact.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from ..checks import REGISTRY
from ..display import show_bidi_controls
from ..model import AlignedDocument, Clause, Finding, Section
from ..render.context import build_view, labels
from ..revise import HEADING_SUFFIX
from .workspace import DocState, clause_states, heading_states

SEVERITIES = ("error", "warning", "info")
STATES = ("reviewed", "stale", "unreviewed", "missing")
TITLE_ID = "meta__title"

#: The keyboard shortcuts, shown on the page and implemented by workbench.js.
SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("j", "next finding"),
    ("k", "previous finding"),
    ("n", "next clause"),
    ("p", "previous clause"),
    ("e", "edit the translation"),
    ("Ctrl+Enter", "save the edit"),
    ("Escape", "cancel the edit"),
    ("a", "accept (mark reviewed)"),
    ("s", "suggestions for this clause"),
)


@dataclass(frozen=True)
class Piece:
    text: str
    mark: str | None = None  # the severity of the finding that marks these words


@dataclass(frozen=True)
class Explain:
    title: str
    body: str


@dataclass(frozen=True)
class FindingView:
    code: str
    name: str
    severity: str
    message: str
    eid: str | None
    lang: str | None
    explain: tuple[Explain, ...]


@dataclass(frozen=True)
class Unit:
    """One text of one language: a clause, a section heading or the title."""

    kind: str
    eid: str
    lang: str
    dom_id: str
    pieces: tuple[Piece, ...]
    raw: str
    findings: tuple[FindingView, ...] = ()
    label: str = ""
    is_editable: bool = False


@dataclass(frozen=True)
class Row:
    kind: str  # "title", "heading" or "clause"
    eid: str
    dom_id: str
    accept_id: str | None  # what "accept" names (``<section eId>__heading`` for a heading)
    units: tuple[Unit | None, Unit | None]  # source, translation
    state: str | None = None
    severity: str | None = None  # the highest among the row's findings

    @property
    def has_findings(self) -> bool:
        return self.severity is not None


@dataclass(frozen=True)
class Column:
    lang: str
    language: str
    status: str
    is_source: bool


@dataclass(frozen=True)
class Page:
    doc_id: str
    version: str
    title: str
    source_lang: str
    target_lang: str
    columns: tuple[Column, Column]
    rows: tuple[Row, ...]
    other_findings: tuple[FindingView, ...]
    summary: dict[str, int]
    states: dict[str, int]
    notices: tuple[tuple[str, str], ...]  # (lang, text)


def finding_view(f: Finding) -> FindingView:
    try:
        sections = REGISTRY.get(f.code).sections()
    except Exception:  # noqa: BLE001 - a code the registry does not know (load findings): no explanation
        sections = {}
    return FindingView(f.code, f.name, f.severity.value, f.message, f.eId, f.lang,
                       tuple(Explain(k, v) for k, v in sections.items()))


def marked_pieces(text: str, findings: list[Finding]) -> tuple[Piece, ...]:
    """``text`` cut into pieces, those inside a finding's ``span`` marked with its severity
    (the highest where spans overlap); bidirectional controls shown, not obeyed."""
    spans: list[tuple[int, int, int]] = []  # start, end, severity rank (0 highest)
    for f in findings:
        span = getattr(f, "span", None)
        if not span or len(span) != 2:
            continue
        start, end = int(span[0]), int(span[1])
        if 0 <= start < end <= len(text):  # a span from an older text never marks the wrong words
            spans.append((start, end, SEVERITIES.index(f.severity.value)))
    if not spans:
        return (Piece(show_bidi_controls(text)),)
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    pieces: list[Piece] = []
    for lo, hi in zip(cuts, cuts[1:]):
        ranks = [r for s, e, r in spans if s <= lo and hi <= e]
        mark = SEVERITIES[min(ranks)] if ranks else None
        if pieces and pieces[-1].mark == mark:
            pieces[-1] = Piece(pieces[-1].text + show_bidi_controls(text[lo:hi]), mark)
        else:
            pieces.append(Piece(show_bidi_controls(text[lo:hi]), mark))
    return tuple(pieces) or (Piece(""),)


def _highest(findings) -> str | None:
    sevs = [f.severity for f in findings]
    return next((s for s in SEVERITIES if s in sevs), None)


def build_page(state: DocState) -> Page:
    """Everything the document page shows, from the document as last read."""
    pair: AlignedDocument = state.pair
    src_lang, tgt_lang = pair.source.lang, pair.target.lang
    view = build_view(pair, layout="side-by-side", left=src_lang, medium="html")
    by_key: dict[tuple[str, str], list[Finding]] = {}
    for f in state.findings:
        if f.eId is not None:
            by_key.setdefault((f.lang or tgt_lang, f.eId), []).append(f)
    used: set[tuple[str, str]] = set()

    def unit(kind: str, eid: str, lang: str, raw: str, label: str = "") -> Unit:
        found = by_key.get((lang, eid), [])
        used.add((lang, eid))
        return Unit(kind, eid, lang, f"u-{lang}-{eid}", marked_pieces(raw, found), raw,
                    tuple(finding_view(f) for f in found), label, is_editable=lang == tgt_lang)

    def row(kind: str, eid: str, units: tuple[Unit | None, Unit | None], state_: str | None = None) -> Row:
        found = [f for u in units if u for f in u.findings]
        accept_id = {"clause": eid, "heading": eid + HEADING_SUFFIX}.get(kind)
        return Row(kind, eid, f"row-{eid}", accept_id, units, state_, _highest(found))

    rows = [row("title", TITLE_ID, (unit("title", TITLE_ID, src_lang, pair.source.meta.title),
                                    unit("title", TITLE_ID, tgt_lang, pair.target.meta.title)))]
    indexes = {src_lang: pair.source.index(), tgt_lang: pair.target.index()}
    states = clause_states(pair)
    head_states = heading_states(pair)
    for vrow in view.rows:
        units: list[Unit | None]
        if vrow.kind == "heading":
            units = []
            for lang in (src_lang, tgt_lang):
                sec = indexes[lang].get(vrow.eid)
                if isinstance(sec, Section):
                    num = labels()[lang]["section_num"].format(num=sec.num)
                    heading = sec.heading.text if sec.heading is not None else ""
                    u = unit("heading", sec.id, lang, heading, num)
                    if sec.heading is None:
                        u = dataclasses.replace(u, is_editable=False)
                    units.append(u)
                else:
                    units.append(None)
            rows.append(row("heading", vrow.eid, (units[0], units[1]), head_states.get(vrow.eid)))
            continue
        for pair_views in vrow.clause_rows:
            eid = next(v.eid for v in pair_views if v is not None)
            units = []
            for lang in (src_lang, tgt_lang):
                c = indexes[lang].get(eid)
                units.append(unit("clause", eid, lang, c.text) if isinstance(c, Clause) else None)
            rows.append(row("clause", eid, (units[0], units[1]), states.get(eid)))
    others = tuple(finding_view(f) for f in state.findings if f.eId is None or (f.lang or tgt_lang, f.eId) not in used)
    summary = {s: sum(1 for f in state.findings if f.severity.value == s) for s in SEVERITIES}
    counted = {s: sum(1 for v in [*states.values(), *head_states.values()] if v == s) for s in STATES}
    counted["findings"] = sum(1 for r in rows if r.kind != "title" and r.has_findings)
    columns = tuple(Column(c.lang, c.language, c.status, c.is_source) for c in view.columns)
    return Page(pair.id, state.version, view.title, src_lang, tgt_lang, (columns[0], columns[1]), tuple(rows), others,
                summary, counted, tuple((n.lang, n.text) for n in view.notices))


def page_json(page: Page) -> dict[str, Any]:
    """The page as JSON-ready values (what the script updates the page from after a save)."""
    return dataclasses.asdict(page)
