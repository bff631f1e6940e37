"""Formats of a change set: ``CHANGES.md``, plain text, JSON and an HTML redline.

Stage: release. Imports ``release.changes`` and lxml (HTML is built as a tree
and serialised once; no markup is assembled from strings).

Marks follow ``git diff --word-diff=plain``: ``[-deleted-]`` and ``{+inserted+}``
in Markdown and text; ``<del>`` and ``<ins>`` in HTML.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lxml import etree
from lxml.html import builder as E

from ..display import show_bidi_controls
from .changes import Change, ChangeSet

LANGUAGE_NAMES = {"ja": "Japanese (日本語)", "fr": "French (français)", "en": "English"}
_SECTIONS = (
    ("changed", "Changed"),
    ("acts", "Acts or actor changed"),
    ("added", "Added"),
    ("removed", "Removed"),
    ("moved", "Moved"),
)
LEGEND = "Marks: `[-deleted-]` and `{+inserted+}`, word by word (character by character in Japanese)."


def marked_text(marks: list[list[str]]) -> str:
    """Marks as ``git --word-diff`` text: kept text, ``[-deleted-]``, ``{+inserted+}``."""
    out = []
    for op, text in marks:
        out.append(text if op == "=" else f"[-{text}-]" if op == "-" else f"{{+{text}+}}")
    return "".join(out)


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def _describe(c: Change) -> str:
    if c.change == "changed":
        body = marked_text(c.marks)
        return f"{body} (typography only)" if c.typographic else body
    if c.change == "added":
        return f"{{+{c.new_text}+}}"
    if c.change == "removed":
        return f"[-{c.old_text}-]"
    if c.change == "moved":
        return f"moved from {c.from_eid!r}: {c.new_text}" if c.from_eid else f"moved: {c.new_text}"
    parts = []
    if c.old_acts != c.new_acts:
        parts.append(f"acts {' '.join(c.old_acts) or '(none)'} -> {' '.join(c.new_acts) or '(none)'}")
    if c.old_actor != c.new_actor:
        parts.append(f"actor {c.old_actor or '(none)'} -> {c.new_actor or '(none)'}")
    return "; ".join(parts)


def _counterpart_text(c: Change) -> str | None:
    cp = c.counterpart
    if not cp:
        return None
    text = marked_text(cp["marks"]) if cp.get("marks") else cp["text"]
    return f"{cp['lang']}: {_one_line(text)}"


def to_markdown(cs: ChangeSet, *, version_note: str | None = None) -> str:
    """``CHANGES.md``: the changes per language, each with its counterpart clause."""
    lines = [f"# Changes in {cs.doc_id} {cs.new_label}", ""]
    if cs.is_first:
        lines += ["This is the first release of this document: there is no previous release to compare with.", ""]
        if version_note:
            lines += [version_note, ""]
        return "\n".join(lines)
    lines += [f"Compared with {cs.old_label}. Suggested version bump: **{cs.suggested_bump}**."]
    if version_note:
        lines += ["", version_note]
    lines += ["", LEGEND, ""]
    if cs.is_empty:
        lines += ["No clause or heading changed.", ""]
    for lc in cs.languages:
        counts = lc.counts()
        summary = ", ".join(f"{n} {k}" for k, n in counts.items() if n) or "no change"
        lines += [f"## {LANGUAGE_NAMES.get(lc.lang, lc.lang)}: {summary}", ""]
        for key, title in _SECTIONS:
            items = lc.of(key)
            if not items:
                continue
            lines += [f"### {title}", ""]
            for c in items:
                where = f" ({c.kind}, line {c.line})" if c.line else f" ({c.kind})"
                lines.append(f"- `{c.eid}`{where}: {_one_line(_describe(c))}")
                cp = _counterpart_text(c)
                if cp:
                    lines.append(f"  - counterpart {cp}")
            lines.append("")
    return "\n".join(lines)


def to_text(cs: ChangeSet) -> str:
    """One line per change (``LANG CHANGE EID: description``), counterpart indented below."""
    out = [f"{cs.doc_id}: {cs.old_label or '(nothing)'} -> {cs.new_label}; suggested bump: {cs.suggested_bump}"]
    if cs.is_empty:
        out.append("no clause or heading changed")
    for lc in cs.languages:
        for c in lc.changes:
            out.append(f"{lc.lang} {c.change:<7} {c.eid}: {_one_line(_describe(c))}")
            cp = _counterpart_text(c)
            if cp:
                out.append(f"    {cp}")
    return "\n".join(out) + "\n"


def to_json(cs: ChangeSet, extra: dict[str, Any] | None = None) -> str:
    """``changes.json``: stable key order, UTF-8 text, newline at the end."""
    data = cs.to_dict()
    if extra:
        data.update(extra)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


_CSS = """
body { font-family: "Noto Serif CJK JP", "Noto Serif", serif; margin: 0 auto; max-width: 80rem; padding: 1rem; line-height: 1.6; }
[lang="en"], .note, th, td.eid, td.what { font-family: system-ui, "Noto Sans", "DejaVu Sans", sans-serif; }
h1 { font-size: 1.3rem; overflow-wrap: anywhere; } h2 { font-size: 1.15rem; margin-top: 1.6rem; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #bbb; padding: .4rem .6rem; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th.eid, td.eid { width: 11rem; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .85em; word-break: break-all; }
th.what, td.what { width: 6rem; }
del { text-decoration: line-through; color: #a00000; background: #fde8e8; }
ins { text-decoration: underline; color: #005a00; background: #e6f6e6; }
.note { color: #555; font-size: .9em; }
.unchanged { color: #333; font-style: italic; }
/* Narrow screens: each change is a card (id and kind on one line, then the two texts). */
@media (max-width: 44rem) {
  body { padding: .6rem; }
  table, thead, tbody, tr, th, td { display: block; width: auto; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  tr { border: 1px solid #bbb; margin-bottom: .8rem; }
  td { border: 0; border-top: 1px solid #e2e2e2; }
  th.eid, td.eid, th.what, td.what { width: auto; }
  td.eid, td.what { display: inline-block; border: 0; padding-right: .2rem; }
  td:nth-child(4):not(:empty)::before { content: "counterpart"; display: block; font-family: system-ui, sans-serif; font-size: .8em; color: #555; }
}
"""


def _marks_nodes(marks: list[list[str]]) -> list:
    nodes: list = []
    for op, text in marks:
        text = show_bidi_controls(text)
        if op == "=":
            nodes.append(text)
        elif op == "-":
            nodes.append(E.DEL(text))
        else:
            nodes.append(E.INS(text))
    return nodes


def _cell_nodes(c: Change) -> list:
    if c.change == "changed":
        nodes = _marks_nodes(c.marks)
        if c.typographic:
            nodes.append(E.SPAN(" (typography only)", E.CLASS("note"), lang="en"))
        return nodes
    if c.change == "added":
        return [E.INS(show_bidi_controls(c.new_text or ""))]
    if c.change == "removed":
        return [E.DEL(show_bidi_controls(c.old_text or ""))]
    if c.change == "moved":
        note = f"moved from {c.from_eid}: " if c.from_eid else "moved: "
        return [E.SPAN(note, E.CLASS("note"), lang="en"), show_bidi_controls(c.new_text or "")]
    return [E.SPAN(_describe(c), E.CLASS("note"), lang="en")]


def release_title(path: Path | str) -> str | None:
    """``1.1.0 (2026-05-01)`` for a release folder (from its ``data/release.json``), else None."""
    info = Path(path) / "data" / "release.json"
    try:
        data = json.loads(info.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("version"), str):
        return None
    date = data.get("date")
    return f"{data['version']} ({date})" if isinstance(date, str) and date else data["version"]


def to_html(cs: ChangeSet, *, old_title: str | None = None, new_title: str | None = None) -> str:
    """A self-contained redline page: per language, each change beside its counterpart.

    Args:
        cs: the changes.
        old_title, new_title: how to name the two versions (``1.0.0 (2026-04-01)``);
            default the change set's labels (release folders or files).
    """
    old = old_title or cs.old_label or "(nothing)"
    new = new_title or cs.new_label
    title = f"{cs.doc_id}: {old} → {new}"
    body: list = [E.P(f"Suggested version bump: {cs.suggested_bump}.", E.CLASS("note"))]
    if cs.is_empty:
        body.append(E.P("No clause or heading changed."))
    for lc in cs.languages:
        name = LANGUAGE_NAMES.get(lc.lang, lc.lang)
        if not lc.changes:
            body.append(E.SECTION(E.H2(name), E.P(f"The {name} text is unchanged.", E.CLASS("unchanged"))))
            continue
        other = sorted({c.counterpart["lang"] for c in lc.changes if c.counterpart}) or ["—"]
        other_name = ", ".join(LANGUAGE_NAMES.get(o, o) for o in other)
        head = E.TR(
            E.TH("eId", E.CLASS("eid"), scope="col"), E.TH("change", E.CLASS("what"), scope="col"),
            E.TH(name, scope="col"), E.TH("counterpart: " + other_name, scope="col"),
        )
        rows = []
        for c in lc.changes:
            cp = c.counterpart
            if cp:
                cp_cell = E.TD(
                    *(_marks_nodes(cp["marks"]) if cp.get("marks") else [show_bidi_controls(cp["text"])]),
                    lang=cp["lang"],
                )
            else:
                cp_cell = E.TD("")
            rows.append(
                E.TR(
                    E.TD(E.A(c.eid, id=f"{lc.lang}-{c.change}-{c.eid}", href=f"#{lc.lang}-{c.change}-{c.eid}"),
                         E.CLASS("eid")),
                    E.TD(c.change, E.CLASS("what"), lang="en"),
                    E.TD(*_cell_nodes(c), lang=lc.lang),
                    cp_cell,
                )
            )
        counts = ", ".join(f"{n} {k}" for k, n in lc.counts().items() if n)
        body.append(E.SECTION(E.H2(f"{name}: {counts}"), E.TABLE(E.THEAD(head), E.TBODY(*rows))))
    page = E.HTML(
        E.HEAD(E.META(charset="utf-8"), E.META(name="viewport", content="width=device-width, initial-scale=1"),
               E.TITLE(title), E.STYLE(_CSS)),
        E.BODY(E.HEADER(E.H1(title)), E.MAIN(*body)),
        lang="en",
    )
    return etree.tostring(page, doctype="<!DOCTYPE html>", method="html", encoding="unicode", pretty_print=True)
