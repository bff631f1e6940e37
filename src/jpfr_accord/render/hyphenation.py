"""At most two hyphenated lines in a row in the PDF (French typographic practice).

Stage: render. Imports ``render.typography``; reads the box tree of a laid-out
WeasyPrint document (``Document.pages[i]._page_box``) and imports nothing from
WeasyPrint itself.

WeasyPrint has no ``hyphenate-limit-lines`` (CSS Text 4): it hyphenates every
line that gains by it, and runs of 3 to 6 hyphenated lines occur. So the PDF is
laid out, the runs longer than :data:`MAX_RUN` are found, and the word broken at
the end of the line that makes a run too long is kept whole (a ``nohyphen`` run,
``hyphens: manual``) in that clause; the document is laid out again, at most
:data:`MAX_PASSES` times. A line ending in a real hyphen ("franco-") counts in a
run but cannot be changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .typography import Segment

MAX_RUN = 2
MAX_PASSES = 3
_WORD = re.compile(r"[^\W\d_][\w’'-]*$")
_FIRST = re.compile(r"^[\w’'-]+")


def _children(box) -> list:
    return list(getattr(box, "children", ()) or ())


def _is_line(box) -> bool:
    return type(box).__name__ == "LineBox"


def _is_text(box) -> bool:
    return type(box).__name__ == "TextBox"


def _texts(box) -> Iterator:
    if _is_text(box):
        yield box
    for child in _children(box):
        yield from _texts(child)


def _clause_id(box, parents: dict) -> str | None:
    node = box
    while node is not None:
        element = getattr(node, "element", None)
        if element is not None and "cl" in (element.get("class") or "").split():
            return element.get("id")
        node = parents.get(id(node))
    return None


def _paragraph_lines(pages) -> Iterator[list]:
    """The line boxes of each block, in order, with a parent map to find their clause."""
    for page in pages:
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            kids = _children(box)
            lines = [k for k in kids if _is_line(k)]
            if lines:
                yield lines
            stack.extend(k for k in reversed(kids) if not _is_line(k))


def long_runs(pages, *, lang: str = "fr", max_run: int = MAX_RUN) -> set[tuple[str, str]]:
    """(clause id, word) for each word whose hyphenation makes a run of more than
    ``max_run`` hyphenated lines in a row, in the lines of language ``lang``."""
    found: set[tuple[str, str]] = set()
    for lines in _paragraph_lines(pages):
        if not lines or lines[0].style["lang"] != lang:
            continue
        run = 0
        for i, line in enumerate(lines):
            texts = list(_texts(line))
            last = texts[-1] if texts else None
            hyphen = last is not None and last.text.endswith(last.style["hyphenate_character"] or "-")
            run = run + 1 if hyphen else 0
            if last is None or run <= max_run or i + 1 >= len(lines):
                continue
            following = list(_texts(lines[i + 1]))
            head = _WORD.search(last.text[: -len(last.style["hyphenate_character"] or "-")])
            tail = _FIRST.match(following[0].text) if following else None
            if head is None or tail is None:
                continue
            parents: dict = {}
            list(_walk_with_parents(line, parents))
            clause = _clause_id(last, parents)
            if clause:
                found.add((clause, head.group() + tail.group()))
                run = 0  # this line will not be hyphenated: the run is cut here
    return found


def _walk_with_parents(box, parents: dict) -> Iterator:
    yield box
    for child in _children(box):
        parents[id(child)] = box
        yield from _walk_with_parents(child, parents)


def keep_whole(segments: Iterable[Segment], words: Iterable[str]) -> tuple[Segment, ...]:
    """``segments`` with every occurrence of ``words`` in a plain run made a ``nohyphen`` run."""
    words = sorted(set(words), key=len, reverse=True)
    if not words:
        return tuple(segments)
    pattern = re.compile(r"(?<![\w’'-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w’'-])")
    out: list[Segment] = []
    for seg in segments:
        if seg.kind != "text":
            out.append(seg)
            continue
        pos = 0
        for m in pattern.finditer(seg.text):
            if m.start() > pos:
                out.append(Segment(seg.text[pos:m.start()]))
            out.append(Segment(m.group(), "nohyphen"))
            pos = m.end()
        if pos < len(seg.text):
            out.append(Segment(seg.text[pos:]))
    return tuple(out)
