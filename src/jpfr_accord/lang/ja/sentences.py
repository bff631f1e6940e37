"""Japanese sentence splitting.

Stage: lang. Imports nothing from the package.

A sentence ends after 。！？ (and a full-width ．, or an ASCII ``.`` as NFKC copies
write it, when it is not inside a number such as ``2.5`` or after a paragraph
number such as ``1．``), never inside brackets 「…」『…』（…）. A bracket that is
never closed in the paragraph does not count, so an unbalanced 「 cannot swallow
the rest of the text. One pass to match brackets, one to cut: linear time.
"""

from __future__ import annotations

import re

_OPEN = {"「": "」", "『": "』", "（": "）", "(": ")", "【": "】", "〔": "〕"}
_CLOSE = {v: k for k, v in _OPEN.items()}
_STOPS = "。！？!?"
_PERIODS = "．."
#: a paragraph or heading number at the start: ``1.`` ``１．`` ``(2)`` ``IV.``
_LEADING_NUMBER = re.compile(r"\s*(?:[0-9０-９]{1,3}|[IVXⅠ-Ⅻ]{1,5})\s*[.．]\s*$")
_END = re.compile(r"[。！？!?．.][」』）)】〕]*\s*$")


def _matched_openers(text: str) -> set[int]:
    """Offsets of the opening brackets that have a closing one (a stack, one pass)."""
    stack: list[int] = []
    matched: set[int] = set()
    for i, ch in enumerate(text):
        if ch in _OPEN:
            stack.append(i)
        elif ch in _CLOSE:
            # close the nearest opener of the same kind; openers above it stay unmatched
            for k in range(len(stack) - 1, max(-1, len(stack) - 9), -1):
                if text[stack[k]] == _CLOSE[ch]:
                    matched.add(stack[k])
                    del stack[k:]
                    break
    return matched


def _is_period_stop(text: str, i: int, start: int) -> bool:
    before = text[i - 1] if i > start else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if before.isdigit() and after.isdigit():
        return False  # 2.5
    if after and after not in " \u3000" and not _is_japanese(after):
        return False  # UNEP/EA.7, www.example.jp
    return not _LEADING_NUMBER.fullmatch(text[start : i + 1])


def _is_japanese(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" or ch in "「『（【〔"


def split(text: str) -> list[str]:
    """The sentences of a Japanese paragraph."""
    matched = _matched_openers(text)
    out: list[str] = []
    depth = 0
    start = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in _OPEN:
            if i in matched:
                depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and (ch in _STOPS or (ch in _PERIODS and _is_period_stop(text, i, start))):
            j = i + 1
            while j < n and text[j] in _STOPS:  # ！？ runs
                j += 1
            piece = text[start:j].strip()
            if piece:
                out.append(piece)
            start = i = j
            continue
        i += 1
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return out


def ends_sentence(text: str) -> bool:
    """Whether the line closes a sentence (。 ！ ？ ．, possibly followed by a closing bracket);
    a line ending in 」 without a full stop is a title or a heading, not a sentence."""
    tail = text[-64:]  # the end is all that matters: never scan a long paragraph
    return bool(_END.search(tail)) and not (len(text) <= 64 and _LEADING_NUMBER.fullmatch(text))
