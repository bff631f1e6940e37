"""Names across scripts: a name written in Latin letters and its Japanese reading compared by sound.

Stage: lang. Imports the standard library only.

``KOIZUMI`` and 小泉 (read コイズミ, romanised ``koizumi``), « Macron » and マクロン
(``makuron``), « CHIRAC » and シラク (``shiraku``): the Japanese adds vowels
and has no l/r or b/v distinction, French writes silent letters. Both sides are
reduced to a consonant skeleton after the few foldings that make them comparable
(c/k/qu, ch/sh, ph/f, l/r, v/b; vowels, h, y, w dropped; doubled letters one).
The comparison is made only between the names of two versions of one clause,
where a false match would need two unrelated names with the same consonants.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["skeleton", "same_name"]

_FOLDS = (
    ("sch", "sh"), ("ch", "sh"), ("ph", "f"), ("qu", "k"), ("ck", "k"), ("gu", "g"),
    ("tsu", "ts"), ("ts", "s"), ("x", "ks"), ("l", "r"), ("v", "b"), ("w", ""),
    ("j", "j"), ("dj", "j"), ("zh", "j"),
)
_C_SOFT = re.compile(r"c(?=[eiy])")


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def skeleton(name: str) -> str:
    """The consonant skeleton of one name word: ``Chirac`` and ``shiraku`` → ``shrk``
    (sh kept as one sound), ``Macron`` and ``makuron`` → ``mkrn``."""
    s = re.sub(r"[^a-z]", "", _ascii(name))
    s = _C_SOFT.sub("s", s)
    for a, b in _FOLDS:
        s = s.replace(a, b)
    s = s.replace("c", "k").replace("sh", "\0")
    s = re.sub(r"[aeiouyh]", "", s).replace("\0", "sh")
    return re.sub(r"(.)\1+", r"\1", s)


def same_name(latin: str, romaji: str) -> bool:
    """Whether a Latin-script name word and a romanised Japanese reading are the same
    name: equal skeletons, or equal once French silent final letters are dropped
    (« Laurent » ``rrnt`` ↔ ローラン ``rrn``). Skeletons of fewer than two consonants
    must be equal and the words close in length (Abe ↔ アベ)."""
    a, b = skeleton(latin), skeleton(romaji)
    if not a or not b:
        return False
    if a == b:
        return len(a) >= 2 or abs(len(_ascii(latin)) - len(romaji)) <= 2
    for silent in ("t", "d", "s", "ks", "z", "ts"):
        if a.endswith(silent) and a[: -len(silent)] == b and len(b) >= 2:
            return True
    return False
