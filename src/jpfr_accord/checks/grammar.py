"""French grammar through Grammalecte: an optional rule family, off by default.

Stage: checks. Imports ``errors``, ``model``, ``checks.registry``; Grammalecte (Debian's
``python3-grammalecte``, or a ``grammalecte`` package on the path) is imported only
when the family is selected (``--select GRM``).

Grammalecte takes about 0.2 s to load and a quarter of a second a paragraph on first
use, too slow for a pre-commit hook on every run: the family runs only when named.
When it is selected and Grammalecte is absent, one notice per French file says the
family was skipped. Spelling and typography (Grammalecte's ``typo``, ``apos``,
``nbsp``, ``esp`` types) are left out: names are not in its dictionary and
typography is the TYP family's.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import Severity
from ..model import Document
from .registry import REGISTRY, Hit, rule
from .runner import CheckContext
from .typography import _where, texts

#: Where Debian's python3-grammalecte installs the library (outside a virtual environment's path).
DEBIAN_PATH = Path("/usr/lib/python3/dist-packages/grammalecte")
#: Grammalecte's error types that are not grammar (spelling is its second list).
_NOT_GRAMMAR = frozenset({"typo", "apos", "nbsp", "esp", "maj", "num", "eif", "tu"})


def _selected(ctx: CheckContext, code: str) -> bool:
    """The rule was named by a selector of its own (``GRM``, ``GRM001``, its name), not only by ``ALL``."""
    for sel in ctx.config.select:
        if sel.upper() == "ALL":
            continue
        if any(r.code == code for r in REGISTRY.match(sel)):
            return True
    return False


@cache
def load_grammalecte() -> Any | None:
    """Grammalecte's French checker, or None when it is not installed."""
    try:
        module = importlib.import_module("grammalecte")
    except ImportError:
        init = DEBIAN_PATH / "__init__.py"
        if not init.is_file():
            return None
        spec = importlib.util.spec_from_file_location("grammalecte", init, submodule_search_locations=[str(DEBIAN_PATH)])
        if spec is None or spec.loader is None:
            return None
        module = importlib.util.module_from_spec(spec)
        sys.modules["grammalecte"] = module
        try:
            spec.loader.exec_module(module)
        except ImportError:
            sys.modules.pop("grammalecte", None)
            return None
    return module.GrammarChecker("fr")


@rule("GRM001", "french-grammar", Severity.WARNING)
def french_grammar(document: Document, ctx: CheckContext) -> Iterator[Hit]:
    """What: Grammalecte finds a grammar error in a French title, heading or clause
    (agreement, participle, conjugation). Off by default: select it with
    ``--select GRM``; skipped with a notice when Grammalecte is not installed
    (Debian: ``apt-get install python3-grammalecte``).
    Why: an agreement error in a published translation is read as carelessness,
    and sometimes changes what a participle refers to.
    Example: « Les deux dirigeants ont salués la première session » (participle after avoir).
    Fix: as Grammalecte suggests (« ont salué »), or suppress the code on the clause
    with a reason when the authority's wording is meant.
    """
    if document.lang != "fr" or not _selected(ctx, "GRM001"):
        return
    checker = load_grammalecte()
    if checker is None:
        yield Hit(document.lang, document, "Grammalecte is not installed (Debian: python3-grammalecte); the GRM rules were skipped", severity=Severity.INFO)
        return
    for node, text, eid in texts(document):
        grammar, _spelling = checker.getParagraphErrors(text)
        errors = sorted((e for e in grammar if e.get("sType") not in _NOT_GRAMMAR), key=lambda e: e["nStart"])
        if errors:
            e = errors[0]
            words = text[e["nStart"] : e["nEnd"]]
            hint = f" ({', '.join(e['aSuggestions'][:3])}?)" if e.get("aSuggestions") else ""
            message = " ".join(e["sMessage"].replace("\u00a0", " ").split())
            yield Hit(document.lang, node, f"{_where(node, eid)}: « {words} »: {message}{hint}", eid=eid, span=(e["nStart"], e["nEnd"]))
