"""Fixtures for the release tests: a small corpus and a fast stand-in renderer.

The stand-in writes real (tiny) PDFs with pikepdf that carry what a release PDF
must carry: a PDF/A-3 claim in the XMP and each XML source embedded as an
associated file. It keeps the release tests fast; ``test_release_real_renderer.py``
runs the real WeasyPrint renderer end to end.
"""

from __future__ import annotations

import shutil
import stat
from pathlib import Path
from types import SimpleNamespace

import pytest

FIXTURE_CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "release" / "corpus"
DOC = "accord"
FAKE_FONT = SimpleNamespace(name="Fake Serif", version="1.0", sha256="ab" * 32)


def pytest_configure(config):
    config.addinivalue_line("markers", "real_renderer: end-to-end release with the real WeasyPrint renderer")


def fake_pdf_bytes(attachments, *, text: str = "fake") -> bytes:
    import io

    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Title"] = text
    for path in attachments:
        path = Path(path)
        spec = pikepdf.AttachedFileSpec(pdf, path.read_bytes(), filename=path.name, mime_type="application/xml",
                                        relationship=pikepdf.Name.Source)
        pdf.attachments[path.name] = spec
    if attachments:
        pdf.Root.AF = pikepdf.Array([s.obj for s in pdf.attachments.values()])
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["pdfaid:part"] = "3"
        meta["pdfaid:conformance"] = "B"
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()


def fake_render_pdf(pair, dest, *, layout="side-by-side", version=None, date=None, pdf_variant=None,
                    attachments=(), **_):
    dest = Path(dest)
    dest.write_bytes(fake_pdf_bytes(attachments, text=f"{pair.id} {layout} {version} {date}"))
    return SimpleNamespace(path=dest, fonts=(FAKE_FONT,), pages=1)


def fake_render_html(pair, dest, *, layout="side-by-side", version=None, **_):
    Path(dest).write_text(f"<!DOCTYPE html><title>{pair.id} {version}</title>\n", encoding="utf-8")
    return Path(dest)


@pytest.fixture
def fake_render(monkeypatch):
    """Replace the renderer by the fast stand-in (also in forked build processes)."""
    import jpfr_accord.render as render

    monkeypatch.setattr(render, "render_pdf", fake_render_pdf)
    monkeypatch.setattr(render, "render_html", fake_render_html)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    dest = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, dest)
    return dest


def make_writable(root: Path) -> None:
    """Releases are read-only; tests that tamper with one make it writable first."""
    for p in root.rglob("*"):
        if p.is_file():
            p.chmod(p.stat().st_mode | stat.S_IWUSR)


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
