"""Clause-level changes between two versions of a bilingual document.

Stage: release. Imports ``model`` only (pure: no I/O).

Per language, clauses and section headings are compared by ``eId`` (never by
position): added, removed, moved (order changed, or the same text under a new
id), changed wording (with word-level marks, character-level for languages
written without spaces), changed acts or actor. From the changes a version bump
is suggested: acts/actor changed or a clause added/removed -> major; wording
changed or clauses moved -> minor; typography only -> patch.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ..model import Document, normalize_text

#: Languages written without spaces between words: marked character by character.
CHARACTER_LEVEL_LANGS = frozenset({"ja", "zh", "ko", "th"})

#: Typographic variants folded away before deciding that a change is typography only.
_TYPO_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "«": '"', "»": '"', "‐": "-", "‑": "-", "–": "-", "—": "-"})
_WORD_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
_BUMP_RANK = {"none": 0, "patch": 1, "minor": 2, "major": 3}


@dataclass(frozen=True)
class Entry:
    """A comparable node of one language version: a clause or a section heading."""

    id: str
    kind: str  # "clause" | "heading"
    text: str
    acts: tuple[str, ...] = ()
    actor: str | None = None
    parent: str = ""
    line: int | None = None


@dataclass
class Change:
    """One change in one language. ``marks`` is ``[[op, text], ...]`` with op ``=``, ``-`` or ``+``."""

    change: str  # added | removed | moved | changed | acts
    eid: str
    kind: str
    lang: str
    old_text: str | None = None
    new_text: str | None = None
    marks: list[list[str]] = field(default_factory=list)
    typographic: bool = False
    from_eid: str | None = None
    old_acts: tuple[str, ...] = ()
    new_acts: tuple[str, ...] = ()
    old_actor: str | None = None
    new_actor: str | None = None
    line: int | None = None
    counterpart: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"change": self.change, "eId": self.eid, "kind": self.kind, "line": self.line}
        if self.from_eid:
            out["from_eId"] = self.from_eid
        if self.change in ("added", "moved", "changed"):
            out["new_text"] = self.new_text
        if self.change in ("removed", "moved", "changed"):
            out["old_text"] = self.old_text
        if self.change == "changed":
            out["typographic"] = self.typographic
            out["marks"] = self.marks
        if self.change == "acts":
            out.update(old_acts=list(self.old_acts), new_acts=list(self.new_acts),
                       old_actor=self.old_actor, new_actor=self.new_actor)
        if self.counterpart is not None:
            out["counterpart"] = self.counterpart
        return out


@dataclass
class LanguageChanges:
    lang: str
    changes: list[Change] = field(default_factory=list)

    def of(self, change: str) -> list[Change]:
        return [c for c in self.changes if c.change == change]

    def counts(self) -> dict[str, int]:
        return {k: len(self.of(k)) for k in ("added", "removed", "moved", "changed", "acts")}


@dataclass
class ChangeSet:
    """Every change between an old and a new version, per language, and the suggested bump."""

    doc_id: str
    old_label: str | None
    new_label: str
    languages: list[LanguageChanges]

    @property
    def is_first(self) -> bool:
        return self.old_label is None

    @property
    def is_empty(self) -> bool:
        return not any(lc.changes for lc in self.languages)

    @property
    def suggested_bump(self) -> str:
        """``initial`` for a first release, else ``major``/``minor``/``patch``/``none``."""
        if self.is_first:
            return "initial"
        best = "none"
        for lc in self.languages:
            for c in lc.changes:
                kind = _bump_of(c)
                if _BUMP_RANK[kind] > _BUMP_RANK[best]:
                    best = kind
        return best

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.doc_id,
            "from": self.old_label,
            "to": self.new_label,
            "first_release": self.is_first,
            "suggested_bump": self.suggested_bump,
            "summary": {lc.lang: lc.counts() for lc in self.languages},
            "languages": {lc.lang: [c.to_dict() for c in lc.changes] for lc in self.languages},
        }


def _bump_of(c: Change) -> str:
    if c.change in ("added", "removed", "acts"):
        return "major"
    if c.change == "moved":
        return "minor"
    if c.change == "changed":
        return "patch" if c.typographic else "minor"
    return "none"


def entries(doc: Document) -> list[Entry]:
    """The comparable nodes of ``doc`` in document order."""
    out: list[Entry] = []

    def line(node) -> int | None:
        return node.loc.line if node.loc else None

    def paras(paragraphs) -> None:
        for para in paragraphs:
            for c in para.clauses:
                out.append(Entry(c.id, "clause", c.text, tuple(c.acts), c.actor, para.id, line(c)))

    if doc.preamble:
        paras(doc.preamble.paragraphs)
    for sec in doc.sections:
        if sec.heading is not None:
            out.append(Entry(sec.id, "heading", sec.heading.text, (), None, sec.id, line(sec.heading)))
        paras(sec.paragraphs)
    return out


def typographic_key(text: str) -> str:
    """The text with typography folded away: compatibility forms (full-width digits),
    apostrophe and quote variants, spaces of every kind (nbsp, narrow nbsp) and punctuation."""
    folded = unicodedata.normalize("NFKC", text).translate(_TYPO_FOLD)
    return "".join(ch for ch in folded if not (ch.isspace() or unicodedata.category(ch)[0] in "PZ"))


def tokens(text: str, lang: str) -> list[str]:
    """Units of the word-level diff: characters for Japanese, words/spaces/punctuation otherwise."""
    if lang in CHARACTER_LEVEL_LANGS:
        return list(text)
    return _WORD_TOKEN.findall(text)


def mark_changes(old: str, new: str, lang: str) -> list[list[str]]:
    """Word-level (character-level for Japanese) marks from ``old`` to ``new``.

    Returns:
        ``[[op, text], ...]`` with op ``=`` (kept), ``-`` (deleted) or ``+`` (inserted);
        joining the ``=``/``-`` parts gives ``old``, the ``=``/``+`` parts give ``new``.
    """
    a, b = tokens(old, lang), tokens(new, lang)
    out: list[list[str]] = []

    def push(op: str, text: str) -> None:
        if not text:
            return
        if out and out[-1][0] == op:
            out[-1][1] += text
        else:
            out.append([op, text])

    # the common start and end are kept as they are (linear): one word changed in a
    # 20,000-character clause leaves only that word for the matcher
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    end = 0
    while end < len(a) - start and end < len(b) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    push("=", "".join(a[:start]))
    a_mid, b_mid = a[start:len(a) - end], b[start:len(b) - end]
    for op, text in _middle_marks(a_mid, b_mid):
        push(op, text)
    push("=", "".join(a[len(a) - end:]))
    return out


#: The matcher's work grows with the product of the two lengths. Past this product the
#: middle is split at rare tokens found as often on each side (patience diff: anchors in the
#: longest increasing order, an n log n step) and each gap compared alone; a gap still too large,
#: without such anchors even by phrases, is shown as one replacement.
MAX_MATCHER_WORK = 1_000_000
_PHRASE = re.compile(r"[^、。，,.;；:：!?！？\s]+[、。，,.;；:：!?！？\s]*|[、。，,.;；:：!?！？\s]+")


def _matcher_marks(a: list[str], b: list[str]) -> list[tuple[str, str]]:
    marks: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            marks.append(("=", "".join(a[i1:i2])))
        else:
            marks.append(("-", "".join(a[i1:i2])))
            marks.append(("+", "".join(b[j1:j2])))
    return marks


#: A token found as many times on each side, and at most this often, is an anchor
#: candidate (its k-th occurrences paired): unique tokens (patience diff) are too few
#: in a long clause that repeats itself.
MAX_ANCHOR_REPEATS = 16


def _anchors(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """Positions of tokens found as often in ``a`` as in ``b`` (and rarely), the k-th
    occurrences paired, in the longest order both agree on (patience sorting)."""
    import bisect
    from collections import Counter

    count_a, count_b = Counter(a), Counter(b)
    where_b: dict[str, list[int]] = {}
    for j, tok in enumerate(b):
        if count_b[tok] == count_a.get(tok) and count_b[tok] <= MAX_ANCHOR_REPEATS:
            where_b.setdefault(tok, []).append(j)
    seen: Counter[str] = Counter()
    pairs = []
    for i, tok in enumerate(a):
        if tok in where_b:
            pairs.append((i, where_b[tok][seen[tok]]))
            seen[tok] += 1
    tails: list[int] = []  # the smallest b-end of an increasing run of each length
    tail_at: list[int] = []
    back: list[int] = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[pos] = j
            tail_at[pos] = k
        back[k] = tail_at[pos - 1] if pos else -1
    chain, k = [], tail_at[-1] if tail_at else -1
    while k >= 0:
        chain.append(pairs[k])
        k = back[k]
    return chain[::-1]


def _middle_marks(a: list[str], b: list[str], phrases: bool = False) -> list[tuple[str, str]]:
    if not a or not b or len(a) * len(b) <= MAX_MATCHER_WORK:
        return _matcher_marks(a, b) if a or b else []
    anchors = _anchors(a, b)
    if not anchors:
        if not phrases:  # coarser units are more often unique
            return _middle_marks(_PHRASE.findall("".join(a)), _PHRASE.findall("".join(b)), phrases=True)
        return [("-", "".join(a)), ("+", "".join(b))]
    marks: list[tuple[str, str]] = []
    i = j = 0
    for ai, bj in anchors:
        marks += _middle_marks(a[i:ai], b[j:bj], phrases)
        marks.append(("=", a[ai]))
        i, j = ai + 1, bj + 1
    marks += _middle_marks(a[i:], b[j:], phrases)
    return marks


def compare_language(old: Document | None, new: Document | None, lang: str) -> LanguageChanges:
    """The changes of one language version from ``old`` to ``new`` (either may be missing)."""
    old_entries = entries(old) if old else []
    new_entries = entries(new) if new else []
    old_map: dict[str, Entry] = {}
    for e in old_entries:
        old_map.setdefault(e.id, e)
    new_map: dict[str, Entry] = {}
    for e in new_entries:
        new_map.setdefault(e.id, e)
    removed = [e for e in old_map.values() if e.id not in new_map]
    added = [e for e in new_map.values() if e.id not in old_map]
    out = LanguageChanges(lang)

    # the same text under a new id: a move (renumbering), not a removal plus an addition
    renamed: dict[str, Entry] = {}
    by_text: dict[tuple[str, str], list[Entry]] = {}
    for e in removed:
        by_text.setdefault((e.kind, normalize_text(e.text)), []).append(e)
    for e in added:
        candidates = by_text.get((e.kind, normalize_text(e.text)))
        if candidates:
            renamed[e.id] = candidates.pop(0)
    renamed_old = {e.id for e in renamed.values()}

    common_old = [e.id for e in old_map.values() if e.id in new_map]
    common_new = [e.id for e in new_map.values() if e.id in old_map]
    in_order: set[str] = set()
    for block in difflib.SequenceMatcher(None, common_old, common_new, autojunk=False).get_matching_blocks():
        in_order.update(common_old[block.a : block.a + block.size])

    for e in new_map.values():
        if e.id in renamed:
            was = renamed[e.id]
            out.changes.append(Change("moved", e.id, e.kind, lang, was.text, e.text, from_eid=was.id, line=e.line))
            continue
        if e.id not in old_map:
            out.changes.append(Change("added", e.id, e.kind, lang, None, e.text, line=e.line))
            continue
        was = old_map[e.id]
        if e.id not in in_order or was.parent != e.parent:
            out.changes.append(Change("moved", e.id, e.kind, lang, was.text, e.text, line=e.line))
        if was.text != e.text:
            typo = typographic_key(was.text) == typographic_key(e.text)
            out.changes.append(
                Change("changed", e.id, e.kind, lang, was.text, e.text, mark_changes(was.text, e.text, lang), typo, line=e.line)
            )
        if tuple(was.acts) != tuple(e.acts) or was.actor != e.actor:
            out.changes.append(
                Change("acts", e.id, e.kind, lang, old_acts=was.acts, new_acts=e.acts,
                       old_actor=was.actor, new_actor=e.actor, line=e.line)
            )
    for e in removed:
        if e.id not in renamed_old:
            out.changes.append(Change("removed", e.id, e.kind, lang, e.text, None, line=e.line))
    return out


def compare(
    old: dict[str, Document] | None,
    new: dict[str, Document],
    *,
    doc_id: str,
    old_label: str | None,
    new_label: str,
    languages: list[str] | None = None,
) -> ChangeSet:
    """Compare two versions given as ``{lang: Document}``; ``old`` None means a first release.

    Each change carries the counterpart clause in the other language (new text,
    or old text when the clause is gone), with its own marks when it changed too,
    so that a translator sees what needs updating.
    """
    langs = languages or sorted(set(new) | set(old or {}), key=lambda lang: (lang != _source_lang(new), lang))
    if old is None:
        return ChangeSet(doc_id, None, new_label, [LanguageChanges(lang) for lang in langs])
    result = ChangeSet(doc_id, old_label, new_label, [compare_language(old.get(lang), new.get(lang), lang) for lang in langs])
    by_lang = {lc.lang: {c.eid: c for c in lc.changes if c.change in ("changed", "added", "removed", "moved")} for lc in result.languages}
    index = {
        (which, lang): {e.id: e for e in entries(doc)}
        for which, docs in (("new", new), ("old", old))
        for lang, doc in docs.items()
    }
    for lc in result.languages:
        for c in lc.changes:
            c.counterpart = _counterpart(c, index, by_lang)
    return result


def _source_lang(docs: dict[str, Document]) -> str:
    for doc in docs.values():
        if doc.source_lang is None:
            return doc.lang
    return ""


def _counterpart(c: Change, index: dict[tuple[str, str], dict[str, Entry]], by_lang) -> dict[str, Any] | None:
    for lang in sorted({lang for _, lang in index}):
        if lang == c.lang:
            continue
        for which in ("new", "old"):
            found = index.get((which, lang), {}).get(c.eid)
            if found is None:
                continue
            own = by_lang.get(lang, {}).get(c.eid)
            out: dict[str, Any] = {"lang": lang, "text": found.text}
            if own is not None and own.change == "changed":
                out["marks"] = own.marks
            return out
    return None
