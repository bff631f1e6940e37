"""Export stage: the aligned model -> interchange formats (TMX, XLIFF 2.1,
Akoma Ntoso, TEI, JSON, Markdown, plain text).

Imports ``errors`` and ``model``; re-exports only.
"""

from .registry import EXPORTERS, export_document, get_exporter

__all__ = ["EXPORTERS", "export_document", "get_exporter"]
