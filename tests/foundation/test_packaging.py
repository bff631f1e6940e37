"""The built wheel carries schema/, templates/ and data/: `jpfr check` works from a
fresh virtual environment, outside the checkout."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from jpfr_testing import CORPUS, ROOT


@pytest.mark.slow
def test_wheel_installs_and_checks_the_corpus(tmp_path: Path):
    dist = tmp_path / "dist"
    src = tmp_path / "src"
    # build from a clean copy of the tracked files, as CI's clone would
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    for rel in files:
        if (ROOT / rel).is_file():
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, src / rel)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(src)],
        check=True,
    )
    wheel = next(dist.glob("jpfr_accord-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    vpy = venv / "bin" / "python"
    site = subprocess.run([vpy, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    # install the wheel alone (no network needed); its dependencies come from the test venv
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", site, str(wheel)], check=True)
    Path(site, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    work = tmp_path / "work"
    shutil.copytree(CORPUS, work / "corpus")
    where = subprocess.run([vpy, "-c", "import jpfr_accord.resources as r; print(r.data_root())"],
                           cwd=work, capture_output=True, text=True, check=True).stdout.strip()
    assert where.startswith(site), where  # the wheel's copy, not the checkout
    for name in ("schema/declaration.xsd", "schema/declaration.sch", "schema/declaration.sch.xsl", "schema/xml.xsd"):
        assert (Path(where) / name).is_file(), name
    proc = subprocess.run([vpy, "-m", "jpfr_accord", "check"], cwd=work, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 errors" in proc.stdout
    # templates and data are shipped too (whatever they hold at build time)
    for folder in ("templates", "data"):
        shipped = sorted(p.relative_to(Path(where) / folder) for p in (Path(where) / folder).rglob("*") if p.is_file())
        tracked = sorted(Path(f).relative_to(folder) for f in files if f.startswith(folder + "/"))
        assert shipped == tracked, folder
