"""The PDF, inspected as a reader and a screen reader would: pages, text per
column in reading order, fonts, metadata, outline, tags with languages,
determinism, PDF/A-3b, and what rendering refuses."""

from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest

from jpfr_accord.errors import RenderError
from jpfr_accord.render import render_pdf
from jpfr_accord.render.pdf import make_url_fetcher, pdf_bytes

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
DOC_ID = "ai-cooperation-2026"

A4 = (595.276, 841.89)
MARGIN = 42.52  # 15 mm, left and right
BODY = (40, 60, 520, 720)  # x, y, width, height of the text area below the running header


def column_edge(pair, left: str = "ja") -> float:
    """The x of the border between the two columns of the side-by-side A4 page (the
    widths follow the texts' lengths)."""
    from jpfr_accord.render.context import build_view

    share = float(build_view(pair, left=left).columns[0].width.rstrip("%")) / 100
    return MARGIN + share * (A4[0] - 2 * MARGIN)


def columns(pair, left: str = "ja") -> tuple[tuple[int, int, int, int], tuple[int, int, int, int]]:
    edge = column_edge(pair, left)
    return (40, 60, int(edge - 42), 720), (int(edge + 2), 60, int(A4[0] - MARGIN - edge), 720)



NOT_AT_LINE_START = set("、。，．）」』】〉》・ー々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ")


def pdftotext(path: Path, box: tuple[int, int, int, int] | None = None, layout: bool = False) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if layout:
        args.append("-layout")
    if box:
        x, y, w, h = box
        args += ["-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h)]
    return subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=True).stdout


COLUMN_HEADS = ("日本語—正文", "Français—traductiondetravail")


def squeeze(text: str) -> str:
    """Text without whitespace, hyphens, no-break spaces or the repeated column
    heads: comparable across line and page breaks."""
    text = re.sub(r"[\s\u00a0\u202f\-‐]+", "", text)
    for head in COLUMN_HEADS:
        text = text.replace(head, "")
    return text


def assert_in_order(haystack: str, needles: list[str]) -> None:
    pos = 0
    for needle in needles:
        found = haystack.find(needle, pos)
        assert found >= 0, f"{needle[:40]!r} not found after position {pos}"
        pos = found + len(needle)


def test_page_count_and_size(corpus_pdf):
    with pikepdf.open(corpus_pdf.path) as pdf:
        assert len(pdf.pages) == corpus_pdf.pages
        assert 4 <= corpus_pdf.pages <= 8
        box = [float(x) for x in pdf.pages[0].MediaBox]
        assert box[2:] == pytest.approx(A4, abs=0.5)


def test_each_column_holds_its_language_in_reading_order(corpus_pdf, pair):
    left_column, right_column = columns(pair)
    left = squeeze(pdftotext(corpus_pdf.path, left_column))
    right = squeeze(pdftotext(corpus_pdf.path, right_column))
    assert_in_order(left, [squeeze(c.text) for c in pair["ja"].clauses()])
    assert_in_order(right, [squeeze(c.text) for c in pair["fr"].clauses()])
    assert "Lesdeuxdirigeants" not in left and "両首脳" not in right


def test_japanese_lines_do_not_start_with_closing_punctuation_or_small_kana(corpus_pdf, pair):
    lines = [ln.strip() for ln in pdftotext(corpus_pdf.path, columns(pair)[0], layout=True).splitlines()]
    bad = [ln for ln in lines if ln and ln[0] in NOT_AT_LINE_START]
    assert bad == []


def test_paragraphs_of_both_languages_start_on_the_same_line(corpus_pdf, pair):
    html = subprocess.run(["pdftotext", "-bbox", str(corpus_pdf.path), "-"], capture_output=True, text=True,
                          check=True).stdout
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]+)</word>', html)
    ja = next(float(y) for x, y, w in words if w.startswith("両首脳は、AI技術の責任") or w.startswith("両首脳は、AI"))
    fr = next(float(y) for x, y, w in words
              if w == "Les" and abs(float(y) - ja) < 20 and float(x) > columns(pair)[1][0])
    assert abs(ja - fr) < 1.5


