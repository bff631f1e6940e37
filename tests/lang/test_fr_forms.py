"""data/lexicons/fr.forms.tsv, the compiled index of the French lexicons' lemmas, is current,
and reading French acts loads no dictionary."""

from __future__ import annotations

import subprocess
import sys

from jpfr_testing import ROOT

from jpfr_accord.lang.fr.morph import forms_path, indexed_lemmas, lemma, quick_lemma, render_forms


def test_the_index_is_current():
    assert forms_path().read_text(encoding="utf-8") == render_forms(indexed_lemmas()), (
        "data/lexicons/fr.forms.tsv is out of date: run python scripts/gen_fr_forms.py"
    )


def test_the_index_agrees_with_the_lemmatiser():
    for word in ("réaffirment", "ont", "saluant", "rappellent", "doivent", "sont", "convenus"):
        assert quick_lemma(word) == lemma(word), word


def test_check_reads_french_without_loading_simplemma():
    code = ("import sys\nfrom jpfr_accord.cli import main\nsys.argv = ['jpfr', 'check', 'corpus']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\nprint('simplemma' in sys.modules, 'weasyprint' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert out[-2:] == ["False", "False"]
