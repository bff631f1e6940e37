"""render.libs: WeasyPrint imported without the ldconfig/gcc/ld subprocesses,
and the PDF it makes byte for byte the one a plain ``import weasyprint`` makes."""

from __future__ import annotations

import ctypes.util
import subprocess
import sys

from jpfr_testing import ROOT

from jpfr_accord.render import libs

# Counts the processes started while WeasyPrint loads, in a fresh interpreter.
COUNT = """
import subprocess, sys
started = []
original = subprocess.Popen.__init__
def spy(self, args, *a, **k):
    started.append(args[0] if isinstance(args, (list, tuple)) else args)
    return original(self, args, *a, **k)
subprocess.Popen.__init__ = spy
if sys.argv[1] == "shim":
    from jpfr_accord.render.libs import import_weasyprint
    import_weasyprint()
else:
    import weasyprint
print(" ".join(map(str, started)))
"""

# Renders the bundled corpus to PDF bytes, WeasyPrint imported one way or the other first.
RENDER = """
import sys
from pathlib import Path
if sys.argv[1] == "plain":
    import weasyprint
from jpfr_accord.load import load_pair
from jpfr_accord.render import render_pdf
pair = load_pair("ai-cooperation-2026", Path(sys.argv[2]), "fr")
render_pdf(pair, Path(sys.argv[3]), version="1.0.0", date="2026-03-31")
"""


def _run(code: str, *args: str) -> subprocess.CompletedProcess:
    env_src = str(ROOT / "src")
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, cwd=ROOT, check=True,
                          env={**__import__("os").environ, "PYTHONPATH": env_src})


def test_plain_import_spawns_compilers_and_the_shim_does_not():
    plain = _run(COUNT, "plain").stdout.decode().split()
    shim = _run(COUNT, "shim").stdout.decode().split()
    # the problem is real on this machine (else the test proves nothing) …
    assert any(p.endswith("gcc") for p in plain) and len(plain) > 10, plain
    # … and the shim reads the linker cache once, and runs nothing else
    assert len(shim) <= 1 and all(p.endswith("ldconfig") for p in shim), shim


def test_pdf_bytes_are_identical_with_and_without_the_shim(tmp_path):
    # render_pdf imports WeasyPrint through the shim unless it is already imported
    _run(RENDER, "plain", str(ROOT / "corpus"), str(tmp_path / "plain.pdf"))
    _run(RENDER, "shim", str(ROOT / "corpus"), str(tmp_path / "shim.pdf"))
    plain, shim = (tmp_path / "plain.pdf").read_bytes(), (tmp_path / "shim.pdf").read_bytes()
    assert plain.startswith(b"%PDF") and len(plain) > 10_000
    assert plain == shim


def test_lookup_answers_as_ctypes_does():
    listing = libs._ldconfig_listing()
    assert listing  # Debian: ldconfig is there
    names = ["pango-1.0", "harfbuzz", "fontconfig", "gobject-2.0", "c", "libpango-1.0-0", "gobject-2.0-0", "no-such-lib-xyz"]
    for name in names:
        assert libs.cached_find_library(name, listing, ctypes.util.find_library) == ctypes.util.find_library(name), name


def test_unknown_name_falls_back_when_a_library_path_is_set(monkeypatch):
    asked = []
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/somewhere")
    assert libs.cached_find_library("no-such-lib-xyz", "", lambda n: asked.append(n) or "libx.so.1") == "libx.so.1"
    assert asked == ["no-such-lib-xyz"]
    monkeypatch.delenv("LD_LIBRARY_PATH")
    monkeypatch.delenv("LIBRARY_PATH", raising=False)
    assert libs.cached_find_library("no-such-lib-xyz", "", lambda n: asked.append(n) or "x") is None


def test_patch_is_removed_after_the_import():
    before = ctypes.util.find_library
    with libs.quiet_library_lookup():
        assert ctypes.util.find_library is not before
    assert ctypes.util.find_library is before