def _page_words(path: Path) -> list[list[tuple[float, float, float, float, str]]]:
    xml = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [
        [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)</word>', page)]
        for page in xml.split("<page ")[1:]
    ]


def test_every_page_shows_version_status_notice_and_page_number(corpus_pdf, pair):
    with pikepdf.open(corpus_pdf.path) as pdf:
        n = len(pdf.pages)
    for i in range(1, n + 1):
        text = subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), str(corpus_pdf.path), "-"],
                              capture_output=True, text=True, check=True).stdout
        flat = " ".join(text.split())
        assert re.search(rf"\b{i} ?/ ?{n}\b", flat)
        assert "未公開版" in flat and "version non publiée" in flat and "unreleased" not in flat
        assert "正文" in flat and "traduction de travail" in flat
        # the notice says which version is not official, in each language, unquoted
        assert "仏語文は仮訳（非公式）" in flat and "Le texte français est une traduction de travail, non officielle" in flat
        assert "「仮訳」" not in flat and "« Traduction" not in flat
        if i == 1:  # the titles in full, each above its column
            left_column, right_column = columns(pair)
            text = pdftotext(corpus_pdf.path, left_column[:3] + (120,)) + pdftotext(corpus_pdf.path, right_column[:3] + (120,))
        assert "人工知能(AI)分野における協力に関する日仏共同声明" in squeeze(text)
        assert "Déclarationconjointefrancojaponaise" in squeeze(text)


def test_page_number_is_centred_in_the_footer_inside_the_printable_area(corpus_pdf):
    pages = _page_words(corpus_pdf.path)
    for i, words in enumerate(pages, 1):
        footer = sorted(w for w in words if w[1] > 780 and 250 < w[0] < 345 and re.fullmatch(r"[\d/]+", w[4]))
        assert "".join(w[4] for w in footer) == f"{i}/{len(pages)}", footer
        middle = (footer[0][0] + footer[-1][2]) / 2
        assert abs(middle - A4[0] / 2) < 3, (i, middle)
        # at least 12 mm from the bottom edge (printers lose 5 mm or more)
        assert all(A4[1] - w[3] > 34 for w in footer), (i, footer)


def test_first_page_has_no_running_header_above_the_title(corpus_pdf):
    pages = _page_words(corpus_pdf.path)
    first_top = min(w[1] for w in pages[0])
    assert first_top > 50  # the title itself, below the top margin: nothing printed above it
    for words in pages[1:]:
        header = [w for w in words if w[1] < 56]
        assert header, "pages after the first carry the running header"


def test_a_paragraph_continued_on_the_next_page_gets_a_cue_above_each_column(corpus_pdf, pair):
    pages = _page_words(corpus_pdf.path)
    edge = column_edge(pair)
    continued = 0
    for before, words in zip(pages, pages[1:]):
        cues = [w for w in words if w[1] < 57 and w[4] in ("（続き）", "(suite)")]
        last_para_row = max(w[3] for w in before if 60 < w[1] < 780)
        if cues:
            continued += 1
            ja = [w for w in cues if w[4] == "（続き）"]
            fr = [w for w in cues if w[4] == "(suite)"]
            assert all(w[2] < edge for w in ja) and all(w[0] > edge for w in fr)
            # the page before ends inside the paragraph: its text runs to the bottom
            assert last_para_row > 700
    assert continued >= 1  # the corpus has paragraphs split across pages


