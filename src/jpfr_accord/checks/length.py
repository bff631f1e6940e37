"""Length rule: clauses whose translation is far longer or shorter than the document's norm.

Stage: checks. Imports ``errors``, ``model``, ``checks.registry``.

The ratio of French to Japanese characters varies with the language pair and
the style of the document, so each document is compared with itself: the
log-ratio of every clause pair is scored against the median and the median
absolute deviation (MAD) of the document, the modified z-score of Iglewicz and
Hoaglin (1993). Median and MAD are robust: one outlier barely moves them, so it
does not hide another one.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Iterator

from ..errors import Severity
from ..model import AlignedDocument
from .registry import Hit, lang_name, rule
from .runner import CheckContext

#: Modified z-score above which a clause is reported (Iglewicz and Hoaglin's 3.5).
THRESHOLD = 3.5
#: Below this many clause pairs the distribution says nothing.
MIN_CLAUSES = 8


_LATIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-/]*")


def _sizes(source: str, target: str) -> tuple[int, int]:
    """Non-space characters of each text, leaving out the Latin-script words
    both share (Sakana AI, UNEP/EA.7/Res.9, 2026): they are copied, not
    translated, and would pull the ratio of name-heavy clauses towards 1."""
    shared = Counter(_LATIN_WORD.findall(source)) & Counter(_LATIN_WORD.findall(target))
    copied = sum(len(w) * n for w, n in shared.items())
    return len("".join(source.split())) - copied, len("".join(target.split())) - copied


@rule("LEN001", "length-ratio-outlier", Severity.WARNING)
def length_ratio_outlier(doc: AlignedDocument, ctx: CheckContext) -> Iterator[Hit]:
    """What: the length ratio of a translated clause to its source lies far outside
    the document's own distribution (modified z-score above 3.5, from the median
    and MAD of the log-ratios of all its clause pairs).
    Why: a clause much shorter than usual has often lost a phrase; much longer,
    gained one (or been pasted twice).
    Example: a French clause that stops after « Les deux dirigeants ont appelé à renforcer la coopération. »
    where the Japanese goes on about identification technologies and linguistic diversity.
    Fix: compare the clause with its source phrase by phrase.
    """
    pairs = [(b, *_sizes(a.text, b.text)) for a, b in ctx.clause_pairs(doc)]
    pairs = [(b, n, m) for b, n, m in pairs if n and m]
    if len(pairs) < MIN_CLAUSES:
        return
    logs = [math.log(m / n) for _, n, m in pairs]
    median = statistics.median(logs)
    mad = statistics.median(abs(x - median) for x in logs)
    if mad == 0:
        return
    typical = math.exp(median)
    for (clause, n, m), x in zip(pairs, logs):
        z = 0.6745 * (x - median) / mad
        if abs(z) > THRESHOLD:
            how = "shorter" if z < 0 else "longer"
            yield Hit(
                doc.target.lang,
                clause,
                f"clause {clause.id!r} is {m / n:.2f} times as long as its {lang_name(doc.source.lang)} source "
                f"where the document's median is {typical:.2f} (robust z {z:+.1f}): much {how} than usual",
            )
