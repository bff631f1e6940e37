"""The view model: what the templates receive, ready to print.

Stage: render. Imports ``errors``, ``model`` and ``resources`` only (no Jinja2,
no WeasyPrint).

The templates contain no logic beyond loops and conditions, so everything they
show is decided here: the order of the rows (source order, paired by ``eId``),
which language goes in which column, the HTML ids, the labels and the notice.
Display-only normalisation happens here too, never in the corpus: whitespace
runs are folded, and for the PDF the narrow no-break space (U+202F, which the
Japanese font lacks) becomes a no-break space drawn narrower (a
:class:`Segment` with ``is_narrow_space``).

Bidirectional controls are shown, not obeyed (``display.show_bidi_controls``,
shared with the check report and the diff page).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from ..display import show_bidi_controls
from ..errors import Location, RenderError, UnknownFormatError
from ..model import AlignedDocument, Document, Paragraph, Section
from ..resources import templates_dir

#: Layouts, registered as data: name -> languages shown and how.
#: One-language layouts are named by their language code.
LAYOUTS: tuple[str, ...] = ("side-by-side", "interleaved", "ja", "fr")
PAPERS: dict[str, str] = {"a4": "A4", "letter": "letter"}
MEDIA: tuple[str, ...] = ("html", "pdf")
NOTICE_STATUSES: tuple[str, ...] = ("working-translation", "draft")

_SPACES = re.compile(r"[ \t\r\n]+")
# A line break of the XML source between two Japanese characters is no space
# (as in CSS Text 3, segment break transformation for East Asian text).
_CJK = "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t]*[\r\n][ \t\r\n]*(?=[{_CJK}])")
NARROW_NBSP = "\u202f"
#: Bidirectional embedding, override and isolate controls (Unicode UAX #9 §2.1-2.2:
#: LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI); ``checks.typography`` lists the same.


@dataclass(frozen=True)
class Segment:
    """A run of clause text; ``is_narrow_space`` marks a U+202F drawn narrow."""

    text: str
    is_narrow_space: bool = False


@dataclass(frozen=True)
class ClauseView:
    eid: str
    html_id: str
    lang: str
    segments: tuple[Segment, ...]
    counterpart_id: str | None

    @property
    def text(self) -> str:
        return "".join(NARROW_NBSP if s.is_narrow_space else s.text for s in self.segments)


@dataclass(frozen=True)
class Cell:
    """One language's side of a row: a heading or a paragraph, or nothing."""

    lang: str
    html_id: str
    heading: str | None = None
    clauses: tuple[ClauseView, ...] = ()
    is_missing: bool = False
    is_bookmark: bool = False
    separator: str = " "  # between clauses: nothing in Japanese, a space in French


@dataclass(frozen=True)
class Row:
    """One aligned unit: a section heading or a paragraph, one cell per column."""

    kind: str  # "heading" or "para"
    eid: str
    cells: tuple[Cell, ...]
    clause_rows: tuple[tuple[ClauseView | None, ...], ...]  # interleaved: clause by clause


@dataclass(frozen=True)
class Column:
    lang: str
    language: str  # the language's own name, e.g. "日本語"
    status: str  # the status in that language, e.g. "仮訳"
    title: str
    is_source: bool
    dateline: str | None = None  # place and date as that language writes them, when known
    signatories: tuple[str, ...] = ()


@dataclass(frozen=True)
class Notice:
    lang: str
    text: str


@dataclass(frozen=True)
class View:
    """Everything a template shows."""

    doc_id: str
    layout: str
    medium: str
    paper: str
    lang: str  # the reading language: <html lang>, PDF /Lang, outline
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    notices: tuple[Notice, ...]
    version: str
    version_labels: tuple[Notice, ...]
    title: str  # <title>: both titles
    titles: tuple[Notice, ...]  # the shown languages' titles first, then the others'
    description: str
    keywords: str
    date: str | None
    show_labels: tuple[Notice, ...]
    both_label: str

    @property
    def is_side_by_side(self) -> bool:
        return self.layout == "side-by-side"

    @property
    def is_interleaved(self) -> bool:
        return self.layout == "interleaved"


@cache
def labels() -> dict[str, dict]:
    """The per-language wording of the templates (``templates/labels.json``)."""
    path = templates_dir() / "labels.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RenderError(f"cannot read the template labels: {exc}") from exc


def _labels_for(lang: str) -> dict:
    try:
        return labels()[lang]
    except KeyError:
        raise RenderError(f"no template labels for language {lang!r}; add them to templates/labels.json") from None


