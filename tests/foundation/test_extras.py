"""``pip install jpfr-accord`` checks, imports and exports; rendering needs the
``[render]`` extra, and says so in one line when it is missing."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from jpfr_testing import CORPUS, DOC_ID

#: What the [render] extra brings: blocked as if not installed.
RENDER_LIBS = ("weasyprint", "pydyf", "pikepdf", "docx")

BLOCKED = (
    "import sys\n"
    f"for name in {RENDER_LIBS!r}: sys.modules[name] = None  # 'import name' now fails as if not installed\n"
    "from jpfr_accord.cli import main\n"
    "sys.argv[0] = 'jpfr'\n"
    "main()\n"
)


def _jpfr(*args, cwd):
    return subprocess.run([sys.executable, "-c", BLOCKED, *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "JPFR_CACHE_DIR": "off"}, timeout=120)


@pytest.fixture
def project(tmp_path):
    import shutil

    shutil.copytree(CORPUS, tmp_path / "corpus")
    return tmp_path


@pytest.mark.parametrize("args", [
    ["check"],
    ["dump", DOC_ID],
    ["export", DOC_ID, "--to", "xliff", "-o", "out.xlf"],
    ["export", DOC_ID, "--to", "akn", "-o", "akn"],
    ["rules", "ENT002"],
])
def test_the_base_install_checks_and_exports(project, args):
    proc = _jpfr(*args, cwd=project)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("to", ["pdf", "docx"])
def test_rendering_without_the_extra_says_what_to_install(project, to):
    proc = _jpfr("render", DOC_ID, "--to", to, "-o", "build", cwd=project)
    assert proc.returncode == 2
    assert proc.stderr.startswith("jpfr: error: ") and proc.stderr.count("\n") == 1, proc.stderr
    assert "pip install 'jpfr-accord[render]'" in proc.stderr
    assert "Traceback" not in proc.stderr and not (project / "build" / f"{DOC_ID}.{to}").exists()
