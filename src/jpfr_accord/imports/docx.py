"""Word import: a ``.docx`` the other side returned, back into the corpus (``jpfr import-docx``).

Stage: import. Imports ``errors``, ``model``, ``load`` (the pair, the
layout-preserving writer ``edit_clauses``) and ``render`` (bookmark names, the
view model, and the document ``jpfr render --to docx`` would write, whose
structure the returned file must still have); python-docx only to build that
expected document.

What it does, in order, refusing the whole file at the first problem (nothing
written):

1. the file's ``dc:identifier`` must be the document asked for, its
   ``category`` a layout ``jpfr render`` writes, showing the target language;
2. its bookmarks, table rows and cells must be those of the document the
   current corpus renders in that layout (a merged, split, added or removed row,
   a deleted clause, or a file made from another version is refused);
3. the source-language text, with its tracked changes rejected, must still be
   the corpus text;
4. each clause of the target language is read by its bookmark, with tracked
   changes accepted; tracked insertions, deletions and comments are reported
   per clause; the clauses whose text differs from the corpus are written
   with ``load.edit_clauses`` (in place, atomically, keeping comments and
   layout), and only with ``accept=True``. The file records a digest of each
   translated clause as rendered (custom properties): a clause the file did
   not change keeps the corpus text even if the corpus changed since, and a
   clause changed on both sides refuses the file.

Headings are imported like clauses, after their number (which comes from the corpus).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import AccordError, ExportError, Location
from ..load import edit_clauses, load_pair
from ..model import DOC_ID_PATTERN, AlignedDocument, Section
from ..render.context import LAYOUTS, build_view, display_segments, labels
from ..render.docx import RECORD_PROPERTY, bookmark_name, category, shown_text, stored_texts, text_digest
from .docx_read import Comment, Piece, attribute, read_package, walk

_SHOWN = 60  # characters of a tracked change or comment quoted in a message
_MAX_NOTES = 10  # notes about text outside the clauses, before a count of the rest


@dataclass
class ClauseReview:
    """What the returned file says about one clause (or heading) in one language."""

    eid: str
    lang: str
    kind: str  # "clause" or "heading"
    insertions: list[str] = field(default_factory=list)
    deletions: list[str] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    text: str | None = None  # the accepted text, when it differs from the corpus
    before: str = ""  # the corpus text, as rendered

    @property
    def is_changed(self) -> bool:
        return self.text is not None


@dataclass
class DocxImportResult:
    path: str  # the corpus file of the target language
    reviews: list[ClauseReview] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)  # ids written (with accept=True)
    pending: list[str] = field(default_factory=list)  # ids whose text differs
    unchanged: int = 0
    applied: bool = False
    notes: list[str] = field(default_factory=list)


def quote(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…")


def describe_change(old: str, new: str) -> str:
    """The differing middle of two texts, with a little context: ``'…Le Président…' -> '…Le président…'``."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    context = 12

    def middle(text: str) -> str:
        a, b = max(0, start - context), len(text) - max(0, end - context)
        return ("…" if a else "") + text[a:b] + ("…" if b < len(text) else "")

    return f"{quote(middle(old))} -> {quote(middle(new))}"


def _fold(text: str) -> str:
    return "".join(s.text for s in display_segments(text, "html"))


def _record(custom: dict[str, str], lang: str) -> dict[str, str] | None:
    """Clause id -> digest of its text as rendered, from the custom properties; None if absent."""
    prefix = f"{RECORD_PROPERTY} {lang} "
    chunks = sorted((int(k[len(prefix):]), v) for k, v in custom.items()
                    if k.startswith(prefix) and k[len(prefix):].isdigit())
    if not chunks:
        return None
    return dict(entry.partition("=")[::2] for _, value in chunks for entry in value.split())


def _heading_text(pair: AlignedDocument, eid: str, shown: str) -> tuple[str, str | None]:
    """The heading text in ``shown`` (the number as rendered, then the heading), or why it cannot be read."""
    section = pair.target.index().get(eid)
    if not isinstance(section, Section) or section.heading is None:
        return "", "was typed where the section has only a number (add a heading to the corpus first)"
    prefix = labels()[pair.target.lang]["section_heading"].split("{heading}")[0].format(num=section.num)
    if not shown.startswith(prefix):
        return "", f"no longer begins with its number {prefix.strip()!r} (numbers come from the corpus)"
    heading = shown[len(prefix):].strip()
    return heading, None if heading else "is empty"


