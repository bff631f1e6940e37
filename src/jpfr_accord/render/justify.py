"""Justified Japanese in the PDF: the extra width of a line spread between its characters.

Stage: render. Imports nothing from the package; wraps WeasyPrint's
``layout.inline.justify_line`` (imported by :func:`install`, from ``render.pdf``).

WeasyPrint justifies by widening spaces only (``justify_line`` counts U+0020
and U+00A0): a Japanese line has none or two, so ``text-align: justify`` would
tear it apart at its few spaces. For a line whose language is ``ja``, the
wrapper lays each text box out again with a letter spacing that spreads the
line's extra width over its characters (inter-character justification, CSS
Text 3 ``text-justify: inter-character``) and shifts the boxes that follow.
Lines of other languages keep WeasyPrint's own justification. A line that would
need more than a quarter of an em between characters is left as it is.
"""

from __future__ import annotations

_MAX_SPACING_EM = 0.25
_installed = False


def _text_boxes(box) -> list:
    if type(box).__name__ == "TextBox":
        return [box]
    out = []
    for child in getattr(box, "children", ()) or ():
        if child.is_in_normal_flow():
            out.extend(_text_boxes(child))
    return out


def install() -> None:
    """Wrap WeasyPrint's ``justify_line`` once per process (idempotent)."""
    global _installed
    if _installed:
        return
    from weasyprint.layout import inline
    from weasyprint.text.line_break import create_layout

    original = inline.justify_line

    def spread(context, box, spacing: float, x_advance: float, last) -> float:
        if type(box).__name__ == "TextBox":
            box.position_x += x_advance
            gaps = len(box.text) - (1 if box is last else 0)
            if gaps > 0:
                style = box.style.copy()
                style["letter_spacing"] = spacing
                layout = create_layout(box.text, style, context, max_width=None, justification_spacing=0)
                layout.deactivate()
                box.pango_layout = layout
                box.style = style  # drawing lays the text out again from the box's style
                box.width += spacing * gaps
                x_advance += spacing * gaps
            return x_advance
        if type(box).__name__ in ("LineBox", "InlineBox"):
            box.position_x += x_advance
            before = x_advance
            for child in box.children:
                if child.is_in_normal_flow():
                    x_advance = spread(context, child, spacing, x_advance, last)
            box.width += x_advance - before
            return x_advance
        box.translate(x_advance, 0)
        return x_advance

    def justify_line(context, line, extra_width):
        if (line.style["lang"] or "").split("-")[0] != "ja":
            return original(context, line, extra_width)
        texts = _text_boxes(line)
        chars = sum(len(t.text) for t in texts) - 1
        if chars <= 0 or extra_width <= 0:
            return None
        spacing = extra_width / chars
        if spacing > _MAX_SPACING_EM * line.style["font_size"]:
            return None
        spread(context, line, spacing, 0, texts[-1])
        return None

    inline.justify_line = justify_line
    _installed = True
