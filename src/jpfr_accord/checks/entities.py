"""Entity rules: numbers, dates, ranges, symbols, enumerators, names and
quotations correspond clause by clause, compared as normalized values.

Stage: checks. Imports ``errors``, ``model``, ``checks.registry``,
``checks.extract``, ``checks.glossary``.

Each rule yields at most one finding per clause pair, on the translated clause,
naming what the source has and what the translation has instead.
"""

from __future__ import annotations

import csv
import importlib
import itertools
import math
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from functools import cache

from ..errors import Severity
from ..model import AlignedDocument, Clause
from ..resources import data_dir
from .extract import Entities, extract, format_date
from .glossary import contains, glossary_for, is_latin, match_form
from .registry import Hit, lang_name, rule
from .runner import CheckContext


def entities(clause: Clause, lang: str, ctx: CheckContext) -> Entities:
    """The entities of a clause (cached per text and language)."""
    return ctx.per_text("entities", lang, clause.text, extract)


def _texts(doc: AlignedDocument, ctx: CheckContext) -> Iterator[tuple[Clause, Clause]]:
    # An empty clause is STR002's; comparing it would only repeat that finding.
    for a, b in ctx.clause_pairs(doc):
        if a.text.strip() and b.text.strip():
            yield a, b


def _pairs(doc: AlignedDocument, ctx: CheckContext) -> list[tuple[Clause, Entities, Entities]]:
    """(translated clause, source entities, target entities) of every clause pair, once per run."""
    cache = ctx.data.setdefault("_entity_pairs", {})
    if id(doc) not in cache:
        sl, tl = doc.source.lang, doc.target.lang
        cache[id(doc)] = (doc, [(b, entities(a, sl, ctx), entities(b, tl, ctx)) for a, b in _texts(doc, ctx)])
    return cache[id(doc)][1]


def _diff(
    doc: AlignedDocument,
    clause: Clause,
    what: str,
    src_only: Iterable,
    tgt_only: Iterable,
    show: Callable[[Any], str] = str,
) -> Iterator[Hit]:
    src_only, tgt_only = sorted(map(show, src_only)), sorted(map(show, tgt_only))
    if not src_only and not tgt_only:
        return
    sl, tl = lang_name(doc.source.lang), lang_name(doc.target.lang)
    parts = []
    if src_only:
        parts.append(f"{what} {', '.join(src_only)} of the {sl} text {'is' if len(src_only) == 1 else 'are'} missing")
    if tgt_only:
        parts.append(f"{', '.join(tgt_only)} {'is' if len(tgt_only) == 1 else 'are'} not in the {sl} text" if src_only else f"{what} {', '.join(tgt_only)} {'is' if len(tgt_only) == 1 else 'are'} not in the {sl} text")
    yield Hit(doc.target.lang, clause, f"clause {clause.id!r} ({tl}): " + "; ".join(parts))