def _outside(pieces: list[Piece]) -> list[tuple[str, str]]:
    """The text of pieces outside every bookmark, one per paragraph or cell: (without
    any white space, to compare; as shown). Word processors move spaces between runs."""
    by_container: dict[int, list[str]] = {}
    for p in pieces:
        if p.kind in ("text", "ins"):
            by_container.setdefault(p.container, []).append(p.text)
    texts = (_fold("".join(v)) for v in by_container.values())
    return [(re.sub(r"\s+", "", t), t) for t in texts if t]


def _layout(core: dict[str, str], display: str) -> tuple[str, str]:
    value = core.get("category", "")
    parts = value.split()
    if len(parts) == 3 and parts[0] == "jpfr-accord" and parts[1] in LAYOUTS and parts[2].startswith("left="):
        if category(parts[1], parts[2][5:]) == value:
            return parts[1], parts[2][5:]
    raise ExportError(f"the document property 'category' is {value!r}, not the layout 'jpfr render' wrote; "
                      "nothing imported", Location(display))


def _expected(pair: AlignedDocument, layout: str, left: str, version: str | None):
    """The view and the bookmarked body of the document ``jpfr render --to docx`` writes now."""
    from ..render import docx_build

    view = build_view(pair, layout=layout, left=left, medium="html", version=version)
    doc = docx_build.build_document(view, pair, date=None, category=category(layout, left))
    return view, doc.element.body


def _texts(view, pair: AlignedDocument) -> dict[str, tuple[str, str, str, str]]:
    """Bookmark name -> (kind, lang, eid, text as rendered); kind is "clause", "heading",
    or "missing" for the placeholder of a clause or heading that language lacks."""
    stored = stored_texts(pair)
    out: dict[str, tuple[str, str, str, str]] = {}
    for row in view.rows:
        for cell in row.cells:
            if row.kind == "heading" and cell.heading:
                kind = "missing" if cell.is_missing else "heading"
                out[bookmark_name(cell.lang, row.eid)] = (kind, cell.lang, row.eid, cell.heading)
            for cl in cell.clauses:
                kind = "missing" if cl.is_missing else "clause"
                out[bookmark_name(cl.lang, cl.eid)] = (kind, cl.lang, cl.eid, shown_text(cl, stored))
    return out


def _compare_skeletons(found: list, wanted: list, texts, display: str) -> None:
    """Refuse a file whose bookmarks, rows or cells are not those of the rendered document."""
    if found == wanted:
        return

    def label(name: str) -> str:
        _, lang, eid, _ = texts[name]
        return f"{eid!r} ({lang})"

    def describe(token) -> str:
        return f"the bookmark of {label(token)}" if isinstance(token, str) else f"a table of {len(token)} rows"

    def row_problem(n: int, table: int, found_row, wanted_row) -> str:
        where = f"row {n} of table {table}"
        if len(found_row) != len(wanted_row):
            n_cells = f"{len(found_row)} cell{'s' if len(found_row) != 1 else ''}"
            return f"{where} has {n_cells}, the rendered document {len(wanted_row)} (cells merged or split)"
        fa, fb = [x for c in found_row for x in c], [x for c in wanted_row for x in c]
        missing = [x for x in fb if x not in fa]
        if missing:
            return f"{where} lacks {describe(missing[0])} (a row deleted, moved or merged, or the clause deleted)"
        extra = [x for x in fa if x not in fb]
        if extra:
            return f"{where} holds {describe(extra[0])}, which belongs elsewhere"
        return f"{where} has its clauses in another order or cell"

    problem = ""
    for i, (a, b) in enumerate(zip(found, wanted)):
        if a == b:
            continue
        if isinstance(a, tuple) and isinstance(b, tuple):
            table = sum(1 for t in wanted[: i + 1] if isinstance(t, tuple))
            for r, (ra, rb) in enumerate(zip(a, b)):
                if ra != rb:
                    problem = row_problem(r + 2, table, ra, rb)  # row 1 holds the column heads
                    break
            else:
                problem = f"table {table} has {len(a)} rows of text, the rendered document {len(b)}"
        else:
            problem = f"found {describe(a)} where the rendered document has {describe(b)}"
        break
    else:
        extra = found[len(wanted):] or wanted[len(found):]
        problem = f"{'unexpected' if len(found) > len(wanted) else 'missing'}: {describe(extra[0])}"
    raise ExportError(f"the file no longer has the structure of the rendered document (a table restructured, "
                      f"a clause deleted, or a file rendered from another version): {problem}; nothing imported",
                      Location(display))


