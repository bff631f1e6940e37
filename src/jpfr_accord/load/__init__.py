"""Load stage: corpus XML -> model (and the model -> corpus XML writer).

Imports ``errors``, ``model`` and ``resources`` only.
"""

from .align import discover, load_aligned, load_pair
from .edit import edit_clauses
from .schema import validate
from .write import atomic_write, atomic_write_many, serialize_document, write_document
from .xml import NS, load_document, parse_xml

__all__ = [
    "NS",
    "discover",
    "edit_clauses",
    "load_aligned",
    "load_document",
    "load_pair",
    "parse_xml",
    "serialize_document",
    "validate",
    "write_document",
    "atomic_write",
    "atomic_write_many",
]
