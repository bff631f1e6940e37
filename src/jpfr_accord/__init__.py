"""jpfr-accord: bilingual structured diplomatic documents.

Public API (re-exports only): ``load_pair``, ``load_aligned``, ``run_checks``.
Rendering, exports and releases live in ``jpfr_accord.render``,
``jpfr_accord.export`` and ``jpfr_accord.release`` and are imported on demand,
so that ``import jpfr_accord`` stays light.
"""

from .version import __version__

from .checks import run_checks  # noqa: E402
from .load import load_aligned, load_pair  # noqa: E402

__all__ = ["__version__", "load_aligned", "load_pair", "run_checks"]
