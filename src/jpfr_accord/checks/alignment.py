"""Alignment rules: the two language versions have the same skeleton, acts and actors.

Stage: checks. Imports ``errors``, ``model``, ``checks.registry``.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import Severity
from ..model import AlignedDocument, Clause, Paragraph, Section, text_hash
from .registry import Hit, both_authentic, lang_name, rule
from .runner import CheckContext

_KIND = {Section: "section", Paragraph: "paragraph", Clause: "clause"}


def _kind(node) -> str:
    return _KIND.get(type(node), "element")


@rule("ALN001", "missing-counterpart", Severity.ERROR)
def missing_counterpart(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: a section, paragraph or clause exists in one language only.
    Why: the two versions must say the same thing clause by clause; an element
    without counterpart is an omission or an addition.
    Example: ``sec_2__para_3__cl_2`` in ``corpus/ja/X.xml`` but not in ``corpus/fr/X.xml``.
    Fix: translate the missing clause with the same eId, or remove the extra one.
    """
    for lang in doc.languages:
        other = lang_name(doc.other(lang).lang)
        for node in doc.unpaired(lang):
            yield Hit(lang, node, f"{_kind(node)} {node.id!r} has no {other} counterpart")


@rule("ALN002", "order-mismatch", Severity.ERROR)
def order_mismatch(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: elements present in both languages come in a different order.
    Why: the bilingual version prints paragraph beside paragraph; a swapped
    order puts different statements side by side.
    Example: French ``sec_1__para_2`` before ``sec_1__para_1``.
    Fix: restore the source order in the translation.
    """
    lang = doc.target.lang
    common = set(doc.source.index()) & set(doc.target.index())
    src_order = [n.id for n in doc.source.iter_nodes() if n.id in common]
    tgt_nodes = [n for n in doc.target.iter_nodes() if n.id in common]
    rank = {node_id: i for i, node_id in enumerate(dict.fromkeys(src_order))}
    last = -1
    flagged: list[str] = []
    for node in tgt_nodes:
        r = rank[node.id]
        inside_flagged = any(node.id.startswith(f + "__") for f in flagged)
        if r < last and not inside_flagged:
            flagged.append(node.id)
            yield Hit(lang, node, f"{_kind(node)} {node.id!r} comes later in the {lang_name(doc.source.lang)} text than here")
        last = max(last, r)


@rule("ALN003", "heading-missing", Severity.ERROR)
def heading_missing(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: a section has a heading in one language and none in the other.
    Why: headings make the outline and running titles of the bilingual version.
    Example: ``<section eId="sec_2">`` with ``<heading>`` in Japanese only.
    Fix: translate the heading.
    """
    for _, a, b in doc.pairs():
        if isinstance(a, Section) and isinstance(b, Section):
            for node, other in ((a, b), (b, a)):
                if node.heading is not None and other.heading is None:
                    lang = doc.source.lang if node is a else doc.target.lang
                    other_lang = doc.other(lang).lang
                    yield Hit(other_lang, other, f"section {node.id!r} has a heading in {lang_name(lang)} but none in {lang_name(other_lang)}")


@rule("ALN004", "section-number-mismatch", Severity.ERROR)
def section_number_mismatch(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: a section has a different ``num`` in the two languages.
    Why: both versions are cited by the same numbers.
    Example: ``sec_3`` numbered 3 in Japanese and 4 in French.
    Fix: use the source number.
    """
    for _, a, b in doc.pairs():
        if isinstance(a, Section) and isinstance(b, Section) and a.num != b.num:
            yield Hit(doc.target.lang, b, f"section {b.id!r} is numbered {b.num!r} here but {a.num!r} in {lang_name(doc.source.lang)}")


@rule("ALN005", "document-mismatch", Severity.ERROR)
def document_mismatch(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: the two files do not declare the same document: the ids differ, the
    translation's ``source-lang`` is not the source's language (two authentic
    versions need none), or both files are in the same language.
    Why: a translation paired with the wrong document makes every other finding meaningless.
    Example: ``corpus/fr/X.xml`` with ``id="Y"``, or ``source-lang="en"``.
    Fix: correct the root attributes of the translation.
    """
    s, t = doc.source, doc.target
    if s.id != t.id:
        yield Hit(t.lang, t, f"document id {t.id!r} differs from the {lang_name(s.lang)} id {s.id!r}")
    # two authentic versions are not translated one from the other: no source-lang needed
    if t.source_lang != s.lang and not (t.source_lang is None and both_authentic(doc)):
        yield Hit(t.lang, t, f"source-lang is {t.source_lang!r} but the source version is in {lang_name(s.lang)} ({s.lang!r})")
    if t.lang == s.lang:
        yield Hit(t.lang, t, f"both versions declare xml:lang {t.lang!r}")


@rule("CMT001", "acts-mismatch", Severity.ERROR, reads="clause", version="2")
def acts_mismatch(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: a clause declares different ``acts`` in the two languages. On a
    translation, always an error: its acts are the source's. Between two authentic
    texts, whose acts are two readings made apart (``jpfr align`` reads each side
    from its own words), a warning when the acts differ in kind
    (``data/lexicons/acts.toml``: to hold a view, to act, to appraise, to request)
    and a notice when they are related acts of one family: 確認した is read
    ``confirm`` and « ont constaté » ``recognize``, both holding a view.
    Why: acts are language-independent: if the source agrees and the translation
    welcomes, the two texts commit the parties differently.
    Example: Japanese ``acts="agree"``, French ``acts="welcome"``.
    Fix: declare the source's acts on the translation, and check its wording expresses
    them; between authentic texts, correct the reading that a careful reader reads otherwise.
    """
    from .commitments import act_family

    authentic = both_authentic(doc)
    for a, b in doc.clause_pairs():
        if sorted(a.acts) == sorted(b.acts):
            continue
        message = (f"clause {b.id!r} declares acts {' '.join(b.acts) or '(none)'!r} but the "
                   f"{lang_name(doc.source.lang)} clause declares {' '.join(a.acts) or '(none)'!r}")
        if not authentic:
            yield Hit(doc.target.lang, b, message)
            continue
        families = {act_family(x) for x in a.acts}
        if a.acts and b.acts and families == {act_family(x) for x in b.acts}:
            yield Hit(doc.target.lang, b, f"{message}: related acts of one family ({', '.join(sorted(families))})",
                      severity=Severity.INFO)
        else:
            yield Hit(doc.target.lang, b, message, severity=Severity.WARNING)


@rule("CMT002", "actor-mismatch", Severity.ERROR, reads="clause")
def actor_mismatch(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: a clause declares a different ``actor`` in the two languages.
    Why: who commits is part of the commitment: « the two leaders » is not « the President ».
    Example: Japanese ``actor="fr"``, French ``actor="both"``.
    Fix: declare the source's actor on the translation.
    """
    for a, b in doc.clause_pairs():
        if a.actor != b.actor:
            yield Hit(doc.target.lang, b, f"clause {b.id!r} declares actor {b.actor!r} but the {lang_name(doc.source.lang)} clause declares {a.actor!r}")


def _reviewed(doc: AlignedDocument) -> Iterator[tuple[str, object, str, str | None, str]]:
    """(name, translated node, source text, its ``src``, eId) for every paired clause
    and every heading present in both languages (named ``<section eId>__heading``)."""
    for _, a, b in doc.pairs():
        if isinstance(a, Clause) and isinstance(b, Clause):
            yield f"clause {b.id!r}", b, a.text, b.src, b.id
        elif isinstance(a, Section) and isinstance(b, Section) and a.heading is not None and b.heading is not None:
            yield f"heading of section {b.id!r}", b.heading, a.heading.text, b.heading.src, b.id


# REV001/REV002 report on headings too; a finding on a heading reads that heading
# pair only, which reads="clause" allows (tests/perf/test_result_cache.py).
@rule("REV001", "stale-translation", Severity.ERROR, reads="clause")
def stale_translation(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: the source clause or heading changed since its translation was last reviewed:
    the translated clause's (or heading's) ``src`` hash is not the hash of the current source text.
    Why: a translation checked against an older source may no longer say the same thing.
    Example: the Japanese date of ``preamble__para_2__cl_3`` was corrected after the French was accepted.
    Fix: update the translation, then record the review with ``jpfr accept EID``
    (``jpfr accept sec_1__heading`` for a heading).
    """
    for what, node, source, src, eid in _reviewed(doc):
        if src is not None and src != text_hash(source):
            accept = eid + ("__heading" if what.startswith("heading") else "")
            yield Hit(doc.target.lang, node, f"{what} was translated from an older {lang_name(doc.source.lang)} text; review it and run 'jpfr accept {accept}'", eid=eid)


@rule("REV002", "missing-source-hash", Severity.WARNING, reads="clause")
def missing_source_hash(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: a translated clause or heading has no ``src`` hash.
    Why: without it, a later change to the source cannot be detected. Texts that
    are both authentic are not translations of each other and need none.
    Example: ``<clause eId="sec_1__para_1__cl_1" actor="both" acts="confirm">`` in the French file.
    Fix: review the clause, then run ``jpfr accept EID`` to record the hash
    (``jpfr accept sec_1__heading`` for a heading).
    """
    if doc.target.status == "authentic" and doc.source.status == "authentic":
        return
    for what, node, _source, src, eid in _reviewed(doc):
        if src is None:
            accept = eid + ("__heading" if what.startswith("heading") else "")
            yield Hit(doc.target.lang, node, f"{what} has no src hash of its {lang_name(doc.source.lang)} source; review it and run 'jpfr accept {accept}'", eid=eid)