def display_segments(text: str, medium: str) -> tuple[Segment, ...]:
    """Fold whitespace runs (dropping source line breaks inside Japanese), show
    bidirectional controls as markers; in the PDF, split out the narrow no-break spaces."""
    text = show_bidi_controls(_SPACES.sub(" ", _CJK_BREAK.sub("", text)).strip())
    if medium != "pdf" or NARROW_NBSP not in text:
        return (Segment(text),)
    out: list[Segment] = []
    for i, part in enumerate(text.split(NARROW_NBSP)):
        if i:
            out.append(Segment("\u00a0", is_narrow_space=True))
        if part:
            out.append(Segment(part))
    return tuple(out)


def check_layout(layout: str, pair: AlignedDocument) -> tuple[str, ...]:
    """The languages a layout shows, in column order (before ``left`` is applied).

    Raises:
        UnknownFormatError: the layout is not registered.
    """
    if layout not in LAYOUTS:
        raise UnknownFormatError("layout", layout, LAYOUTS)
    if layout in ("side-by-side", "interleaved"):
        return pair.languages
    if layout not in pair.languages:
        raise UnknownFormatError("layout", layout, [*LAYOUTS[:2], *pair.languages])
    return (layout,)


def build_view(
    pair: AlignedDocument,
    *,
    layout: str = "side-by-side",
    left: str = "ja",
    medium: str = "html",
    paper: str = "a4",
    version: str | None = None,
    date: str | None = None,
) -> View:
    """Prepare what the template shows for ``pair`` in ``layout``.

    Args:
        pair: the aligned document.
        layout: one of :data:`LAYOUTS`.
        left: the language of the left (or upper) column; also the reading
            language of the outline and ``<html lang>`` in two-language layouts.
        medium: ``html`` (browser file) or ``pdf`` (input of WeasyPrint).
        paper: ``a4`` or ``letter``.
        version: shown on every page; default the document's version, else "unreleased".
        date: YYYY-MM-DD written as the creation date, or None.

    Raises:
        UnknownFormatError: unknown layout, paper or left language.
    """
    langs = check_layout(layout, pair)
    if left not in pair.languages:
        raise UnknownFormatError("language", left, pair.languages)
    if paper not in PAPERS:
        raise UnknownFormatError("paper size", paper, tuple(PAPERS))
    if medium not in MEDIA:
        raise UnknownFormatError("medium", medium, MEDIA)
    if len(langs) == 2 and langs[0] != left:
        langs = (langs[1], langs[0])
    docs = [pair[lang] for lang in langs]
    for doc in docs:
        _refuse_duplicate_ids(doc)
    primary = langs[0]

    def html_id(lang: str, eid: str) -> str:
        # The left (or only) language owns the bare eId, so that the permalink
        # #sec_1__para_2__cl_1 works in every layout; the other is prefixed.
        return eid if lang == primary else f"{lang}-{eid}"

    columns = tuple(
        Column(
            lang=d.lang,
            language=_labels_for(d.lang)["language"],
            status=_labels_for(d.lang)["status"][d.status],
            title=_fold(d.meta.title),
            is_source=d.lang == pair.source.lang,
            dateline=dateline(d),
            signatories=tuple(_fold(s) for s in d.meta.signatories),
        )
        for d in docs
    )
    rows = tuple(_rows(pair, docs, html_id, medium))
    shown_status = {d.status for d in docs}
    notices = tuple(
        Notice(lang, _labels_for(lang)["notice"][status])
        for status in NOTICE_STATUSES
        if status in shown_status
        for lang in _notice_order(pair, primary)
    )
    resolved_version = version or pair.source.version or pair.target.version or "unreleased"
    titles = tuple(Notice(c.lang, c.title) for c in columns) + tuple(
        Notice(d.lang, _fold(d.meta.title)) for d in (pair.source, pair.target) if d.lang not in langs
    )
    return View(
        doc_id=pair.id,
        layout=layout,
        medium=medium,
        paper=PAPERS[paper],
        lang=primary,
        columns=columns,
        rows=rows,
        notices=notices,
        version=resolved_version,
        version_labels=tuple(Notice(c.lang, _labels_for(c.lang)["version"]) for c in columns),
        title=" / ".join(t.text for t in titles),
        titles=titles,
        description=" — ".join(
            _labels_for(c.lang)["status_line"].format(language=c.language, status=c.status) for c in columns
        ),
        keywords=", ".join([pair.id, *langs, *sorted(shown_status)]),
        date=date,
        show_labels=tuple(Notice(c.lang, c.language) for c in columns),
        both_label=" / ".join(_labels_for(lang)["both"] for lang in langs),
    )


def format_date(iso: str, lang: str) -> str:
    """``2026-03-31`` as ``lang`` writes it (``2026年3月31日``, ``31 mars 2026``), from the labels."""
    lab = _labels_for(lang)
    year, month, day = (int(x) for x in iso.split("-"))
    return lab["date"].format(
        year=year, month=lab["months"][month - 1], day=lab["first_day"] if day == 1 else str(day)
    )


