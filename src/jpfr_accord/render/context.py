"""The view model: what the templates receive, ready to print.

Stage: render. Imports ``errors``, ``model`` and ``resources`` only (no Jinja2,
no WeasyPrint).

The templates contain no logic beyond loops and conditions, so everything they
show is decided here: the order of the rows (source order, paired by ``eId``),
which language goes in which column, the HTML ids, the labels and the notice.
Display-only typography (``render.typography``) happens here too, never in the
corpus. A clause or heading one language lacks is a marked placeholder
(« [traduction manquante] » / 「[訳文なし]」), listed in ``View.missing`` so that
the caller can warn.

Ids: every element of a language is ``<lang>-<eId>`` in every layout and
whatever the column order, so that a link names the same text in every render;
the bare ``<eId>`` names the pair (the table row, the interleaved group, or an
empty anchor before the clause pair).

Bidirectional controls are shown, not obeyed (``display.show_bidi_controls``,
shared with the check report and the diff page).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..display import show_bidi_controls
from ..errors import Location, RenderError, UnknownFormatError
from ..model import AlignedDocument, Document, Paragraph, Section
from .hyphenation import keep_whole as keep_words
from .labels import dateline, format_date, labels, labels_for
from .typography import NARROW_NBSP, Segment, display_segments, fold, french_spaces, text_width

#: Layouts, registered as data: name -> languages shown and how.
#: One-language layouts are named by their language code.
LAYOUTS: tuple[str, ...] = ("side-by-side", "interleaved", "ja", "fr")
PAPERS: dict[str, str] = {"a4": "A4", "letter": "letter"}
MEDIA: tuple[str, ...] = ("html", "pdf")
NOTICE_STATUSES: tuple[str, ...] = ("working-translation", "draft")
#: The narrowest share of the width a column of two gets, whatever the texts' lengths.
MIN_COLUMN_SHARE = 0.3

__all__ = ["NARROW_NBSP", "Segment", "dateline", "display_segments", "format_date", "labels", "show_bidi_controls"]


@dataclass(frozen=True)
class ClauseView:
    eid: str
    html_id: str
    lang: str
    segments: tuple[Segment, ...]
    counterpart_id: str | None
    is_missing: bool = False  # a placeholder for a clause this language lacks
    copy_label: str = ""  # the copy-link control's name, in the clause's language

    @property
    def text(self) -> str:
        return "".join(NARROW_NBSP if s.is_narrow_space else s.text for s in self.segments)


@dataclass(frozen=True)
class Cell:
    """One language's side of a row: a heading or a paragraph, or a marked placeholder."""

    lang: str
    html_id: str
    heading: str | None = None
    clauses: tuple[ClauseView, ...] = ()
    is_missing: bool = False
    is_bookmark: bool = False
    separator: str = " "  # between clauses: nothing in Japanese, a space in French
    bookmark_label: str = ""  # the PDF outline entry of a heading: both languages
    cue: str = ""  # « (suite) » / 「（続き）」: shown at the top of a page the paragraph continues on


@dataclass(frozen=True)
class Row:
    """One aligned unit: a section heading or a paragraph, one cell per column."""

    kind: str  # "heading" or "para"
    eid: str
    cells: tuple[Cell, ...]
    clause_rows: tuple[tuple[ClauseView | None, ...], ...]  # interleaved: clause by clause
    bookmark_label: str = ""  # a paragraph that opens the preamble: its outline entry


@dataclass(frozen=True)
class Column:
    lang: str
    language: str  # the language's own name, e.g. "日本語"
    status: str  # the status in that language, e.g. "仮訳"
    title: str
    is_source: bool
    dateline: str | None = None  # place and date as that language writes them, when known
    signatories: tuple[str, ...] = ()
    width: str = ""  # share of the table, e.g. "38.5%" (two columns only)
    header_width: str = ""  # the PDF running header above the column: its share less the 3 mm padding
    version: str = ""  # "版：1.0.0", "version non publiée"
    cue: str = ""  # the continuation cue in this language


@dataclass(frozen=True)
class Notice:
    lang: str
    text: str


