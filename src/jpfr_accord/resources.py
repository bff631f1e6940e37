"""Where the shipped data lives: ``schema/``, ``templates/`` and ``data/``.

Stage: shared. Imports nothing from the package.

In a checkout (or an editable install) they are the top-level folders of the
repository; in an installed wheel, ``setup.py`` has copied them to
``jpfr_accord/_data/``. Both are looked up, the packaged copy first.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_root() -> Path:
    packaged = _PACKAGE / "_data"
    if (packaged / "schema").is_dir():
        return packaged
    checkout = _PACKAGE.parent.parent
    if (checkout / "schema").is_dir():
        return checkout
    raise FileNotFoundError(f"jpfr-accord data folders not found under {packaged} or {checkout}")


def schema_dir() -> Path:
    return data_root() / "schema"


def templates_dir() -> Path:
    return data_root() / "templates"


def data_dir() -> Path:
    return data_root() / "data"


def cache_dir(kind: str) -> Path | None:
    """A folder for caches the toolkit may keep between runs (compiled templates),
    or None when caching is off. ``JPFR_CACHE_DIR`` names the root (``off``
    disables it); else ``$XDG_CACHE_HOME/jpfr-accord``, else ``~/.cache/jpfr-accord``.
    Nothing read from a cache changes a result: each entry is checked against its source."""
    import os

    root = os.environ.get("JPFR_CACHE_DIR")
    if root == "off":
        return None
    if not root:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        if not os.path.isabs(base):
            return None  # no home to keep it in: never a cache relative to the working folder
        root = os.path.join(base, "jpfr-accord")
    return Path(root).absolute() / kind
