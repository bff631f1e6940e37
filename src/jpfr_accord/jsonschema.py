"""The JSON Schema of the native format, generated from the models.

Stage: model. Imports ``model`` only.

``schema/declaration.schema.json`` is this function's output; a test fails when
the committed file and the models drift apart (regenerate it with
``python -m jpfr_accord.jsonschema > schema/declaration.schema.json``).
"""

from __future__ import annotations

import json
from typing import Union

from .model import AlignedDocument, Document, adapter


def native_json_schema() -> dict:
    """JSON Schema accepting one language version (``Document``) or a pair (``AlignedDocument``)."""
    schema = adapter(Union[Document, AlignedDocument]).json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:jpfr-accord:declaration:1:json",
        "title": "jpfr-accord declaration (native JSON)",
        **schema,
    }


def render_json_schema() -> str:
    return json.dumps(native_json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(render_json_schema())
