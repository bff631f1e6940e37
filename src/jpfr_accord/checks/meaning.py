"""Meaning rules: what changes a commitment without changing its act, polarity and modality.

Stage: checks. Imports ``errors``, ``model``, ``lang`` (markers, loaded lazily),
``checks.registry``.

A negation on one side only (認識しない / « ont reconnu », « n'est pas susceptible de » /
もたらし得る) and a necessity rendered as a wish (必要である / « il serait souhaitable »)
reverse or weaken what the parties say, whatever acts the clause declares. The
markers are data (``data/lexicons/<lang>.markers.toml``), read by ``lang.markers``.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import Severity
from ..model import AlignedDocument, Clause
from .registry import Hit, lang_name, rule
from .runner import CheckContext


def _markers(clause: Clause, lang: str, ctx: CheckContext):
    from ..lang.markers import markers

    return ctx.per_text("markers", lang, clause.text, markers)


def _pairs(doc: AlignedDocument, ctx: CheckContext) -> Iterator[tuple[Clause, Clause]]:
    from ..lang.markers import has_markers

    if not (has_markers(doc.source.lang) and has_markers(doc.target.lang)):
        return
    for a, b in ctx.clause_pairs(doc):
        if a.text.strip() and b.text.strip():
            yield a, b


@rule("CMT006", "polarity-mismatch", Severity.ERROR, reads="clause")
def polarity_mismatch(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: one version of a clause negates (ない, ず / « ne … pas », « ne … plus »,
    « sans ») and the other has no negation at all, not even one inside a word
    (両立しない / « incompatible », 不可欠 / « indispensable »). Fixed phrases that
    negate nothing (のみならず, « non seulement ») do not count.
    Why: a negation added or dropped reverses what the parties say.
    Example: Japanese 利益をもたらし得る, French « n'est pas susceptible d'apporter des avantages ».
    Fix: render the source's polarity; if both say the same in other words, suppress
    the finding on the clause with ``ignore="CMT006"`` and a reason.
    """
    sl, tl = doc.source.lang, doc.target.lang
    for a, b in _pairs(doc, ctx):
        ms, mt = _markers(a, sl, ctx), _markers(b, tl, ctx)
        neg_s, neg_t = ms.of("negation"), mt.of("negation")
        if neg_t and not neg_s and not ms.of("lexical-negation"):
            m = neg_t[0]
            yield Hit(tl, b, f"clause {b.id!r} negates (« {m.text} ») where the {lang_name(sl)} text has no negation", span=(m.start, m.end))
        elif neg_s and not neg_t and not mt.of("lexical-negation"):
            m = neg_s[0]
            yield Hit(tl, b, f"clause {b.id!r} has no negation where the {lang_name(sl)} text negates (「{m.text}」)")


@rule("CMT007", "modality-mismatch", Severity.ERROR, reads="clause")
def modality_mismatch(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: one version says something is necessary or obligatory (必要, べき, 不可欠,
    鍵 / « nécessaire », « doivent », « essentiel ») where the other only says it is
    possible or desirable (得る, 望ましい / « pourrait », « il serait souhaitable »), or
    the reverse.
    Why: « il serait souhaitable » commits to nothing where 必要である says it must be done.
    Example: Japanese 協力を強化することが必要である, French « il serait souhaitable de renforcer la coopération ».
    Fix: render the source's modality (« il est nécessaire de »).
    """
    sl, tl = doc.source.lang, doc.target.lang
    for a, b in _pairs(doc, ctx):
        ms, mt = _markers(a, sl, ctx), _markers(b, tl, ctx)
        if ms.of("necessity") and not mt.of("necessity") and mt.of("possibility"):
            m = mt.of("possibility")[0]
            yield Hit(tl, b, f"clause {b.id!r} says « {m.text} » (possible or desirable) where the {lang_name(sl)} text says 「{ms.of('necessity')[0].text}」 (necessary)", span=(m.start, m.end))
        elif mt.of("necessity") and not ms.of("necessity") and ms.of("possibility"):
            m = mt.of("necessity")[0]
            yield Hit(tl, b, f"clause {b.id!r} says « {m.text} » (necessary) where the {lang_name(sl)} text says 「{ms.of('possibility')[0].text}」 (possible or desirable)", span=(m.start, m.end))