def test_fonts_are_one_embedded_subset_family_without_type3(corpus_pdf):
    with pikepdf.open(corpus_pdf.path) as pdf:
        fonts = {}
        for page in pdf.pages:
            for _, font in page.Resources.Font.items():
                fonts[str(font.BaseFont)] = font
        assert fonts
        for name, font in fonts.items():
            assert font.Subtype != "/Type3"
            assert re.match(r"^/[A-Z]{6}\+Noto-Serif-CJK-JP", name), name  # subset tag + one family
            descriptor = font.DescendantFonts[0].FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert {f.name for f in corpus_pdf.fonts} <= {"Noto Serif CJK JP Regular", "Noto Serif CJK JP Bold"}
    assert all(re.fullmatch(r"[0-9a-f]{64}", f.sha256) and f.version != "unknown" for f in corpus_pdf.fonts)
    assert corpus_pdf.path.stat().st_size <= 300_000


def test_metadata_titles_language_subject_keywords_no_clock_date(corpus_pdf):
    with pikepdf.open(corpus_pdf.path) as pdf:
        info = pdf.docinfo
        title = str(info.Title)
        assert "人工知能(AI)分野における協力に関する日仏共同声明" in title
        assert "Déclaration conjointe franco-japonaise" in title
        assert str(pdf.Root.Lang) == "ja"
        assert "正文" in str(info.Subject) and "traduction de travail" in str(info.Subject)
        assert "ai-cooperation-2026" in str(info.Keywords)
        assert "/CreationDate" not in info and "/ModDate" not in info
        meta = pdf.open_metadata()
        assert "Déclaration conjointe" in meta["dc:title"] and "日仏共同声明" in meta["dc:title"]
        assert "xmp:CreateDate" not in meta and "xmp:MetadataDate" not in meta
        assert meta["pdfuaid:part"] == "1"
        assert meta["dc:language"] == {"ja", "fr"}


def test_outline_lists_the_section_headings_in_the_reading_language(corpus_pdf, pair):
    with pikepdf.open(corpus_pdf.path) as pdf:
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
    # every entry in both languages, the reading language first, and one for the preamble
    expected = ["前文 / Préambule"] + [
        f"{ja.num}．{ja.heading.text} / {fr.num}. {fr.heading.text}"
        for ja, fr in zip(pair["ja"].sections, pair["fr"].sections)
    ]
    assert [t.replace(" ", "") for t in titles] == [t.replace(" ", "") for t in expected]


def _struct_elements(pdf):
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        if kids is None:
            continue
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                yield kid
                stack.append(kid)


def test_structure_tree_gives_every_element_its_language(corpus_pdf):
    with pikepdf.open(corpus_pdf.path) as pdf:
        assert pdf.Root.MarkInfo.Marked
        elements = list(_struct_elements(pdf))
        assert elements and all("/Lang" in e for e in elements)
        rows = [e for e in elements if e.S == "/TR"]
        checked = 0
        for row in rows:
            cells = [k for k in row.K if isinstance(k, pikepdf.Dictionary) and k.get("/S") in ("/TD", "/TH")]
            assert [str(c.Lang) for c in cells] == ["ja", "fr"][: len(cells)]
            for cell, lang in zip(cells, ("ja", "fr")):
                stack = [cell]
                while stack:  # every element under a cell has the cell's language
                    node = stack.pop()
                    assert str(node.Lang) == lang
                    kids = node.get("/K")
                    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
                        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                            stack.append(kid)
                            checked += 1
        assert checked > 100
        headings = [e for e in elements if e.S == "/H2"]
        assert sorted({str(h.Lang) for h in headings}) == ["fr", "ja"]


def test_identical_inputs_give_identical_bytes(pair, corpus_pdf, tmp_path, no_epoch):
    again = render_pdf(pair, tmp_path / "again.pdf")
    digest = [hashlib.sha256(p.read_bytes()).hexdigest() for p in (corpus_pdf.path, again.path)]
    assert digest[0] == digest[1]


