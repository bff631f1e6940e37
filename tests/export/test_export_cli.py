"""jpfr export / import-xliff / import-tmx from the command line."""

from __future__ import annotations

import pytest
from export_helpers import FIXTURE_CORPUS, MINI, copy_corpus, snapshot


@pytest.mark.parametrize(
    ("fmt", "output", "files"),
    [
        ("tmx", "out/m.tmx", ["out/m.tmx"]),
        ("xliff", "out/", [f"out/{MINI}.xlf"]),
        ("tei", "out", [f"out/{MINI}.tei.xml"]),
        ("json", "m.json", ["m.json"]),
        ("akn", "akn", [f"akn/{MINI}.ja.akn.xml", f"akn/{MINI}.fr.akn.xml"]),
        ("markdown", "md", [f"md/{MINI}.ja.md", f"md/{MINI}.fr.md"]),
        ("text", "txt", [f"txt/{MINI}.ja.txt", f"txt/{MINI}.fr.txt"]),
    ],
)
def test_export_writes_and_names_the_files(tmp_path, jpfr, fmt, output, files):
    copy_corpus(FIXTURE_CORPUS, tmp_path)
    run = jpfr("export", MINI, "--to", fmt, "-o", output, cwd=tmp_path)
    assert run.exit_code == 0, run
    assert run.stdout.splitlines() == [f"wrote {f}" for f in files]
    assert all((tmp_path / f).stat().st_size > 0 for f in files)


def test_export_defaults_to_build(tmp_path, jpfr):
    copy_corpus(FIXTURE_CORPUS, tmp_path)
    run = jpfr("export", MINI, "--to", "xliff", cwd=tmp_path)
    assert run.stdout == f"wrote build/{MINI}.xlf\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "docx"], "jpfr: error: unknown export format 'docx'; valid: akn, json, markdown, tei, text, tmx, xliff\n"),
        (["--to", "tmx", "--lang", "de"], "jpfr: error: corpus/de/mini-statement.xml: no de version of document 'mini-statement'\n"),
    ],
)
def test_export_errors_are_one_line_and_write_nothing(tmp_path, jpfr, args, message):
    copy_corpus(FIXTURE_CORPUS, tmp_path)
    before = snapshot(tmp_path)
    run = jpfr("export", MINI, *args, cwd=tmp_path)
    assert run.exit_code == 2
    assert run.stderr == message
    assert snapshot(tmp_path) == before


def test_export_of_a_broken_corpus_file_is_refused(tmp_path, jpfr):
    corpus = copy_corpus(FIXTURE_CORPUS, tmp_path)
    (corpus / "fr" / f"{MINI}.xml").write_text("<declaration", encoding="utf-8")
    run = jpfr("export", MINI, "--to", "akn", "-o", "akn", cwd=tmp_path)
    assert run.exit_code == 2
    assert run.stderr.startswith(f"jpfr: error: corpus/fr/{MINI}.xml:1: not well-formed XML")
    assert not (tmp_path / "akn").exists()


def test_xliff_from_the_cli_carries_check_findings(tmp_path, jpfr):
    copy_corpus(FIXTURE_CORPUS, tmp_path)
    jpfr("export", MINI, "--to", "xliff", "-o", "m.xlf", cwd=tmp_path)
    text = (tmp_path / "m.xlf").read_text(encoding="utf-8")
    assert '<note category="jpfr:finding">error REV001 clause' in text
