"""French morphology: words with their lemma, and the markers the checks read.

Stage: lang. Imports the standard library; the lemmatiser (simplemma, a
dictionary lemmatiser with no dependencies) is imported on the first question,
never at module import, and every analysis is cached per text.

Why simplemma (measured here, see ``bench/morph_bench.py``): about 50 ms to import
and 150 ms to load its French dictionary on first use, then under a microsecond a
word, and it lemmatises every tense and person (« réaffirment », « ont réaffirmé »,
« réaffirmant » → réaffirmer). spaCy with ``fr_core_news_sm`` would add a tagger but
the model is not a PyPI package here and spaCy alone takes seconds to import.
Past participles used as adjectives keep their own lemma in simplemma
(« convenus » → convenu): the act lexicon lists those lemmas beside the verb's.

Offsets are character offsets into the text as given (``start``, ``end``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Word", "words", "lemmas", "lemma", "is_available"]

#: Elided words (« l' », « s' », « qu' ») are words of their own; a hyphenated word stays one.
_WORD = re.compile(r"(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['’](?=\w)|\w+(?:[-‑]\w+)*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Word:
    """One French word: as written, in lower case with ’ folded, and its lemma."""

    surface: str
    lower: str
    lemma: str
    start: int
    end: int


def is_available() -> bool:
    """Whether the lemmatiser is installed."""
    try:
        import simplemma  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True


@lru_cache(maxsize=200000)
def lemma(word: str) -> str:
    """The lemma of one word (lower case, ’ folded): ``ont`` → ``avoir``, ``s'`` → ``se``."""
    w = word.lower().replace("’", "'")
    if w.endswith("'"):
        return _ELIDED.get(w, w[:-1])
    from simplemma import lemmatize  # noqa: PLC0415 (lazy: loaded by the first rule that reads French)

    return lemmatize(w, lang="fr").lower()


_ELIDED = {"l'": "le", "d'": "de", "s'": "se", "n'": "ne", "j'": "je", "m'": "me", "t'": "te", "c'": "ce", "qu'": "que",
           "jusqu'": "jusque", "lorsqu'": "lorsque", "puisqu'": "puisque", "quoiqu'": "quoique"}


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[Word, ...]:
    """The words of ``text`` with their lemmas, in order (punctuation left out)."""
    out = []
    for m in _WORD.finditer(text):
        surface = m.group(0)
        lower = surface.lower().replace("’", "'")
        out.append(Word(surface, lower, lemma(lower), m.start(), m.end()))
    return tuple(out)


def lemmas(text: str) -> list[str]:
    """The lemma of every word of ``text``, in order (« Les ministres ont réaffirmé »
    → ``le``, ``ministre``, ``avoir``, ``réaffirmer``)."""
    return [w.lemma for w in words(text)]
