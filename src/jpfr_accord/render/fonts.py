"""Fonts and text libraries the PDF depends on: find them, describe them.

Stage: render. Imports ``errors`` only. Asks fontconfig (``fc-list``), the same
font lookup WeasyPrint/Pango uses, so a font found here is the font used.

A missing Japanese font must be an error naming the package to install, never a
PDF full of empty boxes.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import RenderError

#: Japanese serif families, preferred first (CSS ``font-family`` lists the same).
JAPANESE_SERIF_FAMILIES: tuple[str, ...] = (
    "Noto Serif CJK JP",
    "Hiragino Mincho ProN",
    "Hiragino Mincho Pro",
    "Yu Mincho",
    "YuMincho",
)
INSTALL_HINT = (
    "install a Japanese serif font: 'apt-get install fonts-noto-cjk' on Debian/Ubuntu, "
    "'dnf install google-noto-serif-cjk-fonts' on Fedora (macOS ships Hiragino Mincho)"
)


@dataclass(frozen=True)
class FontInfo:
    """A font file a PDF was made with: family and style, version, and the file,
    whose SHA-256 (what a release records) is read only when asked for: hashing
    the CJK font files takes longer than the rest of a render's own work."""

    name: str
    version: str
    path: Path | None  # None: a font in the PDF that fontconfig does not list

    @property
    def sha256(self) -> str:
        return file_sha256(self.path) if self.path else ""


@dataclass(frozen=True)
class FoundFont:
    """A font face fontconfig knows, with the file it comes from."""

    family: str
    style: str
    postscript_name: str
    version: str
    path: Path

    def info(self) -> FontInfo:
        return FontInfo(f"{self.family} {self.style}", self.version, self.path)


@lru_cache(maxsize=32)
def _sha256(path: str, size: int, mtime: float) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    st = os.stat(path)
    return _sha256(str(path), st.st_size, st.st_mtime)


def _fc_version(raw: str) -> str:
    # fontconfig reports the OpenType head.fontRevision as 16.16 fixed point.
    try:
        return f"{int(raw) / 65536:.3f}"
    except ValueError:
        return raw or "unknown"


def list_fonts(pattern: str = ":lang=ja") -> list[FoundFont]:
    """Font faces matching a fontconfig pattern (default: covering Japanese).

    Raises:
        RenderError: fontconfig is not installed.
    """
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        raise RenderError("fontconfig's fc-list was not found; install fontconfig, and " + INSTALL_HINT)
    fmt = "%{family[0]}\t%{style[0]}\t%{postscriptname}\t%{fontversion}\t%{file}\n"
    proc = subprocess.run([fc_list, pattern, "--format", fmt], capture_output=True, text=True, check=False)
    out = []
    for line in sorted(set(proc.stdout.splitlines())):
        parts = line.split("\t")
        if len(parts) == 5 and parts[4]:
            family, style, ps, version, path = parts
            out.append(FoundFont(family, style, ps, _fc_version(version), Path(path)))
    return out


def find_fonts() -> tuple[FoundFont, ...]:
    """The Japanese serif family the PDF uses: its faces, regular first.

    Returns:
        The faces of the first family of :data:`JAPANESE_SERIF_FAMILIES` installed.

    Raises:
        RenderError: no Japanese serif font is installed (the message names the package).
    """
    faces = list_fonts(":lang=ja")
    for family in JAPANESE_SERIF_FAMILIES:
        mine = [f for f in faces if f.family == family]
        if mine:
            return tuple(sorted(mine, key=lambda f: (f.style != "Regular", f.style, f.postscript_name)))
    raise RenderError(f"no Japanese serif font found ({', '.join(JAPANESE_SERIF_FAMILIES[:3])}, …); {INSTALL_HINT}")


def _key(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def fonts_for(pdf_names: set[str], known: tuple[FoundFont, ...] = ()) -> tuple[FontInfo, ...]:
    """Describe the font files behind the font names found in a PDF.

    WeasyPrint names an embedded font after its family and style
    (``Noto-Serif-CJK-JP-Bold``, the regular face without a style), not after
    its PostScript name, so both are tried: first among ``known`` faces (those
    :func:`find_fonts` returned), then among every font fontconfig lists.
    """

    def index(faces) -> dict[str, FoundFont]:
        out: dict[str, FoundFont] = {}
        for face in faces:
            out.setdefault(_key(face.postscript_name), face)
            out.setdefault(_key(face.family + face.style), face)
            if face.style in ("Regular", "Book", "Normal"):
                out.setdefault(_key(face.family), face)
        return out

    faces = index(known)
    if any(_key(name) not in faces for name in pdf_names):
        faces = {**index(list_fonts(":")), **faces}
    out = []
    for name in sorted(pdf_names):
        face = faces.get(_key(name))
        out.append(face.info() if face else FontInfo(name, "unknown", None))
    return tuple(dict.fromkeys(out))


def _library_version(names: tuple[str, ...], symbol: str) -> str | None:
    for name in names:
        path = ctypes.util.find_library(name) or name
        try:
            lib = ctypes.CDLL(path)
            fn = getattr(lib, symbol)
        except (OSError, AttributeError):
            continue
        fn.restype = ctypes.c_char_p
        return fn().decode()
    return None


def doctor_report() -> dict[str, object]:
    """What rendering depends on, as found on this machine (for ``jpfr doctor``).

    Returns:
        ``{"weasyprint", "pango", "harfbuzz", "harfbuzz_subset", "fonts", "problems"}``:
        versions (None when missing), the Japanese fonts found, and a list of
        problems, each a one-line message saying what to install.
    """
    problems: list[str] = []
    try:
        import weasyprint

        weasy: str | None = weasyprint.__version__
    except (ImportError, OSError) as exc:  # OSError: Pango missing under WeasyPrint
        weasy = None
        problems.append(f"WeasyPrint cannot be imported ({exc}); pip install 'jpfr-accord[render]' and its system libraries (scripts/system-deps.sh)")
    pango = _library_version(("pango-1.0", "libpango-1.0.so.0", "libpango-1.0.dylib"), "pango_version_string")
    harfbuzz = _library_version(("harfbuzz", "libharfbuzz.so.0", "libharfbuzz.0.dylib"), "hb_version_string")
    subset = _library_version(("harfbuzz-subset", "libharfbuzz-subset.so.0", "libharfbuzz-subset.0.dylib"),
                              "hb_version_string")
    if pango is None:
        problems.append("Pango not found; install libpango-1.0-0 and libpangoft2-1.0-0")
    if subset is None:
        problems.append("HarfBuzz subset library not found (fonts cannot be subset); install libharfbuzz-subset0")
    fonts: list[dict[str, str]] = []
    try:
        for face in find_fonts():
            info = face.info()
            fonts.append({"name": info.name, "version": info.version, "sha256": info.sha256, "file": str(face.path)})
    except RenderError as exc:
        problems.append(exc.message)
    return {
        "weasyprint": weasy,
        "pango": pango,
        "harfbuzz": harfbuzz,
        "harfbuzz_subset": subset,
        "fonts": fonts,
        "problems": problems,
    }
