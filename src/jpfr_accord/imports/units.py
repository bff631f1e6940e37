"""The layout of an official text as a reader sees it: title block, headings, paragraphs, units.

Stage: import. Imports ``errors``, ``lang`` and ``checks.extract`` (month names).

A plain-text or Markdown declaration is read into a flat list of ``Item``s:

- a title block: the title (a Markdown ``#`` line, or a first line that reads as a
  title, not a sentence), an optional subtitle (``−国際社会の平和…−``, ``Un « partenariat
  d’exception » pour…``) and an optional dateline (``2014年1月9日、パリ``, ``le 11 janvier
  2019``), on one or several lines;
- headings, numbered in any of the forms these texts use (``1.`` ``1．`` ``1)`` ``1 -``
  ``1/`` ``1/:`` ``1 Texte`` ``(1)`` ``（1）`` ``I.`` ``I-`` ``II`` ``一、`` ``第1章``, Markdown
  ``#``) or unnumbered (a short line that ends no sentence, followed by more text), with
  a level: the numbering styles nest in the order they first appear (``1`` then ``(1)``);
- paragraphs, with their own number when they have one (``1. Les quatre ministres…``,
  ``(2)四大臣は…``): a numbered line that reads as sentences is a paragraph, not a heading.

``units(layout)`` lists what the aligner pairs: each title-block line, each heading (as
written, number included) and each sentence (a paragraph's number stays in its first
sentence). Nothing is invented: a text without a title line has no title here.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from ..lang.sentences import ends_sentence, joiner, split_sentences

Kind = str  # "title" | "subtitle" | "dateline" | "heading" | "para"

_DIGITS = "0-9０-９"
_KANJI = "〇一二三四五六七八九十百"
_ROMAN = "IVXⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ"
_MD = re.compile(r"^(#{1,6})\s+(.*)$")
#: numbering markers at the start of a line, most specific first; ``n`` is the number
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (style, re.compile(pattern))
    for style, pattern in (
        ("chapter", rf"^第\s*(?P<n>[{_DIGITS}]{{1,4}}|[{_KANJI}]{{1,6}})\s*(?P<unit>[章節条部款編])\s*"),
        ("decimal", rf"^(?P<n>[{_DIGITS}]{{1,3}}(?:[.．][{_DIGITS}]{{1,3}})+)[.．]?\s+"),
        ("circled", r"^(?P<n>[①-⑳])\s*"),
        ("paren", rf"^[(（]\s*(?P<n>[{_DIGITS}]{{1,3}}|[ivxlc]{{1,6}}|[a-h]|[{_KANJI}]{{1,3}})\s*[)）]\s*"),
        ("slash", rf"^(?P<n>[{_DIGITS}]{{1,3}})\s*/\s*:?\s*"),
        ("dash", rf"^(?P<n>[{_DIGITS}]{{1,3}}|[{_ROMAN}]{{1,5}})\s*[-−–‐]\s*"),
        ("dot", rf"^(?P<n>[{_DIGITS}]{{1,3}}|[{_ROMAN}]{{1,5}}|[a-h])\s*[.．](?![{_DIGITS}])\s*"),
        ("close", rf"^(?P<n>[{_DIGITS}]{{1,3}}|[a-h])\s*[)）]\s*"),
        ("comma", rf"^(?P<n>[{_KANJI}]{{1,3}})\s*[、，,]\s*"),
        # "1 総論", "1 Généralités", "II Coopération": only for headings (a line
        # beginning "2018 marque…" is a sentence, not paragraph 2018)
        ("space", rf"^(?P<n>[{_DIGITS}]{{1,2}}|[{_ROMAN}]{{1,5}}|[{_KANJI}]{{1,3}})[ \u3000]+(?=[A-ZÀ-ÖØ-Þ\u3040-\u30ff\u4e00-\u9fff])"),
    )
)
_BULLET = re.compile(r"^[-−・•*]\s+")
#: numbers written with digits and kanji mixed (第1二章): not a number a reader can cite
_MIXED_CHAPTER = re.compile(rf"^第\s*[{_DIGITS}{_KANJI}]*(?:[{_DIGITS}][{_KANJI}]|[{_KANJI}][{_DIGITS}])[{_DIGITS}{_KANJI}]*\s*[章節条部款編]")
#: words that make a French line a sentence (a finite verb), not a title
_FR_VERB = re.compile(r"\b(?:a|ont|est|sont|sera|seront|était|étaient|avait|avaient|fut|furent)\b")
_MAX_HEADING = {"ja": 60, "fr": 160}
_MAX_TITLE = 300


@dataclass
class Item:
    """One element of the layout, with the 1-based line it starts on."""

    kind: Kind
    line: int
    text: str  # as written: a heading with its number, a paragraph's whole text
    num: str | None = None  # the number as a reader cites it: "1", "(1)", "I", "12" for 第十二章
    body: str = ""  # a heading's text without its number
    style: str | None = None  # numbering style, for levels
    level: int = 1
    sentences: list[str] = field(default_factory=list)


@dataclass
class Layout:
    lang: str
    items: list[Item]
    notes: list[str] = field(default_factory=list)
    date: str | None = None
    place: str | None = None

    def first(self, kind: Kind) -> Item | None:
        return next((i for i in self.items if i.kind == kind), None)

    @property
    def body(self) -> list[Item]:
        return [i for i in self.items if i.kind in ("heading", "para")]


@dataclass(frozen=True)
class Unit:
    """What the aligner pairs: a title-block line, a heading, or a sentence."""

    kind: Kind  # title, subtitle, dateline, heading, sentence
    text: str
    item: int  # index of its item in the layout
    first: bool = True  # the first sentence of its paragraph


def _width(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925}
_KANJI_VALUE = {c: i for i, c in enumerate("〇一二三四五六七八九")}


def kanji_number(text: str) -> int | None:
    """``十二`` -> 12, ``百三`` -> 103, ``二〇`` -> 20; None when it is not a kanji number."""
    if not text or any(c not in _KANJI_VALUE and c not in "十百" for c in text):
        return None
    if "十" not in text and "百" not in text:
        return int("".join(str(_KANJI_VALUE[c]) for c in text))
    total, current = 0, 0
    for c in text:
        if c in "十百":
            total += (current or 1) * (10 if c == "十" else 100)
            current = 0
        else:
            current = current * 10 + _KANJI_VALUE[c]
    return total + current


def _cited(n: str, style: str) -> str:
    n = _width(n)
    value = str(int(n)) if n.isdigit() else (str(kanji_number(n)) if kanji_number(n) is not None else n)
    return f"({value})" if style == "paren" else value


def _kind_of_number(n: str) -> str:
    n = _width(n)
    if re.fullmatch(r"\d+(?:\.\d+)+", n):
        return "decimal"
    if n.isdigit():
        return "arabic"
    if kanji_number(n) is not None:
        return "kanji"
    if n.isupper():
        return "roman"
    return "alpha" if len(n) == 1 and n not in "ivx" else "lroman"


def match_marker(line: str) -> tuple[str, str, str, str] | None:
    """``(style, cited number, marker as written, rest)`` of a numbered line, else None."""
    for style, pattern in _MARKERS:
        m = pattern.match(line)
        if m:
            n = m.group("n")
            key = f"{style}:{_kind_of_number(n)}" + (f":{m.group('unit')}" if style == "chapter" else "")
            return key, _cited(n, style), m.group(0), line[m.end():]
    return None


def _blocks(text: str) -> list[tuple[int, list[tuple[int, str]]]]:
    """Blank-line separated blocks: (first line number, [(line number, stripped line)])."""
    blocks: list[tuple[int, list[tuple[int, str]]]] = []
    current: list[tuple[int, str]] = []
    for i, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if stripped:
            current.append((i, stripped))
        elif current:
            blocks.append((current[0][0], current))
            current = []
    if current:
        blocks.append((current[0][0], current))
    return blocks


def parse_dateline(line: str, lang: str) -> tuple[str | None, str | None] | None:
    """``(ISO date or None, place or None)`` when the line is only a date (and a place)."""
    from ..checks.extract import vocabulary

    if line.rstrip().endswith("。"):
        return None  # a sentence that begins with a date
    t = _width(line).strip().rstrip(".")
    if t[:1] == "(" and t[-1:] == ")":
        t = t[1:-1].strip()  # (Paris, le 9 janvier 2014)
    if len(t) > 60:
        return None
    era_year = None
    if lang in ("ja", "zh"):
        t = re.sub(r"\s*\([月火水木金土日]\)", "", t)  # 2014年1月9日(木)
        era = re.search(r"(令和|平成|昭和)\s*(元|\d{1,2})\s*年", t)
        if era:
            era_year = _ERAS[era.group(1)] + (1 if era.group(2) == "元" else int(era.group(2)))
            t = t[: era.start()] + f"{era_year}年" + t[era.end():]
        m = re.fullmatch(r"(?:(?P<p1>[^\d、,。]{1,20}?)[、,\s]\s*)?(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
                         r"(?:\s*[、,\s]\s*(?:於\s*)?(?P<p2>[^\d、,。はがをにで]{1,12}))?", t)
        month = int(m.group("m")) if m else None
    else:
        m = re.fullmatch(
            r"(?:(?:Fait\s+à\s+)?(?P<p1>[A-ZÀ-Ý][^\d,]{0,30}?),\s*)?(?:[Ll]e\s+)?(?:(?:lundi|mardi|mercredi|jeudi|vendredi|"
            r"samedi|dimanche)\s+)?(?P<d>\d{1,2})(?:er)?\s+(?P<mname>[^\W\d_]+)\s+(?P<y>\d{4})(?:\s*,\s*(?:à\s+)?(?P<p2>[A-ZÀ-Ý][^\d,]{0,30}))?",
            t,
        )
        month = vocabulary(lang).months.get(m.group("mname").casefold()) if m else None
    if not m or not month:
        return None
    try:
        date = datetime.date(int(m.group("y")), month, int(m.group("d"))).isoformat()
    except ValueError:
        date = None
    place = (m.group("p1") or m.group("p2") or "").strip() or None
    if place is not None:  # as written (the match ran on the NFKC form)
        written = line.strip()
        at = _width(written).find(place)
        if at >= 0 and _width(written[at:at + len(place)]) == place:
            place = written[at:at + len(place)]
    return date, place


def _looks_like_title(line: str, lang: str) -> bool:
    if len(line) > _MAX_TITLE or match_marker(line) or len(split_sentences(line, lang)) > 1:
        return False
    if not ends_sentence(line, lang):
        return True
    return lang not in ("ja", "zh") and line.rstrip().endswith(".") and not _FR_VERB.search(line)


def _is_subtitle(line: str, lang: str) -> bool:
    return len(line) <= _MAX_TITLE and not match_marker(line) and not ends_sentence(line, lang)


def _heading_or_para(line_no: int, text: str, lang: str, md: bool) -> Item:
    marker = match_marker(text)
    if marker is None:
        return Item("heading" if md else "para", line_no, text, body=text, style="md" if md else None)
    style, num, written, rest = marker
    sentences = split_sentences(rest, lang)
    short = len(rest) <= _MAX_HEADING.get(lang, 160) * 2
    is_heading = md or style.startswith("chapter") or (
        short and len(sentences) <= 1 and (not ends_sentence(rest, lang) or ":roman" in style)
    )
    if style.startswith("space") and not is_heading:
        return Item("para", line_no, text)
    return Item("heading" if is_heading else "para", line_no, text, num=num, body=rest.strip(), style=style)


def read_layout(text: str, lang: str, *, title: str | None = None) -> Layout:
    """The layout of a whole text (already decoded, newlines normalised).

    Args:
        text: the declaration.
        lang: its language.
        title: the title to use when the text has no title line (``--title``); a first
            line equal to it is taken as the title line.
    """
    layout = Layout(lang, [])
    blocks = _blocks(text)
    lines = [(n, ln) for _, block in blocks for n, ln in block]
    starts = {block[0][0] for _, block in blocks}  # lines that start a block
    pos = 0
    # -- title block --------------------------------------------------------
    if lines:
        n, first = lines[0]
        md = _MD.match(first)
        given = title.strip() if title else None
        if md and not match_marker(md.group(2)):
            layout.items.append(Item("title", n, md.group(2).strip()))
            pos = 1
        elif given is not None:
            if _width(first).casefold() == _width(given).casefold():
                layout.items.append(Item("title", n, first))
                pos = 1
        elif _looks_like_title(first, lang) and len(lines) > 1:
            layout.items.append(Item("title", n, first))
            pos = 1
        while layout.items and pos < len(lines) and pos <= 3:
            n, line = lines[pos]
            if _MD.match(line):
                break
            dateline = parse_dateline(line, lang)
            if dateline and not layout.first("dateline"):
                layout.items.append(Item("dateline", n, line))
                layout.date, layout.place = dateline
            elif not layout.first("subtitle") and not layout.first("dateline") and _is_subtitle(line, lang) \
                    and pos + 1 < len(lines):
                layout.items.append(Item("subtitle", n, line))
            else:
                break
            pos += 1
    # -- body -----------------------------------------------------------------
    body = [(n, ln) for n, ln in lines[pos:]]
    items: list[Item] = []
    open_para = False  # the last paragraph does not end a sentence (a page break cut it?)
    pieces: dict[int, list[str]] = {}  # lines of a paragraph after its first
    lengths: dict[int, int] = {}
    sep = joiner(lang)
    max_heading = _MAX_HEADING.get(lang, 160)
    for k, (n, line) in enumerate(body):
        if _MIXED_CHAPTER.match(line):
            layout.notes.append(f"line {n}: {line.split()[0]!r} mixes digits and kanji numerals; read as text, not as a chapter number")
        md = _MD.match(line)
        new_block = n in starts
        last = items[-1] if items else None
        if md:
            items.append(_heading_or_para(n, md.group(2).strip(), lang, True))
            open_para = False
            continue
        marker = match_marker(line)
        bullet = _BULLET.match(line)
        if last is not None and last.kind == "para" and not marker and not bullet:
            lowercase = line[:1].islower()
            if not new_block or (open_para and (lowercase or (lengths.get(id(last), len(last.text)) > max_heading and not _short_open(line, lang)))):
                if new_block:
                    layout.notes.append(f"line {n}: joined to the previous paragraph, which did not end a sentence (page break?)")
                pieces.setdefault(id(last), [last.text]).append(line)  # joined once, at the end (linear)
                lengths[id(last)] = lengths.get(id(last), len(last.text)) + len(line)
                open_para = not ends_sentence(line, lang)
                continue
        item = _heading_or_para(n, line, lang, False)
        if item.kind == "para" and not marker and not bullet and len(line) <= max_heading \
                and not ends_sentence(line, lang) and k + 1 < len(body) and body[k + 1][0] in starts \
                and not line[:1].islower() and not line.rstrip().endswith((",", "、", "，")):
            item = Item("heading", n, line, body=line, style="none")
        items.append(item)
        open_para = item.kind == "para" and not ends_sentence(item.text, lang)
    _levels(items)
    for item in items:
        if id(item) in pieces:
            item.text = sep.join(pieces[id(item)])
        if item.kind == "para":
            item.sentences = split_sentences(item.text, lang)
            marker = match_marker(item.text)
            if marker and not marker[0].startswith("space"):
                item.num = marker[1]
    layout.items += items
    return layout


def _short_open(line: str, lang: str) -> bool:
    """A short line that ends no sentence: a heading candidate, not the end of a cut paragraph."""
    return len(line) <= _MAX_HEADING.get(lang, 160) and not ends_sentence(line, lang)


def _levels(items: list[Item]) -> None:
    """Heading levels: numbering styles nest in the order they appear (a stack)."""
    stack: list[str] = []
    for item in items:
        if item.kind != "heading":
            continue
        style = item.style or "none"
        if style in stack:
            del stack[stack.index(style) + 1:]
        else:
            stack.append(style)
        item.level = len(stack)


def units(layout: Layout) -> list[Unit]:
    """The units of a layout, in order: title-block lines, headings, sentences."""
    out: list[Unit] = []
    for idx, item in enumerate(layout.items):
        if item.kind == "para":
            out += [Unit("sentence", s, idx, first=(j == 0)) for j, s in enumerate(item.sentences)]
        else:
            out.append(Unit(item.kind, item.text, idx))
    return out
