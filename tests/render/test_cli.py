"""`jpfr render` and `jpfr doctor`: destinations, exit codes, one-line errors, missing fonts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
DOC_ID = "ai-cooperation-2026"


def test_default_writes_both_formats_into_build(jpfr, tmp_path):
    run = jpfr("render", DOC_ID, "--corpus", CORPUS, cwd=tmp_path)
    assert run.exit_code == 0, run
    assert sorted(p.name for p in (tmp_path / "build").iterdir()) == [f"{DOC_ID}.html", f"{DOC_ID}.pdf"]
    assert f"wrote build/{DOC_ID}.pdf:" in run.stdout and "Noto Serif CJK JP" in run.stdout
    assert run.stderr == ""


def test_one_format_into_a_named_file_and_other_layouts_get_their_own_name(jpfr, tmp_path):
    run = jpfr("render", DOC_ID, "--corpus", CORPUS, "--to", "html", "-o", tmp_path / "x" / "doc.html")
    assert run.exit_code == 0 and (tmp_path / "x" / "doc.html").is_file()
    run = jpfr("render", DOC_ID, "--corpus", CORPUS, "--to", "html", "--layout", "interleaved", "-o", tmp_path)
    assert run.exit_code == 0 and (tmp_path / f"{DOC_ID}.interleaved.html").is_file()


@pytest.mark.parametrize("args,message", [
    (("--to", "pdf", "-o", "out.html"), "a .pdf file name is needed"),
    (("--to", "both", "-o", "out.pdf"), "give a folder"),
    (("--layout", "columns"), "unknown layout 'columns'; valid: fr, interleaved, ja, side-by-side"),
    (("--left", "de"), "unknown language 'de'"),
])
def test_bad_options_exit_2_with_one_line_and_write_nothing(jpfr, tmp_path, args, message):
    run = jpfr("render", DOC_ID, "--corpus", CORPUS, *args, cwd=tmp_path)
    assert run.exit_code == 2
    assert run.stderr.startswith("jpfr: error: ") and message in run.stderr
    assert run.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_missing_document_exits_2(jpfr, tmp_path):
    run = jpfr("render", "nope", "--corpus", CORPUS, cwd=tmp_path)
    assert run.exit_code == 2 and "nope" in run.stderr
    assert not (tmp_path / "build").exists()


def test_doctor_reports_fonts_and_libraries(jpfr):
    run = jpfr("doctor")
    assert run.exit_code == 0, run
    for label in ("WeasyPrint:", "Pango:", "HarfBuzz:", "HarfBuzz subset:", "Japanese font:   Noto Serif CJK JP Regular"):
        assert label in run.stdout
    assert "missing" not in run.stdout


@pytest.fixture
def latin_only_fonts(tmp_path) -> dict[str, str]:
    """An environment whose fontconfig knows only DejaVu: no Japanese font at all."""
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<fontconfig>\n'
        "  <dir>/usr/share/fonts/truetype/dejavu</dir>\n"
        f"  <cachedir>{tmp_path / 'cache'}</cachedir>\n"
        "</fontconfig>\n",
        encoding="utf-8",
    )
    return {**os.environ, "FONTCONFIG_FILE": str(conf), "FONTCONFIG_PATH": str(tmp_path)}


def test_missing_japanese_font_is_an_error_naming_the_package(latin_only_fonts, tmp_path):
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "jpfr_accord", "render", DOC_ID, "--corpus", str(CORPUS), "--to", "pdf", "-o", str(out)],
        capture_output=True, text=True, env=latin_only_fonts, cwd=tmp_path, timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("jpfr: error: no Japanese serif font found")
    assert "fonts-noto-cjk" in proc.stderr and "Traceback" not in proc.stderr
    assert not out.exists()
    doctor = subprocess.run([sys.executable, "-m", "jpfr_accord", "doctor"], capture_output=True, text=True,
                            env=latin_only_fonts, timeout=120)
    assert doctor.returncode == 1 and "fonts-noto-cjk" in doctor.stderr


def test_several_documents_render_in_parallel_into_a_folder(jpfr, tmp_path):
    corpus = tmp_path / "corpus"
    for lang in ("ja", "fr"):
        (corpus / lang).mkdir(parents=True)
        text = (CORPUS / lang / f"{DOC_ID}.xml").read_text(encoding="utf-8")
        (corpus / lang / f"{DOC_ID}.xml").write_text(text, encoding="utf-8")
        (corpus / lang / "copy.xml").write_text(text.replace(f'id="{DOC_ID}"', 'id="copy"'), encoding="utf-8")
    run = jpfr("render", DOC_ID, "copy", "--corpus", corpus, "--to", "pdf", "-j", "2", "-o", tmp_path / "out")
    assert run.exit_code == 0, run
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["ai-cooperation-2026.pdf", "copy.pdf"]
    run = jpfr("render", DOC_ID, "copy", "--corpus", corpus, "-o", tmp_path / "x.pdf")
    assert run.exit_code == 2 and "need a folder" in run.stderr


def test_bytes_do_not_depend_on_the_process(tmp_path):
    """Two fresh processes with different hash seeds write identical files (releases rely on it)."""
    digests = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        env.pop("SOURCE_DATE_EPOCH", None)
        subprocess.run([sys.executable, "-m", "jpfr_accord", "render", DOC_ID, "--corpus", str(CORPUS), "-o", str(out)],
                       check=True, capture_output=True, env=env, timeout=300)
        digests.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert sorted(digests[0]) == [f"{DOC_ID}.html", f"{DOC_ID}.pdf"]
    assert digests[0] == digests[1]


def _wrong_date(corpus: Path) -> None:
    fr = corpus / "fr" / f"{DOC_ID}.xml"
    fr.write_text(fr.read_text(encoding="utf-8").replace("tenue le 31 mars 2026", "tenue le 30 mars 2026", 1),
                  encoding="utf-8")


def test_error_findings_stop_the_render_and_write_nothing(jpfr, corpus_copy, tmp_path):
    _wrong_date(corpus_copy)
    run = jpfr("render", DOC_ID, "--corpus", corpus_copy, "-o", tmp_path / "out", cwd=tmp_path)
    assert run.exit_code == 1, run
    lines = run.stderr.splitlines()
    assert any(" error ENT002 " in line and f"fr/{DOC_ID}.xml:" in line for line in lines)
    assert lines[-1].startswith("jpfr: error: 1 error-level finding;") and "--allow-findings REASON" in lines[-1]
    assert not (tmp_path / "out").exists()


def test_allowed_findings_are_rendered_with_the_reason_in_the_colophon(jpfr, corpus_copy, tmp_path):
    _wrong_date(corpus_copy)
    run = jpfr("render", DOC_ID, "--corpus", corpus_copy, "-o", tmp_path, "--allow-findings", "date under review",
               cwd=tmp_path)
    assert run.exit_code == 0, run
    html = (tmp_path / f"{DOC_ID}.html").read_text(encoding="utf-8")
    assert html.count("date under review") == 2  # the colophon, in Japanese and in French
    text = subprocess.run(["pdftotext", str(tmp_path / f"{DOC_ID}.pdf"), "-"], capture_output=True, text=True).stdout
    text = text.replace("\u00a0", " ")
    assert "（理由：date under review）" in text and "(motif : date under review)" in text
    # with no error, nothing is said about allowed findings
    run = jpfr("render", DOC_ID, "--corpus", CORPUS, "--to", "html", "-o", tmp_path / "clean.html",
               "--allow-findings", "just in case", cwd=tmp_path)
    assert run.exit_code == 0 and "just in case" not in (tmp_path / "clean.html").read_text(encoding="utf-8")


def test_allow_findings_needs_a_reason(jpfr, tmp_path):
    run = jpfr("render", DOC_ID, "--corpus", CORPUS, "--allow-findings", "  ", cwd=tmp_path)
    assert run.exit_code == 2 and "needs a reason" in run.stderr
    assert not (tmp_path / "build").exists()


def test_a_missing_french_clause_is_marked_in_the_print_and_named_on_stderr(jpfr, corpus_copy, tmp_path):
    from jpfr_testing import remove_element

    remove_element(corpus_copy / "fr" / f"{DOC_ID}.xml", "sec_1__para_2__cl_1")
    run = jpfr("render", DOC_ID, "--corpus", corpus_copy, "-o", tmp_path, "--allow-findings", "draft for review",
               cwd=tmp_path)
    assert run.exit_code == 0, run
    warning = [line for line in run.stderr.splitlines() if line.startswith("jpfr: warning:")]
    assert len(warning) == 1 and warning[0].startswith("jpfr: warning: ")
    assert warning[0].endswith(f"fr/{DOC_ID}.xml: clause 'sec_1__para_2__cl_1' has no French text; "
                               "printed as a marked placeholder")
    text = subprocess.run(["pdftotext", str(tmp_path / f"{DOC_ID}.pdf"), "-"], capture_output=True, text=True).stdout
    assert text.count("[traduction manquante]") == 1
    html = (tmp_path / f"{DOC_ID}.html").read_text(encoding="utf-8")
    assert 'id="fr-sec_1__para_2__cl_1"' in html and "[traduction manquante]" in html
