"""Typography a reader checks on paper: French words broken with their hyphen (also
after « and a narrow no-break space), dates and quantities never split, no
one-letter word at a line end, 60-75 characters a French line in one-column
layouts; Japanese ranges, dates and katakana words kept whole, no line starting
with a small kana or ー; adjacent full-width punctuation set half-width; a
40 KB unbreakable word laid out in linear time (break opportunities)."""

from __future__ import annotations

import re
import statistics
import subprocess
from pathlib import Path

import pytest

from jpfr_accord.render import render_pdf
from jpfr_accord.render.typography import MAX_UNBROKEN, ZWSP, display_segments, french_spaces

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]
SPACES = re.compile(r"[\s\u00a0\u202f]+")


def paragraphs(path: Path, xmin: float = 0, xmax: float = 1e9):
    """The PDF's text lines in ``xmin <= x < xmax`` grouped into paragraphs (a vertical gap
    or another left edge starts a new one): per paragraph, [(page, x0, y0, x1, y1, words)]."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    out = []
    for number, page in enumerate(xml.split("<page ")[1:], 1):
        found = []
        for m in re.finditer(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>',
                             page, re.S):
            x0, y0, x1, y1 = map(float, m.groups()[:4])
            words = re.findall(r">([^<]+)</word>", m.group(5))
            if xmin <= x0 < xmax and 60 < y0 < 780 and words:
                found.append((number, x0, y0, x1, y1, words))
        found.sort(key=lambda line: (round(line[2]), line[1]))
        merged: list = []
        for line in found:  # pdftotext may cut a justified line in two at a wide space
            if merged and abs(line[2] - merged[-1][2]) < 1 and 0 <= line[1] - merged[-1][3] < 30:
                prev = merged.pop()
                line = (prev[0], prev[1], prev[2], line[3], max(prev[4], line[4]), prev[5] + line[5])
            merged.append(line)
        para: list = []
        for line in merged:
            if para and (line[2] - para[-1][4] > 6 or abs(line[1] - para[-1][1]) > 4):
                out.append(para)
                para = []
            para.append(line)
        if para:
            out.append(para)
    return out


@pytest.fixture(scope="module")
def layouts(pair, tmp_path_factory, no_epoch):
    folder = tmp_path_factory.mktemp("typography")
    return {layout: render_pdf(pair, folder / f"{layout}.pdf", layout=layout).path
            for layout in ("side-by-side", "interleaved", "ja", "fr")}


def _french_lines(pair, layouts, layout):
    from test_pdf import column_edge

    xmin = column_edge(pair) if layout == "side-by-side" else 0
    paras = paragraphs(layouts[layout], xmin)
    return [p for p in paras if not any(re.search("[\u3040-\u30ff\u4e00-\u9fff]", w) for line in p for w in line[5])]


def _french_text(pair) -> str:
    fr = pair["fr"]
    texts = [fr.meta.title, *(s.heading.text for s in fr.sections if s.heading), *(c.text for c in fr.clauses())]
    return SPACES.sub(" ", " ".join(texts))


@pytest.mark.parametrize("layout", ["side-by-side", "interleaved", "fr"])
def test_a_french_word_broken_at_a_line_end_keeps_its_hyphen(pair, layouts, layout):
    text = _french_text(pair)
    squeezed = text.replace(" ", "")
    checked = 0
    for para in _french_lines(pair, layouts, layout):
        for line, nxt in zip(para, para[1:]):
            last, first = line[5][-1], nxt[5][0]
            if last.endswith("-"):
                assert (last[:-1] + first) in squeezed or (last + first) in squeezed, (last, first)
                continue
            checked += 1
            # no hyphen: the break must fall on a space of the text ("du « par / tenariat" is a bug)
            assert f"{last} {first}" in text, (layout, line[0], last, first)
    assert checked > 50


@pytest.mark.parametrize("layout", ["side-by-side", "fr"])
def test_dates_quantities_and_one_letter_words_stay_with_their_neighbour(pair, layouts, layout):
    for para in _french_lines(pair, layouts, layout):
        for line, nxt in zip(para, para[1:]):
            last, first = line[5][-1], nxt[5][0]
            assert not (re.fullmatch(r"\d{1,2}|1er", last) and first.rstrip(".,;") in MONTHS), (last, first)
            assert not (last in MONTHS and re.fullmatch(r"\d{4}\W*", first)), (last, first)
            assert not re.fullmatch(r"[^\W\d_]", last), (layout, line[0], last, first)  # « à » / « a » / « y »


@pytest.mark.parametrize("layout", ["fr", "interleaved"])
def test_one_column_layouts_set_60_to_75_french_characters_a_line(pair, layouts, layout):
    lengths = [len(" ".join(line[5])) for para in _french_lines(pair, layouts, layout) for line in para[:-1]]
    assert len(lengths) > 50
    assert 60 <= statistics.median(lengths) <= 75, statistics.median(lengths)
    assert max(lengths) <= 80


def test_japanese_ranges_dates_and_katakana_words_are_never_split(pair, layouts):
    from test_pdf import columns, pdftotext

    for layout, box in (("side-by-side", columns(pair)[0]), ("ja", None)):
        lines = [ln.strip() for ln in pdftotext(layouts[layout], box, layout=True).splitlines() if ln.strip()]
        for line, nxt in zip(lines, lines[1:]):
            assert not re.search(r"\([\d\-]*$", line), (line, nxt)  # "(2023-2027 / 年)"
            assert not re.search(r"\d+年\d*$", line) or not re.match(r"\d*月", nxt), (line, nxt)
            assert not re.match(r"[\u30a1-\u30fa\u30fc][)）」、。]?$|[\u30a1-\u30fa\u30fc][^\u30a1-\u30fa\u30fc]", nxt) \
                or not re.search(r"[\u30a1-\u30fa\u30fc]$", line), (line, nxt)  # "イノベーショ / ン)"
            assert nxt[0] not in "ぁぃぅぇぉっゃゅょァィゥェォッャュョー々", (line, nxt)
    assert "(2023-2027年)" in pdftotext(layouts["side-by-side"]).replace("\n", "")


def test_display_rules_are_reversible_and_language_specific():
    fr = display_segments("le 31 mars 2026 à Paris, 10 % et 3 ans ; en 2026 les", "html", "fr", MONTHS)
    assert fr[0].text == "le 31\u00a0mars\u00a02026 à\u00a0Paris, 10\u00a0% et 3\u00a0ans ; en 2026 les"
    assert french_spaces("y compris", MONTHS) == "y\u00a0compris"
    ja = display_segments("「広島AIプロセス」は、「広島」(2023-2027年)の2026年3月31日", "html", "ja")
    assert "".join(s.text for s in ja) == "「広島AIプロセス」は、「広島」(2023-2027年)の2026年3月31日"
    kinds = {s.text: s.kind for s in ja}
    assert kinds["、"] == "halt"  # 、 before 「: half an em, not a full one
    assert kinds["(2023-2027年)"] == "nowrap" and kinds["2026年3月31日"] == "nowrap"
    assert display_segments("a   b", "html", None)[0].text == "a b"


def test_a_long_unbreakable_run_gets_break_opportunities_in_the_pdf_only():
    word = "x" * 40_000
    pdf = "".join(s.text for s in display_segments(word, "pdf", "fr"))
    assert pdf.replace(ZWSP, "") == word
    assert max(len(run) for run in pdf.split(ZWSP)) <= MAX_UNBROKEN
    assert display_segments(word, "html", "fr")[0].text == word
    # an ordinary text is left alone
    assert ZWSP not in "".join(s.text for s in display_segments("UNEP/EA.7/Res.9 https://example.org/a/b", "pdf", "fr"))


def test_the_pdf_of_a_long_unbreakable_word_wraps_inside_its_column(draft_pair, tmp_path):
    from dataclasses import replace

    fr = draft_pair.target
    sec = fr.sections[0]
    para = sec.paragraphs[0]
    word = replace(para.clauses[0], text="y" * 8_000)
    para = replace(para, clauses=(word, *para.clauses[1:]))
    pair = replace(draft_pair, target=replace(fr, sections=(replace(sec, paragraphs=(para, *sec.paragraphs[1:])),)))
    result = render_pdf(pair, tmp_path / "long.pdf")
    from test_pdf import _page_words, pdftotext

    text = pdftotext(result.path).replace(ZWSP, "")
    assert sum(len(run) for run in re.findall("y{20,}", text.replace("\n", ""))) == 8_000  # every letter is there
    assert {f.name for f in result.fonts} <= {"Noto Serif CJK JP Regular", "Noto Serif CJK JP Bold"}
    words = [w for page in _page_words(result.path) for w in page if w[4].startswith("yyy")]
    assert len(words) > 50 and all(w[2] <= 595.276 - 42 for w in words)  # on lines inside the page


@pytest.mark.parametrize("layout", ["side-by-side", "interleaved", "fr"])
def test_no_more_than_two_hyphenated_french_lines_in_a_row(pair, layouts, layout):
    """WeasyPrint has no hyphenate-limit-lines: render.hyphenation lays the page out again
    with the word that makes a third hyphenated line kept whole."""
    hyphenated = 0
    for para in _french_lines(pair, layouts, layout):
        run = 0
        for line in para:
            run = run + 1 if line[5][-1].endswith("-") else 0
            hyphenated += line[5][-1].endswith("-")
            assert run <= 2, (layout, line[0], [ln[5][-1] for ln in para])
    assert hyphenated > 10  # hyphenation itself is still on


def test_keeping_a_word_whole_marks_each_of_its_occurrences_only():
    from jpfr_accord.render.hyphenation import keep_whole
    from jpfr_accord.render.typography import Segment

    segments = keep_whole((Segment("la coopération et les coopérations, coopération"), Segment("\u00a0", "nnbsp")),
                          ["coopération"])
    assert [(s.text, s.kind) for s in segments] == [
        ("la ", "text"), ("coopération", "nohyphen"), (" et les coopérations, ", "text"),
        ("coopération", "nohyphen"), ("\u00a0", "nnbsp"),
    ]


@pytest.mark.parametrize("layout", ["side-by-side", "ja"])
def test_japanese_lines_are_justified_to_the_right_edge(pair, layouts, layout):
    """WeasyPrint widens spaces only: render/justify.py spreads a Japanese line's extra
    width between its characters, so that lines end 1-3 characters short no more."""
    from test_pdf import column_edge

    xmax = column_edge(pair) - 1 if layout == "side-by-side" else 1e9
    paras = [p for p in paragraphs(layouts[layout], 0, xmax)
             if len(p) > 2 and all(re.search("[\u3040-\u30ff\u4e00-\u9fff]", " ".join(line[5])) for line in p)]
    assert len(paras) > 10
    right = max(line[3] for p in paras for line in p)
    ends = [right - line[3] for p in paras for line in p[:-1]]
    short = [e for e in ends if e > 3]  # more than a quarter of a character short
    assert len(short) <= len(ends) // 20, sorted(ends)[-10:]
    # and the text reads as it is stored: no space between letter-spaced characters
    from test_pdf import columns, pdftotext

    box = columns(pair)[0] if layout == "side-by-side" else None
    assert "日本国総理大臣及びフランス共和国大統領は" in pdftotext(layouts[layout], box).replace("\n", "")
