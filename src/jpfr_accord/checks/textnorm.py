"""Text normalisation shared by the checks' matchers (lexicons, glossaries).

Stage: checks. Imports nothing from the package.
"""

from __future__ import annotations

import re

_NON_LATIN = re.compile(r"[^\x00-\u024f]")


def _is_latin(c: str) -> bool:
    return c <= "\u024f"


def drop_spaces_near_cjk(text: str) -> str:
    """Remove the single spaces next to a character outside Latin script
    (``AI の安全性`` -> ``AIの安全性``), keep those between two Latin words.
    ``text`` has its whitespace already folded to single spaces."""
    if " " not in text or text.isascii() or _NON_LATIN.search(text) is None:
        return text
    parts = text.split(" ")
    out = [parts[0]]
    for part in parts[1:]:
        prev = out[-1]
        if prev and part and _is_latin(prev[-1]) and _is_latin(part[0]):
            out.append(" ")
        elif not prev or not part:
            out.append(" ")  # a space next to nothing stays (it is trimmed by the caller)
        out.append(part)
    return "".join(out)
