"""Typography rules: French spacing and apostrophes, Japanese width and spacing,
double spaces, invisible bidirectional controls.

Stage: checks. Imports ``errors``, ``model``, ``checks.registry``.

Findings about the Japanese authentic text are notices (``info``): the text is
stored as the authority wrote it and is never rewritten; the notice says what a
display-time normalisation would have to deal with.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..display import BIDI_CONTROLS as _BIDI_CONTROLS
from ..errors import Severity
from ..model import Document
from .registry import Hit, lang_name, rule
from .runner import CheckContext

_NBSP = "\u00a0\u202f"
# French: these take a (narrow) no-break space before them, « and » inside.
_HIGH_PUNCT = re.compile(r"[;:!?]")
_DOUBLE_SPACE = re.compile(r"[ \u00a0\u202f\u3000]{2,}")
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-/]*")
_NUMBER = re.compile(r"[0-9.\-/]+")
# Width classes of a Japanese text: (name, half-width pattern, full-width pattern).
_WIDTH_CLASSES = (
    ("digits", re.compile(r"[0-9]"), re.compile(r"[０-９]")),
    ("parentheses", re.compile(r"[()]"), re.compile(r"[（）]")),
    ("Latin letters", re.compile(r"[A-Za-z]"), re.compile(r"[Ａ-Ｚａ-ｚ]")),
)
_SPACED_SCRIPTS = ("ja", "zh", "ko")  # languages written without spaces between words
# Bidirectional embedding, override and isolate controls (Unicode UAX #9 §2.1-2.2);
# the same set that ``render.context`` shows as markers. LRM, RLM and ALM are
# not in it: they have no scope and cannot reorder letters.
_BIDI_NAMES = {
    "\u202a": "LEFT-TO-RIGHT EMBEDDING", "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING", "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE", "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE", "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
}


def texts(document: Document) -> Iterator[tuple[object, str, str | None]]:
    """(node to report on, its text, eId override) for the title, headings and clauses."""
    yield document.meta, document.meta.title, None
    for sec in document.sections:
        if sec.heading is not None:
            yield sec.heading, sec.heading.text, sec.id
    for clause in document.clauses():
        yield clause, clause.text, None


def _where(node, eid: str | None) -> str:
    name = eid or getattr(node, "id", None)
    return f"clause {name!r}" if hasattr(node, "acts") else (f"heading of {name!r}" if name else "the title")


@rule("TYP001", "french-punctuation-space", Severity.WARNING, reads="clause")
def french_punctuation_space(document: Document, ctx: CheckContext) -> Iterator[Hit]:
    """What: in French, « ; : ! ? » without a no-break space (U+00A0 or the narrow
    U+202F) before them, or guillemets without one inside (« … »).
    Why: French typography requires it, and an ordinary space lets the mark start a
    new line in the PDF.
    Example: « ont déclaré: » or « «partenariat d'exception» » or « IA ; » with an ordinary space.
    Fix: put U+202F (narrow no-break space) before ; ! ? and inside « », U+00A0 before :.
    """
    if document.lang != "fr":
        return
    for node, text, eid in texts(document):
        problems: list[str] = []
        for m in _HIGH_PUNCT.finditer(text):
            i, mark = m.start(), m.group(0)
            before, after = text[i - 1 : i], text[i + 1 : i + 2]
            if before.isdigit() and after.isdigit() or after == "/" or not before or before in _NBSP or before in "?!":
                continue
            problems.append(f"ordinary space before {mark!r}" if before == " " else f"no space before {mark!r}")
        i = text.find("«")
        while i != -1:
            after = text[i + 1 : i + 2]
            if not after or after not in _NBSP:
                problems.append("ordinary space after '«'" if after == " " else "no space after '«'")
            i = text.find("«", i + 1)
        i = text.find("»")
        while i != -1:
            before = text[i - 1 : i]
            if not before or before not in _NBSP:
                problems.append("ordinary space before '»'" if before == " " else "no space before '»'")
            i = text.find("»", i + 1)
        if problems:
            yield Hit(document.lang, node, f"{_where(node, eid)}: {', '.join(dict.fromkeys(problems))}; use a no-break space", eid=eid)


@rule("TYP002", "apostrophe-mixed", Severity.WARNING)
def apostrophe_mixed(document: Document, ctx: CheckContext) -> Iterator[Hit]:
    """What: a text uses both the straight apostrophe ``'`` and the typographic ``’``;
    the texts using the less frequent one are reported.
    Why: a mixed text looks careless in print, and defeats searches for a term.
    Example: « l’intelligence artificielle » in most clauses, « l'IA » in one.
    Fix: use the document's usual apostrophe (``’`` in French typography).
    """
    nodes = list(texts(document))
    counts: Counter[str] = Counter()
    for _, text, _ in nodes:
        counts["'"] += text.count("'")
        counts["\u2019"] += text.count("\u2019")
    if not counts["'"] or not counts["\u2019"]:
        return
    minority = "'" if counts["'"] < counts["\u2019"] or counts["'"] == counts["\u2019"] else "\u2019"
    majority = "\u2019" if minority == "'" else "'"
    for node, text, eid in nodes:
        if minority in text:
            yield Hit(document.lang, node, f"{_where(node, eid)} uses the apostrophe {minority!r} where the {lang_name(document.lang)} text mostly uses {majority!r} ({counts[majority]} to {counts[minority]})", eid=eid)


@rule("TYP003", "double-space", Severity.WARNING, reads="clause")
def double_space(document: Document, ctx: CheckContext) -> Iterator[Hit]:
    """What: two or more spaces in a row inside a line of text.
    Why: usually a deleted word; it prints as a visible gap.
    Example: « Les deux dirigeants  ont salué ».
    Fix: remove the extra space (and check no word is missing).
    """
    for node, text, eid in texts(document):
        if any(_DOUBLE_SPACE.search(line.strip()) for line in text.splitlines()):
            yield Hit(document.lang, node, f"{_where(node, eid)} has a double space", eid=eid)


@rule("TYP004", "width-mixed", Severity.INFO)
def width_mixed(document: Document, ctx: CheckContext) -> Iterator[Hit]:
    """What: a Japanese text writes one class of characters (digits, parentheses,
    Latin letters) sometimes half-width and sometimes full-width; the texts using
    the less frequent form are reported (a notice: the authentic text is not rewritten).
    Why: mixed widths print unevenly and defeat searches (２０２６ vs 2026).
    Example: ロードマップ（2023-2027年） in a text that otherwise writes (AI).
    Fix: in a translation or a draft, use one form; in an authentic text, leave it
    and normalise at display time if needed.
    """
    if document.lang not in _SPACED_SCRIPTS:
        return
    nodes = list(texts(document))
    for name, half, full in _WIDTH_CLASSES:
        n_half = sum(len(half.findall(t)) for _, t, _ in nodes)
        n_full = sum(len(full.findall(t)) for _, t, _ in nodes)
        if not n_half or not n_full:
            continue
        minority, label = (full, "full-width") if n_full <= n_half else (half, "half-width")
        for node, text, eid in nodes:
            found = minority.findall(text)
            if found:
                yield Hit(document.lang, node, f"{_where(node, eid)} writes {name} {label} ({''.join(dict.fromkeys(found))}) where the text mostly uses the other width ({max(n_half, n_full)} to {min(n_half, n_full)})", eid=eid)


def _is_cjk(c: str) -> bool:
    return bool(c) and ("\u3040" <= c <= "\u30ff" or "\u3400" <= c <= "\u4dbf" or "\u4e00" <= c <= "\u9fff")


def _boundaries(text: str) -> Iterator[tuple[str, bool, str]]:
    """(class, spaced?, excerpt) for each Latin word or number next to a Japanese character."""
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        cls = "numbers" if _NUMBER.fullmatch(m.group(0)) else "Latin words"
        b1, b2 = text[start - 1 : start], text[max(0, start - 2) : max(0, start - 1)]
        if _is_cjk(b1) or (b1 == " " and _is_cjk(b2)):
            yield cls, b1 == " ", text[max(0, start - 2) : end].strip()
        a1, a2 = text[end : end + 1], text[end + 1 : end + 2]
        if _is_cjk(a1) or (a1 == " " and _is_cjk(a2)):
            yield cls, a1 == " ", text[start : end + 2].strip()


@rule("TYP005", "latin-spacing-mixed", Severity.INFO)
def latin_spacing_mixed(document: Document, ctx: CheckContext) -> Iterator[Hit]:
    """What: a Japanese text sometimes puts a space between a Latin word or a number
    and the Japanese next to it, and sometimes not (2025 年 2 月 beside 2026年3月31日;
    AI 技術 beside AIによって); the texts using the less frequent form are reported
    (a notice: the authentic text is not rewritten). On a tie, the spaced form is
    reported: Japanese layout adds that spacing at display time (W3C jlreq §3.2.2).
    Why: inconsistent spacing prints unevenly, and search and entity checks must cope with it.
    Example: 2025 年 2 月にパリで開催された in a text that writes 2026年3月31日.
    Fix: in a translation or a draft, use one form; in an authentic text, leave it.
    """
    if document.lang not in _SPACED_SCRIPTS:
        return
    nodes = [(node, text, eid, list(_boundaries(text))) for node, text, eid in texts(document)]
    for cls in ("numbers", "Latin words"):
        spaced = sum(1 for *_, bs in nodes for c, s, _ in bs if c == cls and s)
        unspaced = sum(1 for *_, bs in nodes for c, s, _ in bs if c == cls and not s)
        if not spaced or not unspaced:
            continue
        minority = spaced <= unspaced
        for node, text, eid, bs in nodes:
            examples = [x for c, s, x in bs if c == cls and s == minority]
            if examples:
                how, usual = ("with a space", "without") if minority else ("without a space", "with one")
                yield Hit(
                    document.lang,
                    node,
                    f"{_where(node, eid)} writes {cls} next to Japanese {how} ({', '.join(dict.fromkeys(examples))}) where the text mostly writes them {usual} "
                    f"({max(spaced, unspaced)} to {min(spaced, unspaced)})",
                    eid=eid,
                )


def _meta_texts(document: Document) -> Iterator[tuple[str, str]]:
    """(what, text) for the metadata shown or exported besides the title."""
    meta = document.meta
    if meta.place:
        yield "the place", meta.place
    for i, party in enumerate(meta.parties, 1):
        yield f"party {i}", party
    for i, name in enumerate(meta.signatories, 1):
        yield f"signatory {i}", name
    if meta.provenance:
        yield "the provenance", meta.provenance


def _bidi_message(where: str, text: str) -> str:
    found = dict.fromkeys(_BIDI_CONTROLS.findall(text))
    listed = ", ".join(f"U+{ord(c):04X} {_BIDI_NAMES[c]}" for c in found)
    return f"{where} contains an invisible bidirectional control ({listed}); remove it unless the authority wrote it"


@rule("TYP006", "bidi-control", Severity.WARNING, reads="clause")
def bidi_control(document: Document, ctx: CheckContext) -> Iterator[Hit]:
    r"""What: a clause, heading, title or metadata field (place, party, signatory,
    provenance) contains an invisible bidirectional embedding, override or isolate
    control: U+202A–U+202E (LRE, RLE, PDF, LRO, RLO) or U+2066–U+2069 (LRI, RLI,
    FSI, PDI).
    Why: Japanese and French need none of them, they come from copying out of
    other software or from tampering ("Trojan Source", CVE-2021-42574), and a
    U+202E makes the text display in an order other than the one stored: the
    reader and the checks would not see the same sentence. Rendering shows each
    one as a marker (‹U+202E›) instead of obeying it; the corpus keeps it.
    Example: « Les deux dirigeants ont salué » with a U+202E RIGHT-TO-LEFT
    OVERRIDE after « ont », invisible in most editors: a browser shows the rest of the line backwards.
    Fix: delete the character (search for the regular expression
    ``[\x{202A}-\x{202E}\x{2066}-\x{2069}]``);
    if the authority's text has it, keep it and suppress this rule on the clause
    with ``ignore="TYP006"`` and an ``ignore-reason``.
    """
    for node, text, eid in texts(document):
        if _BIDI_CONTROLS.search(text):
            yield Hit(document.lang, node, _bidi_message(_where(node, eid), text), eid=eid)
    for where, text in _meta_texts(document):
        if _BIDI_CONTROLS.search(text):
            yield Hit(document.lang, document.meta, _bidi_message(where, text))
