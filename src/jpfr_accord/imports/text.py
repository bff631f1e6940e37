"""Plain text or Markdown declaration -> corpus ``Document`` skeleton (``jpfr import``).

Stage: import. Imports ``errors``, ``model``, ``resources``.

The input is a declaration written like the seed file: a title, an unnumbered
preamble, numbered headings (``1.``, ``## 2.``, ``### 3.``, ``第1章``), and
paragraphs separated by blank lines. Paragraphs that a page break split in two
(the first part does not end a sentence) are joined again; heading levels are
ignored, so inconsistent Markdown levels make consistent sections. Each sentence
becomes a clause, with a first guess of its ``actor`` and ``acts`` from the
language's lexicon; the guesses are returned as notes for a person to review.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LoadError, Location
from ..load.xml import read_bytes
from ..model import STATUSES, Clause, Document, Heading, Meta, Paragraph, Preamble, Section, validate
from .lexicon import guess_actor, guess_acts

_KANJI_DIGITS = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_HEADING = re.compile(
    r"^(?:#{1,6}\s*)?(?:(?P<num>\d+)[.．)]|第\s*(?P<jnum>[0-9０-９〇一二三四五六七八九十]+)\s*[章節条部])\s*(?P<text>.*)$"
)
_MD_HEADING = re.compile(r"^#{1,6}\s+(?P<text>.+)$")
# sentence ends: Japanese full stops, and French . ! ? … (optionally followed by a closing quote)
_JA_END = ("。", "！", "？", "」", "』", "）")
_FR_END = re.compile(r"[.!?…]\s*[»”]?$")
# French abbreviations after which a full stop does not end a sentence
_FR_ABBREV = re.compile(
    r"(?:\b(?:M|MM|Mme|Mmes|Mlle|Dr|Pr|Me|St|Ste|art|al|cf|ex|etc|p|pp|n°|no|vol|chap|éd|op|cit|env|av|apr|J\.-C|c)\.|\b[A-Z]\.)$"
)


@dataclass
class ImportResult:
    document: Document
    notes: list[str] = field(default_factory=list)


def _kanji_number(text: str) -> int:
    text = unicodedata.normalize("NFKC", text)
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_KANJI_DIGITS.get(tens, 1) if tens else 1) * 10 + (_KANJI_DIGITS.get(ones, 0) if ones else 0)
    return int("".join(str(_KANJI_DIGITS[c]) for c in text))


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    """Blank-line separated blocks with the line number of their first line."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for i, line in enumerate(text.splitlines(), 1):
        if line.strip():
            if not current:
                start = i
            current.append(line.strip())
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    return blocks


def _join_lines(lines: list[str], lang: str) -> str:
    sep = "" if lang in ("ja", "zh") else " "
    return sep.join(lines)


def _ends_sentence(text: str, lang: str) -> bool:
    text = text.rstrip()
    if lang in ("ja", "zh"):
        return text.endswith(_JA_END)
    return bool(_FR_END.search(text)) and not _FR_ABBREV.search(text)


def split_sentences(text: str, lang: str) -> list[str]:
    """Split a paragraph into sentences: after 。 in Japanese (never inside 「…」),
    after . ! ? in French and other Latin-script languages, but not after
    abbreviations such as « M. » or « art. », nor inside « … »."""
    out: list[str] = []
    if lang in ("ja", "zh"):
        depth = 0
        buf = ""
        for ch in text:
            buf += ch
            if ch in "「『（(":
                depth += 1
            elif ch in "」』）)":
                depth = max(0, depth - 1)
            elif ch in "。！？" and depth == 0:
                out.append(buf.strip())
                buf = ""
        if buf.strip():
            out.append(buf.strip())
        return out
    depth = 0
    buf = ""
    i = 0
    while i < len(text):
        ch = text[i]
        buf += ch
        if ch == "«":
            depth += 1
        elif ch == "»":
            depth = max(0, depth - 1)
        if ch in ".!?…" and depth == 0:
            rest = text[i + 1 :]
            m = re.match(r"(\s+)(?=[A-ZÀ-ÖØ-Þ«\"(])", rest)
            if m and not _FR_ABBREV.search(buf.rstrip()):
                out.append(buf.strip())
                buf = ""
                i += len(m.group(1))
        i += 1
    if buf.strip():
        out.append(buf.strip())
    return out


