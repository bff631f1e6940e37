"""Polarity and modality markers of a text: negations, necessity, possibility or wish.

Stage: lang. Imports ``resources`` (reads ``data/lexicons/<lang>.markers.toml``) and
the language's ``morph`` module (loaded on the first question).

Each question returns the markers found with their offsets into the text, so that a
rule can point at the words (``span``). The words are data, one file per language.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache, lru_cache

from ..resources import data_dir

__all__ = ["Marker", "Markers", "markers"]


@dataclass(frozen=True)
class Marker:
    kind: str  # negation | lexical-negation | necessity | possibility
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Markers:
    items: tuple[Marker, ...] = field(default=())

    def of(self, kind: str) -> tuple[Marker, ...]:
        return tuple(m for m in self.items if m.kind == kind)


@cache
def _data(lang: str) -> dict:
    path = data_dir() / "lexicons" / f"{lang}.markers.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def has_markers(lang: str) -> bool:
    return bool(_data(lang))


@lru_cache(maxsize=65536)
def markers(text: str, lang: str) -> Markers:
    """The polarity and modality markers of ``text`` in ``lang`` (none for a language without data)."""
    if lang == "ja" and _data("ja"):
        return Markers(tuple(_ja(text)))
    if lang == "fr" and _data("fr"):
        return Markers(tuple(_fr(text)))
    return Markers()


def _masked(text: str, idioms: list[str]) -> list[tuple[int, int]]:
    spans = []
    for idiom in idioms:
        if "…" in idiom:
            continue
        start = text.find(idiom)
        while start != -1:
            spans.append((start, start + len(idiom)))
            start = text.find(idiom, start + 1)
    return spans


#: Nouns that turn a clause into a noun phrase: a negation before them negates the clause.
_FORMAL_NOUNS = frozenset("事 こと 旨 物 もの 点 様 よう 為 ため 場合 限り 方 の".split())


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _ja(text: str):
    from .ja.morph import tokens  # noqa: PLC0415

    d = _data("ja")
    masked = _masked(text, d.get("idioms", []))
    aux, adj = set(d.get("negation_aux", [])), set(d.get("negation_adj", []))
    prefixes = tuple(d.get("lexical_prefixes", []))
    necessity, possibility = d.get("necessity", []), d.get("possibility", [])
    toks = tokens(text)
    for i, t in enumerate(toks):
        if _inside(t.start, masked):
            continue
        if (t.pos1 == "助動詞" and t.lemma in aux) or (t.pos1 == "形容詞" and t.lemma in adj and t.has_pos("形容詞", "非自立可能")):
            # before a noun the negation is part of an adjective (揺るぎない決意: « inébranlable »),
            # except before the nouns that make a clause a noun (もたらし得ないこと)
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            attributive = nxt is not None and nxt.pos1 == "名詞" and nxt.lemma not in _FORMAL_NOUNS
            yield Marker("lexical-negation" if attributive else "negation", t.surface, t.start, t.end)
        elif t.surface.startswith(prefixes) and len(t.surface) > 1 and t.pos1 in ("名詞", "形状詞", "接頭辞") or t.pos1 == "接頭辞" and t.surface in prefixes:
            yield Marker("lexical-negation", t.surface, t.start, t.end)
    # the idioms that are not themselves markers (必要に応じ, 可能な限り) hide the markers in them
    masked = _masked(text, [x for x in d.get("idioms", []) if x not in necessity and x not in possibility])
    for kind, words in (("necessity", necessity), ("possibility", possibility)):
        for w in words:
            for t in toks:
                if (t.lemma == w or t.surface == w) and not _inside(t.start, masked):
                    yield Marker(kind, t.surface, t.start, t.end)
            if len(w) > 2 and not any(t.lemma == w or t.surface == w for t in toks):
                start = text.find(w)
                if start != -1 and not _inside(start, masked):
                    yield Marker(kind, w, start, start + len(w))


def _fr(text: str):
    from .fr.morph import words as fr_words  # noqa: PLC0415

    d = _data("fr")
    folded = text.replace("\u2019", "'").lower()
    masked = _masked(folded, d.get("idioms", []))
    neg_words, preps = set(d.get("negation_words", [])), set(d.get("negation_preps", []))
    lexical = set(d.get("lexical", []))
    necessity, possibility = set(d.get("necessity", [])), set(d.get("possibility", []))
    endings = tuple(d.get("conditional_endings", []))
    words = fr_words(text)
    for i, w in enumerate(words):
        if _inside(w.start, masked):
            continue
        if w.lower in ("ne", "n'"):
            nxt = words[i + 1 : i + 5]
            if any(x.lower == "que" or x.lower == "qu'" for x in nxt[:3]) and not any(x.lower in neg_words for x in nxt[:3]):
                continue  # « ne … que »: only
            hit = next((x for x in nxt if x.lower in neg_words), None)
            if hit is not None:
                yield Marker("negation", text[w.start : hit.end], w.start, hit.end)
        elif w.lower in preps:
            # « sans attendre », « sans que »: a negated verb; « sans réserve »: an adverb
            after = words[i + 1] if i + 1 < len(words) else None
            verbal = after is not None and (after.lower in ("que", "qu'", "se", "s'", "y", "en", "jamais", "aucun", "aucune", "ne")
                                            or after.lower.endswith(("er", "ir", "re", "oir")) and not after.lower.endswith(("ière", "aire", "oire", "ure")))
            yield Marker("negation" if verbal else "lexical-negation", w.surface, w.start, w.end)
        if w.lower in lexical or w.lower.startswith("non-"):  # « non-prolifération », « non-ingérence »
            yield Marker("lexical-negation", w.surface, w.start, w.end)
        if w.lemma in necessity or w.lower in necessity:
            conditional = w.lower.endswith(endings)
            yield Marker("possibility" if conditional else "necessity", w.surface, w.start, w.end)
        elif w.lemma in possibility or w.lower in possibility:
            yield Marker("possibility", w.surface, w.start, w.end)
