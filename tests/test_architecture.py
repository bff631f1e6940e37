"""The package is the pipeline: imports go one way, every module imports on its own,
and `jpfr check` does not pay for rendering."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path


import jpfr_accord
from jpfr_testing import ROOT

MODULES = sorted(
    m.name for m in pkgutil.walk_packages(jpfr_accord.__path__, "jpfr_accord.") if not m.name.endswith("__main__")
)


def test_import_contract():
    lint = Path(sys.executable).parent / "lint-imports"
    proc = subprocess.run([str(lint), "pyproject.toml"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 kept, 0 broken" in proc.stdout


def test_every_module_imports_first():
    """Each module imported first, with none of the package loaded (import cycles show here)."""
    code = (
        "import importlib, sys\n"
        f"for name in {MODULES!r}:\n"
        "    for loaded in [m for m in sys.modules if m == 'jpfr_accord' or m.startswith('jpfr_accord.')]:\n"
        "        del sys.modules[loaded]\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except Exception as exc:\n"
        "        print('FAILED', name, repr(exc))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0 and "FAILED" not in proc.stdout, proc.stdout + proc.stderr
    assert len(MODULES) > 30


def test_check_imports_only_what_checking_needs():
    """`jpfr check` runs in pre-commit hooks: no renderer, template engine, PDF or
    bag library, no Pydantic (the XML is schema-validated, the model built without
    it) and no Schematron compiler (the compiled stylesheet is shipped)."""
    code = (
        "import sys, runpy\n"
        "sys.argv = ['jpfr', 'check']\n"
        "try:\n    runpy.run_module('jpfr_accord', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in\n"
        "    ('weasyprint', 'jinja2', 'pikepdf', 'pydyf', 'bagit', 'pydantic', 'pydantic_core') or m == 'lxml.isoschematron')\n"
        "print('HEAVY', heavy)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert "HEAVY []" in proc.stdout, proc.stdout + proc.stderr
    assert "\n0 errors, " in proc.stdout, proc.stdout  # it did check the corpus
