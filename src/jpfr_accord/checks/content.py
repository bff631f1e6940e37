"""Content rules: enumerated items item by item, the items of a list, sentences,
untranslated text, headings compared.

Stage: checks. Imports ``errors``, ``model``, ``resources`` (``data/lexicons/countries.toml``),
``checks.registry``, ``checks.extract``, ``checks.glossary``.

Without a translation engine, an item's content is known by its anchors: glossary
terms (量子通信 ↔ « communications quantiques »), names in Latin script (G7, Sakana AI)
and numbers. An anchor of item (i) found only in another item of the translation
means the items were exchanged.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterator
from functools import cache

from ..errors import Severity
from ..model import AlignedDocument, Clause, Section
from ..resources import data_dir
from .extract import fold
from .glossary import contains, glossary_for, match_form
from .registry import Hit, lang_name, rule
from .runner import CheckContext

_ENUM = re.compile(r"[(（]\s*(?:[ivx]{1,5}|[a-h]|\d{1,2})\s*[)）]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_LATIN_NAME = re.compile(r"\b[A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*\b")


def _items(text: str, lang: str) -> dict[str, str]:
    """The enumerated items of a text: ``(i)`` → the words up to the next enumerator;
    the last item ends with its phrase (at 、 in Japanese, at ; or . in French)."""
    t = fold(text)
    found = list(_ENUM.finditer(t))
    out: dict[str, str] = {}
    for k, m in enumerate(found):
        if k + 1 < len(found):
            item = t[m.end() : found[k + 1].start()]
        else:
            item = re.split(r"[、,，。]" if lang == "ja" else r"[;.](?:\s|$)", t[m.end() :], maxsplit=1)[0]
        out[re.sub(r"\s", "", m.group(0)).lower()] = item
    return out


def _anchors(text: str, lang: str, other: str, glossary, *, names: bool = True) -> list[tuple[str, tuple[str, ...]]]:
    """(anchor as written here, its forms in the other language) for the glossary terms
    and (``names``) the Latin-script names of ``text`` the glossary does not translate."""
    entries = glossary.entries_in(match_form(text), lang)
    out = [(e.forms(lang)[0], tuple(f for f in e.forms(other) if f)) for e in entries]
    if names:
        known = {match_form(f) for e in entries for f in e.forms(lang)}
        out += [(n, (n,)) for n in _LATIN_NAME.findall(text) if match_form(n) not in known]
    return [(a, forms) for a, forms in out if forms]


def _has(text: str, forms: tuple[str, ...]) -> bool:
    mt = match_form(text)
    return any(contains(mt, match_form(f)) for f in forms)


def _pairs(doc: AlignedDocument, ctx: CheckContext) -> Iterator[tuple[Clause, Clause]]:
    for a, b in ctx.clause_pairs(doc):
        if a.text.strip() and b.text.strip():
            yield a, b


@rule("ENT008", "enumeration-items-mismatch", Severity.ERROR, reads="clause")
def enumeration_items_mismatch(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: the enumerated items of a clause ((i), (ii), (a), (b)) do not correspond
    item by item: a term or name of the source's item (i) is in the translation's
    item (ii) and not in its (i).
    Why: items are cited by their enumerator (« point (ii) »); exchanged items
    attach each commitment to the other object.
    Example: Japanese (i) AI モデル及びシステムの多様化 … (ii) 市場へのアクセス支援, French
    « (i) du soutien à l'accès au marché … et (ii) de la diversification des modèles d'IA ».
    Fix: keep each item under the source's enumerator.
    """
    glossary = glossary_for(doc.target.path, ctx.data)
    sl, tl = doc.source.lang, doc.target.lang
    for a, b in _pairs(doc, ctx):
        si, ti = _items(a.text, sl), _items(b.text, tl)
        common = [k for k in si if k in ti]
        if len(common) < 2:
            continue
        yield from _exchanged(b, tl, sl, si, ti, common, glossary)


def _exchanged(b: Clause, tl: str, sl: str, si: dict, ti: dict, common: list, glossary) -> Iterator[Hit]:
    for k in common:
        for anchor, forms in _anchors(si[k], sl, tl, glossary):
            if _has(ti[k], forms):
                continue
            # in another item of the translation, and not an anchor of that item in the source
            moved = [j for j in common if j != k and _has(ti[j], forms) and not _has(si[j], (anchor,))]
            if moved:
                yield Hit(tl, b, f"clause {b.id!r}: item {k} of the {lang_name(sl)} text ({anchor}) is rendered under {moved[0]}; the items are exchanged")
                return


#: A Japanese list: three or more items joined by 、 (or ・) and closed by 等 / など / 及び / 並びに.
_ITEM = r"[\u30a0-\u30ff\u3400-\u9fffA-Za-z0-9・ー ]{1,25}"
_JA_LIST = re.compile(rf"(?:{_ITEM}、){{2,}}{_ITEM}?(?:等|など|及び|並びに)")


