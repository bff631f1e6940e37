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
# CommonMark 0.31 section 2.4: any ASCII punctuation may be backslash-escaped, and the
# escaped character is then read literally. Escaped everywhere: what can start inline
# markup -- code spans, emphasis, links and images, autolinks and raw HTML, entity and
# numeric character references (section 6.2: ``&amp;`` would be read as ``&``) -- and
# ``#`` (which also closes an ATX heading), plus the extensions' ``|`` and ``~``.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&#|~])")
# What starts a block at the start of a line (even inside a paragraph, since an ATX
# heading, block quote, list item or setext underline can interrupt one): list
# bullets, ``=``/``-`` underlines and thematic breaks, ordered-list numbers.
_MD_LINE_START = re.compile(r"^([ \t]*)([+=-]|\d+[.)])", re.MULTILINE)
# A line break and the spaces around it: one soft line break (a blank line would end
# the paragraph, trailing spaces would make a hard break, leading ones nothing).
_MD_BREAK = re.compile(r"[ \t]*(?:\r\n|\r|\n)[ \t\r\n]*")
# Other blanks at the ends of a block (an ideographic space opening a Japanese
# paragraph, a no-break space): parsers trim every Unicode blank there, so they are
# written as numeric character references, which are read after trimming (section 6.2).
_BLANK = "[ \t\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"  # Unicode Zs, Zl, Zp, tab
_MD_EDGE_BLANKS = re.compile(f"^{_BLANK}+|{_BLANK}+$")


def escape_markdown(text: str, *, one_line: bool = False) -> str:
    """``text`` as Markdown that reads back as ``text``: markup characters
    backslash-escaped, line breaks folded to single soft breaks, no leading or
    trailing spaces or tabs (four leading spaces would make a code block), other
    blanks at the ends as character references. ``one_line`` (a heading, which
    cannot hold a line break) folds line breaks to spaces."""
    text = _MD_BREAK.sub(" " if one_line else "\n", text.strip(" \t\r\n"))
    text = _MD_LINE_START.sub(_escape_line_start, _MD_SPECIAL.sub(r"\\\1", text))
    return _MD_EDGE_BLANKS.sub(lambda m: "".join(f"&#x{ord(c):X};" for c in m.group()), text)


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
    line = (lambda s: escape_markdown(s, one_line=True)) if markdown else (lambda s: s)
    sep = joiner(doc.lang)
    title = line(doc.meta.title)
    blocks = [f"# {title}" if markdown else f"{title}\n{'=' * _width(title)}"]
    blocks.append(f"*{esc(_status_line(doc))}*" if markdown else _status_line(doc))
    meta = [v for v in (doc.meta.date, doc.meta.place) if v]
    if meta:
        blocks.append(esc(", ".join(meta)))
    paras = doc.preamble.paragraphs if doc.preamble else ()
    blocks.extend(esc(sep.join(c.text for c in p.clauses)) for p in paras if p.clauses)
    for sec in doc.sections:
        heading = f"{line(sec.num)}. {line(sec.heading.text)}" if sec.heading else line(sec.num)
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
