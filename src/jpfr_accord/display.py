"""Display-only text transformations shared by every HTML or PDF the toolkit writes.

Stage: model level. Imports nothing from the package.

Bidirectional controls are shown, not obeyed: an embedding, override or
isolate character (U+202A–U+202E, U+2066–U+2069) is invisible, yet reorders
everything after it up to the end of its paragraph (a U+202E in one clause
would print the next clause backwards). Every page we write (the rendered
document, the check report, the diff redline) shows each one as a visible
marker such as ``‹U+202E›``; the corpus keeps the character, and ``jpfr check``
reports it (TYP006). The marks U+200E/U+200F (LRM, RLM) and U+061C (ALM) are
left alone: they have no scope, cannot reorder Japanese or French letters, and
are the legitimate tool for quoting a right-to-left name.
"""

from __future__ import annotations

import re

#: The embedding, override and isolate controls (what ``check`` reports as TYP006).
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def show_bidi_controls(text: str) -> str:
    """``text`` with each bidirectional embedding, override or isolate control
    replaced by a visible marker (U+202E becomes ``‹U+202E›``); display only.

    The marker's brackets (U+2039, U+203A) are in the Japanese font, which draws
    the Latin text too, so the PDF needs no other font for them.
    """
    return BIDI_CONTROLS.sub(lambda m: f"\u2039U+{ord(m.group()):04X}\u203a", text)


def plural(count: int, word: str) -> str:
    """``1 error``, ``2 errors``, ``0 notices`` (shared by the check summary and ``verify``,
    which must not import the rules to count its problems)."""
    return f"{count} {word}{'' if count == 1 else 's'}"
