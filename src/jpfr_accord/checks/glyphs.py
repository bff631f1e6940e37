"""Typography rules on characters: French quotation marks and ordinal abbreviations,
invisible characters, letters of another script that look Latin.

Stage: checks. Imports ``errors``, ``model``, ``checks.registry``, ``checks.typography``
(the texts of a document).

On an authentic text these findings are notices (see ``registry``): the text is the
authority's and is never rewritten.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from ..errors import Severity
from ..model import Document
from .registry import Hit, rule
from .runner import CheckContext
from .typography import _where, texts

_ENGLISH_QUOTES = re.compile(r"[“”‟]|(?<![\w])\"(?=\w)|(?<=[\w.,!?])\"(?!\w)")
# « 1ère », « 2ème », « 3eme », « 2nde », « 1er » is right, « 1re », « 2e » are
# (Imprimerie nationale, Lexique des règles typographiques).
_ORDINAL_ABBR = re.compile(r"\b(\d+)(ère|ere|ème|eme|ième|ieme|è|nde|nd|ème)s?\b")
_INVISIBLE = {
    "\u200b": "ZERO WIDTH SPACE", "\u200c": "ZERO WIDTH NON-JOINER", "\u200d": "ZERO WIDTH JOINER",
    "\u2060": "WORD JOINER", "\ufeff": "ZERO WIDTH NO-BREAK SPACE", "\u00ad": "SOFT HYPHEN",
    "\u180e": "MONGOLIAN VOWEL SEPARATOR", "\u2061": "FUNCTION APPLICATION", "\u2062": "INVISIBLE TIMES",
    "\u2063": "INVISIBLE SEPARATOR", "\u2064": "INVISIBLE PLUS",
}
_INVISIBLE_RE = re.compile("[" + "".join(_INVISIBLE) + "]")
_WORD = re.compile(r"\w+")
_LOOKALIKE = re.compile(r"[\u0370-\u03ff\u0400-\u04ff]")  # Greek and Cyrillic


def _script(c: str) -> str | None:
    if not c.isalpha():
        return None
    name = unicodedata.name(c, "")
    for script in ("LATIN", "CYRILLIC", "GREEK"):
        if name.startswith(script) or f" {script} " in f" {name} ":
            return script
    return "OTHER"


@rule("TYP007", "english-quotes", Severity.WARNING, reads="clause")
def english_quotes(document: Document, ctx: CheckContext) -> Iterator[Hit]:
    """What: a French text quotes with English marks (“ ”, or straight " ")
    instead of guillemets « ».
    Why: French typography quotes with « » (and “ ” only inside a quotation);
    mixed marks in a bilingual edition look like an unfinished translation.
    Example: « conformément au “processus d’Hiroshima sur l’IA” ».
    Fix: write « processus d’Hiroshima sur l’IA » (with no-break spaces inside).
    """
    if document.lang != "fr":
        return
    for node, text, eid in texts(document):
        if "«" in text and "“" in text and text.find("«") < text.find("“") < text.rfind("»"):
            continue  # “ ” inside « »: the second level of quotation
        m = _ENGLISH_QUOTES.search(text)
        if m:
            yield Hit(document.lang, node, f"{_where(node, eid)} quotes with English marks ({m.group(0)}); use « »", eid=eid, span=(m.start(), m.end()))


@rule("TYP008", "ordinal-abbreviation", Severity.WARNING, reads="clause")
def ordinal_abbreviation(document: Document, ctx: CheckContext) -> Iterator[Hit]:
    """What: a French ordinal abbreviated as « 1ère », « 2ème », « 3eme » or « 2nde ».
    Why: French abbreviates ordinals « 1er », « 1re », « 2e », « 2de » (Lexique des règles
    typographiques en usage à l'Imprimerie nationale); « ème » is a common error.
    Example: « la 2ème session du Dialogue ».
    Fix: « la 2e session » (« 1re » for « première »).
    """
    if document.lang != "fr":
        return
    for node, text, eid in texts(document):
        m = _ORDINAL_ABBR.search(text)
        if m:
            n, suffix = m.group(1), m.group(2)
            right = ("re" if suffix.startswith(("è", "e")) and n == "1" else "de" if suffix.startswith("nd") else "e")
            yield Hit(document.lang, node, f"{_where(node, eid)} abbreviates an ordinal « {m.group(0)} »; write « {n}{right} »", eid=eid,
                      span=(m.start(), m.end()))


@rule("TYP009", "invisible-character", Severity.WARNING, reads="clause")
def invisible_character(document: Document, ctx: CheckContext) -> Iterator[Hit]:
    r"""What: a title, heading or clause contains an invisible character: a zero-width
    space, joiner or non-joiner, a word joiner, a byte-order mark inside the text,
    or a soft hyphen.
    Why: it is invisible in review but splits a word for search, the glossary and the
    checks (« OC\u200bDE » is not « OCDE »), and a soft hyphen hyphenates where the
    layout should decide.
    Example: « le G7, le G20, l’OC\u200bDE » (a U+200B copied from a web page).
    Fix: delete the character (search for ``[\x{200B}-\x{200D}\x{2060}\x{FEFF}\x{AD}]``).
    """
    for node, text, eid in texts(document):
        m = _INVISIBLE_RE.search(text)
        if m:
            name = _INVISIBLE[m.group(0)]
            yield Hit(document.lang, node, f"{_where(node, eid)} contains an invisible U+{ord(m.group(0)):04X} {name}; delete it", eid=eid,
                      span=(m.start(), m.end()))


@rule("TYP010", "confusable-character", Severity.ERROR, reads="clause")
def confusable_character(document: Document, ctx: CheckContext) -> Iterator[Hit]:
    """What: a word mixes Latin letters with Cyrillic or Greek ones that look the
    same (a Cyrillic О in « OCDE », a Greek Α in « AI »).
    Why: the word looks right and is another word: it names no body, matches no
    glossary entry and no search; a name changed this way changes who is concerned.
    Example: « l’OСDE » with U+0421 CYRILLIC CAPITAL LETTER ES for the C.
    Fix: retype the word in Latin letters.
    """
    for node, text, eid in texts(document):
        if not _LOOKALIKE.search(text):
            continue
        for m in _WORD.finditer(text):
            scripts = {_script(c) for c in m.group(0)} - {None}
            if "LATIN" in scripts and scripts & {"CYRILLIC", "GREEK"}:
                odd = next(c for c in m.group(0) if _script(c) in ("CYRILLIC", "GREEK"))
                yield Hit(document.lang, node, f"{_where(node, eid)} writes « {m.group(0)} » with U+{ord(odd):04X} {unicodedata.name(odd, '?')}, a letter that only looks Latin", eid=eid,
                          span=(m.start(), m.end()))
                break
