"""Markdown and plain-text exports: one readable file per language.

Stage: export. Imports ``errors``, ``model``, ``export.base``.

For people, not programs: the title, the status (a working translation says
so at the top), the preamble, then numbered sections with their headings.
A paragraph's clauses are run together as one paragraph of text (without
spaces in Japanese). Markdown escapes the characters that would otherwise
turn text into markup; plain text is the text as stored.
"""

from __future__ import annotations

import re
import unicodedata

from ..model import AlignedDocument, Document
from .base import Exporter, joiner

_STATUS = {
    "authentic": "authentic text",
    "official-translation": "official translation",
    "working-translation": "working translation, not authoritative",
    "draft": "draft",
}
# Markdown (CommonMark) punctuation that can start markup anywhere in a line.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
# ... and at the start of a line: headings, quotes, lists, numbered lists.
_MD_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])", re.MULTILINE)


def escape_markdown(text: str) -> str:
    """``text`` with Markdown markup characters backslash-escaped."""
    return _MD_LINE_START.sub(_escape_line_start, _MD_SPECIAL.sub(r"\\\1", text))


def _escape_line_start(m: re.Match[str]) -> str:
    lead, mark = m.group(1), m.group(2)
    if mark[0].isdigit():  # "1." or "1)" starts an ordered list
        return lead + mark[:-1] + "\\" + mark[-1]
    return lead + "\\" + mark


def _width(text: str) -> int:
    """Display width in a monospaced font: wide (CJK) characters count twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _status_line(doc: Document) -> str:
    line = _STATUS[doc.status]
    if doc.source_lang:
        line += f", translated from {doc.source_lang}"
    if doc.version:
        line += f", version {doc.version}"
    return f"[{doc.lang}] {line}"


def _blocks(doc: Document, markdown: bool) -> list[str]:
    esc = escape_markdown if markdown else (lambda s: s)
    sep = joiner(doc.lang)
    title = esc(doc.meta.title)
    blocks = [f"# {title}" if markdown else f"{title}\n{'=' * _width(title)}"]
    blocks.append(f"*{esc(_status_line(doc))}*" if markdown else _status_line(doc))
    meta = [v for v in (doc.meta.date, doc.meta.place) if v]
    if meta:
        blocks.append(esc(", ".join(meta)))
    paras = doc.preamble.paragraphs if doc.preamble else ()
    blocks.extend(esc(sep.join(c.text for c in p.clauses)) for p in paras if p.clauses)
    for sec in doc.sections:
        heading = f"{esc(sec.num)}. {esc(sec.heading.text)}" if sec.heading else esc(sec.num)
        blocks.append(f"## {heading}" if markdown else f"{heading}\n{'-' * _width(heading)}")
        blocks.extend(esc(sep.join(c.text for c in p.clauses)) for p in sec.paragraphs if p.clauses)
    return blocks


def format_document(doc: Document, *, markdown: bool) -> str:
    """The readable text of one language version."""
    return "\n\n".join(_blocks(doc, markdown)) + "\n"


class Markdown(Exporter):
    """CommonMark, one file per language."""

    name = "markdown"
    suffix = ".md"
    media_type = "text/markdown"
    per_language = True

    def build_language(self, pair: AlignedDocument, doc: Document) -> bytes:
        return format_document(doc, markdown=True).encode("utf-8")


class PlainText(Exporter):
    """Plain UTF-8 text, one file per language."""

    name = "text"
    suffix = ".txt"
    media_type = "text/plain"
    per_language = True

    def build_language(self, pair: AlignedDocument, doc: Document) -> bytes:
        return format_document(doc, markdown=False).encode("utf-8")
