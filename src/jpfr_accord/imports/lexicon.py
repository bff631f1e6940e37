"""First guesses of a clause's actor and acts, for ``jpfr import``.

Stage: import. Imports ``resources``.

The wordings are the language lexicons in ``data/lexicons/`` (the same data the
commitment checks use); a guess is only a proposal that the importer lists for
review.
"""

from __future__ import annotations

import csv
import re
from functools import cache

from ..resources import data_dir

# Subjects that name who acts, in the order they are tried (longest first).
_ACTORS: dict[str, tuple[tuple[str, str], ...]] = {
    "ja": (
        ("日本国総理大臣及びフランス共和国大統領", "both"),
        ("両首脳", "both"),
        ("両国", "both"),
        ("マクロン大統領", "fr"),
        ("フランス共和国大統領", "fr"),
        ("フランス", "fr"),
        ("総理大臣", "ja"),
        ("日本", "ja"),
    ),
    "fr": (
        ("Le Président de la République française et la Première ministre du Japon", "both"),
        ("Les deux dirigeants", "both"),
        ("Les deux pays", "both"),
        ("Ils ", "both"),
        ("M. Emmanuel Macron", "fr"),
        ("Le Président de la République", "fr"),
        ("La Première ministre", "ja"),
        ("Mme TAKAICHI", "ja"),
    ),
}


@cache
def _wordings(lang: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    path = data_dir() / "lexicons" / f"{lang}.tsv"
    if not path.is_file():
        return ()
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"):
            act, pattern = (row.get("act") or "").strip(), (row.get("pattern") or "").strip()
            if act and pattern:
                out.append((act, re.compile(pattern)))
    return tuple(out)


def guess_acts(text: str, lang: str) -> tuple[str, ...]:
    """The acts whose wordings occur in ``text``, in the order they appear."""
    found: list[tuple[int, str]] = []
    for act, pattern in _wordings(lang):
        m = pattern.search(text)
        if m and act not in {a for _, a in found}:
            found.append((m.start(), act))
    return tuple(a for _, a in sorted(found))


def guess_actor(text: str, lang: str) -> str | None:
    """``both``, a party's code, or None when the sentence names no subject."""
    head = text[:80]
    for wording, actor in _ACTORS.get(lang, ()):
        if head.startswith(wording) or (lang == "ja" and wording in head[:30] and head.find("は") > head.find(wording)):
            return actor
    return None