@dataclass(frozen=True)
class Missing:
    """A clause, paragraph or heading shown as a placeholder: ``lang`` lacks ``eid``."""

    lang: str
    eid: str
    kind: str  # "clause", "paragraph" or "heading"
    path: str  # the file of the language that lacks it


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
    missing: tuple[Missing, ...] = ()
    colophon: tuple[Notice, ...] = ()  # what the print says about how it was made
    print_header: str = ""  # the browser's running header (printed from the HTML)
    print_status: str = ""  # the browser's footer: the status of each version
    print_notice: str = ""  # and the notices, one a line

    @property
    def is_side_by_side(self) -> bool:
        return self.layout == "side-by-side"

    @property
    def is_interleaved(self) -> bool:
        return self.layout == "interleaved"


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
    allowed_findings: str | None = None,
    keep_whole: frozenset[tuple[str, str]] = frozenset(),
) -> View:
    """Prepare what the template shows for ``pair`` in ``layout``.

    Args:
        pair: the aligned document.
        layout: one of :data:`LAYOUTS`.
        left: the language of the left (or upper) column; also the reading
            language of the outline and ``<html lang>`` in two-language layouts.
        medium: ``html`` (browser file) or ``pdf`` (input of WeasyPrint).
        paper: ``a4`` or ``letter``.
        version: shown on every page; default the document's version, else
            "unreleased" in each language ("未公開版", "version non publiée").
        date: YYYY-MM-DD written as the creation date, or None.
        allowed_findings: why the document is rendered despite error-level
            findings (printed in the colophon), or None.
        keep_whole: (clause html id, word) pairs never to hyphenate (see
            ``render.hyphenation``: no more than two hyphenated lines in a row).

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
    resolved_version = version or pair.source.version or pair.target.version

    def version_text(lang: str) -> str:
        lab = labels_for(lang)
        return lab["version_shown"].format(version=resolved_version) if resolved_version else lab["unreleased_shown"]

    missing: list[Missing] = []
    rows = tuple(_rows(pair, docs, medium, missing, keep_whole))
    widths = _column_widths(docs) if len(docs) == 2 else ("",)
    columns = tuple(
        Column(
            lang=d.lang,
            language=labels_for(d.lang)["language"],
            status=labels_for(d.lang)["status"][d.status],
            title=_shown(d.meta.title, d.lang),
            is_source=d.lang == pair.source.lang,
            dateline=dateline(d),
            signatories=tuple(fold(s) for s in d.meta.signatories),
            width=width,
            header_width=f"{float(width.rstrip('%')) - 1.7:.1f}%" if width else "",
            version=version_text(d.lang),
            cue=labels_for(d.lang)["continued"],
        )
        for d, width in zip(docs, widths)
    )
    notices = _notices(pair, primary)
    titles = tuple(Notice(c.lang, c.title) for c in columns) + tuple(
        Notice(d.lang, _shown(d.meta.title, d.lang)) for d in (pair.source, pair.target) if d.lang not in langs
    )
    colophon = []
    if allowed_findings:
        colophon = [Notice(lang, labels_for(lang)["findings_allowed"].format(reason=fold(allowed_findings)))
                    for lang in _notice_order(pair, primary)]
    status_line = " · ".join(
        labels_for(c.lang)["status_line"].format(language=c.language, status=c.status) + " · " + c.version
        for c in columns
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
        version=resolved_version or labels_for(primary)["unreleased"],
        version_labels=tuple(Notice(c.lang, c.version) for c in columns),
        title=" / ".join(t.text for t in titles),
        titles=titles,
        description=" — ".join(
            labels_for(c.lang)["status_line"].format(language=c.language, status=c.status) for c in columns
        ),
        keywords=", ".join([pair.id, *langs, *sorted({d.status for d in docs})]),
        date=date,
        show_labels=tuple(Notice(c.lang, c.language) for c in columns),
        both_label=" / ".join(labels_for(lang)["both"] for lang in langs),
        missing=tuple(missing),
        colophon=tuple(colophon),
        print_header=" / ".join(c.title for c in columns),
        print_status=status_line,
        print_notice="\n".join(n.text for n in notices),
    )


def _notices(pair: AlignedDocument, primary: str) -> tuple[Notice, ...]:
    """One notice per version whose status needs one, in each language of the pair.

    The notice names the version it is about ("仏語文は仮訳（非公式）", « Le texte
    français est une traduction de travail, non officielle »): a bare 「仮訳」 on
    a page whose Japanese column is authentic would say the wrong thing.
    """
    out = []
    for doc in (pair.source, pair.target):
        if doc.status not in NOTICE_STATUSES:
            continue
        for lang in _notice_order(pair, primary):
            lab = labels_for(lang)
            text = lab["notice"][doc.status].format(version=lab["version_name"][doc.lang])
            out.append(Notice(lang, text[:1].upper() + text[1:]))
    return tuple(out)


def _column_widths(docs: list[Document]) -> tuple[str, str]:
    """Shares of the width proportional to how much room each text needs, so that the
    paragraphs of both columns end near the same line (never under MIN_COLUMN_SHARE)."""
    need = [sum(text_width(c.text) for c in d.clauses()) or 1.0 for d in docs]
    share = min(max(need[0] / (need[0] + need[1]), MIN_COLUMN_SHARE), 1 - MIN_COLUMN_SHARE)
    return (f"{100 * share:.1f}%", f"{100 * (1 - share):.1f}%")


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


def _shown(text: str, lang: str) -> str:
    """A title or heading as shown: folded, with the language's no-break spaces."""
    return french_spaces(fold(text), labels_for(lang)["months"]) if lang == "fr" else fold(text)


def _segments(text: str, lang: str, medium: str) -> tuple[Segment, ...]:
    return display_segments(text, medium, lang, labels_for(lang)["months"])


def _placeholder(lang: str, eid: str, counterpart: str | None) -> ClauseView:
    lab = labels_for(lang)
    return ClauseView(eid, f"{lang}-{eid}", lang, (Segment(lab["missing"]),), counterpart, is_missing=True)


