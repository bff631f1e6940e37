"""Visual regression: the first page of each PDF layout (60 dpi) and each HTML page
(the document, the check report, the redline, the release index) at 390 and 1280 px,
compared with the reference images in tests/render/visual/ within a tolerance.

An intended change is accepted by looking at the new images and rewriting the references:
``pytest tests/render/test_visual.py --update-visual``.
"""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from jpfr_accord.render import render_html, render_pdf

pytestmark = pytest.mark.slow

REFERENCES = Path(__file__).resolve().parent / "visual"
#: A pixel "differs" when its grey level moves by more than this (anti-aliasing stays under).
PIXEL_THRESHOLD = 48
#: At most this share of the pixels may differ.
TOLERANCE = 0.01
HOW_TO_ACCEPT = "pytest tests/render/test_visual.py --update-visual"


@pytest.fixture(scope="module")
def updating(request) -> bool:
    return bool(request.config.getoption("--update-visual", default=False) or os.environ.get("JPFR_UPDATE_VISUAL"))


def _small(image: Image.Image) -> Image.Image:
    """Sixteen grey levels, so that the references stay light (a 4-bit PNG)."""
    return image.convert("L").point(lambda v: v // 16 * 17)


def _compare(name: str, image: Image.Image, updating: bool, tmp_path: Path) -> None:
    image = _small(image)
    reference = REFERENCES / f"{name}.png"
    if updating or not reference.exists():
        REFERENCES.mkdir(exist_ok=True)
        image.convert("P", palette=Image.ADAPTIVE, colors=16).save(reference, optimize=True, bits=4)
        if not updating:
            pytest.fail(f"no reference image for {name}: wrote {reference}; look at it, then commit it")
        return
    expected = Image.open(reference).convert("L")
    actual_path = tmp_path / f"{name}.actual.png"
    image.save(actual_path)
    assert image.size == expected.size, (
        f"{name}: the page is {image.size} px, the reference {expected.size}; see {actual_path}; "
        f"if the change is intended, accept it with: {HOW_TO_ACCEPT}")
    diff = ImageChops.difference(image, expected)
    changed = sum(diff.point(lambda v: 255 if v > PIXEL_THRESHOLD else 0).histogram()[255:])
    share = changed / (image.size[0] * image.size[1])
    if share > TOLERANCE:
        diff.point(lambda v: 255 - min(255, v * 4)).save(tmp_path / f"{name}.diff.png")
        pytest.fail(f"{name}: {share:.2%} of the pixels differ from {reference} (tolerance {TOLERANCE:.0%}); "
                    f"see {actual_path} and {name}.diff.png beside it; "
                    f"if the change is intended, accept it with: {HOW_TO_ACCEPT}")


@pytest.mark.parametrize("layout", ["side-by-side", "interleaved", "ja", "fr"])
def test_first_pdf_page_looks_like_the_reference(pair, layout, tmp_path, updating, no_epoch):
    pdf = render_pdf(pair, tmp_path / f"{layout}.pdf", layout=layout).path
    png = subprocess.run(["pdftoppm", "-png", "-gray", "-r", "60", "-f", "1", "-l", "1", str(pdf)],
                         capture_output=True, check=True).stdout
    _compare(f"pdf-{layout}", Image.open(io.BytesIO(png)), updating, tmp_path)


@pytest.fixture(scope="module")
def document_page(pair, tmp_path_factory) -> Path:
    return render_html(pair, tmp_path_factory.mktemp("visual") / "document.html")


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", ["document_page", "report_page", "redline_page", "index_page"])
def test_html_page_looks_like_the_reference(request, browser, name, width, tmp_path, updating):
    path = request.getfixturevalue(name)
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(path.as_uri())
        shot = page.screenshot(full_page=False, animations="disabled", caret="hide")
    finally:
        page.close()
    image = Image.open(io.BytesIO(shot))
    image = image.resize((image.size[0] // 2, image.size[1] // 2), Image.LANCZOS)
    _compare(f"{name.removesuffix('_page')}-{width}", image, updating, tmp_path)
