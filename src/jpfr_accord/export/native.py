"""JSON export: the model itself, as ``schema/declaration.schema.json`` describes it.

Stage: export. Imports ``errors``, ``model``, ``export.base``.

This is the native format of ``jpfr dump`` minus the source positions
(``loc``): they name files on the machine that made the export, which would
make two exports of the same corpus from two folders differ.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import AlignedDocument
from .base import Exporter

_POSITION_KEYS = frozenset({"loc", "title_loc"})


def _strip_positions(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_positions(v) for k, v in value.items() if k not in _POSITION_KEYS}
    if isinstance(value, list):
        return [_strip_positions(v) for v in value]
    return value


def dump_json(pair: AlignedDocument) -> bytes:
    """The JSON bytes of ``pair`` (UTF-8, not ASCII-escaped, two-space indent)."""
    data = _strip_positions(pair.model_dump(mode="json"))
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


class Json(Exporter):
    """The aligned model as JSON (the toolkit's native format)."""

    name = "json"
    suffix = ".json"
    media_type = "application/json"

    def build(self, pair: AlignedDocument) -> dict[str, bytes]:
        return {f"{pair.id}{self.suffix}": dump_json(pair)}
