"""`jpfr align JA FR --id ID`: what it writes, what it prints, what it refuses."""

from __future__ import annotations

import itertools
import shutil

import pytest

from real_files import PAIRS, REAL
from jpfr_accord.imports.lexicon import guess_actor, guess_acts
from jpfr_accord.load import load_document, load_pair


def _align(jpfr, tmp_path, doc_id, *extra, ja=None, fr=None):
    ja = ja or REAL / f"{doc_id}.ja.txt"
    fr = fr or REAL / f"{doc_id}.fr.txt"
    return jpfr("align", str(ja), str(fr), "--id", doc_id, "--corpus", str(tmp_path / "corpus"), *extra)


def test_writes_an_aligned_authentic_pair_and_prints_one_line_a_bead(jpfr, tmp_path):
    run = _align(jpfr, tmp_path, "2p2-2014", "--status-fr", "authentic", "--report", str(tmp_path / "r.html"))
    assert run.exit_code == 0, run
    lines = run.stdout.splitlines()
    assert len(lines) == 9 + 1 and lines[-1].startswith(f"wrote {tmp_path / 'corpus' / 'ja' / '2p2-2014.xml'} and ")
    assert "9 beads (9 1-1)" in lines[-1]
    pair = load_pair("2p2-2014", tmp_path / "corpus")
    ja, fr = pair["ja"], pair["fr"]
    for doc in (ja, fr):
        assert load_document(doc.path)[1] == []  # schema-valid
    assert ja.status == fr.status == "authentic" and ja.source_lang is None and fr.source_lang == "ja"
    assert fr.meta.date == ja.meta.date == "2014-01-09" and (ja.meta.place, fr.meta.place) == ("パリ", "Paris")
    assert [n.id for n in ja.iter_nodes()] == [n.id for n in fr.iter_nodes()]  # every id shared
    assert [(s.num, s.heading.text) for s in fr.sections] == [("", "Convergence de vues")]
    assert list(pair.unpaired("ja")) == [] and list(pair.unpaired("fr")) == []


def test_actor_and_acts_are_guessed_on_each_side_from_its_own_text(jpfr, tmp_path):
    assert _align(jpfr, tmp_path, "2p2-2014").exit_code == 0
    pair = load_pair("2p2-2014", tmp_path / "corpus")
    differ = 0
    for a, b in pair.clause_pairs():
        assert a.acts == guess_acts(a.text, "ja") and b.acts == guess_acts(b.text, "fr")
        assert a.actor in (guess_actor(a.text, "ja"), None) or a.actor is not None
        differ += a.acts != b.acts
    assert differ >= 1  # two readings, never one copied onto the other


def test_a_unit_without_counterpart_keeps_an_id_on_its_side_only_and_check_reports_it(jpfr, tmp_path):
    run = _align(jpfr, tmp_path, "2p2sum-2017", "--status-fr", "authentic")
    assert run.exit_code == 0, run
    marked = [ln for ln in run.stdout.splitlines() if ln.startswith("?")]
    assert len(marked) == 2 and all(" 0-1 " in ln for ln in marked)
    pair = load_pair("2p2sum-2017", tmp_path / "corpus")
    assert [n.id for n in pair.unpaired("fr")] == ["preamble__para_1", "preamble__para_1__cl_1", "preamble__para_1__cl_2"]
    assert pair["fr"].meta.subtitle.startswith("3ème session")  # the 1–2 title bead: the subtitle kept in meta
    check = jpfr("check", str(tmp_path / "corpus"), "--select", "ALN001")
    assert check.exit_code == 1 and check.stdout.count("ALN001") == 3 and "has no Japanese counterpart" in check.stdout


def test_refuses_to_overwrite_unless_forced(jpfr, tmp_path):
    assert _align(jpfr, tmp_path, "comm-2013").exit_code == 0
    target = tmp_path / "corpus" / "fr" / "comm-2013.xml"
    target.write_text("keep me", encoding="utf-8")
    run = _align(jpfr, tmp_path, "comm-2013")
    assert run.exit_code == 2 and "file exists; pass --force" in run.stderr and target.read_text() == "keep me"
    assert _align(jpfr, tmp_path, "comm-2013", "--force").exit_code == 0 and target.read_text().startswith("<?xml")


