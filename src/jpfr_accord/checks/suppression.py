"""Suppression rules: inline ``ignore="CODE …"`` on a clause must say why, and name real rules.

Stage: checks. Imports ``errors``, ``model``, ``checks.registry``.

The runner skips a finding of code C on a clause whose ``ignore`` lists C (on
either language version of the clause); these rules keep that escape hatch honest.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import Severity
from ..model import Document
from .registry import REGISTRY, Hit, load_rule, rule
from .runner import CheckContext


@rule("SUP001", "suppression-without-reason", Severity.WARNING, reads="clause")
def suppression_without_reason(document: Document, ctx: CheckContext) -> Iterator[Hit]:
    """What: a clause suppresses findings (``ignore="…"``) without ``ignore-reason``.
    Why: a suppression hides a finding from every later reviewer; the reason is
    what lets them judge whether it still holds.
    Example: ``<clause eId="sec_1__para_1__cl_2" ignore="ENT006">``.
    Fix: add ``ignore-reason="…"`` saying why the finding is wrong or accepted.
    """
    for clause in document.clauses():
        if clause.ignore and not (clause.ignore_reason or "").strip():
            yield Hit(document.lang, clause, f"clause {clause.id!r} suppresses {' '.join(clause.ignore)} without an ignore-reason")


@rule("SUP002", "unknown-suppressed-code", Severity.WARNING, reads="clause")
def unknown_suppressed_code(document: Document, ctx: CheckContext) -> Iterator[Hit]:
    """What: a clause's ``ignore`` names a code that is not a rule (``jpfr rules`` lists them).
    Why: a mistyped code suppresses nothing, and the finding meant is still reported
    (or, worse, the real code is later given to another rule).
    Example: ``ignore="ENT06"`` or ``ignore="ENT600"``.
    Fix: use the code printed with the finding.
    """
    known = {r.code for r in REGISTRY} | {a for r in REGISTRY for a in r.aliases}
    for clause in document.clauses():
        unknown = [c for c in clause.ignore if c not in known]
        if unknown:
            yield Hit(document.lang, clause, f"clause {clause.id!r} suppresses unknown rule code{'s' if len(unknown) > 1 else ''} {' '.join(unknown)}")


# Reported by the runner once every other rule has run (it alone knows which
# suppressions served), as ruff reports an unused ``noqa`` (RUF100).
load_rule(
    "SUP003",
    "unused-suppression",
    Severity.INFO,
    """What: a clause suppresses a rule (``ignore="CODE"``) that reports nothing on it.
    Why: the text was fixed, or the rule improved, and the suppression now only
    hides a future true finding.
    Example: ``ignore="ENT006"`` kept after « l'OTAN » was corrected to « l'OCDE ».
    Fix: remove the code from ``ignore`` (and ``ignore-reason`` when none is left).
    """,
)
