"""French (and other Latin-script) sentence splitting.

Stage: lang. Imports nothing from the package.

A sentence ends at ``.`` ``!`` ``?`` ``…`` (possibly followed by a closing quote or
bracket) when the next sentence starts: a space, then a capital, a digit, an
opening quote or bracket. Not after an abbreviation (« M. », « art. », « cf. »,
an initial), nor after a paragraph number (``1.``), nor inside « … » (a « that is
never closed does not count). « etc. » ends the sentence when a capital follows.
Candidates are found by one regular-expression scan and each is judged by
looking at a bounded window before it, so the time is linear in the text (the
former character-by-character loop re-scanned the text behind each stop).
"""

from __future__ import annotations

import re

_ABBREV = frozenset(
    "m mm mme mmes mlle mlles dr pr me st ste art al cf ex p pp n° no vol chap éd op cit env av apr c "
    "s.e s.m s.a.r mgr gal col cdt lt réf fig ann éd".split()
)
_CANDIDATE = re.compile(r"(?:[.!?]+|…)[»”\"')\]]*(?=\s+[\"«“(\[A-ZÀ-ÖØ-Þ0-9])")
#: the word before a full stop, looked for in a bounded window
_LAST_WORD = re.compile(r"([^\s(«\"“]*)$")
_LEADING_NUMBER = re.compile(r"\s*(?:\(?[0-9]{1,3}\)?|[IVXLC]{1,6}|[a-z])\s*[.)]\s*$")
_END = re.compile(r"(?:[.!?]+|…)[»”\"')\]]*\s*$")
_WINDOW = 40


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of « … » that close (one pass); an unclosed « is ignored."""
    spans: list[tuple[int, int]] = []
    stack: list[int] = []
    for m in re.finditer(r"[«»]", text):
        if m.group() == "«":
            stack.append(m.start())
        elif stack:
            start = stack.pop()
            if not stack:
                spans.append((start, m.end()))
    return spans


def _is_abbreviation(before: str) -> bool:
    word = _LAST_WORD.search(before[-_WINDOW:])
    w = re.split(r"[’']", word.group(1))[-1] if word else ""  # l’art. -> art.
    if not w:
        return False
    if len(w) == 1 and w.isalpha():
        return True  # an initial: J. Chirac
    if re.fullmatch(r"(?:[A-Z]\.)+[A-Z]", w) or re.fullmatch(r"[A-Z]\.-[A-Z]", w):
        return True  # J.-C, U.S
    return w.casefold() in _ABBREV


def split(text: str) -> list[str]:
    """The sentences of a French paragraph."""
    spans = _quote_spans(text)
    out: list[str] = []
    start = 0
    q = 0
    for m in _CANDIDATE.finditer(text):
        stop = m.start()
        while q < len(spans) and spans[q][1] <= stop:
            q += 1
        if q < len(spans) and spans[q][0] < stop < spans[q][1] - 1:
            continue  # inside « … »
        if text[stop] == "." and len(m.group().rstrip("»”\"')]")) == 1:
            window = text[max(start, stop - _WINDOW) : stop]
            if _is_abbreviation(window) and not window.endswith("etc"):
                continue
            if _LEADING_NUMBER.fullmatch(text[start : stop + 1]):
                continue  # "1. Les quatre ministres…": the paragraph's number
        piece = text[start : m.end()].strip()
        if piece:
            out.append(piece)
        start = m.end()
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return out


def ends_sentence(text: str) -> bool:
    """Whether the line closes a sentence (. ! ? …, not after « M. » or another abbreviation)."""
    text = text.rstrip()[-(_WINDOW + 8):]  # the end is all that matters: never scan a long paragraph
    if not _END.search(text):
        return False
    core = text.rstrip("»”\"')] ")
    if core.endswith(".") and not core.endswith(".."):
        body = core[:-1]
        if _is_abbreviation(body[-_WINDOW:]) and not body.endswith("etc"):
            return False
    return True
