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
from functools import lru_cache
from typing import cast
from pathlib import Path

from ..errors import LoadError, Location
from ..lang.sentences import split_sentences
from ..load.xml import read_bytes
from ..model import (
    DOC_ID_PATTERN,
    EID_PATTERN,
    LANG_PATTERN,
    STATUSES,
    Act,
    Clause,
    Document,
    Heading,
    Meta,
    Paragraph,
    Preamble,
    Section,
    Status,
    validate,
)
from .lexicon import guess_actor as _guess_actor
from .lexicon import guess_acts as _guess_acts
from .units import Layout, read_layout

#: the guesses are asked twice by ``jpfr align`` (as anchors, then for the clause): once each
guess_acts = lru_cache(maxsize=1 << 15)(_guess_acts)
guess_actor = lru_cache(maxsize=1 << 15)(_guess_actor)
_EID = re.compile(EID_PATTERN)
#: a clause longer than this is no sentence a lexicon can read (a text without full stops)
MAX_GUESS = 5000

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
    #: sections without a heading on this side, to open before an item (``len(items)``: at the end):
    #: ``(id, num, level)``; the other version has the heading, this one continues under it
    headless: dict[int, list[tuple[str, str, int]]] = field(default_factory=dict)


def read_source(path: str | Path) -> str:
    """A text file decoded as UTF-8, line ends unified, the characters kept as written.

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
    # line ends unified; the characters kept as written (NFC would rewrite CJK
    # compatibility ideographs in names: comparison normalises, storage never does)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise LoadError("file contains NUL characters; is it a text file?", Location(display, text[: text.index("\x00")].count("\n") + 1))
    if not text.strip():
        raise LoadError("no text to import", Location(display, 1))
    return text


def id_num(num: str | None) -> str:
    """The number of a section as an eId component: ``1``, ``I``, ``1d2`` for ``1.2``, ``1`` for ``(1)``."""
    value = unicodedata.normalize("NFKC", num or "").replace(".", "d")
    return re.sub(r"[^A-Za-z0-9]", "", value).strip("d")[:12]


def _id_num(num: str | None, fallback: int) -> str:
    return id_num(num) or str(fallback)


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
    for idx, item in enumerate(layout.items + [None]):
        for sid, num, level in plan.headless.get(idx, ()):
            sections.append((Section(id=sid, num=num, level=level), []))
        if item is None:
            break
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
                if guesses and len(sentence) > MAX_GUESS:
                    notes.append(f"{cid}: {len(sentence)} characters, no sentence end: no guess of actor and acts "
                                 "(is it one sentence?)")
                elif guesses:
                    actor = guess_actor(sentence, lang) or last_actor
                    acts = guess_acts(sentence, lang)
                    last_actor = actor
                    notes.append(f"{cid}: guessed actor={actor or '-'} acts={' '.join(acts) or '-'}")
                clauses.append(Clause(id=cid, text=sentence, actor=actor, acts=cast(tuple[Act, ...], acts or ())))
            para = Paragraph(id=plan.paragraphs[idx], num=item.num, clauses=tuple(clauses))
            (sections[-1][1] if sections else preamble).append(para)
    secs = tuple(
        Section(id=s.id, num=s.num, level=s.level, heading=s.heading, paragraphs=tuple(paras)) for s, paras in sections
    )
    # What comes from outside is validated (the id, the language, the metadata); the ids
    # built here are checked against their pattern, and the texts are stored as written, so the
    # whole tree need not go through Pydantic (a 2,000-sentence pair stays fast).
    try:
        meta = validate(Meta, Meta(
            title=doc_title,
            subtitle=subtitle.text if subtitle else None,
            dateline=dateline.text if dateline else None,
            date=layout.date if dateline else None,
            place=layout.place if dateline else None,
        ))
    except ValueError as exc:
        raise LoadError(f"cannot build the document: {str(exc).splitlines()[0]}", Location(display)) from None
    for name, value, pattern in (("id", doc_id, DOC_ID_PATTERN), ("language", lang, LANG_PATTERN)):
        if not re.fullmatch(pattern, value):
            raise LoadError(f"cannot build the document: {name} {value!r} is not valid (expected {pattern})", Location(display))
    if source_lang is not None and not re.fullmatch(LANG_PATTERN, source_lang):
        raise LoadError(f"cannot build the document: source language {source_lang!r} is not valid", Location(display))
    check_status(status)
    doc = Document(id=doc_id, lang=lang, status=cast(Status, status), source_lang=source_lang, meta=meta,
                   preamble=Preamble(paragraphs=tuple(preamble)) if preamble else None, sections=secs)
    bad = next((n.id for n in doc.iter_nodes() if not _EID.fullmatch(n.id)), None)
    if bad is not None:  # cannot happen: the ids are built from the pattern's own alphabet
        raise LoadError(f"cannot build the document: id {bad!r} is not valid", Location(display))
    return doc


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
