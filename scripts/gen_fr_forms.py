"""Write data/lexicons/fr.forms.tsv: every inflected form simplemma's French dictionary
maps to a lemma the French lexicons name (acts, auxiliaries, modality markers).

The lexicons stay lemmas; this file is their compiled index, so that `jpfr check`
reads French acts without loading simplemma's 250,000-form dictionary (about 0.6 s)
on every run. tests/lang/test_fr_forms.py fails when it is out of date; regenerate with
``python scripts/gen_fr_forms.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from jpfr_accord.lang.fr.morph import forms_path, indexed_lemmas, render_forms  # noqa: E402

if __name__ == "__main__":
    path = forms_path()
    path.write_text(render_forms(indexed_lemmas()), encoding="utf-8")
    print(f"wrote {path}")