@rule("ENT001", "number-mismatch", Severity.ERROR, reads="clause")
def number_mismatch(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: a number or an ordinal of one language version is not in the other
    (full-width digits, thousands separators and spelled-out numbers are
    normalized: ２０２６ = 2026, « deux » = 2; 第1回目 = « première »).
    Why: a wrong or dropped figure changes what was agreed, and is easy to miss in review.
    Example: Japanese 国連の第1回目となる対話, French « la deuxième session du Dialogue ».
    Fix: write the source's figure in the translation.
    """
    for clause, s, t in _pairs(doc, ctx):
        # 160周年 is « le cent-soixantième anniversaire »: a count may be rendered as an ordinal
        accepted_t = t.numbers | t.number_words | {str(n) for n in t.ordinals}
        accepted_s = s.numbers | s.number_words | {str(n) for n in s.ordinals}
        src_only = [n for n in s.numbers if n not in accepted_t]
        src_only += [f"{n} (ordinal)" for n in s.ordinals if n not in t.ordinals and str(n) not in accepted_t]
        tgt_only = [n for n in t.numbers if n not in accepted_s]
        tgt_only += [f"{n} (ordinal)" for n in t.ordinals if n not in s.ordinals and str(n) not in accepted_s]
        yield from _diff(doc, clause, "number", src_only, tgt_only)


@rule("ENT002", "date-mismatch", Severity.ERROR, reads="clause")
def date_mismatch(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: a date differs between the language versions, compared as (year, month,
    day): 2026年3月31日, 令和8年3月31日, 二〇二六年三月三十一日 and « 31 mars 2026 » are one date;
    2025 年 2 月 is « février 2025 »; « le 1er mars » is day 1.
    Why: dates of meetings and adoptions are facts the statement records.
    Example: Japanese 2026年3月31日, French « tenue le 30 mars 2026 ».
    Fix: write the source's date (a date without year stays without year).
    """
    for clause, s, t in _pairs(doc, ctx):
        yield from _diff(doc, clause, "date", s.dates - t.dates, t.dates - s.dates, format_date)


@rule("ENT003", "range-mismatch", Severity.ERROR, reads="clause")
def range_mismatch(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: a range of years differs between the versions (2023-2027年 = « 2023-2027 »
    = « de 2023 à 2027 »).
    Why: the period of a roadmap or programme is part of its name and scope.
    Example: Japanese ロードマップ(2023-2027年), French « Feuille de route … (2023-2028) ».
    Fix: write the source's range.
    """
    for clause, s, t in _pairs(doc, ctx):
        yield from _diff(doc, clause, "range", s.ranges - t.ranges, t.ranges - s.ranges, lambda r: f"{r[0]}-{r[1]}")


@rule("ENT004", "symbol-mismatch", Severity.ERROR, reads="clause")
def symbol_mismatch(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: a document symbol (UNEP/EA.7/Res.9, A/RES/78/265) is not the same in both versions.
    Why: a symbol identifies the cited resolution; one wrong character cites another text.
    Example: Japanese 決議 UNEP/EA.7/Res.9, French « résolution UNEP/EA.7/Res.8 ».
    Fix: copy the symbol exactly as the source writes it.
    """
    for clause, s, t in _pairs(doc, ctx):
        yield from _diff(doc, clause, "symbol", s.symbols - t.symbols, t.symbols - s.symbols)


@rule("ENT005", "enumerator-mismatch", Severity.ERROR, reads="clause")
def enumerator_mismatch(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: the enumerators of a clause ((i), (ii), (a), (1)) differ between the versions.
    Why: enumerators are cited (« point (ii) »); a dropped one merges two items.
    Example: Japanese (i) … 並びに (ii) …, French « en vue de la diversification … et (ii) du soutien … ».
    Fix: keep every enumerator of the source, in the same form.
    """
    for clause, s, t in _pairs(doc, ctx):
        yield from _diff(doc, clause, "enumerator", s.enumerators - t.enumerators, t.enumerators - s.enumerators)


def _name_found(name: str, other_flat: str, other_lang: str, glossary, lang: str, cache: dict) -> bool:
    if _verbatim(name, other_flat) if is_latin(name) else contains(other_flat, name):
        return True
    key = (lang, other_lang, name)
    if key not in cache:
        # The glossary entries naming ``name`` (as a whole term or a word of one).
        form = match_form(name)
        cache[key] = [
            [f for f in entry.forms(other_lang) if f]
            for entry in glossary.entries
            if any(contains(f, form) for f in entry.forms(lang))
        ]
    if not cache[key]:
        return False
    other_form = match_form(other_flat)  # cached by text
    return any(contains(other_form, f) for forms in cache[key] for f in forms)


def _verbatim(name: str, text: str) -> bool:
    start = text.find(name)
    while start != -1:
        end = start + len(name)
        if (start == 0 or not text[start - 1].isascii() or not text[start - 1].isalnum()) and (
            end == len(text) or not text[end].isascii() or not text[end].isalnum()
        ):
            return True
        start = text.find(name, start + 1)
    return False


def _trimmed(name: str) -> str:
    # « Current AI foundation »: the capitalised core « Current AI » is the name.
    words = name.split(" ")
    while words and words[-1][:1].islower():
        words.pop()
    while words and words[0][:1].islower():
        words.pop(0)
    return " ".join(words)


@rule("ENT006", "name-mismatch", Severity.ERROR, reads="clause")
def name_mismatch(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: an acronym or a name written in Latin script (G7, OECD, Sakana AI,
    MoU) in one version has no counterpart in the other: neither the same name
    nor its equivalent in the glossary (OECD ↔ OCDE, AI ↔ IA, 高市早苗 ↔ TAKAICHI).
    Why: a body or a company replaced or dropped changes who is concerned.
    Example: Japanese G7、G20、OECD, French « le G7, le G20, l'OTAN ».
    Fix: name the same body; if the name is right but spelt differently, add the
    pair to the glossary (``corpus/glossary.tsv``).
    """
    glossary = glossary_for(doc.target.path, ctx.data)
    cache = ctx.data.setdefault("_names", {}).setdefault(id(glossary), {})
    sl, tl = doc.source.lang, doc.target.lang
    for b, s, t in _pairs(doc, ctx):
        src_only = [
            n for n in s.names
            if not _name_found(n, t.flat, tl, glossary, sl, cache) and not (_trimmed(n) and _trimmed(n) != n and _verbatim(_trimmed(n), t.flat))
        ]
        tgt_only = [
            n for n in t.names
            if not _name_found(n, s.flat, sl, glossary, tl, cache) and not _glossed(n, t.flat) and not _read_as(n, s.flat, sl)
        ]
        src_only = [n for n in src_only if not _read_as(n, t.flat, tl) and not _same_body(n, sl, t.flat, tl)]
        tgt_only = [n for n in tgt_only if not _same_body(n, tl, s.flat, sl)]
        yield from _diff(doc, b, "name", src_only, tgt_only)


@cache
def _bodies() -> tuple[dict[str, tuple[str, ...]], ...]:
    """The rows of ``data/lexicons/acronyms.tsv``: {lang: forms} per international body."""
    path = data_dir() / "lexicons" / "acronyms.tsv"
    if not path.is_file():
        return ()
    lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip() and not x.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple({lang: tuple(f.strip() for f in (cell or "").split(" / ") if f.strip()) for lang, cell in row.items() if lang} for row in rows)


def _same_body(name: str, lang: str, other_text: str, other_lang: str) -> bool:
    """« UE » where the Japanese writes EU or 欧州連合, NATO where the French writes « OTAN »:
    the same international body in the other language's usage (``acronyms.tsv``)."""
    for row in _bodies():
        if name in row.get(lang, ()):
            if any((_verbatim(f, other_text) if f.isascii() else f in other_text) for f in row.get(other_lang, ()) + row.get(lang, ())):
                return True
    return False


def _glossed(acronym: str, text: str) -> bool:
    """« UUV (Unmanned Underwater Vehicle) »: an acronym the text itself spells out is
    an explanation the translation adds, not a name the source must have."""
    i = text.find(acronym)
    if i < 0:
        return False
    m = re.match(r"\s*\(([^()]{3,120})\)", text[i + len(acronym):])
    if not m:
        return False
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w'-]*", m.group(1)) if w[0].isupper())
    return initials.upper() == acronym.upper()


def _read_as(name: str, other_text: str, other_lang: str) -> bool:
    """A Latin-script name (KOIZUMI, « CHIRAC », « Le Drian ») that the other version
    writes in kanji or kana: 小泉 (read コイズミ), シラク, ルドリアン, compared by sound
    (``lang.names``) with the readings ``lang.<other>.morph.name_readings`` gives."""
    try:
        morph = importlib.import_module(f"..lang.{other_lang}.morph", __package__)
    except ImportError:
        return False
    reader = getattr(morph, "name_readings", None)
    if reader is None or not morph.is_available():
        return False
    from ..lang.names import same_name

    readings = [r for _, r in reader(other_text)]
    if not readings:
        return False
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    whole = "".join(words)
    return any(same_name(whole, r) for r in readings) or all(any(same_name(w, r) for r in readings) for w in words)


#: A quotation is shorter (or longer) than the clause's own length ratio by more than this factor.
QUOTE_RATIO = 2.2


def _quote_pairs(src: list[str], tgt: list[str], ratio: float) -> list[tuple[str, str, float]]:
    """Pair the quotations of the two versions (same number on each side) so that their
    lengths agree best with the clause's ratio; the order may differ (« processus
    d'Hiroshima sur l'IA » comes after « IA sûre … » where 「広島 AI プロセス」 comes first)."""
    best: tuple[float, list[tuple[str, str, float]]] | None = None
    for perm in itertools.permutations(range(len(tgt))) if len(tgt) <= 6 else [tuple(range(len(tgt)))]:
        pairs = [(q, tgt[j], (len(tgt[j]) / max(1, len(q))) / ratio) for q, j in zip(src, perm)]
        cost = sum(abs(math.log(max(r, 1e-6))) for _, _, r in pairs)
        if best is None or cost < best[0]:
            best = (cost, pairs)
    return best[1] if best else []


@rule("ENT007", "quotation-mismatch", Severity.WARNING, reads="clause")
def quotation_mismatch(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: a clause quotes a different number of titles or phrases in the two
    versions (「…」 ↔ « … »), or a quotation does not correspond in content: it is
    far shorter or longer than its counterpart, given the clause's own length ratio
    (a title cut short: 「安全、安心で信頼できる AI」 → « IA sûre »). A quotation whose words
    appear as such in the other version (« AI for Good », 「特別なパートナーシップ(partenariat
    d'exception)」 ↔ « partenariat d'exception ») needs no quotation marks there.
    Why: quotation marks mark official titles and agreed phrases; a dropped pair
    turns a title into an ordinary description, a shortened one cites another title.
    Example: Japanese 「特別なパートナーシップ」, French « dans le cadre du partenariat d'exception » without « ».
    Fix: quote the same titles as the source, in full.
    """
    for clause, s, t in _pairs(doc, ctx):
        nt = [q for q in t.quotes if not _verbatim(q, s.flat)]
        ns = [q for q in s.quotes if not _verbatim(q, t.flat) and not any(x in q for x in t.quotes)]
        sl, tl = lang_name(doc.source.lang), lang_name(doc.target.lang)
        if len(ns) != len(nt):
            yield Hit(doc.target.lang, clause, f"clause {clause.id!r} has {len(nt)} quotation{'s' if len(nt) != 1 else ''} in {tl} but {len(ns)} in {sl}")
            continue
        if not ns:
            continue
        ratio = len(t.flat) / max(1, len(s.flat))
        for q_src, q_tgt, r in _quote_pairs(ns, nt, ratio):
            if r < 1 / QUOTE_RATIO or r > QUOTE_RATIO * 1.3:
                what = "a part of" if r < 1 else "more than"
                start = clause.text.find(q_tgt)
                yield Hit(doc.target.lang, clause, f"clause {clause.id!r} quotes « {q_tgt} », which renders {what} the {sl} quotation 「{q_src}」",
                          span=(start, start + len(q_tgt)) if start >= 0 else None)
                break
