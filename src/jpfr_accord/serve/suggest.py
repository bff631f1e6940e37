"""Suggestions from the corpus itself: earlier translations of similar source clauses.

Stage: serve. Imports ``model`` and rapidfuzz.

The clause in focus is compared with every source clause of the other
documents of the corpus, character by character (the normalised Indel
similarity of rapidfuzz's ``fuzz.ratio``, 0–100, the "fuzzy match" score of
CAT tools: Japanese has no spaces to split words on, so a character measure
serves both languages). The comparison ignores width, case and spaces
(Unicode NFKC, as for the source hash), never the stored text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..model import AlignedDocument

#: Suggestions under this score are noise, not earlier wording: two unrelated clauses of the
#: genre share its set phrases (両首脳は…一致した, « Les deux dirigeants ont… ») and score up
#: to the mid-40s (the 435 pairs of different clauses of the bundled declaration: median 23, max 43).
MIN_SCORE = 50.0
PER_DOCUMENT = 3
LIMIT = 8


@dataclass(frozen=True)
class Suggestion:
    doc_id: str
    eid: str
    score: float
    source: str
    target: str
    target_lang: str


@lru_cache(maxsize=4096)
def comparable(text: str) -> str:
    """The form texts are compared in: NFKC, case-folded, without spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def suggest(text: str, others: list[AlignedDocument], *, limit: int = LIMIT) -> list[Suggestion]:
    """The source clauses of ``others`` most similar to ``text`` (a source clause), with
    their translations, best first; at most ``PER_DOCUMENT`` from each document."""
    from rapidfuzz import fuzz, process

    query = comparable(text)
    if not query:
        return []
    out: list[Suggestion] = []
    for pair in others:
        candidates = [(a, b) for a, b in pair.clause_pairs() if b.text.strip()]
        if not candidates:
            continue
        choices = [comparable(a.text) for a, _ in candidates]
        for _, score, i in process.extract(query, choices, scorer=fuzz.ratio, limit=PER_DOCUMENT,
                                           score_cutoff=MIN_SCORE):
            a, b = candidates[i]
            out.append(Suggestion(pair.id, a.id, round(float(score), 1), a.text, b.text, pair.target.lang))
    out.sort(key=lambda s: (-s.score, s.doc_id, s.eid))
    return out[:limit]
