"""The review of an alignment: one line a bead, and the side-by-side HTML report.

Stage: import. Imports ``resources`` (the template) and ``imports.align`` / ``imports.beads``.

The HTML goes through Jinja2 with autoescaping (``templates/align-report.html.j2``):
the texts are the authorities' as read, never markup.
"""

from __future__ import annotations

from collections import Counter

from ..resources import templates_dir
from .align import AlignResult
from .beads import LOW_CONFIDENCE


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _rows(result: AlignResult) -> list[dict]:
    ja, fr = result.sides["ja"].units, result.sides["fr"].units
    rows = []
    for n, (bead, bead_id) in enumerate(zip(result.beads, result.ids), 1):
        omission = not (bead.ja and bead.fr)
        kind = (ja[bead.ja[0]] if bead.ja else fr[bead.fr[0]]).kind
        rows.append({
            "n": n,
            "id": bead_id or f"meta ({kind})",
            "shape": bead.shape,
            "confidence": f"{bead.confidence:.2f}",
            "mark": "?" if bead.is_low or omission else "",
            "css": "omission" if omission else ("low" if bead.is_low else ""),
            "ja": [ja[i].text for i in bead.ja],
            "fr": [fr[j].text for j in bead.fr],
        })
    return rows


def summary_line(result: AlignResult) -> str:
    shapes = Counter(b.shape for b in result.beads)
    order = ("1-1", "1-2", "2-1", "2-2", "1-0", "0-1")
    parts = ", ".join(f"{shapes[s]} {s}" for s in order if shapes[s])
    low = sum(1 for b in result.beads if b.is_low or not (b.ja and b.fr))
    return (f"{len(result.beads)} beads ({parts}); {low} to review (marked ?); "
            f"mean confidence {result.summary.mean_confidence:.2f}")


def review_lines(result: AlignResult, width: int = 38) -> list[str]:
    """One line a bead: mark, number, shape, confidence, id, the start of each side."""
    out = []
    for row in _rows(result):
        ja = _short(" ".join(row["ja"]), width) or "—"
        fr = _short(" ".join(row["fr"]), width) or "—"
        out.append(f"{row['mark'] or ' '} {row['n']:>4} {row['shape']} {row['confidence']} {row['id']}: {ja} | {fr}")
    return out


def render_report(result: AlignResult) -> str:
    """The side-by-side HTML review of the alignment."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("align-report.html.j2").render(
        doc_id=result.ja.id,
        summary=summary_line(result),
        ja_path=result.sides["ja"].display,
        fr_path=result.sides["fr"].display,
        threshold=f"{LOW_CONFIDENCE:.2f}",
        rows=_rows(result),
    )