@rule("ENT009", "list-item-missing", Severity.ERROR, reads="clause")
def list_item_missing(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: an item of a coordinated list of the source (量子コンピューティング、量子通信、
    半導体…等) is not rendered: its glossary equivalent is nowhere in the translated clause.
    Why: the list says what the cooperation covers; a dropped item drops a field from
    the commitment.
    Example: Japanese 量子コンピューティング、量子通信、半導体、…海底ケーブル等, French without
    « les communications quantiques ».
    Fix: render every item of the list.
    """
    if doc.source.lang != "ja":
        return
    glossary = glossary_for(doc.target.path, ctx.data)
    tl = doc.target.lang
    for a, b in _pairs(doc, ctx):
        text = fold(a.text)
        for m in _JA_LIST.finditer(text):
            anchored = [(item.strip(), forms) for item in re.split(r"[、・]", m.group(0))
                        for _, forms in _anchors(item, "ja", tl, glossary, names=False)[:1]]
            missing = [(item, forms) for item, forms in anchored if not _has(b.text, forms)]
            # the list is rendered in the glossary's words (two items or more are), and one is not there
            if missing and len(anchored) - len(missing) >= 2:
                item, forms = missing[0]
                yield Hit(tl, b, f"clause {b.id!r} does not render the list item 「{item}」 ({' / '.join(forms[:2])}) of the {lang_name(doc.source.lang)} list")
                break


_JA_SENTENCE_END = re.compile(r"[。！？](?![」』)）])")
_FR_SENTENCE_END = re.compile(r"(?<!\bM)(?<!\bMme)(?<!\bMM)(?<!\bn°)(?<![A-Z])(?<!\d)[.!?](?=\s+[«\"“(]?\s*[A-ZÀ-Ý])")


def sentence_count(text: str, lang: str) -> int:
    """Sentences in a clause text: those that end before another one starts, plus the last."""
    t = fold(text).strip()
    if not t:
        return 0
    pattern = _JA_SENTENCE_END if lang in ("ja", "zh") else _FR_SENTENCE_END
    ends = [m for m in pattern.finditer(t) if m.end() < len(t.rstrip("。.!?！？ 」』)）»"))]
    return len(ends) + 1


@rule("LEN002", "sentence-count-mismatch", Severity.WARNING, reads="clause")
def sentence_count_mismatch(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: a translated clause has more or fewer sentences than its source.
    Why: a clause is one sentence-level statement; a sentence added says something
    the source does not, a sentence dropped leaves something out.
    Example: Japanese 両首脳は…確認した。, French « Les deux dirigeants ont confirmé … . Ils ont également salué … ».
    Fix: render the clause in as many sentences as the source, or split the clause
    on both sides.
    """
    sl, tl = doc.source.lang, doc.target.lang
    for a, b in _pairs(doc, ctx):
        ns, nt = sentence_count(a.text, sl), sentence_count(b.text, tl)
        if ns != nt:
            yield Hit(tl, b, f"clause {b.id!r} has {nt} sentence{'s' if nt != 1 else ''} in {lang_name(tl)} but {ns} in {lang_name(sl)}")


def _script_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(1 for c in letters if _CJK.match(c)) / len(letters) if letters else 0.0


def _in_source(source: str, target: str, source_lang: str, target_lang: str) -> bool:
    """The target text is written like the source: the same text, or mostly in the
    source's script (a Japanese clause left in a French file)."""
    if unicodedata.normalize("NFKC", source).strip() == unicodedata.normalize("NFKC", target).strip():
        return _script_share(source) > 0.3  # « AI for Good » in both is not untranslated
    if source_lang == "ja" and target_lang != "ja":
        return _script_share(target) > 0.3
    return False


@rule("ALN006", "untranslated-text", Severity.ERROR)
def untranslated_text(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: a translated clause or heading is still in the source language: the same
    text as the source, or written mostly in Japanese script in the French file.
    Why: an untranslated clause is a commitment the reader of the translation does not get.
    Example: ``<clause eId="sec_2__para_1__cl_1">両首脳は、…認識した。</clause>`` in ``corpus/fr/X.xml``.
    Fix: translate it.
    """
    sl, tl = doc.source.lang, doc.target.lang
    for a, b in _pairs(doc, ctx):
        if _in_source(a.text, b.text, sl, tl):
            yield Hit(tl, b, f"clause {b.id!r} is not translated: its text is in {lang_name(sl)}")
    for _, sa, sb in doc.pairs():
        if isinstance(sa, Section) and isinstance(sb, Section) and sa.heading and sb.heading and sb.heading.text.strip():
            if _in_source(sa.heading.text, sb.heading.text, sl, tl) and _script_share(sa.heading.text) > 0.3:
                yield Hit(tl, sb.heading, f"heading of section {sb.id!r} is not translated: its text is in {lang_name(sl)}", eid=sb.id)


@rule("ALN007", "heading-copied", Severity.WARNING)
def heading_copied(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: two sections have the same heading in the translation where the source's
    headings differ: one was copied from another section.
    Why: the outline, the running titles and the PDF bookmarks then name the wrong section.
    Example: French sec_3 headed « L’IA au service de la sécurité (…) », the heading of sec_2.
    Fix: translate the section's own heading.
    """
    tl = doc.target.lang
    seen: dict[str, tuple[str, str]] = {}
    for _, sa, sb in doc.pairs():
        if not (isinstance(sa, Section) and isinstance(sb, Section) and sa.heading and sb.heading):
            continue
        key = " ".join(unicodedata.normalize("NFKC", sb.heading.text).casefold().split())
        if not key:
            continue
        if key in seen and seen[key][1] != " ".join(unicodedata.normalize("NFKC", sa.heading.text).split()):
            yield Hit(tl, sb.heading, f"heading of section {sb.id!r} is the heading of section {seen[key][0]!r}; the {lang_name(doc.source.lang)} headings differ", eid=sb.id)
        else:
            seen.setdefault(key, (sb.id, " ".join(unicodedata.normalize("NFKC", sa.heading.text).split())))


@cache
def _countries() -> dict[str, dict]:
    path = data_dir() / "lexicons" / "countries.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")).get("countries", {}) if path.is_file() else {}


