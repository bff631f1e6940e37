"""Structure and numbering rules: one language version at a time.

Stage: checks. Imports ``errors``, ``model``, ``checks.registry``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..errors import Severity
from ..model import Clause, Document, Paragraph, Section
from .registry import Hit, load_rule, rule
from .runner import CheckContext

_NUMBERED = re.compile(r"_(\d+)$")


load_rule(
    "XML001",
    "schema-invalid",
    Severity.ERROR,
    """What: a file breaks the corpus schema (``schema/declaration.xsd``): an
    unknown element or attribute, an act outside the closed vocabulary, a
    malformed id, hash or date, a missing required attribute.
    Why: every tool downstream (checks, rendering, exports, releases) relies on
    the schema; what breaks it is read only in part.
    Example: ``<clause eId="sec_1__para_1__cl_2" acts="agree applaud">`` (« applaud » is not an act).
    Fix: follow the message; ``jpfr rules`` lists the acts, DESIGN.md the format.
    """,
)

load_rule(
    "ALN010",
    "no-source-version",
    Severity.ERROR,
    """What: the language versions of a document do not have exactly one source:
    every file has ``source-lang`` (no source), or several files omit it.
    Why: translations are checked against their source; without exactly one
    source nothing can be paired.
    Example: ``corpus/ja/X.xml`` and ``corpus/fr/X.xml`` both without ``source-lang``.
    Fix: give every translation ``source-lang`` naming the source's language, and the source none.
    """,
)


@rule("STR001", "duplicate-id", Severity.ERROR)
def duplicate_id(document: Document, ctx: CheckContext) -> Iterator[Hit]:
    """What: the same eId is used by two elements of one language version.
    Why: ids pair the two languages and name clauses in findings, links and
    exports; a duplicate makes every one of them ambiguous.
    Example: two ``<para eId="sec_1__para_2">`` in ``corpus/fr/X.xml``.
    Fix: renumber the second element (and its clauses) so every id is unique.
    """
    seen: set[str] = set()
    for node in document.iter_nodes():
        if node.id in seen:
            yield Hit(document.lang, node, f"id {node.id!r} is used more than once in the {_lang(document)} text")
        seen.add(node.id)


@rule("STR002", "empty-text", Severity.ERROR)
def empty_text(document: Document, ctx: CheckContext) -> Iterator[Hit]:
    """What: a clause, heading or title has no text.
    Why: an empty clause prints as a hole in the bilingual version and hides a
    missing translation from every other check.
    Example: ``<clause eId="sec_1__para_1__cl_2" acts="agree"/>``.
    Fix: write the text, or delete the element on both sides.
    """
    if not document.meta.title.strip() or document.meta.title == "(untitled)":
        yield Hit(document.lang, document.meta, f"the {_lang(document)} title is empty")
    for node in document.iter_nodes():
        if isinstance(node, Clause) and not node.text.strip():
            yield Hit(document.lang, node, f"clause {node.id!r} has no text")
        if isinstance(node, Section) and node.heading is not None and not node.heading.text.strip():
            yield Hit(document.lang, node.heading, f"heading of section {node.id!r} is empty", eid=node.id)


@rule("STR003", "id-outside-parent", Severity.ERROR)
def id_outside_parent(document: Document, ctx: CheckContext) -> Iterator[Hit]:
    """What: an element's eId does not start with its parent's eId.
    Why: Akoma Ntoso eIds are paths; ``sec_2__para_1`` inside section ``sec_1``
    is a paragraph moved without renaming, which breaks links and exports.
    Example: ``<section eId="sec_1">`` containing ``<para eId="sec_2__para_1">``.
    Fix: rename the element (and its clauses) after its parent: ``sec_1__para_N``.
    """
    for para in document.preamble.paragraphs if document.preamble else ():
        if not para.id.startswith("preamble__"):
            yield Hit(document.lang, para, f"paragraph {para.id!r} is in the preamble but its id does not start with 'preamble__'")
        yield from _clause_prefixes(document, para)
    for sec in document.sections:
        for para in sec.paragraphs:
            if not para.id.startswith(sec.id + "__"):
                yield Hit(document.lang, para, f"paragraph {para.id!r} is in section {sec.id!r} but its id does not start with {sec.id + '__'!r}")
            yield from _clause_prefixes(document, para)


def _clause_prefixes(document: Document, para: Paragraph) -> Iterator[Hit]:
    for c in para.clauses:
        if not c.id.startswith(para.id + "__"):
            yield Hit(document.lang, c, f"clause {c.id!r} is in paragraph {para.id!r} but its id does not start with {para.id + '__'!r}")


@rule("STR004", "empty-container", Severity.WARNING)
def empty_container(document: Document, ctx: CheckContext) -> Iterator[Hit]:
    """What: a paragraph has no clause, or a section neither a paragraph nor a
    sub-section (a group heading such as 日仏関係の枠組みの強化 over numbered
    sections holds its text in them: the next section with a greater ``level``).
    Why: usually the text was cut and not pasted back.
    Example: ``<para eId="sec_2__para_3"/>``.
    Fix: restore the clauses, or remove the empty element on both sides.
    """
    sections = document.sections
    for node in document.iter_nodes():
        if isinstance(node, Paragraph) and not node.clauses:
            yield Hit(document.lang, node, f"paragraph {node.id!r} has no clause")
    for i, sec in enumerate(sections):
        has_sub = i + 1 < len(sections) and sections[i + 1].level > sec.level
        if not sec.paragraphs and not has_sub:
            yield Hit(document.lang, sec, f"section {sec.id!r} has no paragraph")


@rule("NUM001", "numbering-gap", Severity.ERROR)
def numbering_gap(document: Document, ctx: CheckContext) -> Iterator[Hit]:
    """What: a number is missing from the numbering of sections, paragraphs or
    clauses (the numbers in their eIds) within their parent.
    Why: a gap is almost always a deleted or unpasted element; readers cite
    sections and paragraphs by number.
    Example: sections ``sec_1``, ``sec_2``, ``sec_4``; or ``sec_1__para_1`` then ``sec_1__para_3``.
    Fix: restore the missing element, or renumber (on both sides).
    """
    groups: list[tuple[str, tuple]] = [("section", document.sections)]
    if document.preamble:
        groups.append(("paragraph", document.preamble.paragraphs))
    groups += [("paragraph", sec.paragraphs) for sec in document.sections]
    groups += [("clause", para.clauses) for para in document.paragraphs]
    for what, nodes in groups:
        numbered = [(n, node) for node in nodes if (n := _id_number(node)) is not None]
        present = {n for n, _ in numbered}
        for n, node in sorted(numbered, key=lambda x: x[0]):
            missing = [m for m in range(1, n) if m not in present]
            below = [m for m in missing if m > max((k for k in present if k < n), default=0)]
            if below:
                gap = str(below[0]) if len(below) == 1 else f"{below[0]}-{below[-1]}"
                yield Hit(document.lang, node, f"{what} {node.id!r} is number {n}, but number {gap} is missing before it")


def _id_number(node: Section | Paragraph | Clause) -> int | None:
    m = _NUMBERED.search(node.id)
    return int(m.group(1)) if m else None


@rule("NUM002", "duplicate-number", Severity.ERROR)
def duplicate_number(document: Document, ctx: CheckContext) -> Iterator[Hit]:
    """What: two sections carry the same ``num``.
    Why: a reader citing « section 2 » must land on one section.
    Example: ``<section eId="sec_2" num="2">`` and ``<section eId="sec_3" num="2">``.
    Fix: give each section its own number.
    """
    counts = Counter(s.num for s in document.sections)
    seen: set[str] = set()
    for sec in document.sections:
        if counts[sec.num] > 1 and sec.num in seen:
            yield Hit(document.lang, sec, f"section {sec.id!r} repeats number {sec.num!r}")
        seen.add(sec.num)


@rule("NUM003", "number-id-mismatch", Severity.ERROR)
def number_id_mismatch(document: Document, ctx: CheckContext) -> Iterator[Hit]:
    """What: a section's ``num`` and the number in its eId differ.
    Why: links use the id, readers use the number: they must name the same section.
    Example: ``<section eId="sec_3" num="2">``.
    Fix: make them equal (rename the id and its children's ids, or fix ``num``).
    """
    for sec in document.sections:
        n = _id_number(sec)
        if n is not None and sec.num.isdigit() and int(sec.num) != n:
            yield Hit(document.lang, sec, f"section {sec.id!r} has num {sec.num!r} but its id says {n}")


def _lang(document: Document) -> str:
    from .registry import lang_name

    return lang_name(document.lang)
