"""Plain text or Markdown declaration -> corpus ``Document`` skeleton (``jpfr import``).

Stage: import. Imports ``errors``, ``model``, ``load`` (reading files), ``lang``
(sentences) and ``imports.units`` (the layout) and ``imports.lexicon`` (guesses).

The layout of the text (``imports/units.py``) gives the title block, the headings
with their levels and the paragraphs with their numbers; this module turns it into
a ``Document``: the title, subtitle and dateline into ``meta`` (the date and place
only as the dateline states them), each heading a section (flat, with its
``level``), each paragraph a paragraph (with its ``num``), each sentence a clause
with a first guess of its ``actor`` and ``acts`` from the language's lexicon; the
guesses are returned as notes for a person to review.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LoadError, Location
from ..lang.sentences import split_sentences
from ..load.xml import read_bytes
from ..model import STATUSES, Clause, Document, Heading, Meta, Paragraph, Preamble, Section, validate
from .lexicon import guess_actor, guess_acts
from .units import Layout, read_layout

__all__ = ["ImportResult", "import_text", "read_source", "split_sentences", "build_document", "layout_ids", "IdPlan"]


@dataclass
class ImportResult:
    document: Document
    notes: list[str] = field(default_factory=list)


@dataclass
class IdPlan:
    """The ids a layout's nodes get: a section id per heading item, a paragraph id per
    paragraph item, and for each paragraph its clauses as ``(clause id, sentence indices)``."""

    sections: dict[int, str] = field(default_factory=dict)
    paragraphs: dict[int, str] = field(default_factory=dict)
    clauses: dict[int, list[tuple[str, list[int]]]] = field(default_factory=dict)


def read_source(path: str | Path) -> str:
    """A text file decoded as UTF-8, newlines normalised, NFC (the one normalisation ever applied).

    Raises:
        LoadError: the file cannot be read, is not UTF-8, holds NUL characters or no text.
    """
    display = str(path)
    raw = read_bytes(Path(path), display)  # size limit, clear errors
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise LoadError("file is not valid UTF-8; save it as UTF-8", Location(display, line)) from None
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if "\x00" in text:
        raise LoadError("file contains NUL characters; is it a text file?", Location(display, text[: text.index("\x00")].count("\n") + 1))
    if not text.strip():
        raise LoadError("no text to import", Location(display, 1))
    return text


def _id_num(num: str | None, fallback: int) -> str:
    value = re.sub(r"[^A-Za-z0-9]", "", unicodedata.normalize("NFKC", num or ""))
    return value[:12] or str(fallback)


def layout_ids(layout: Layout) -> IdPlan:
    """Akoma Ntoso style ids for a layout read alone: ``sec_1``, ``sec_1__subsec_2`` for a
    sub-level, ``hcontainer_1`` for an unnumbered heading, ``…__para_N``, ``…__para_N__cl_M``."""
    plan = IdPlan()
    used: set[str] = set()
    stack: list[tuple[int, str, bool]] = []  # (level, id, numbered)
    unnumbered = 0
    current = "preamble"
    counts: dict[str, int] = {}
    for idx, item in enumerate(layout.items):
        if item.kind == "heading":
            while stack and stack[-1][0] >= item.level:
                stack.pop()
            parent = stack[-1][1] + "__" if stack else ""
            if item.num:
                name = "subsec" if any(numbered for *_, numbered in stack) else "sec"
                base = f"{parent}{name}_{_id_num(item.num, idx)}"
            else:
                unnumbered += 1
                base = f"{parent}hcontainer_{unnumbered}"
            sid, k = base, 1
            while sid in used:
                k += 1
                sid = f"{base}x{k}"
            used.add(sid)
            stack.append((item.level, sid, bool(item.num)))
            plan.sections[idx] = current = sid
        elif item.kind == "para":
            counts[current] = counts.get(current, 0) + 1
            pid = f"{current}__para_{counts[current]}"
            plan.paragraphs[idx] = pid
            plan.clauses[idx] = [(f"{pid}__cl_{j + 1}", [j]) for j in range(len(item.sentences))]
    return plan


def build_document(
    layout: Layout,
    plan: IdPlan,
    *,
    doc_id: str,
    status: str,
    source_lang: str | None = None,
    title: str | None = None,
    display: str = "<text>",
    notes: list[str] | None = None,
    guesses: bool = True,
) -> Document:
    """The ``Document`` of a layout with the given ids.

    Raises:
        LoadError: the text has no title (and none was given), or the result is not a valid document.
    """
    lang = layout.lang
    notes = notes if notes is not None else []
    title_item, subtitle, dateline = layout.first("title"), layout.first("subtitle"), layout.first("dateline")
    doc_title = title_item.text if title_item else (title.strip() if title and title.strip() else None)
    if doc_title is None:
        raise LoadError("no title line found (the first line reads as text); give the title with --title", Location(display, 1))
    preamble: list[Paragraph] = []
    sections: list[tuple[Section, list[Paragraph]]] = []
    for idx, item in enumerate(layout.items):
        if item.kind == "heading" and idx in plan.sections:
            heading = Heading(text=item.body) if item.body else None
            sec = Section(id=plan.sections[idx], num=item.num or "", level=item.level, heading=heading)
            sections.append((sec, []))
        elif item.kind == "para" and idx in plan.paragraphs:
            clauses = []
            last_actor = None
            sep = "" if lang in ("ja", "zh") else " "
            for cid, parts in plan.clauses.get(idx, []):
                sentence = sep.join(item.sentences[j] for j in parts)
                actor = acts = None
                if guesses:
                    actor = guess_actor(sentence, lang) or last_actor
                    acts = guess_acts(sentence, lang)
                    last_actor = actor
                    notes.append(f"{cid}: guessed actor={actor or '-'} acts={' '.join(acts) or '-'}")
                clauses.append(Clause(id=cid, text=sentence, actor=actor, acts=acts or ()))
            para = Paragraph(id=plan.paragraphs[idx], num=item.num, clauses=tuple(clauses))
            (sections[-1][1] if sections else preamble).append(para)
    secs = tuple(
        Section(id=s.id, num=s.num, level=s.level, heading=s.heading, paragraphs=tuple(paras)) for s, paras in sections
    )
    try:
        return validate(Document, Document(
            id=doc_id,
            lang=lang,
            status=status,
            source_lang=source_lang,
            meta=Meta(
                title=doc_title,
                subtitle=subtitle.text if subtitle else None,
                dateline=dateline.text if dateline else None,
                date=layout.date if dateline else None,
                place=layout.place if dateline else None,
            ),
            preamble=Preamble(paragraphs=tuple(preamble)) if preamble else None,
            sections=secs,
        ))
    except ValueError as exc:
        raise LoadError(f"cannot build the document: {str(exc).splitlines()[0]}", Location(display)) from None


def check_status(status: str) -> None:
    if status not in STATUSES:
        raise LoadError(f"unknown status {status!r}; valid: {', '.join(STATUSES)}")


def import_text(
    path: str | Path,
    *,
    lang: str,
    doc_id: str,
    status: str | None = None,
    source_lang: str | None = None,
    title: str | None = None,
) -> ImportResult:
    """Build a ``Document`` from a plain-text or Markdown declaration.

    Args:
        path: the text file.
        lang: its language.
        doc_id: the document id.
        status: its status (default: authentic, or working-translation with ``source_lang``).
        source_lang: for a translation, the language of its source.
        title: the title, when the text has no title line.

    Raises:
        LoadError: the file cannot be read, is not UTF-8, or has no text or no title.
    """
    display = str(path)
    status = status or ("working-translation" if source_lang else "authentic")
    check_status(status)
    text = read_source(path)
    layout = read_layout(text, lang, title=title)
    notes = [f"{n}" for n in layout.notes]
    doc = build_document(layout, layout_ids(layout), doc_id=doc_id, status=status, source_lang=source_lang,
                         title=title, display=display, notes=notes)
    return ImportResult(doc, notes)
