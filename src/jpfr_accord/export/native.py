"""JSON export: the model itself, as ``schema/declaration.schema.json`` describes it.

Stage: export. Imports ``errors``, ``model``, ``export.base``.

This is the native format of ``jpfr dump`` minus the source positions
(``loc``): they name files on the machine that made the export, which would
make two exports of the same corpus from two folders differ.
"""

from __future__ import annotations

from .. import model
from ..model import AlignedDocument
from .base import Exporter

# Source positions, excluded field by field (pydantic's nested ``exclude``,
# applied in its Rust serializer: much faster than dumping and filtering).
_PARAGRAPH = {"loc": True, "clauses": {"__all__": {"loc"}}}
_DOCUMENT = {
    "loc": True,
    "meta": {"loc", "title_loc"},
    "preamble": {"loc": True, "paragraphs": {"__all__": _PARAGRAPH}},
    "sections": {"__all__": {"loc": True, "heading": {"loc"}, "paragraphs": {"__all__": _PARAGRAPH}}},
}
_NO_POSITIONS = {"source": _DOCUMENT, "target": _DOCUMENT}


def dump_json(pair: AlignedDocument) -> bytes:
    """The JSON bytes of ``pair`` (UTF-8, not ASCII-escaped, two-space indent)."""
    return model.dump_json(pair, indent=2, exclude=_NO_POSITIONS).encode("utf-8") + b"\n"


class Json(Exporter):
    """The aligned model as JSON (the toolkit's native format)."""

    name = "json"
    suffix = ".json"
    media_type = "application/json"

    def build(self, pair: AlignedDocument) -> dict[str, bytes]:
        return {f"{pair.id}{self.suffix}": dump_json(pair)}