def dateline(doc: Document) -> str | None:
    """Place and date of ``doc`` in its language; whichever is known; None when neither is."""
    date = format_date(doc.meta.date, doc.lang) if doc.meta.date else None
    place = _fold(doc.meta.place) if doc.meta.place else None
    if date and place:
        return _labels_for(doc.lang)["dateline"].format(date=date, place=place)
    return date or place


def _refuse_duplicate_ids(doc: Document) -> None:
    """Rows pair by eId: a duplicated id would hide text, so rendering stops instead."""
    seen: set[str] = set()
    for node in doc.iter_nodes():
        if node.id in seen:
            loc = node.loc.location() if node.loc else Location(doc.path)
            raise RenderError(f"duplicate eId {node.id!r} in the {doc.lang} text; run 'jpfr check' and fix it", loc)
        seen.add(node.id)


def _notice_order(pair: AlignedDocument, primary: str) -> tuple[str, ...]:
    # The notice is always bilingual, whatever the layout: a reader of either
    # language must see that the text is not official.
    langs = pair.languages
    return (primary, *[x for x in langs if x != primary])


def _fold(text: str) -> str:
    return show_bidi_controls(_SPACES.sub(" ", text).strip())


def _clause_views(para: Paragraph | None, lang: str, html_id, medium: str) -> tuple[ClauseView, ...]:
    """The clauses of one side; counterparts are filled in by ``_rows``, which sees both."""
    if para is None:
        return ()
    return tuple(
        ClauseView(c.id, html_id(lang, c.id), lang, display_segments(c.text, medium), None)
        for c in para.clauses
    )


def _with_counterparts(views: tuple[ClauseView, ...], others: dict[str, str]) -> tuple[ClauseView, ...]:
    return tuple(
        ClauseView(v.eid, v.html_id, v.lang, v.segments, others.get(v.eid)) for v in views
    )


def _rows(pair: AlignedDocument, docs: list[Document], html_id, medium: str):
    """Rows in the order of the first shown document, then nodes only the others have."""
    indexes = [d.index() for d in docs]
    seen: set[str] = set()

    def units(doc: Document):
        if doc.preamble:
            for para in doc.preamble.paragraphs:
                yield para
        for sec in doc.sections:
            yield sec
            yield from sec.paragraphs

    order: list[Section | Paragraph] = []
    for doc in docs:
        for node in units(doc):
            if node.id not in seen:
                seen.add(node.id)
                order.append(node)

    for node in order:
        if isinstance(node, Section):
            cells = []
            for doc, index in zip(docs, indexes):
                sec = index.get(node.id)
                lab = _labels_for(doc.lang)
                if isinstance(sec, Section):
                    if sec.heading is not None:
                        heading = lab["section_heading"].format(num=sec.num, heading=_fold(sec.heading.text))
                    else:
                        heading = lab["section_num"].format(num=sec.num)
                    cells.append(Cell(doc.lang, html_id(doc.lang, node.id), heading=heading,
                                      is_bookmark=doc is docs[0]))
                else:
                    cells.append(Cell(doc.lang, html_id(doc.lang, node.id), is_missing=True))
            yield Row("heading", node.id, tuple(cells), ())
            continue
        per_lang: list[tuple[ClauseView, ...]] = []
        paras = [index.get(node.id) for index in indexes]
        for doc, para in zip(docs, paras):
            per_lang.append(
                _clause_views(para if isinstance(para, Paragraph) else None, doc.lang, html_id, medium)
            )
        if len(per_lang) == 2:
            ids = [{v.eid: v.html_id for v in views} for views in per_lang]
            per_lang = [_with_counterparts(per_lang[0], ids[1]), _with_counterparts(per_lang[1], ids[0])]
        cells = tuple(
            Cell(doc.lang, html_id(doc.lang, node.id), clauses=views, is_missing=not isinstance(para, Paragraph),
                 separator=_labels_for(doc.lang)["clause_separator"])
            for doc, para, views in zip(docs, paras, per_lang)
        )
        yield Row("para", node.id, cells, _clause_rows(per_lang))


def _clause_rows(per_lang: list[tuple[ClauseView, ...]]) -> tuple[tuple[ClauseView | None, ...], ...]:
    """Clauses paired by eId, in the order of the first language, then the others' own."""
    order: list[str] = []
    for views in per_lang:
        for v in views:
            if v.eid not in order:
                order.append(v.eid)
    by_id = [{v.eid: v for v in views} for views in per_lang]
    return tuple(tuple(m.get(eid) for m in by_id) for eid in order)
