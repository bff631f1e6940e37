"""French numbers written in words: « cent-soixantième » → 160 (ordinal), « vingt-cinq » → 25.

Stage: lang. Imports the standard library; the parser (text2num) is imported on the
first compound number word met, never at module import.

Single small words (« deux », « un ») stay words: the checks accept them for a digit
of the other version but do not require them, since « les deux dirigeants » is a
designation. Compounds and ordinals in words are values.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["number_words", "NumberWord"]

_UNITS = (
    "zéro un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize "
    "vingt vingts trente quarante cinquante soixante cent cents mille million millions milliard milliards"
).split()
_ORDINAL_STEMS = {"cinqu": "cinq", "neuv": "neuf", "un": "un", "quatr": "quatre", "onz": "onze", "douz": "douze",
                  "treiz": "treize", "quatorz": "quatorze", "quinz": "quinze", "seiz": "seize", "trent": "trente",
                  "quarant": "quarante", "cinquant": "cinquante", "soixant": "soixante", "mill": "mille", "dix": "dix",
                  "deux": "deux", "trois": "trois", "six": "six", "sept": "sept", "huit": "huit", "vingt": "vingt", "cent": "cent"}
_WORD = "(?:" + "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True)) + ")"
_ORD = "(?:" + "|".join(sorted(map(re.escape, _ORDINAL_STEMS), key=len, reverse=True)) + r")ièmes?"
#: two or more number words joined by hyphens, spaces or « et », the last one possibly ordinal; or one ordinal word
_COMPOUND = re.compile(rf"\b(?:{_WORD}(?:[- ]et[- ]|[- ]))+(?:{_ORD}|{_WORD})\b|\b{_ORD}\b", re.IGNORECASE)

NumberWord = tuple[int, bool, int, int]  # value, is an ordinal, start, end


@lru_cache(maxsize=16384)
def number_words(text: str) -> tuple[NumberWord, ...]:
    """Compound numbers and ordinals written in words in ``text``, as (value, ordinal?, start, end):
    « cent-soixantième » → (160, True, …), « mille deux cents » → (1200, False, …).
    « premier », « deuxième » and « second » are left to the ordinal words of the entity
    vocabulary; a run that is not a number (« un deux ») is skipped."""
    out: list[NumberWord] = []
    for m in _COMPOUND.finditer(text):
        raw = m.group(0).lower()
        ordinal = raw.endswith(("ième", "ièmes"))
        words = re.split(r"[- ]+", raw)
        if ordinal:
            last = re.sub(r"ièmes?$", "", words[-1])
            words[-1] = _ORDINAL_STEMS.get(last, last)
        if len(words) == 1 and not ordinal:
            continue
        if ordinal and len(words) == 1 and words[0] in ("un", "deux"):
            continue  # « unième » is not a word alone; « deuxième » is an ordinal word
        value = _value(" ".join(w for w in words if w != "et"))
        if value is not None:
            out.append((value, ordinal, m.start(), m.end()))
    return tuple(out)


def _value(words: str) -> int | None:
    from text_to_num import text2num  # type: ignore[import-untyped]  # noqa: PLC0415

    try:
        return int(text2num(words, "fr"))
    except (ValueError, TypeError):
        return None