def test_dates_come_from_the_caller_or_source_date_epoch(pair, tmp_path, monkeypatch):
    given = render_pdf(pair, tmp_path / "given.pdf", date="2026-03-31")
    with pikepdf.open(given.path) as pdf:
        assert str(pdf.docinfo.CreationDate).startswith("D:20260331")
        assert str(pdf.docinfo.ModDate).startswith("D:20260331")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    epoch = render_pdf(pair, tmp_path / "epoch.pdf")
    with pikepdf.open(epoch.path) as pdf:
        assert str(pdf.docinfo.CreationDate).startswith("D:20260101000000")
    with pytest.raises(RenderError, match="invalid date"):
        render_pdf(pair, tmp_path / "bad.pdf", date="31/03/2026")
    assert not (tmp_path / "bad.pdf").exists()


def test_document_date_and_version_are_used(draft_pair, tmp_path, no_epoch):
    result = render_pdf(draft_pair, tmp_path / "draft.pdf")
    with pikepdf.open(result.path) as pdf:
        assert str(pdf.docinfo.CreationDate).startswith("D:20260331")
    text = " ".join(pdftotext(result.path).split())
    assert "版：0.3.0" in text and "version 0.3.0" in text
    assert "日本語文は案（未確定）" in text and "Le texte français est un projet, non officiel" in text


def test_pdf_a3b_embeds_the_sources_as_associated_files_and_stays_tagged(pair, tmp_path, no_epoch):
    sources = [CORPUS / "ja" / f"{DOC_ID}.xml", CORPUS / "fr" / f"{DOC_ID}.xml"]
    result = render_pdf(pair, tmp_path / "a3b.pdf", pdf_variant="pdf/a-3b", attachments=sources,
                        version="1.0.0", date="2026-04-01")
    with pikepdf.open(result.path) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "3" and meta["pdfaid:conformance"] == "B"
        assert "pdfuaid:part" not in meta  # PDF/A-3 would need an extension schema for it
        assert "/OutputIntents" in pdf.Root
        assert sorted(pdf.attachments) == [f"{DOC_ID}.fr.xml", f"{DOC_ID}.ja.xml"]
        assert len(pdf.Root.AF) == 2
        for spec in pdf.Root.AF:
            assert spec.AFRelationship == "/Source"
        embedded = sorted(bytes(spec.EF.F.read_bytes()) for spec in pdf.Root.AF)
        assert embedded == sorted(p.read_bytes() for p in sources)
        assert "/StructTreeRoot" in pdf.Root
        assert all("/Lang" in e for e in _struct_elements(pdf))
    again = render_pdf(pair, tmp_path / "a3b-2.pdf", pdf_variant="pdf/a-3b", attachments=sources,
                       version="1.0.0", date="2026-04-01")
    assert again.path.read_bytes() == result.path.read_bytes()
    assert "1.0.0" in pdftotext(result.path)


def test_attachment_dates_are_not_the_clock_without_a_date(pair, tmp_path, no_epoch):
    sources = [CORPUS / "ja" / f"{DOC_ID}.xml"]
    result = render_pdf(pair, tmp_path / "nodate.pdf", pdf_variant="pdf/a-3b", attachments=sources)
    with pikepdf.open(result.path) as pdf:
        params = pdf.Root.AF[0].EF.F.get("/Params", {})
        assert "/CreationDate" not in params and "/ModDate" not in params


def test_letter_paper(pair, tmp_path):
    result = render_pdf(pair, tmp_path / "letter.pdf", paper="letter")
    with pikepdf.open(result.path) as pdf:
        assert [float(x) for x in pdf.pages[0].MediaBox][2:] == pytest.approx([612, 792], abs=0.5)


@pytest.mark.parametrize("layout,langs", [("interleaved", {"ja", "fr"}), ("ja", {"ja"}), ("fr", {"fr"})])
def test_other_layouts_render_with_their_languages(pair, tmp_path, layout, langs):
    result = render_pdf(pair, tmp_path / f"{layout}.pdf", layout=layout)
    with pikepdf.open(result.path) as pdf:
        assert str(pdf.Root.Lang) == ("fr" if layout == "fr" else "ja")
        seen = {str(e.Lang) for e in _struct_elements(pdf)}
        assert seen == {"ja", "fr"}  # one-language layouts still show both titles
    body = squeeze(pdftotext(result.path, BODY))
    for lang in langs:
        assert_in_order(body, [squeeze(c.text) for c in pair[lang].clauses()])
    if langs == {"ja"}:
        assert "Lesdeuxdirigeants" not in body
    if langs == {"fr"}:
        assert "両首脳" not in body


