"""Unicode normal form of the stored text (rule UNI001).

Stage: checks. Imports ``errors``, ``model``, ``checks.registry``, ``checks.runner``,
``checks.typography`` (which lists the texts of a document).

The corpus keeps every text exactly as the authority wrote it (DESIGN.md): NFC
would rewrite the CJK compatibility ideographs that Japanese names use on purpose
(神 U+FA19 → 神 U+795E, 塚 U+FA10 → 塚 U+585A; the twelve unified
ideographs of that block, such as 﨑 U+FA11, are left alone by NFC). Comparison
and hashing normalise; this rule says where the stored text is not in NFC, so a
reviewer knows it and no tool "fixes" it silently.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from ..errors import Severity
from ..model import Document
from .registry import Hit, rule
from .runner import CheckContext
from .typography import _where, texts

_MAX_LISTED = 5


def _changed(text: str) -> list[str]:
    """The characters NFC changes (on their own, or with the combining mark after them)."""
    nfc_text = unicodedata.normalize("NFC", text)
    changed: dict[str, None] = {}
    for i, c in enumerate(text):
        if unicodedata.normalize("NFC", c) != c:
            changed.setdefault(c)
        elif unicodedata.combining(c) and c not in nfc_text:
            changed.setdefault(text[i - 1] + c if i else c)
    return list(changed)


def _describe(changed: list[str]) -> str:
    """As ``U+FA19 神 (CJK COMPATIBILITY IDEOGRAPH-FA19)``."""
    listed = [
        " ".join(f"U+{ord(c):04X}" for c in seq) + f" {seq} ({', '.join(unicodedata.name(c, 'unnamed') for c in seq)})"
        for seq in changed[:_MAX_LISTED]
    ]
    more = len(changed) - len(listed)
    return ", ".join(listed) + (f" and {more} more" if more > 0 else "")


def _kind(changed: list[str]) -> str:
    if any("CJK COMPATIBILITY IDEOGRAPH" in unicodedata.name(seq[0], "") for seq in changed):
        return "CJK compatibility ideographs, kept as written (NFC would replace them)"
    return "characters that Unicode NFC would recompose, kept as written"


@rule("UNI001", "text-not-nfc", Severity.INFO)
def text_not_nfc(document: Document, ctx: CheckContext) -> Iterator[Hit]:
    """What: a title, heading or clause stores characters that Unicode NFC
    normalisation would change: a CJK compatibility ideograph (神 U+FA19, 塚 U+FA10)
    or a letter and its combining accent written apart (e + U+0301 for é).
    Why: the corpus stores the authority's text exactly (normalising would rewrite
    names written with compatibility ideographs on purpose); every comparison,
    hash and search normalises, so the checks are not affected, but a reviewer
    should know that the stored characters are not the usual ones, for instance
    before copying a name into another document.
    Example: 「神奈川」 written with U+FA19 神 instead of U+795E 神.
    Fix: nothing when the authority wrote it so (this is a notice); when the
    character came from a conversion or a copy, replace it with the one of the
    authentic text.
    """
    for node, text, eid in texts(document):
        if text and not unicodedata.is_normalized("NFC", text):
            changed = _changed(text)
            yield Hit(document.lang, node, f"{_where(node, eid)} stores {_kind(changed)}: {_describe(changed)}", eid=eid)
