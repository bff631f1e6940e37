"""Commitment rules: the wording of each clause expresses its declared acts and actor.

Stage: checks. Imports ``errors``, ``model``, ``resources``, ``lang`` (acts and actors
by lemma, loaded lazily), ``checks.registry``, ``checks.lexicon``.

CMT001 and CMT002 (declared acts and actor equal in both languages) are in
``alignment.py``; the rules here read the *text* of each language version with
that language's lexicon (``data/lexicons/<lang>.tsv``).
"""

from __future__ import annotations

from collections.abc import Iterator

import tomllib
from functools import cache

from ..errors import Severity
from ..model import AlignedDocument, Clause
from ..resources import data_dir
from .lexicon import Match, find_acts, find_subject, hints_in, lexicon, prepare
from .registry import Hit, both_authentic, lang_name, rule
from .runner import CheckContext


def clause_reading(clause: Clause, lang: str, ctx: CheckContext) -> tuple[list[Match], Match | None]:
    """The act wordings and the subject found in a clause (cached per text).

    A language with an act lexicon by lemma (``data/lexicons/<lang>.acts.tsv``) and
    its analyser installed is read through ``lang.acts`` and ``lang.actors``: offsets
    are then into the clause's stored text. Otherwise the wordings of
    ``data/lexicons/<lang>.tsv`` are matched on the prepared text."""
    return ctx.per_text("acts", lang, clause.text, read_clause)


def read_clause(text: str, lang: str) -> tuple[list[Match], Match | None]:
    """(acts, subject) of a text: by lemma where the language allows it, by wording otherwise."""
    if by_lemma(lang):
        from ..lang import actors as lang_actors
        from ..lang.acts import find_acts as lemma_acts

        found = [Match(m.value, m.text, m.start, m.end, m.negated) for m in lemma_acts(text, lang)]
        subject = None
        if lang_actors.has_lexicon(lang):
            limits: list[int | None] = [m.start for m in found] or [None]
            for limit in limits:
                s = lang_actors.subject(text, lang, limit)
                if s is not None:
                    subject = Match(s.value, s.text, s.start, s.end)
                    break
        return found, subject
    prepared = prepare(text)
    table = hints_in(prepared, lang)
    acts = find_acts(prepared, lang, table)
    return acts, find_subject(prepared, lang, acts[0].start if acts else None, table)


@cache
def by_lemma(lang: str) -> bool:
    """Whether ``lang`` is read by lemma (its act lexicon and its analyser are there)."""
    from ..lang.acts import has_lexicon

    if not has_lexicon(lang):
        return False
    return _analyser_available(lang)


def _analyser_available(lang: str) -> bool:
    import importlib

    try:
        module = importlib.import_module(f"..lang.{lang}.morph", __package__)
    except ImportError:
        return False
    return bool(module.is_available())


def _commitments(doc: AlignedDocument, ctx: CheckContext) -> Iterator[tuple[str, Clause]]:
    for a, b in ctx.clause_pairs(doc):
        for lang, clause in ((doc.source.lang, a), (doc.target.lang, b)):
            # an empty clause is reported by STR002
            if clause.acts and clause.text.strip() and (by_lemma(lang) or not lexicon(lang).is_empty):
                yield lang, clause


def _quote(matches: list[Match]) -> str:
    return ", ".join(f"« {m.text} » ({m.value})" for m in matches)


@cache
def act_family(act: str) -> str:
    """The family of an act (``data/lexicons/acts.toml``): view, action, appraisal, request."""
    path = data_dir() / "lexicons" / "acts.toml"
    families = tomllib.loads(path.read_text(encoding="utf-8")).get("families", {}) if path.is_file() else {}
    return next((name for name, acts in families.items() if act in acts), act)


@rule("CMT003", "act-not-expressed", Severity.WARNING, reads="clause")
def act_not_expressed(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: the wording of a clause does not express one of the acts the clause
    declares in ``acts``. An error when it expresses only acts of another family
    (``data/lexicons/acts.toml``: a view, a course of action, an appraisal, a
    request), since that changes what the parties commit to; a warning when it
    expresses no act the lexicon knows, or a related act of the same family
    (確認した / « ont réaffirmé »; a notice between two authentic texts).
    Why: acts are language-independent; when the source agrees (一致した) the
    translation must agree too (« sont convenus »), not welcome (« ont salué »).
    Example: ``acts="agree"`` on a French clause that says « Les deux dirigeants ont salué … ».
    Fix: reword the clause with a wording of the act (``data/lexicons/fr.acts.tsv`` lists
    them), or, if the wording is right and missing from the lexicon, add it there.
    """
    authentic = both_authentic(doc)
    for lang, clause in _commitments(doc, ctx):
        acts, _ = clause_reading(clause, lang, ctx)
        expressed = {m.value for m in acts}
        missing = [a for a in clause.acts if a not in expressed]
        if not missing:
            continue
        families = {act_family(a) for a in missing}
        related = [m for m in acts if act_family(m.value) in families and m.value not in clause.acts]
        others = [m for m in acts if m.value not in clause.acts] or acts
        shown = (related or others)[0] if acts else None
        span = (shown.start, shown.end) if shown is not None and by_lemma(lang) else None
        what = f"clause {clause.id!r} declares {' '.join(missing)!r} but its {lang_name(lang)} wording does not express it"
        if not acts:
            yield Hit(lang, clause, f"{what}; no act wording was found in it")
        elif related:
            yield Hit(lang, clause, f"{what}; it expresses the related {_quote(related)}", span=span,
                      severity=Severity.INFO if authentic else Severity.WARNING)
        else:
            yield Hit(lang, clause, f"{what}; it expresses {_quote(others)}, another commitment", span=span,
                      severity=Severity.WARNING if authentic else Severity.ERROR)


@rule("CMT004", "undeclared-act", Severity.WARNING, reads="clause")
def undeclared_act(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: every declared act is expressed, but the wording also expresses an
    act the clause does not declare. An error when the extra act is of a family
    none of the declared acts is of (a course of action added to a view); a warning
    otherwise (a notice between two authentic texts).
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
                declared = {act_family(a) for a in clause.acts}
                new_family = any(act_family(m.value) not in declared for m in extra)
                severity = (Severity.WARNING if new_family else Severity.INFO) if both_authentic(doc) else (Severity.ERROR if new_family else Severity.WARNING)
                span = (extra[0].start, extra[0].end) if by_lemma(lang) else None
                yield Hit(lang, clause, f"clause {clause.id!r} declares {' '.join(clause.acts)!r} but its {lang_name(lang)} wording also expresses {_quote(extra)}",
                          span=span, severity=severity)


@rule("CMT005", "actor-not-subject", Severity.ERROR, reads="clause")
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
                span = (subject.start, subject.end) if by_lemma(lang) else None
                yield Hit(lang, clause, f"clause {clause.id!r} declares actor {clause.actor!r} but its {lang_name(lang)} subject « {subject.text} » is {subject.value!r}", span=span)
