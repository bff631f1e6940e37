"""The Word document as a reader without Word sees it: converted to PDF by LibreOffice
in headless mode, then read with poppler (pages, text per column, fonts, rows that
start on the same line, the notice and the page number on every page)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from docx_testing import find_soffice, libreoffice_convert
from jpfr_accord.render import render_docx
from jpfr_accord.render.context import build_view
from jpfr_accord.render.typography import fold

DOC_ID = "ai-cooperation-2026"
MM = 72 / 25.4


def column_boxes(pair) -> dict[str, tuple[float, float, float, float]]:
    """Column boxes of the side-by-side A4 page in points: 20 mm margins, the view's shares of 170 mm."""
    ja, fr = (float(c.width.rstrip("%")) / 100 for c in build_view(pair).columns)
    return {"ja": (20 * MM - 2, 60, 170 * ja * MM + 2, 720), "fr": ((20 + 170 * ja) * MM, 60, 170 * fr * MM + 4, 720)}


def squeeze(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f\-‐­]+", "", text)


def pdftotext(path: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", *args, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


@pytest.fixture(scope="module")
def soffice() -> str:
    return find_soffice()


@pytest.fixture(scope="module")
def converted(pair, no_epoch, soffice, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("lo")
    return libreoffice_convert(soffice, render_docx(pair, folder / f"{DOC_ID}.docx"), folder)


def test_pages_each_with_the_notice_in_both_languages_and_its_number(pair, converted):
    n = pages(converted)
    assert 3 <= n <= 12  # the corpus document: about two pages of A4 per language
    notices = [squeeze(x.text) for x in build_view(pair).notices]
    assert len(notices) == 2
    for page in range(1, n + 1):
        text = pdftotext(converted, "-f", str(page), "-l", str(page))
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        head = squeeze("".join(lines[:3]))
        assert all(head.find(x) >= 0 for x in notices), (page, lines[:3])
        assert squeeze(lines[-1]).endswith(f"未公開版/versionnonpubliée—{page}"), (page, lines[-1])


def test_each_column_holds_its_language_in_order(pair, converted):
    n = pages(converted)
    for lang, box in column_boxes(pair).items():
        x, y, w, h = (str(round(v)) for v in box)
        column = squeeze("".join(
            pdftotext(converted, "-f", str(p), "-l", str(p), "-x", x, "-y", y, "-W", w, "-H", h)
            for p in range(1, n + 1)))
        for head in ("日本語—正文", "Français—traductiondetravail"):  # repeated where a row splits
            column = column.replace(head, "")
        pos = 0
        for clause in pair[lang].clauses():
            text = squeeze(fold(clause.text))
            found = column.find(text, pos)
            assert found >= 0, f"{lang} {clause.id}: {text[:30]!r} not found in order"
            pos = found + len(text)


def test_japanese_in_a_japanese_serif_and_every_font_embedded(converted):
    fonts = subprocess.run(["pdffonts", str(converted)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows), fonts  # embedded: nothing left to the reader's machine
    assert any("NotoSerifCJKjp" in row for row in rows), fonts
    assert not any("Sans" in row for row in rows), fonts


def test_paragraph_pairs_start_on_the_same_line(pair, converted):
    """Rows do not drift: the first line of each Japanese paragraph and of its French
    counterpart have the same top, on the same page."""
    html = subprocess.run(["pdftotext", "-bbox-layout", str(converted), "-"], capture_output=True, check=True).stdout
    root = etree.fromstring(html, etree.XMLParser(recover=True, resolve_entities=False, no_network=True))
    split = column_boxes(pair)["fr"][0] - 2
    # pdftotext may join the two columns into one line: group the words per column instead
    grouped: dict[tuple[str, int, int], list] = {}
    for page_no, page in enumerate(root.iter("{*}page"), 1):
        for word in page.iter("{*}word"):
            x, y = float(word.get("xMin")), float(word.get("yMin"))
            lang = "ja" if x < split else "fr"
            grouped.setdefault((lang, page_no, round(y)), []).append((x, word.text or ""))
    columns: dict[str, list] = {"ja": [], "fr": []}
    for (lang, page_no, y), words in sorted(grouped.items(), key=lambda kv: (kv[0][1], kv[0][2])):
        columns[lang].append((page_no, y, "".join(t for _, t in sorted(words))))
    where = {"ja": 0, "fr": 0}

    def first_line(lang: str, text: str):
        # the next line of the column beginning with the paragraph's first characters
        start = squeeze(fold(text))[:12 if lang == "ja" else 30]  # about half a first line
        column = columns[lang]
        for i in range(where[lang], len(column)):
            line = squeeze(column[i][2])
            if line and (line.startswith(start) or start.startswith(line)):
                where[lang] = i + 1
                return column[i]
        raise AssertionError(f"{lang}: no line begins with {start!r}")

    fr_index = pair.target.index()
    checked = 0
    for para in pair.source.paragraphs:
        ja_line = first_line("ja", para.clauses[0].text)
        fr_line = first_line("fr", fr_index[para.id].clauses[0].text)
        assert ja_line[0] == fr_line[0] and abs(ja_line[1] - fr_line[1]) < 4, (para.id, ja_line, fr_line)
        checked += 1
    assert checked == len(pair.source.paragraphs)


def test_letter_interleaved_converts_on_letter_paper(pair, soffice, tmp_path):
    pdf = libreoffice_convert(soffice, render_docx(pair, tmp_path / "i.docx", layout="interleaved", paper="letter"),
                              tmp_path)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+612(\.\d+)? x 792", info), info
    text = squeeze(pdftotext(pdf))
    first_ja = squeeze(pair.source.paragraphs[0].clauses[0].text)[:20]
    first_fr = squeeze(pair.target.paragraphs[0].clauses[0].text)[:20]
    assert 0 <= text.find(first_ja) < text.find(first_fr)