def test_url_fetcher_refuses_network_and_outside_files(tmp_path):
    from weasyprint.urls import FatalURLFetchingError

    from jpfr_accord.resources import templates_dir

    fetch = make_url_fetcher([templates_dir()])
    for url in ("http://example.com/x.css", "https://127.0.0.1/x.png", "ftp://example.com/x",
                "file:///etc/passwd", f"file://{tmp_path}/x.css", "file://remote-host/share/x.css"):
        with pytest.raises(FatalURLFetchingError):
            fetch(url)
    inside = fetch((templates_dir() / "style.css").resolve().as_uri())
    assert b"font-family" in inside.read()


@pytest.mark.parametrize("markup", [
    '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">',
    '<img src="file:///etc/passwd" alt="x">',
    '<style>@import url("https://example.com/x.css");</style>',
])
def test_rendering_stops_on_a_refused_resource(markup):
    html = f'<!DOCTYPE html><html lang="fr"><head><title>t</title>{markup}</head><body><p>x</p></body></html>'
    with pytest.raises(RenderError, match="refused"):
        pdf_bytes(html, roots=[CORPUS])


def test_unknown_variant_is_refused_before_writing(pair, tmp_path):
    from jpfr_accord.errors import UnknownFormatError

    with pytest.raises(UnknownFormatError, match="pdf/a-3b"):
        render_pdf(pair, tmp_path / "x.pdf", pdf_variant="pdf/x-4")
    with pytest.raises(RenderError, match="attachment not found"):
        render_pdf(pair, tmp_path / "x.pdf", pdf_variant="pdf/a-3b", attachments=[tmp_path / "nope.xml"])
    assert list(tmp_path.iterdir()) == []


def test_no_word_overflows_its_column_or_the_page(pair, tmp_path):
    # The draft fixture's and the corpus's long tokens (UNEP/EA.7/Res.9) must wrap inside their cell.
    xml = subprocess.run(["pdftotext", "-bbox", str(render_pdf(pair, tmp_path / "c.pdf").path), "-"],
                         capture_output=True, text=True, check=True).stdout
    pages = xml.split("<page ")[1:]
    edge = column_edge(pair)  # the ja column's right border
    for number, page in enumerate(pages, 1):
        words = [(float(a), float(b), float(c), w) for a, b, c, w in
                 re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]+)</word>', page)]
        body = [w for w in words if 57 < w[1] < 780 and not (number == 1 and w[1] < 165)]
        assert body
        for x_min, _, x_max, word in body:
            assert x_max <= 595.276 - 42.0, word
            if x_min < edge - 20:
                assert x_max <= edge + 0.5, (number, word)


def test_left_french_reads_french_first(pair, tmp_path):
    result = render_pdf(pair, tmp_path / "fr-left.pdf", left="fr")
    with pikepdf.open(result.path) as pdf:
        assert str(pdf.Root.Lang) == "fr"
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
        rows = [e for e in _struct_elements(pdf) if e.S == "/TR"]
        for row in rows:
            cells = [k for k in row.K if isinstance(k, pikepdf.Dictionary) and k.get("/S") in ("/TD", "/TH")]
            assert [str(c.Lang) for c in cells] == ["fr", "ja"]
    assert titles[0] == "Préambule / 前文"
    assert titles[1:] == [f"{fr.num}. {fr.heading.text} / {ja.num}．{ja.heading.text}"
                          for fr, ja in zip(pair["fr"].sections, pair["ja"].sections)]
    left = squeeze(pdftotext(result.path, columns(pair, left="fr")[0]))
    assert "Lesdeuxdirigeants" in left and "両首脳" not in left