#: Two or more country abbreviations in a row make a compound (日仏, 日米豪印), followed by a noun.
_JA_COMPOUND = re.compile(r"(?<![\u3400-\u9fff])([日仏独米英伊中韓露加豪印]{2,4})(?![本国語人])")
#: One abbreviation before an office or a side: 仏議長国, 米政府, 独側.
_JA_SINGLE = re.compile(r"(?<![\u3400-\u9fff])([日仏独米英伊中韓露加豪印])(?=議長国|大統領|政府|側|外相|首相|国防相|外務省)")


def countries_named(text: str, lang: str) -> set[str]:
    """The countries a text names: 日仏 (Japan, France), ドイツ; « franco-allemandes »
    (France, Germany), « le Japon »."""
    out: set[str] = set()
    table = _countries()
    t = fold(text)
    if lang == "ja":
        abbrev = {c["ja_abbrev"]: name for name, c in table.items() if c.get("ja_abbrev")}
        for m in (*_JA_COMPOUND.finditer(t), *_JA_SINGLE.finditer(t)):
            if all(ch in abbrev for ch in m.group(1)):
                out |= {abbrev[ch] for ch in m.group(1)}
        out |= {name for name, c in table.items() if any(n in t for n in c.get("ja", ()))}
    elif lang == "fr":
        words = [w for w in re.split(r"[^\w-]+", t.casefold()) if w]
        parts = [p for w in words for p in w.split("-")]
        for name, c in table.items():
            for stem in c.get("fr", ()):
                if "-" in stem:
                    hit = stem in words
                elif stem.endswith("o"):  # « franco- », « sino- »: the first part of a compound
                    hit = any(w.startswith(stem + "-") for w in words)
                else:  # the word, feminine or plural: « allemandes », « coréennes »
                    hit = any(re.fullmatch(re.escape(stem) + r"(?:e|s|es|ne|nes)?", p) for p in parts)
                if hit:
                    out.add(name)
                    break
    return out


#: The parties of a Japan–France text: the countries of its two languages.
_PARTIES = frozenset({"japan", "france"})


@rule("ENT010", "country-mismatch", Severity.ERROR, reads="clause")
def country_mismatch(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: the translation names a third country the source clause does not name, in
    a name, an adjective or a compound (日仏 is Japan and France: « franco-allemandes »
    names Germany). Japan and France, the parties, may be named where the source says
    両国. The countries are data (``data/lexicons/countries.toml``).
    Why: a wrong country in a compound the glossary has no entry for changes who
    cooperates with whom.
    Example: Japanese 日仏の協力, French « la coopération franco-allemande ».
    Fix: name the source's countries (« franco-japonaise »).
    """
    sl, tl = doc.source.lang, doc.target.lang
    if {sl, tl} != {"ja", "fr"}:
        return
    for a, b in _pairs(doc, ctx):
        extra = countries_named(b.text, tl) - countries_named(a.text, sl) - _PARTIES
        if extra:
            yield Hit(tl, b, f"clause {b.id!r} names {', '.join(sorted(extra))}, which the {lang_name(sl)} text does not name")