def _clause_views(para: Paragraph | None, lang: str, medium: str,
                  keep: frozenset[tuple[str, str]] = frozenset()) -> tuple[ClauseView, ...]:
    """The clauses of one side; counterparts are filled in by ``_rows``, which sees both."""
    if para is None:
        return ()
    copy = labels_for(lang)["copy_link"]
    out = []
    for c in para.clauses:
        html_id = f"{lang}-{c.id}"
        segments = _segments(c.text, lang, medium)
        words = [w for cid, w in keep if cid == html_id]
        if words:
            segments = keep_words(segments, words)
        out.append(ClauseView(c.id, html_id, lang, segments, None, copy_label=copy))
    return tuple(out)


def _units(doc: Document):
    if doc.preamble:
        yield from doc.preamble.paragraphs
    for sec in doc.sections:
        yield sec
        yield from sec.paragraphs


def _rows(pair: AlignedDocument, docs: list[Document], medium: str, missing: list[Missing],
          keep: frozenset[tuple[str, str]] = frozenset()):
    """Rows in the order of the first shown document, then nodes only the others have.

    What a shown language lacks (a heading, a paragraph, a clause that the other
    version has) is a placeholder, recorded in ``missing``; in a one-language
    layout too, so that nothing the other version says vanishes unmarked.
    """
    everyone = docs + [d for d in (pair.source, pair.target) if d not in docs]
    indexes = [d.index() for d in docs]
    # clauses in the order of the source version, which the translation follows
    all_indexes = [pair.source.index(), pair.target.index()]
    seen: set[str] = set()
    order: list[Section | Paragraph] = []
    for doc in everyone:
        for node in _units(doc):
            if node.id not in seen:
                seen.add(node.id)
                order.append(node)
    preamble_ids = {p.id for d in everyone if d.preamble for p in d.preamble.paragraphs}
    preamble_label = " / ".join(labels_for(d.lang)["preamble"] for d in docs)
    first_preamble = True

    for node in order:
        if isinstance(node, Section):
            yield _heading_row(node, docs, indexes, missing)
            continue
        clause_ids = list(dict.fromkeys(
            c.id for index in all_indexes if isinstance(p := index.get(node.id), Paragraph) for c in p.clauses
        ))
        paras = [index.get(node.id) for index in indexes]
        per_lang = []
        for doc, para in zip(docs, paras):
            has = para if isinstance(para, Paragraph) else None
            if has is None:
                missing.append(Missing(doc.lang, node.id, "paragraph", doc.path))
            mine = {v.eid: v for v in _clause_views(has, doc.lang, medium, keep)}
            views = []
            for eid in clause_ids:
                if eid not in mine and has is not None:
                    missing.append(Missing(doc.lang, eid, "clause", doc.path))
                views.append(mine.get(eid) or _placeholder(doc.lang, eid, None))
            per_lang.append(tuple(views))
        if len(per_lang) == 2:
            per_lang = [_with_counterparts(per_lang[0], per_lang[1]), _with_counterparts(per_lang[1], per_lang[0])]
        cells = tuple(
            Cell(doc.lang, f"{doc.lang}-{node.id}", clauses=views, is_missing=not isinstance(para, Paragraph),
                 separator=labels_for(doc.lang)["clause_separator"], cue=labels_for(doc.lang)["continued"])
            for doc, para, views in zip(docs, paras, per_lang)
        )
        label = ""
        if node.id in preamble_ids and first_preamble:
            label, first_preamble = preamble_label, False
        yield Row("para", node.id, cells, tuple(zip(*per_lang)), bookmark_label=label)


def _with_counterparts(views: tuple[ClauseView, ...], others: tuple[ClauseView, ...]) -> tuple[ClauseView, ...]:
    """``views`` pointing at their counterparts (same position: both sides list the same ids)."""
    return tuple(
        ClauseView(v.eid, v.html_id, v.lang, v.segments, o.html_id, v.is_missing, v.copy_label)
        for v, o in zip(views, others)
    )


def _heading_row(node: Section, docs: list[Document], indexes: list[dict], missing: list[Missing]) -> Row:
    texts: list[str | None] = []
    for doc, index in zip(docs, indexes):
        sec = index.get(node.id)
        lab = labels_for(doc.lang)
        if not isinstance(sec, Section):
            texts.append(None)
        elif sec.heading is not None:
            texts.append(lab["section_heading"].format(num=sec.num, heading=_shown(sec.heading.text, doc.lang)))
        else:
            texts.append(lab["section_num"].format(num=sec.num))
    label = " / ".join(t for t in texts if t)
    cells = []
    for i, (doc, text) in enumerate(zip(docs, texts)):
        if text is None:
            missing.append(Missing(doc.lang, node.id, "heading", doc.path))
            text = labels_for(doc.lang)["missing"]
        first = i == 0 or texts[0] is None and i == 1
        cells.append(Cell(doc.lang, f"{doc.lang}-{node.id}", heading=text, is_missing=texts[i] is None,
                          is_bookmark=first, bookmark_label=label))
    return Row("heading", node.id, tuple(cells), ())
