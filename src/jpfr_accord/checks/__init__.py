"""Checks stage: the rule registry, the runner and the rule families.

Imports ``errors``, ``model`` (and reference data readers). Never WeasyPrint or Jinja2.
The rule families are listed here explicitly; importing a family registers its rules.
"""

from . import (  # noqa: F401  (rule families, registered on import, in this order)
    alignment,
    commitments,
    content,
    entities,
    glyphs,
    grammar,
    length,
    meaning,
    structure,
    suppression,
    terminology,
    typography,
    unicode,
)
from .registry import REGISTRY, Hit, Rule, rule
from .runner import CheckConfig, CheckContext, run_checks, summarize

__all__ = ["REGISTRY", "CheckConfig", "CheckContext", "Hit", "Rule", "rule", "run_checks", "summarize"]
