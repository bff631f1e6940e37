"""Markdown export read back by a real CommonMark parser (markdown-it-py): every
title, heading and paragraph reads as the text the corpus holds, whatever
punctuation it contains (``&``, ``<``, ``*``, ``_``, ``[``, backquotes, a line
starting with ``#`` or ``1.``)."""

from __future__ import annotations

import re

import pytest
from export_helpers import mini_pair, real_pair
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from strategies import aligned_documents, texts

from jpfr_accord.export.base import joiner
from jpfr_accord.export.text import Markdown, _status_line, escape_markdown

#: The CommonMark reference behaviour, and what GitHub-like renderers add.
PARSERS = {
    "commonmark": MarkdownIt("commonmark"),
    "gfm-like": MarkdownIt("commonmark").enable(["table", "strikethrough"]),
}


def _read(md: MarkdownIt, source: str) -> list[tuple[str, str]]:
    """(block, text) of each block, the text as a reader gets it (soft breaks as ``\\n``)."""
    blocks, kind = [], None
    for tok in md.parse(source):
        if tok.type.endswith("_open") and tok.type != "inline":
            kind = tok.tag if tok.type == "heading_open" else tok.type.removesuffix("_open")
        elif tok.type == "inline":
            parts = []
            for child in tok.children or ():
                if child.type == "text":
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append("\n")
                elif child.type in ("em_open", "em_close"):
                    continue
                else:
                    parts.append(f"<{child.type}>")  # any markup read where there was none
            blocks.append((kind, "".join(parts)))
    return blocks


def _as_read(text: str) -> str:
    """What Markdown can keep of a text: blanks at its ends and around line breaks go."""
    return re.sub(r"[ \t]*\n[ \t\n]*", "\n", text.strip(" \t\r\n").replace("\r\n", "\n").replace("\r", "\n"))


def _expected(doc) -> list[tuple[str, str]]:
    sep = joiner(doc.lang)
    out = [("h1", doc.meta.title), ("paragraph", _status_line(doc))]
    meta = [v for v in (doc.meta.date, doc.meta.place) if v]
    if meta:
        out.append(("paragraph", ", ".join(meta)))
    paras = doc.preamble.paragraphs if doc.preamble else ()
    out += [("paragraph", sep.join(c.text for c in p.clauses)) for p in paras if p.clauses]
    for sec in doc.sections:
        out.append(("h2", f"{_as_read(sec.num)}. {_as_read(sec.heading.text)}" if sec.heading else sec.num))
        out += [("paragraph", sep.join(c.text for c in p.clauses)) for p in sec.paragraphs if p.clauses]
    # a heading is one line: its line breaks read as spaces
    return [(k, _as_read(t).replace("\n", " ") if k[0] == "h" else _as_read(t)) for k, t in out]


@pytest.mark.parametrize("parser", sorted(PARSERS))
@pytest.mark.parametrize("load", [mini_pair, real_pair], ids=["fixture", "bundled-corpus"])
def test_every_block_reads_back_as_written(parser, load):
    pair = load()
    for name, data in Markdown().build(pair).items():
        doc = pair[name.split(".")[-2]]
        assert _read(PARSERS[parser], data.decode("utf-8")) == _expected(doc), name


@pytest.mark.parametrize(
    "text",
    [
        "A&B, &amp; and &#38; are written as such",
        "R&D <recherche> *lors* _de_ [la] `réunion` ![img](x) <https://example.org>",
        "# not a heading",
        "2026. not a list; 1) neither",
        "- not a list\n+ nor this\n= nor a setext underline\n---",
        "a line\n    that is not code\n\n\nnor two paragraphs",
        "    leading spaces",
        "trailing backslash \\",
        "| a | b |\n|---|---|",
        "~~not struck~~ and ~~~ not a fence",
        "```\nnot a fence\n```",
        "> not a quote",
        "Section #",
        "term\n===",
        "1. 両首脳は「AI」を歓迎した。＆は全角",
    ],
)
@pytest.mark.parametrize("parser", sorted(PARSERS))
def test_markup_characters_read_back_literally(parser, text):
    assert _read(PARSERS[parser], escape_markdown(text)) == [("paragraph", _as_read(text))]


@settings(max_examples=200, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(texts(max_size=30), st.text(alphabet="\\`*_[]()<>&#;|~!+=-.:)0123456789 \n\tab", max_size=30)))
def test_any_text_reads_back_literally(text):
    expected = _as_read(text)
    for md in PARSERS.values():
        assert _read(md, escape_markdown(text)) == ([("paragraph", expected)] if expected else [])


@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(aligned_documents())
def test_generated_documents_read_back(pair):
    for name, data in Markdown().build(pair).items():
        doc = pair[name.split(".")[-2]]
        assert _read(PARSERS["commonmark"], data.decode("utf-8")) == _expected(doc), name