def read_reviews(pieces: list[Piece], texts, comments: dict[str, Comment]) -> tuple[dict, dict, dict]:
    """Accepted text, original text and review of every bookmark."""
    accepted: dict[str, list[str]] = {}
    original: dict[str, list[str]] = {}
    reviews: dict[str, ClauseReview] = {}
    last_kind: dict[str, str] = {}
    seen_comments: set[str] = set()
    for p in pieces:
        if p.key is None:  # attribute() gave every piece its bookmark
            continue
        kind, lang, eid, _ = texts[p.key]
        review = reviews.setdefault(p.key, ClauseReview(eid, lang, kind))
        if p.kind == "para":
            sep = labels()[lang]["clause_separator"]
            accepted.setdefault(p.key, []).append(sep)
            original.setdefault(p.key, []).append(sep)
        elif p.kind == "comment":
            if p.text not in seen_comments and p.text in comments:
                seen_comments.add(p.text)
                review.comments.append(comments[p.text])
        else:
            if p.kind in ("text", "ins"):
                accepted.setdefault(p.key, []).append(p.text)
            if p.kind in ("text", "del"):
                original.setdefault(p.key, []).append(p.text)
            if p.kind in ("ins", "del"):
                bucket = review.insertions if p.kind == "ins" else review.deletions
                if last_kind.get(p.key) == p.kind and bucket:
                    bucket[-1] += p.text
                else:
                    bucket.append(p.text)
        last_kind[p.key] = p.kind
    return ({k: _fold("".join(v)) for k, v in accepted.items()},
            {k: _fold("".join(v)) for k, v in original.items()}, reviews)


