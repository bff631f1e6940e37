"""Diplomatic acts by lemma: which predicates of a clause express which act, negated or not.

Stage: lang. Imports ``resources`` (reads ``data/lexicons/<lang>.acts.tsv``) and the
language's ``morph`` module (loaded on the first question).

The lexicons are data: lemmas and constructions, never inflected strings, so an act
is found in every form the analyser reduces to its lemma (一致しました, 決定された,
« ont réaffirmé », « réaffirmant », « se sont entendus », « il a été décidé »). The
format of each file is described at its top. A language with no ``.acts.tsv`` has
no act reading (``has_lexicon`` is False) and callers fall back to their own.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache, lru_cache

from ..errors import ConfigError, Location
from ..resources import data_dir

__all__ = ["ActMatch", "find_acts", "has_lexicon"]


@dataclass(frozen=True)
class ActMatch:
    """An act found in a text: the act, the words that express it, their offsets, and
    whether a negation governs it (確認しなかった, « n'ont pas reconnu »)."""

    value: str
    text: str
    start: int
    end: int
    negated: bool = False


@dataclass(frozen=True)
class _Entry:
    act: str
    lemmas: tuple[frozenset[str], ...]
    construction: str
    line: int


@cache
def _entries(lang: str) -> tuple[_Entry, ...]:
    path = data_dir() / "lexicons" / f"{lang}.acts.tsv"
    if not path.is_file():
        return ()
    display = f"data/lexicons/{lang}.acts.tsv"
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [(n, line) for n, line in enumerate(fh, 1) if line.strip() and not line.startswith("#")]
    reader = csv.DictReader((line for _, line in lines), delimiter="\t", quoting=csv.QUOTE_NONE)
    out = []
    for (n, _), row in zip(lines[1:], reader):
        act, raw = (row.get("act") or "").strip(), (row.get("lemmas") or "").strip()
        if not act or not raw:
            raise ConfigError("an act row needs an act and its lemmas", Location(display, n))
        lemmas = tuple(frozenset(p.split("|")) for p in raw.split())
        out.append(_Entry(act, lemmas, (row.get("construction") or "").strip(), n))
    return tuple(out)


@cache
def _first_lemmas(lang: str) -> dict[str, tuple[_Entry, ...]]:
    """The entries by the lemma their first word must have."""
    out: dict[str, tuple[_Entry, ...]] = {}
    for e in _entries(lang):
        for lemma in e.lemmas[0]:
            out[lemma] = out.get(lemma, ()) + (e,)
    return out


def has_lexicon(lang: str) -> bool:
    """Whether ``lang`` has an act lexicon by lemma."""
    return bool(_entries(lang))


@lru_cache(maxsize=65536)
def find_acts(text: str, lang: str) -> tuple[ActMatch, ...]:
    """The acts the predicates of ``text`` express, in order (a wording inside a longer
    one, 確認 inside 再確認, counts once, as the longer)."""
    if lang == "ja":
        return _find_ja(text)
    if lang == "fr":
        return _find_fr(text)
    return ()


# -- Japanese -------------------------------------------------------------------

_JA_CONJUNCTIVE = frozenset({"て", "つつ", "ながら", "ば", "が", "けれど", "けれども"})
_JA_NEGATION = frozenset({"ない", "ず", "ぬ", "無い"})
_JA_AUX_VERBS = frozenset({"居る", "いる", "行く", "いく", "来る", "くる", "おる", "居る", "頂く", "致す", "下さる"})


def _ja_predicate(toks, j: int) -> tuple[bool, bool, int]:
    """Whether the word ending at index ``j`` is a predicate: (is it, negated, end offset)."""
    negated = False
    end = toks[j].end
    k = j + 1
    while k < len(toks):
        t = toks[k]
        if t.pos1 == "助動詞" or (t.has_pos("動詞", "非自立可能") and t.lemma in _JA_AUX_VERBS) or t.lemma in ("為る",) and t.has_pos("動詞", "非自立可能"):
            negated = negated or t.lemma in _JA_NEGATION
            end = t.end
            k += 1
            continue
        if t.has_pos("助詞", "接続助詞") and t.surface in _JA_CONJUNCTIVE:
            end = t.end
            k += 1
            continue
        after = "".join(x.surface for x in toks[k + 1 : k + 3])
        if t.surface == "と" and after.startswith(("ともに", "共に")):
            return True, negated, toks[k + 1].start + 3
        if t.pos1 in ("補助記号", "記号"):
            return not t.has_pos("補助記号", "括弧開") and t.surface not in "「『(（[", negated, end
        return False, negated, end
    return True, negated, end


def _find_ja(text: str) -> tuple[ActMatch, ...]:
    from .ja.morph import tokens  # noqa: PLC0415

    toks = tokens(text)
    found: list[ActMatch] = []
    first = _first_lemmas("ja")
    for i in range(len(toks)):
        candidates = first.get(toks[i].lemma, ()) + first.get(toks[i].surface, ())
        for e in candidates:
            n = len(e.lemmas)
            if i + n > len(toks) or not all(toks[i + k].lemma in e.lemmas[k] or toks[i + k].surface in e.lemmas[k] for k in range(n)):
                continue
            ok, negated, end = _ja_predicate(toks, i + n - 1)
            if ok:
                found.append(ActMatch(e.act, text[toks[i].start : end], toks[i].start, end, negated))
    return tuple(_longest(found))


# -- French ---------------------------------------------------------------------

_FR_AUX = frozenset({"avoir", "être", "été"})
_FR_SKIP = frozenset(
    "se s' ne n' pas plus jamais également aussi encore donc pleinement vivement fermement chaleureusement "
    "en outre par ailleurs tous toutes deux été bien déjà ainsi ensemble conjointement solennellement".split()
)
_FR_GAP = frozenset("le la l' les leur leurs son sa ses un une des du de d' ferme fermement également aussi pleinement vivement bonne pleine commune grand grande grandes toute tout toutes particulière particulier très plus haute".split())
_FR_PARTICIPLE = ("é", "ée", "és", "ées", "u", "ue", "us", "ues", "i", "ie", "is", "ies", "it", "ite", "its", "ites", "int", "inte", "ints", "intes", "ert", "erte", "erts", "ertes")
_FR_NEGATION = frozenset({"pas", "plus", "jamais", "nullement", "aucunement", "point"})


def _fr_form(words, i: int) -> tuple[bool, bool, int]:
    """(is a predicate, is negated, start of the verb group) for the act word ``i``."""
    w = words[i]
    lower = w.lower
    start = w.start
    aux = False
    negated = False
    k = i - 1
    while k >= 0 and i - k <= 6:
        p = words[k]
        if p.lemma in _FR_AUX:
            aux = True
            start = p.start
        elif p.lower in ("ne", "n'"):
            negated = True
            start = p.start
        elif p.lower in ("se", "s'"):
            start = p.start
        elif p.lower not in _FR_SKIP:
            break
        k -= 1
    # « n'ont pas reconnu », « ne reconnaissent pas »: ne before, pas/plus before or just after
    group = words[k + 1 : i] if k + 1 < i else ()
    negated = negated and (any(p.lower in _FR_NEGATION for p in group) or any(p.lower in _FR_NEGATION for p in words[i + 1 : i + 2]))
    if lower.endswith("ant"):
        return True, negated, start
    is_infinitive = lower == w.lemma and lower.endswith(("er", "ir", "re"))
    if is_infinitive:
        return False, negated, start
    is_participle = lower.endswith(_FR_PARTICIPLE) and lower != w.lemma or lower in ("convenu", "convenus", "convenue", "convenues", "entendu", "entendus", "convaincu", "convaincus")
    if is_participle and not aux:
        return False, negated, start
    return True, negated, start


def _reflexive(words, i: int) -> bool:
    return any(p.lower in ("se", "s'", "nous", "vous") for p in words[max(0, i - 4) : i])


def _find_fr(text: str) -> tuple[ActMatch, ...]:
    from .fr.morph import words as fr_words  # noqa: PLC0415

    words = fr_words(text)
    found: list[ActMatch] = []
    subordinate = False
    last_act = -10
    for i, w in enumerate(words):
        # « ont réaffirmé que … », « sont convaincus que … »: what follows is the content
        # of the act, not another act (« telles que », « ainsi que » are not)
        if w.lower in ("que", "qu'") and i - last_act <= 3 and words[i - 1].lower not in ("telles", "tels", "telle", "tel", "ainsi", "alors", "même", "tandis", "bien"):
            subordinate = True
            continue
        if i and words[i - 1].lower in ("qui", "dont", "lequel", "laquelle", "lesquels", "lesquelles"):
            continue  # a relative clause's verb (« partenaires qui partagent ») is not the clause's act
        if w.lower == "et" and subordinate and any(p.lemma in _FR_AUX or p.lower in ("se", "s'", "ils", "elles") for p in words[i + 1 : i + 6]):
            subordinate = False
            continue
        for e in _entries("fr"):
            if w.lemma not in e.lemmas[0] and w.lower not in e.lemmas[0]:
                continue
            cons = e.construction
            if cons == "se" and not _reflexive(words, i):
                continue
            if cons == "!se" and _reflexive(words, i):
                continue
            end = w.end
            if cons.startswith("+"):
                wanted = set(cons[1:].split("|"))
                hit = None
                for p in words[i + 1 : i + 5]:
                    if p.lemma in wanted or p.lower in wanted:
                        hit = p
                        break
                    if p.lower not in _FR_GAP:
                        break
                if hit is None:
                    continue
                end = hit.end
            if cons.startswith("+") and w.lemma == "avoir":
                ok, negated, start = True, False, w.start
            else:
                ok, negated, start = _fr_form(words, i)
            if ok and not subordinate:
                found.append(ActMatch(e.act, text[start:end], start, end, negated))
                last_act = i
    return tuple(_longest(found))


def _longest(matches: list[ActMatch]) -> list[ActMatch]:
    keep: list[ActMatch] = []
    for m in matches:
        if not any(o is not m and o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start) for o in matches):
            if not any(k.start == m.start and k.end == m.end and k.value == m.value for k in keep):
                keep.append(m)
    return sorted(keep, key=lambda m: m.start)
