"""Display typography: a clause's stored text cut into the runs a page shows.

Stage: render. Imports ``display`` only (the language data comes from
``templates/labels.json`` through the caller).

Nothing here touches the corpus; every rule is display-only and reversible by
reading the run texts back in order (no character is added or removed, except
that no-break spaces replace the plain spaces the French rules glue, and that a
zero-width space may be inserted inside an abnormally long unbreakable run).

- French (``fr``): a no-break space inside dates (« 31 mars 2026 »), between a
  number and the word it counts (« 2 ans », « 10 % »), and after a one-letter
  word (« à », « a », « y »), so that no line ends on it; the narrow no-break
  space U+202F, missing from the Japanese font, becomes in the PDF a no-break
  space drawn narrower (a run of kind ``nnbsp``).
- Japanese (``ja``): dates (2026年3月31日), short parenthesised spans with
  digits ("(2023-2027年)") and the first and last two letters of each katakana
  word are runs of kind ``nowrap``, so that no line break splits a date or a
  range, or leaves one letter of a word alone ("イノベーショ / ン"); two full-width punctuation
  marks in a row get the ``halt`` feature on the one whose blank half faces the
  other (JIS X 4051 §3.1.4: 「は、「広島」」 keeps half an em, not a full one) —
  the font has no ``chws`` feature that would do it by itself.
- Any language, in the PDF: a token of 25 characters or more with slashes (a URL,
  a path) may break after its slashes;
- Any language: a run of more than :data:`MAX_UNBROKEN` characters with no break
  opportunity gets a zero-width space every :data:`UNBROKEN_CHUNK` characters in
  the PDF. WeasyPrint looks for a break point in such a run by laying out every
  prefix (quadratic: 47 s for a 40 KB word); with the break opportunities the
  work is linear.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..display import show_bidi_controls

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"
ZWSP = "\u200b"
#: Longest run without a break opportunity laid out as is; longer runs get
#: break opportunities every UNBROKEN_CHUNK characters (PDF only).
MAX_UNBROKEN = 120
UNBROKEN_CHUNK = 40

_SPACES = re.compile(r"[ \t\r\n]+")
# A line break of the XML source between two Japanese characters is no space
# (as in CSS Text 3, segment break transformation for East Asian text).
_CJK = "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t]*[\r\n][ \t\r\n]*(?=[{_CJK}])")
_UNBROKEN = re.compile(rf"[^\s{_CJK}\u200b]{{{MAX_UNBROKEN + 1},}}")
# A long token with slashes (a URL, a path): a break opportunity after its slashes,
# so that it does not leave a justified line with gaping spaces (PDF only).
_LONG_SLASHED = re.compile(r"[^\s\u200b]{25,}")
_AFTER_SLASHES = re.compile(r"(?<=/)(?=[^/\s])")

# Japanese: what must stay on one line.
_KATAKANA = "\u30a1-\u30fa\u30fc\u30fd\u30fe"
# The first two and the last two letters of a katakana word: a break may fall
# inside a long word, never so as to leave one letter alone ("イノベーショ / ン").
_KATAKANA_ENDS = f"(?<![{_KATAKANA}])[{_KATAKANA}]{{2,3}}(?![{_KATAKANA}])|(?<![{_KATAKANA}])[{_KATAKANA}]{{2}}|[{_KATAKANA}]{{2}}(?![{_KATAKANA}])"
_JA_DATE = r"[0-9０-９]+年(?:[0-9０-９]+月(?:[0-9０-９]+日)?)?"
_JA_PAREN_NUMBER = r"[(（][^()（）\s]{0,14}[0-9０-９][^()（）\s]{0,14}[)）]"
_JA_NOWRAP = re.compile(f"{_JA_PAREN_NUMBER}|{_JA_DATE}|{_KATAKANA_ENDS}")
# Letters no line may start with (JIS X 4051 §3.1.7, line-start prohibition; the
# closing punctuation Pango already keeps on the previous line).
_JA_NO_BREAK_BEFORE = "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿーゝゞヽヾ々"
# Full-width punctuation whose glyph sits in one half of the em box.
_JA_CLOSING = "、。，．」』）】〕〉》］｝"
_JA_OPENING = "「『（【〔〈《［｛"

# French: spaces to glue (each regex matches the plain space to replace).
_FR_ONE_LETTER = re.compile(r"(?<![\w'’\-.])([^\W\d_]) (?=\S)")
# (a bare year is no quantity: "en 2026 les" may break)
_FR_NUMBER_WORD = re.compile(r"(?<![\w.,])(?![12]\d{3} (?![%€]))(\d[\d,.\u202f]*) (?=[%€$]|[^\W\d_])")


@dataclass(frozen=True)
class Segment:
    """A run of clause text and how it is drawn: ``text`` (plain), ``nnbsp`` (a no-break
    space drawn narrow), ``nowrap`` (never broken across lines), ``halt`` (half-width
    punctuation)."""

    text: str
    kind: str = "text"

    @property
    def is_narrow_space(self) -> bool:
        return self.kind == "nnbsp"


def fold(text: str) -> str:
    """Whitespace runs folded (source line breaks inside Japanese dropped), bidi controls shown."""
    return show_bidi_controls(_SPACES.sub(" ", _CJK_BREAK.sub("", text)).strip())


def display_segments(
    text: str, medium: str, lang: str | None = None, months: Sequence[str] = ()
) -> tuple[Segment, ...]:
    """The runs ``text`` is shown as, in ``lang`` (``months``: the language's month names).

    Args:
        text: the stored text.
        medium: ``html`` or ``pdf``.
        lang: the language of the text (its rules apply), or None.
        months: month names of ``lang`` (from the labels), for the date rule.
    """
    text = fold(text)
    if lang == "fr":
        text = french_spaces(text, months)
    if medium == "pdf":
        text = _LONG_SLASHED.sub(lambda m: _AFTER_SLASHES.sub(ZWSP, m.group()) if "/" in m.group() else m.group(), text)
        text = _UNBROKEN.sub(_chunk, text)
    runs: list[Segment] = [Segment(text)] if text else []
    if lang == "ja":
        runs = list(_japanese_runs(text))
    if medium == "pdf":
        runs = [piece for run in runs for piece in _narrow_spaces(run)]
    return tuple(runs)


def french_spaces(text: str, months: Sequence[str] = ()) -> str:
    """French text with no-break spaces in dates, after numbers and after one-letter words."""
    if months:
        names = "|".join(re.escape(m) for m in months)
        text = re.sub(rf"(?<!\w)(\d{{1,2}}|1er) ({names})\b", rf"\1{NBSP}\2", text)
        text = re.sub(rf"\b({names}) (\d{{4}})\b", rf"\1{NBSP}\2", text)
    text = _FR_NUMBER_WORD.sub(lambda m: m.group(1) + NBSP, text)
    return _FR_ONE_LETTER.sub(lambda m: m.group(1) + NBSP, text)


def _chunk(match: re.Match) -> str:
    run = match.group()
    return ZWSP.join(run[i:i + UNBROKEN_CHUNK] for i in range(0, len(run), UNBROKEN_CHUNK))


def _japanese_runs(text: str) -> Iterable[Segment]:
    """Plain runs and ``nowrap`` runs: no break inside a date or a range, after the first or
    before the last letter of a katakana word, or before a small kana, ー or 々 (kinsoku:
    Pango, unlike ``line-break: strict``, which WeasyPrint ignores, allows those breaks)."""
    glued = [False] * len(text)  # glued[i]: no line break between text[i - 1] and text[i]
    for m in _JA_NOWRAP.finditer(text):
        for i in range(m.start() + 1, m.end()):
            glued[i] = True
    for i in range(1, len(text)):
        if text[i] in _JA_NO_BREAK_BEFORE:
            glued[i] = True
    pos = 0
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and glued[j]:
            j += 1
        if j - i > 1:
            if i > pos:
                yield from _halt_runs(text[pos:i])
            yield Segment(text[i:j], "nowrap")
            pos = j
        i = j
    if pos < len(text):
        yield from _halt_runs(text[pos:])


def _halt_runs(text: str) -> Iterable[Segment]:
    """Plain text, with each punctuation mark followed or preceded by another as a ``halt`` run."""
    start = 0
    for i, ch in enumerate(text):
        nxt = text[i + 1] if i + 1 < len(text) else ""
        prev = text[i - 1] if i else ""
        tight = (ch in _JA_CLOSING and nxt and nxt in _JA_CLOSING + _JA_OPENING) or (
            ch in _JA_OPENING and prev and prev in _JA_OPENING
        )
        if tight:
            if i > start:
                yield Segment(text[start:i])
            yield Segment(ch, "halt")
            start = i + 1
    if start < len(text):
        yield Segment(text[start:])


def _narrow_spaces(run: Segment) -> Iterable[Segment]:
    if NARROW_NBSP not in run.text:
        yield run
        return
    for i, part in enumerate(run.text.split(NARROW_NBSP)):
        if i:
            yield Segment(NBSP, "nnbsp")
        if part:
            yield Segment(part, run.kind)


def text_width(text: str) -> float:
    """The width of ``text`` in ems, roughly: a full-width character 1, any other 0.5."""
    wide = sum(1 for ch in text if "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\uffef" or ch in "\u3000")
    return wide + 0.5 * (len(text) - wide)