def import_docx(path: str | Path, doc_id: str, corpus: str | Path = "corpus", lang: str = "fr",
                *, accept: bool = False) -> DocxImportResult:
    """Read a returned ``.docx`` and, with ``accept``, write its changed clauses into the corpus.

    Args:
        path: the ``.docx`` (as written by ``jpfr render --to docx``, then edited in Word).
        doc_id: the document it must be for.
        corpus: the corpus folder holding ``<lang>/<doc-id>.xml``.
        lang: the target language, whose text is imported.
        accept: write the changed clauses (tracked changes accepted); without it
            nothing is written and the result says what would change.

    Returns:
        The reviews per clause and what was (or would be) written.

    Raises:
        LoadError: the file cannot be read, is not a Word document, or is damaged;
            the corpus file cannot be rewritten.
        ExportError: the file is for another document, another layout or
            version, or its table was restructured; nothing is written.
    """
    display = str(path)
    if not re.fullmatch(DOC_ID_PATTERN.strip("^$"), doc_id) or not (Path(corpus) / lang / f"{doc_id}.xml").is_file():
        raise ExportError(f"document {doc_id!r} in {lang!r} is not in the corpus {str(corpus)!r}", Location(display))
    package = read_package(Path(path), display)
    found_id = package.core.get("identifier", "")
    if found_id != doc_id:
        raise ExportError(
            f"the file is for document {found_id!r}, not {doc_id!r}; nothing imported" if found_id else
            "the file names no document (no identifier property): it was not written by 'jpfr render --to docx'; "
            "nothing imported",
            Location(display))
    layout, left = _layout(package.core, display)
    pair = load_pair(doc_id, corpus, lang)
    if lang == pair.source.lang:
        raise ExportError(f"{lang!r} is the source language of {doc_id!r}; import the translation's language; nothing imported",
                          Location(display))
    try:
        view, body = _expected(pair, layout, left, package.core.get("version") or None)
    except AccordError as exc:
        raise ExportError(f"the file's layout cannot be rendered from the corpus: {exc}; nothing imported", Location(display)) from exc
    if lang not in {c.lang for c in view.columns}:
        raise ExportError(f"the file shows no {lang!r} text (layout {layout!r}); nothing imported", Location(display))
    texts = _texts(view, pair)
    wanted, wanted_pieces = walk(body, set(texts))
    found, pieces = walk(package.body, set(texts))
    _compare_skeletons(found, wanted, texts, display)
    pieces, moved, lost = attribute(pieces)
    # what the rendered document itself has outside the clauses: titles, labels
    rendered_outside = Counter(key for key, _ in _outside(attribute(wanted_pieces)[2]))
    accepted, original, reviews = read_reviews(pieces, texts, package.comments)
    result = DocxImportResult(path=pair.target.path)
    for p in moved:
        _, plang, eid, _ = texts[p.key or ""]
        result.notes.append(f"{display}: text outside the bookmarks, {quote(p.text)}, read as part of {eid!r} ({plang})")
    seen_comments = {c.id for r in reviews.values() for c in r.comments}
    for p in lost:
        comment = package.comments.get(p.text) if p.kind == "comment" else None
        if comment is not None and comment.id not in seen_comments:
            seen_comments.add(comment.id)
            by = f" by {comment.author}" if comment.author else ""
            result.notes.append(f"{display}: comment{by} outside every clause: {quote(comment.text)}")
    outside = []
    for key, text in _outside(lost):
        if rendered_outside[key] > 0:
            rendered_outside[key] -= 1
        else:
            outside.append(text)
    for text in outside[:_MAX_NOTES]:
        result.notes.append(f"{display}: text outside every clause, {quote(text)}, not imported")
    if len(outside) > _MAX_NOTES:
        result.notes.append(f"{display}: {len(outside) - _MAX_NOTES} more paragraphs outside every clause, not imported")
    mismatches: list[str] = []
    conflicts: list[str] = []
    new_texts: dict[str, str] = {}
    new_headings: dict[str, str] = {}
    record = _record(package.custom, lang)
    if record is None:
        result.notes.append(f"{display}: the file does not record the text it was rendered with; every clause "
                            f"that differs from the corpus is taken as edited in the file")
    for name, (kind, tlang, eid, text) in texts.items():
        review = reviews.get(name, ClauseReview(eid, tlang, kind))
        if kind == "missing":
            if accepted.get(name, "") != text:
                result.notes.append(f"{display}: text typed in place of {eid!r}, which the {tlang} text lacks, "
                                    f"not imported (add the element to the corpus first): "
                                    f"{quote(accepted.get(name, ''))}")
        elif tlang == pair.source.lang:
            if kind == "clause" and original.get(name, "") != text:
                mismatches.append(f"{eid!r} ({tlang}) differs from {pair.source.path}")
        elif record is not None and eid in record and text_digest(accepted.get(name, "")) == record[eid]:
            if kind == "clause":  # not edited in the file (a corpus edit made since then is kept)
                result.unchanged += 1
        elif accepted.get(name, "") != text:
            if record is not None and eid in record and text_digest(text) != record[eid]:
                conflicts.append(f"{eid!r} ({tlang})")
            elif kind == "heading":
                heading, problem = _heading_text(pair, eid, accepted.get(name, ""))
                if problem:
                    result.notes.append(f"{display}: the heading of {eid!r} ({tlang}) {problem}; not imported")
                else:
                    review.text, review.before = accepted[name], text
                    new_headings[eid] = heading
            elif not accepted.get(name):
                result.notes.append(f"{display}: {eid!r} ({tlang}) is deleted in the file; not imported "
                                    "(a clause cannot be empty: remove it from both texts in the corpus)")
            else:
                review.text, review.before = accepted[name], text
                new_texts[eid] = accepted[name]
        elif kind == "clause":
            result.unchanged += 1
        if review.insertions or review.deletions or review.comments or review.is_changed:
            result.reviews.append(review)
    if mismatches:
        n = len(mismatches)
        raise ExportError(f"{n} clause{'s' if n != 1 else ''} of the source text do{'es' if n == 1 else ''} not "
                          f"match the corpus (the file was rendered from another version, or the "
                          f"{pair.source.lang} text was edited), nothing imported: " + "; ".join(mismatches),
                          Location(display))
    if conflicts:
        n = len(conflicts)
        raise ExportError(f"{n} clause{'s' if n != 1 else ''} changed both in the file and in {pair.target.path} "
                          f"since the file was rendered, nothing imported (merge by hand, or render again): "
                          + ", ".join(conflicts), Location(display))
    result.pending = list(new_texts) + [f"{eid}__heading" for eid in new_headings]
    if accept and (new_texts or new_headings):
        result.changed = edit_clauses(Path(pair.target.path), texts=new_texts, headings=new_headings,
                                      display=pair.target.path)
        result.applied = True
    return result
