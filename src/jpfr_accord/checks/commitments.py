"""Commitment rules: the wording of each clause expresses its declared acts and actor.

Stage: checks. Imports ``errors``, ``model``, ``checks.registry``, ``checks.lexicon``.

CMT001 and CMT002 (declared acts and actor equal in both languages) are in
``alignment.py``; the rules here read the *text* of each language version with
that language's lexicon (``data/lexicons/<lang>.tsv``).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import Severity
from ..model import AlignedDocument, Clause
from .lexicon import Match, find_acts, find_subject, hints_in, lexicon, prepare
from .registry import Hit, lang_name, rule
from .runner import CheckContext


def clause_reading(clause: Clause, lang: str, ctx: CheckContext) -> tuple[list[Match], Match | None]:
    """The act wordings and the subject found in a clause (cached per text)."""
    cache = ctx.data.setdefault("_acts", {})
    key = (lang, clause.text)
    if key not in cache:
        text = prepare(clause.text)
        table = hints_in(text, lang)
        acts = find_acts(text, lang, table)
        cache[key] = (acts, find_subject(text, lang, acts[0].start if acts else None, table))
    return cache[key]


def _commitments(doc: AlignedDocument, ctx: CheckContext) -> Iterator[tuple[str, Clause]]:
    for a, b in ctx.clause_pairs(doc):
        for lang, clause in ((doc.source.lang, a), (doc.target.lang, b)):
            # an empty clause is reported by STR002
            if clause.acts and clause.text.strip() and not lexicon(lang).is_empty:
                yield lang, clause


def _quote(matches: list[Match]) -> str:
    return ", ".join(f"« {m.text} » ({m.value})" for m in matches)


@rule("CMT003", "act-not-expressed", Severity.WARNING, reads="clause")
def act_not_expressed(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: the wording of a clause expresses none of the lexicon's wordings for
    one of the acts the clause declares in ``acts``.
    Why: acts are language-independent; when the source agrees (一致した) the
    translation must agree too (« sont convenus »), not welcome (« ont salué »).
    Example: ``acts="agree"`` on a French clause that says « Les deux dirigeants ont salué … ».
    Fix: reword the clause with a wording of the act (``data/lexicons/fr.tsv`` lists
    them), or, if the wording is right and missing from the lexicon, add it there.
    """
    for lang, clause in _commitments(doc, ctx):
        acts, _ = clause_reading(clause, lang, ctx)
        missing = [a for a in clause.acts if a not in {m.value for m in acts}]
        if missing:
            found = f"its wording expresses {_quote(acts)}" if acts else "no act wording was found in it"
            yield Hit(lang, clause, f"clause {clause.id!r} declares {' '.join(missing)!r} but its {lang_name(lang)} wording does not express it; {found}")


@rule("CMT004", "undeclared-act", Severity.WARNING, reads="clause")
def undeclared_act(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: every declared act is expressed, but the wording also expresses an
    act the clause does not declare.
    Why: an added « et ont soutenu » commits the parties to more than the source does.
    Example: ``acts="welcome"`` on « … ont salué et ont soutenu l'initiative ».
    Fix: remove the extra predicate, or, if the source has it too, declare the act on both sides.
    """
    for lang, clause in _commitments(doc, ctx):
        acts, _ = clause_reading(clause, lang, ctx)
        found = {m.value for m in acts}
        if all(a in found for a in clause.acts):
            extra = [m for m in acts if m.value not in clause.acts]
            if extra:
                yield Hit(lang, clause, f"clause {clause.id!r} declares {' '.join(clause.acts)!r} but its {lang_name(lang)} wording also expresses {_quote(extra)}")


@rule("CMT005", "actor-not-subject", Severity.WARNING, reads="clause")
def actor_not_subject(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: the subject of a clause names another actor than its ``actor``
    attribute (両首脳 / « Les deux dirigeants » is ``both``; « M. Emmanuel Macron » is ``fr``).
    Why: who commits is part of the commitment; a statement of one leader
    translated as a statement of both commits the other party.
    Example: ``actor="both"`` on « Par ailleurs, le Président de la République a salué … ».
    Fix: translate the subject of the source, or correct ``actor`` on both sides.
    """
    for a, b in ctx.clause_pairs(doc):
        for lang, clause in ((doc.source.lang, a), (doc.target.lang, b)):
            if clause.actor is None or clause.actor == "all":
                continue
            _, subject = clause_reading(clause, lang, ctx)
            if subject is not None and subject.value != clause.actor:
                yield Hit(lang, clause, f"clause {clause.id!r} declares actor {clause.actor!r} but its {lang_name(lang)} subject « {subject.text} » is {subject.value!r}")
