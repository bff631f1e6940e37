"""Terminology rules: the glossary's required equivalents and forbidden variants.

Stage: checks. Imports ``errors``, ``model``, ``checks.registry``, ``checks.glossary``.

Latin-script names (OECD, Sakana AI) are checked by ENT006 with the same
glossary; the rules here check the terms written in the source's own script.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import Severity
from ..model import AlignedDocument, Clause
from .glossary import Entry, contains, glossary_for, match_form
from .registry import Hit, lang_name, rule
from .runner import CheckContext


def _terms(doc: AlignedDocument, ctx: CheckContext) -> Iterator[tuple[Clause, Entry, str]]:
    """(translated clause, glossary entry whose source term is in the source clause, target form text)."""
    glossary = glossary_for(doc.target.path, ctx.data)
    if not glossary.entries:
        return
    sl = doc.source.lang
    cache = ctx.data.setdefault("_terms", {}).setdefault(id(glossary), {})
    for a, b in ctx.clause_pairs(doc):
        if not b.text.strip():
            continue  # an empty clause is reported by STR002
        key = (sl, a.text)
        if key not in cache:
            cache[key] = glossary.entries_in(match_form(a.text), sl, latin=False)
        found = cache[key]
        if found:
            target = match_form(b.text)
            for entry in found:
                yield b, entry, target


def _first(entry: Entry, lang: str) -> str:
    return entry.terms.get(lang, ("?",))[0]


@rule("TRM001", "missing-term", Severity.WARNING, reads="clause")
def missing_term(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: a clause of the source contains a glossary term, and its translation
    contains none of the term's accepted equivalents.
    Why: institutions, programmes and agreed formulas have one established name;
    a paraphrase may name something else, or nothing a reader can look up.
    Example: Japanese 情報操作, French « la désinformation » (glossary: « manipulations de l'information »).
    Fix: use one of the glossary's equivalents (the message lists the first); if
    another wording is right, add it to the glossary entry as an alternative.
    """
    tl = doc.target.lang
    for clause, entry, target in _terms(doc, ctx):
        if any(contains(target, f) for f in entry.forbidden_forms(tl)):
            continue  # TRM002 reports it
        if entry.forms(tl) and not any(contains(target, f) for f in entry.forms(tl)):
            yield Hit(tl, clause, f"clause {clause.id!r}: the {lang_name(doc.source.lang)} term {_first(entry, doc.source.lang)!r} has none of its {lang_name(tl)} equivalents, e.g. {_first(entry, tl)!r} [glossary {entry.id}]")


@rule("TRM002", "forbidden-term", Severity.WARNING, reads="clause")
def forbidden_term(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: a translated clause uses a variant the glossary forbids for a term of its source clause.
    Why: some renderings are wrong or misleading in diplomatic usage
    (« partenariat spécial » for 特別なパートナーシップ, « chefs d'État » for 両首脳).
    Example: French « dans le cadre du « partenariat privilégié » » for 「特別なパートナーシップ」.
    Fix: use the glossary's equivalent.
    """
    tl = doc.target.lang
    for clause, entry, target in _terms(doc, ctx):
        bad = [t for t, f in zip(entry.forbidden.get(tl, ()), entry.forbidden_forms(tl)) if contains(target, f)]
        if bad:
            yield Hit(tl, clause, f"clause {clause.id!r}: {bad[0]!r} is a forbidden rendering of {_first(entry, doc.source.lang)!r}; use {_first(entry, tl)!r} [glossary {entry.id}]")
