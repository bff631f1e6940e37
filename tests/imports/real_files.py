"""Where the real official pairs are (``../shared/real`` beside the checkout; read-only)."""

from __future__ import annotations

import os
from pathlib import Path

from jpfr_testing import ROOT


def _real_dir() -> Path:
    candidates = [Path(os.environ["JPFR_REAL_DIR"])] if os.environ.get("JPFR_REAL_DIR") else []
    candidates += [ROOT.parent / "shared" / "real", ROOT.parent.parent / "shared" / "real"]
    for c in candidates:
        if (c / "README.md").is_file():
            return c
    raise FileNotFoundError(f"the real official texts are not found in {', '.join(map(str, candidates))} (set JPFR_REAL_DIR)")


REAL = _real_dir()
PAIRS = ("decl-2005", "comm-2013", "2p2-2014", "2p2sum-2017")
SINGLES = ("comm-2014.fr", "2p2-2018.fr", "roadmap-2019.ja")