@pytest.mark.parametrize("ja_id,fr_id", [(a, b) for a, b in itertools.permutations(PAIRS, 2)])
def test_two_texts_that_are_not_versions_of_one_document_are_refused(jpfr, tmp_path, ja_id, fr_id):
    run = _align(jpfr, tmp_path, "x", ja=REAL / f"{ja_id}.ja.txt", fr=REAL / f"{fr_id}.fr.txt")
    assert run.exit_code == 2 and "do not read as versions of one document" in run.stderr
    assert run.stderr.count("\n") == 1 and not (tmp_path / "corpus").exists()


def test_bad_input_gets_one_line_and_writes_nothing(jpfr, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("\n \n", encoding="utf-8")
    hostile = tmp_path / "evil.xml"
    hostile.write_text('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>', encoding="utf-8")
    title_only = tmp_path / "title.txt"
    title_only.write_text("# Déclaration\n", encoding="utf-8")
    ja, fr = REAL / "decl-2005.ja.txt", REAL / "decl-2005.fr.txt"
    cases = [
        ((tmp_path / "missing.txt", fr), "missing.txt: no such file"),
        ((empty, fr), "no text to import"),
        ((ja, ja), "expected the French version here, but the text is in Japanese"),
        ((fr, fr), "expected the Japanese version here, but the text is in French"),
        ((hostile, fr), "DOCTYPE declarations are refused"),
        ((ja, title_only), "no text to align"),
    ]
    for (a, b), message in cases:
        run = _align(jpfr, tmp_path, "decl-2005", ja=a, fr=b)
        assert run.exit_code == 2 and message in run.stderr and run.stderr.startswith("jpfr: error: "), (message, run)
        assert run.stderr.count("\n") == 1
    folder = _align(jpfr, tmp_path, "decl-2005", ja=tmp_path, fr=fr)  # click's usage error
    assert folder.exit_code == 2 and "is a directory" in folder.stderr
    bad_id = _align(jpfr, tmp_path, "../escape")
    assert bad_id.exit_code == 2
    assert not (tmp_path / "corpus").exists() and not (tmp_path / "escape.xml").exists()


def test_report_shows_both_texts_side_by_side_escaped(jpfr, tmp_path):
    fr = tmp_path / "fr.txt"
    text = (REAL / "decl-2005.fr.txt").read_text(encoding="utf-8")
    fr.write_text(text.replace("Renforcer le cadre", "Renforcer <script>alert(1)</script> le cadre"), encoding="utf-8")
    report = tmp_path / "review.html"
    run = _align(jpfr, tmp_path, "decl-2005", "--report", str(report), fr=fr)
    assert run.exit_code == 0, run
    html = report.read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count('<tr id="bead-') == 7 and 'lang="ja"' in html and 'lang="fr"' in html
    for line in (REAL / "decl-2005.ja.sents").read_text(encoding="utf-8").splitlines():
        assert line in html
    assert "2-1" in html  # title and subtitle with the one French title


def test_two_corpus_files_imported_apart_are_aligned_by_content(jpfr, tmp_path):
    for lang in ("ja", "fr"):
        run = jpfr("import", str(REAL / f"comm-2013.{lang}.txt"), "--lang", lang, "--id", "comm-2013",
                   "-o", str(tmp_path / f"{lang}.xml"))
        assert run.exit_code == 0, run
    run = _align(jpfr, tmp_path, "comm-2013", ja=tmp_path / "ja.xml", fr=tmp_path / "fr.xml")
    assert run.exit_code == 0, run
    from_text = tmp_path / "t"
    assert jpfr("align", str(REAL / "comm-2013.ja.txt"), str(REAL / "comm-2013.fr.txt"), "--id", "comm-2013",
                "--corpus", str(from_text)).exit_code == 0
    a, b = load_pair("comm-2013", tmp_path / "corpus"), load_pair("comm-2013", from_text)
    assert [(n.id, getattr(n, "text", None)) for n in a["fr"].iter_nodes()] == \
        [(n.id, getattr(n, "text", None)) for n in b["fr"].iter_nodes()]
    assert a["fr"].meta.subtitle == b["fr"].meta.subtitle


def test_report_is_valid_html_for_the_nu_checker(jpfr, tmp_path):
    from jpfr_testing import nu_check

    report = tmp_path / "review.html"
    assert _align(jpfr, tmp_path, "2p2sum-2017", "--report", str(report)).exit_code == 0
    proc = nu_check(report)
    assert proc.returncode == 0, proc.stdout + proc.stderr