def import_text(
    path: str | Path,
    *,
    lang: str,
    doc_id: str,
    status: str | None = None,
    source_lang: str | None = None,
) -> ImportResult:
    """Build a ``Document`` from a plain-text or Markdown declaration.

    Raises:
        LoadError: the file cannot be read, is not UTF-8, or has no text.
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
    status = status or ("working-translation" if source_lang else "authentic")
    if status not in STATUSES:
        raise LoadError(f"unknown status {status!r}; valid: {', '.join(STATUSES)}")
    blocks = _blocks(text)
    if not blocks:
        raise LoadError("no text to import", Location(display, 1))

    notes: list[str] = []
    title: str | None = None
    preamble: list[list[str]] = []
    sections: list[tuple[int, str, list[list[str]]]] = []
    paragraphs = preamble
    previous_open = False  # the last paragraph did not end a sentence
    for line_no, lines in blocks:
        first = lines[0]
        heading = _HEADING.match(first)
        if heading and len(lines) == 1:
            num = int(heading.group("num")) if heading.group("num") else _kanji_number(heading.group("jnum"))
            sections.append((num, heading.group("text").strip(), []))
            paragraphs = sections[-1][2]
            previous_open = False
            continue
        md = _MD_HEADING.match(first)
        if title is None and not sections and not preamble and (md or len(lines) == 1):
            title = (md.group("text") if md else first).strip()
            continue
        body = _join_lines([_MD_HEADING.sub(r"\g<text>", ln) for ln in lines], lang)
        if previous_open and paragraphs:
            notes.append(f"line {line_no}: joined to the previous paragraph, which did not end a sentence (page break?)")
            sep = "" if lang in ("ja", "zh") else " "
            paragraphs[-1].append(sep + body)
        else:
            paragraphs.append([body])
        previous_open = not _ends_sentence(body, lang)
    if title is None:
        raise LoadError("no title found: the first line or Markdown heading must be the title", Location(display, 1))

    def build_paras(prefix: str, items: list[list[str]]) -> tuple[Paragraph, ...]:
        out = []
        for p_no, parts in enumerate(items, 1):
            pid = f"{prefix}para_{p_no}"
            clauses = []
            last_actor = None
            for c_no, sentence in enumerate(split_sentences("".join(parts), lang), 1):
                cid = f"{pid}__cl_{c_no}"
                actor = guess_actor(sentence, lang) or last_actor
                acts = guess_acts(sentence, lang)
                last_actor = actor
                clauses.append(Clause(id=cid, text=sentence, actor=actor, acts=acts))
                notes.append(f"{cid}: guessed actor={actor or '-'} acts={' '.join(acts) or '-'}")
            out.append(Paragraph(id=pid, clauses=tuple(clauses)))
        return tuple(out)

    secs = []
    for num, heading_text, items in sections:
        sid = f"sec_{num}"
        secs.append(
            Section(id=sid, num=str(num), heading=Heading(text=heading_text) if heading_text else None,
                    paragraphs=build_paras(f"{sid}__", items))
        )
    try:
        doc = validate(Document, Document(
            id=doc_id,
            lang=lang,
            status=status,
            source_lang=source_lang,
            meta=Meta(title=title),
            preamble=Preamble(paragraphs=build_paras("preamble__", preamble)) if preamble else None,
            sections=tuple(secs),
        ))
    except ValueError as exc:
        raise LoadError(f"cannot build the document: {str(exc).splitlines()[0]}", Location(display)) from None
    return ImportResult(doc, notes)
