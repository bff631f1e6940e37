"""jpfr-accord: bilingual structured diplomatic documents.

Public API (re-exports only, resolved on first use so that ``import jpfr_accord``
stays light and ``jpfr check`` never loads the renderer):

- ``load_pair``, ``load_aligned`` — corpus XML -> model
- ``check`` — files or a corpus -> findings, exactly as ``jpfr check`` (configuration,
  schema findings and order included): the one call to start with
- ``run_checks`` — model -> findings (the rules only: pass the loader's findings along)
- ``render_html``, ``render_pdf`` — model -> HTML / PDF
- ``export_document`` — model -> TMX, XLIFF, Akoma Ntoso, TEI, JSON, text
- ``build_release``, ``verify_release`` — versioned, checksummed bundles
"""

from __future__ import annotations

from importlib import import_module

from .version import __version__

_API = {
    "load_pair": "jpfr_accord.load",
    "load_aligned": "jpfr_accord.load",
    "check": "jpfr_accord.checks.api",
    "run_checks": "jpfr_accord.checks",
    "render_html": "jpfr_accord.render",
    "render_pdf": "jpfr_accord.render",
    "export_document": "jpfr_accord.export",
    "build_release": "jpfr_accord.release",
    "verify_release": "jpfr_accord.release",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'jpfr_accord' has no attribute {name!r}")
