"""The HTML file, read as a file: self-contained, valid, every text with its language."""

from __future__ import annotations

from pathlib import Path

import lxml.html
from jpfr_testing import nu_check

from jpfr_accord.render import LAYOUTS, render_html


def _tree(path: Path):
    return lxml.html.fromstring(path.read_bytes())


def test_is_self_contained(corpus_html):
    tree = _tree(corpus_html)
    assert tree.xpath("//link") == []
    assert tree.xpath("//script[@src]") == [] and tree.xpath("//img") == []
    assert all(h.startswith("#") for h in tree.xpath("//@href"))
    text = corpus_html.read_text(encoding="utf-8")
    assert "http://" not in text and "https://" not in text
    assert '<meta charset="utf-8">' in text
    assert tree.findtext(".//title").startswith("人工知能(AI)分野における協力に関する日仏共同声明 / Déclaration conjointe")


def test_every_text_has_a_language(corpus_html):
    tree = _tree(corpus_html)
    body = tree.find("body")
    for el in body.iter():
        if el.tag in ("script", "style") or not isinstance(el.tag, str):
            continue
        own = (el.text or "").strip()
        if not own:
            continue
        langs = [a.get("lang") for a in el.iterancestors()] + [el.get("lang")]
        nearest = next((x for x in reversed([el.get("lang")] + [a.get("lang") for a in el.iterancestors()][::-1]) if x), None)
        assert el.get("lang") or any(langs), el.tag
        if el.tag in ("td", "p", "h2", "span") and "cl" in (el.get("class") or ""):
            assert nearest in ("ja", "fr")
    cells = tree.xpath("//td")
    assert cells and all(td.get("lang") in ("ja", "fr") for td in cells)
    assert tree.get("lang") == "ja"


def test_one_anchor_per_clause_and_language_one_for_the_pair_and_unique_ids(corpus_html, pair):
    tree = _tree(corpus_html)
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids))
    for clause in pair.source.clauses():
        (ja,) = tree.xpath(f'//*[@id="ja-{clause.id}"]')
        assert ja.getparent().getparent().get("lang") == "ja"
        assert ja.get("data-counterpart") == f"fr-{clause.id}"
        (fr,) = tree.xpath(f'//*[@id="fr-{clause.id}"]')
        assert fr.get("data-counterpart") == f"ja-{clause.id}"
        (both,) = tree.xpath(f'//*[@id="{clause.id}"]')
        assert "pair-anchor" in both.get("class")
        # a visible copy-link control per clause and language, named in that language
        (link,) = tree.xpath(f'//a[@href="#ja-{clause.id}"]')
        assert link.get("aria-label") and "copy-link" in link.get("class")


def test_text_is_escaped_not_interpreted(draft_pair, tmp_path):
    out = render_html(draft_pair, tmp_path / "d.html")
    text = out.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert" in text and "&lt;/script&gt;" in text and "<script>alert" not in text
    assert "&lt;b&gt;vraiment&lt;/b&gt;" in text
    assert text.count("<script>") == 1  # ours only


def test_missing_counterpart_is_a_marked_placeholder_in_its_language(draft_pair, tmp_path):
    tree = _tree(render_html(draft_pair, tmp_path / "d.html"))
    (cell,) = tree.xpath('//td[contains(@class, "missing")]')
    assert cell.get("lang") == "fr" and cell.text_content().strip() == "[traduction manquante]"
    tree = _tree(render_html(draft_pair, tmp_path / "i.html", layout="interleaved"))
    (marked,) = tree.xpath('//*[contains(@class, "missing-text")]')
    assert marked.text_content() == "[traduction manquante]" and marked.getparent().get("lang") == "fr"


def test_written_atomically_into_a_new_folder(draft_pair, tmp_path):
    dest = tmp_path / "a" / "b" / "d.html"
    assert render_html(draft_pair, dest) == dest
    assert dest.is_file() and [p.name for p in dest.parent.iterdir()] == ["d.html"]
    assert dest.stat().st_mode & 0o044  # readable by others (not the temp file's 0600)


def test_nu_checker_finds_no_error_in_any_layout(pair, draft_pair, tmp_path):
    files = [render_html(pair, tmp_path / f"{layout}.html", layout=layout) for layout in LAYOUTS]
    files.append(render_html(draft_pair, tmp_path / "draft.html"))
    proc = nu_check(*files)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_dateline_and_signatories_are_shown_in_both_languages(draft_pair, tmp_path):
    tree = _tree(render_html(draft_pair, tmp_path / "d.html"))
    lines = [(p.get("lang"), p.text_content()) for p in tree.xpath('//p[contains(@class, "dateline")]')]
    assert lines == [("ja", "2026年3月31日、東京"), ("fr", "Tokyo, le 31\u00a0mars\u00a02026")]
    names = [(ul.get("lang"), [li.text_content() for li in ul]) for ul in tree.xpath('//div[@class="signatories"]/ul')]
    assert names[0] == ("ja", ["日本国総理大臣", "フランス共和国大統領"])
    assert names[1][0] == "fr" and len(names[1][1]) == 2
