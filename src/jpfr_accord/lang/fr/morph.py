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

``words`` gives each word the lemma of the compiled index ``data/lexicons/fr.forms.tsv``
(the forms simplemma maps to a lemma the lexicons name, written by
``scripts/gen_fr_forms.py``): reading acts then loads no dictionary; ``lemmas`` and
``lemma`` ask simplemma itself. Offsets are character offsets into the text as given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["Word", "words", "lemmas", "lemma", "quick_lemma", "is_available"]

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
    """Whether French can be read by lemma: the compiled index of the lexicons' lemmas
    is there, or the lemmatiser is installed (found without importing it)."""
    import importlib.util  # noqa: PLC0415

    return forms_path().is_file() or importlib.util.find_spec("simplemma") is not None


@lru_cache(maxsize=200000)
def lemma(word: str) -> str:
    """The lemma of one word (lower case, ’ folded): ``ont`` → ``avoir``, ``s'`` → ``se``
    (simplemma, loaded on the first call)."""
    w = word.lower().replace("’", "'")
    if w.endswith("'"):
        return _ELIDED.get(w, w[:-1])
    from simplemma import lemmatize  # noqa: PLC0415 (lazy: loaded by the first rule that reads French)

    return lemmatize(w, lang="fr").lower()


def forms_path() -> Path:
    """The compiled index of the lexicons' lemmas (``scripts/gen_fr_forms.py`` writes it)."""
    from ...resources import data_dir  # noqa: PLC0415

    return data_dir() / "lexicons" / "fr.forms.tsv"


@lru_cache(maxsize=1)
def _forms() -> dict[str, str]:
    path = forms_path()
    if not path.is_file():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            form, _, lem = line.partition("\t")
            out[form] = lem
    return out


def quick_lemma(word: str) -> str:
    """The lemma of a word the lexicons care about (an act verb, an auxiliary, a
    modality marker), from their compiled index; any other word is its own lemma.
    Reading acts this way needs no dictionary load."""
    w = word.lower().replace("’", "'")
    if w.endswith("'"):
        return _ELIDED.get(w, w[:-1])
    forms = _forms()
    if not forms:
        return lemma(w)
    return forms.get(w, w)


def indexed_lemmas() -> dict[str, str]:
    """Every form simplemma's French dictionary maps to a lemma named in the French
    lexicons (``fr.acts.tsv``, ``fr.markers.toml``), and the lemmas themselves."""
    import csv  # noqa: PLC0415
    import tomllib  # noqa: PLC0415

    from simplemma.strategies.dictionaries import DefaultDictionaryFactory  # noqa: PLC0415

    from ...resources import data_dir  # noqa: PLC0415

    lex = data_dir() / "lexicons"
    wanted = {"avoir", "être", "été"}
    rows = [r for r in (lex / "fr.acts.tsv").read_text(encoding="utf-8").splitlines() if r and not r.startswith("#")]
    for row in csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE):
        wanted |= set((row.get("lemmas") or "").split("|"))
        wanted |= {w for w in (row.get("construction") or "").lstrip("+!").split("|") if w and w != "se"}
    markers = tomllib.loads((lex / "fr.markers.toml").read_text(encoding="utf-8"))
    for key in ("necessity", "possibility"):
        wanted |= set(markers.get(key, ()))
    dictionary = DefaultDictionaryFactory().get_dictionary("fr")
    out = {w: lemma(w) if lemma(w) in wanted else w for w in wanted}
    for form, lem in dictionary.items():
        if lem in wanted and form == form.lower():
            out[form] = lem
    return out


def render_forms(forms: dict[str, str]) -> str:
    head = ("# French forms of the lexicons' lemmas, compiled from simplemma's dictionary by\n"
            "# scripts/gen_fr_forms.py (do not edit: edit the lexicons and regenerate). form<TAB>lemma\n")
    return head + "".join(f"{f}\t{forms[f]}\n" for f in sorted(forms))


_ELIDED = {"l'": "le", "d'": "de", "s'": "se", "n'": "ne", "j'": "je", "m'": "me", "t'": "te", "c'": "ce", "qu'": "que",
           "jusqu'": "jusque", "lorsqu'": "lorsque", "puisqu'": "puisque", "quoiqu'": "quoique"}


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[Word, ...]:
    """The words of ``text`` with their lemmas, in order (punctuation left out)."""
    out = []
    for m in _WORD.finditer(text):
        surface = m.group(0)
        lower = surface.lower().replace("’", "'")
        out.append(Word(surface, lower, quick_lemma(lower), m.start(), m.end()))
    return tuple(out)


def lemmas(text: str) -> list[str]:
    """The lemma of every word of ``text``, in order (« Les ministres ont réaffirmé »
    → ``le``, ``ministre``, ``avoir``, ``réaffirmer``), by simplemma (loaded on the first call)."""
    return [lemma(w.lower) for w in words(text)]
