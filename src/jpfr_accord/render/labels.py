"""The wording of the templates in each language, and dates as each language writes them.

Stage: render. Imports ``errors``, ``model``, ``resources`` and ``render.typography``.

``templates/labels.json`` holds every word a page prints outside the texts
(statuses, notices, placeholders, cues), per language: a page never falls back
to English, and a third language is a new entry, not new code.
"""

from __future__ import annotations

import json
from functools import cache

from ..errors import RenderError
from ..model import Document
from ..resources import templates_dir
from .typography import fold, french_spaces


@cache
def labels() -> dict[str, dict]:
    """The per-language wording of the templates (``templates/labels.json``)."""
    path = templates_dir() / "labels.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RenderError(f"cannot read the template labels: {exc}") from exc


def labels_for(lang: str) -> dict:
    try:
        return labels()[lang]
    except KeyError:
        raise RenderError(f"no template labels for language {lang!r}; add them to templates/labels.json") from None


def format_date(iso: str, lang: str) -> str:
    """``2026-03-31`` as ``lang`` writes it (``2026年3月31日``, ``31 mars 2026``), from the labels."""
    lab = labels_for(lang)
    year, month, day = (int(x) for x in iso.split("-"))
    return lab["date"].format(
        year=year, month=lab["months"][month - 1], day=lab["first_day"] if day == 1 else str(day)
    )


def dateline(doc: Document) -> str | None:
    """Place and date of ``doc`` in its language; whichever is known; None when neither is."""
    date = format_date(doc.meta.date, doc.lang) if doc.meta.date else None
    place = fold(doc.meta.place) if doc.meta.place else None
    text = labels_for(doc.lang)["dateline"].format(date=date, place=place) if date and place else date or place
    return french_spaces(text, labels_for(doc.lang)["months"]) if text and doc.lang == "fr" else text
