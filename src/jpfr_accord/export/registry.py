"""The one table of interchange formats, and ``export_document``.

Stage: export. Imports ``errors``, ``model`` and the format modules of ``export``.

Adding a format is one class in its own module and one entry in ``EXPORTERS``
(STYLE.md section 4); nothing else special-cases a format.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UnknownFormatError
from ..model import AlignedDocument, Finding
from .akn import AkomaNtoso
from .base import Exporter
from .native import Json
from .tei import Tei
from .text import Markdown, PlainText
from .tmx import Tmx
from .xliff import Xliff

EXPORTERS: dict[str, type[Exporter]] = {c.name: c for c in (Tmx, Xliff, AkomaNtoso, Tei, Json, Markdown, PlainText)}


def get_exporter(name: str) -> type[Exporter]:
    """The exporter class registered as ``name``.

    Raises:
        UnknownFormatError: no such format; the message lists the valid names.
    """
    try:
        return EXPORTERS[name]
    except KeyError:
        raise UnknownFormatError("export format", name, list(EXPORTERS)) from None


def export_document(
    pair: AlignedDocument, fmt: str, dest: str | Path, *, findings: list[Finding] | None = None
) -> list[Path]:
    """Export an aligned document in format ``fmt``.

    Args:
        pair: the document and its translation.
        fmt: a name from ``EXPORTERS`` (``tmx``, ``xliff``, ``akn``, ``tei``,
            ``json``, ``markdown``, ``text``).
        dest: for bilingual formats (tmx, xliff, tei, json) the output file,
            or a folder to write ``<doc-id><suffix>`` into (an existing folder,
            a path ending in ``/`` or a path without a file suffix, such as
            ``releases/1.2.0``); for per-language formats (akn, markdown,
            text) the folder receiving ``<doc-id>.<lang><suffix>``.
        findings: diagnostics of ``pair``, written as notes by formats that
            carry them (XLIFF).

    Returns:
        The files written, in a stable order.

    Raises:
        UnknownFormatError: ``fmt`` is not registered.
        ExportError: the document cannot be exported or the output cannot be
            written; nothing is left half-written.
    """
    return get_exporter(fmt)(findings).write(pair, dest)
