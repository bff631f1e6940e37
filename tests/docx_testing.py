"""Helpers for the Word tests: reading bookmarks back, and LibreOffice in headless mode.

Imported by tests as ``from docx_testing import …`` (kept out of the conftest
files, like ``jpfr_testing``).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ROOT = Path(__file__).resolve().parent.parent
FONT_ALIASES = ROOT / "scripts" / "fontconfig" / "60-jpfr-word-fonts.conf"


def q(tag: str) -> str:
    prefix, name = tag.split(":")
    assert prefix == "w"
    return f"{{{W}}}{name}"


def bookmarked_runs(root) -> dict[str, list]:
    """Bookmark name -> the ``w:r`` elements between its start and its end (document order)."""
    open_names: dict[str, str] = {}
    out: dict[str, list] = {}
    for el in root.iter(q("w:bookmarkStart"), q("w:bookmarkEnd"), q("w:r")):
        if el.tag == q("w:bookmarkStart"):
            open_names[el.get(q("w:id"))] = el.get(q("w:name"))
            out.setdefault(el.get(q("w:name")), [])
        elif el.tag == q("w:bookmarkEnd"):
            open_names.pop(el.get(q("w:id")), None)
        else:
            for name in open_names.values():
                out[name].append(el)
    return out


def run_text(run) -> str:
    return "".join(t.text or "" for t in run.iter(q("w:t")))


def find_soffice() -> str:
    """LibreOffice's ``soffice``, installed by ``scripts/system-deps.sh``; a missing one fails the test."""
    path = shutil.which("soffice") or shutil.which("libreoffice")
    assert path, "LibreOffice is missing: run scripts/system-deps.sh (libreoffice-writer-nogui)"
    return path


def fontconfig_file(folder: Path) -> Path:
    """A fontconfig file: the system's, plus the project's aliases for the fonts Word documents name."""
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <include>{FONT_ALIASES}</include>\n"
        f"  <cachedir>{folder / 'fc-cache'}</cachedir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    return conf


def libreoffice_convert(soffice: str, source: Path, out_dir: Path, target: str = "pdf") -> Path:
    """Convert ``source`` with LibreOffice headless, in a private profile (``-env:UserInstallation``),
    so tests never touch the user's LibreOffice settings nor wait for a running instance."""
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = out_dir / "lo-profile"
    env = {
        "HOME": str(out_dir),
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "FONTCONFIG_FILE": str(fontconfig_file(out_dir)),
    }
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", target, "--outdir", str(out_dir / "converted"), str(source)],
        capture_output=True, text=True, timeout=180, env=env,
    )
    suffix = target.split(":")[0]
    dest = out_dir / "converted" / f"{source.stem}.{suffix}"
    assert result.returncode == 0 and dest.is_file(), (result.returncode, result.stdout, result.stderr)
    return dest
