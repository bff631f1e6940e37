"""The library gives the findings the command gives, and the command finds its corpus
and names what it looked for (issue: packaging, library API and ecosystem fit)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import jpfr_accord
from jpfr_testing import DOC_ID
from jpfr_accord.errors import LoadError, SchemaError

APPLAUD = ('acts="recognize confirm"', 'acts="welcome applaud"')


def _break_schema(corpus: Path) -> Path:
    fr = corpus / "fr" / f"{DOC_ID}.xml"
    fr.write_text(fr.read_text(encoding="utf-8").replace(*APPLAUD, 1), encoding="utf-8")
    return fr


def _cli_findings(jpfr, *args) -> list[dict]:
    out = jpfr("check", "--format", "json", *args)
    return json.loads(out.stdout)["findings"]


def test_library_check_equals_the_command_on_a_schema_error(jpfr, corpus_copy, monkeypatch):
    _break_schema(corpus_copy)
    monkeypatch.chdir(corpus_copy.parent)
    result = jpfr_accord.check()
    cli = _cli_findings(jpfr)
    assert [f.code for f in result.findings] == [f["code"] for f in cli]
    assert "XML001" in {f.code for f in result.findings}
    assert result.has_errors and result.summary["error"] == sum(f["severity"] == "error" for f in cli)


def test_library_check_reads_the_configuration_the_command_reads(jpfr, corpus_copy, monkeypatch):
    (corpus_copy.parent / "jpfr.toml").write_text('ignore = ["TYP"]\n', encoding="utf-8")
    monkeypatch.chdir(corpus_copy.parent)
    codes = {f.code for f in jpfr_accord.check().findings}
    assert not any(c.startswith("TYP") for c in codes)
    assert codes == {f["code"] for f in _cli_findings(jpfr)}


def test_load_pair_refuses_a_schema_invalid_version_instead_of_hiding_it(corpus_copy):
    fr = _break_schema(corpus_copy)
    with pytest.raises(SchemaError) as err:
        jpfr_accord.load_pair(DOC_ID, corpus_copy)
    assert err.value.loc is not None and err.value.loc.line is not None
    assert "applaud" in str(err.value)


def test_wrong_document_id_lists_the_known_ones_and_suggests_the_nearest(jpfr, corpus_copy):
    out = jpfr("dump", "ai-coopration-2026", "--corpus", corpus_copy)
    assert out.exit_code == 2
    assert f"no document 'ai-coopration-2026' in the corpus (known: '{DOC_ID}'); did you mean '{DOC_ID}'?" in out.stderr
    out = jpfr("dump", "zzz", "--corpus", corpus_copy)
    assert "did you mean" not in out.stderr and f"known: '{DOC_ID}'" in out.stderr


def test_only_one_language_missing_says_which(jpfr, corpus_copy):
    (corpus_copy / "fr" / f"{DOC_ID}.xml").unlink()
    out = jpfr("dump", DOC_ID, "--corpus", corpus_copy)
    assert out.exit_code == 2 and f"no fr version of document '{DOC_ID}'" in out.stderr


def test_check_takes_corpus_and_finds_it_upwards(jpfr, corpus_copy, tmp_path, monkeypatch):
    out = jpfr("check", "--corpus", corpus_copy, cwd=tmp_path / "..")
    assert out.exit_code == 0 and "in 2 files" in out.stdout
    deep = corpus_copy.parent / "notes" / "drafts"
    deep.mkdir(parents=True)
    out = jpfr("check", cwd=deep)
    assert out.exit_code == 0 and "in 2 files" in out.stdout


def test_no_corpus_says_where_it_looked_and_stops_at_the_project_root(jpfr, tmp_path):
    project = tmp_path / "outer" / "project"
    (tmp_path / "outer" / "corpus").mkdir(parents=True)  # above the project: never used
    (project / ".git").mkdir(parents=True)
    sub = project / "src"
    sub.mkdir()
    out = jpfr("check", cwd=sub)
    assert out.exit_code == 2
    assert out.stderr.startswith("jpfr: error: ") and out.stderr.count("\n") == 1
    assert f"looked for corpus/<lang>/<DOC_ID>.xml in {sub}, {project}" in out.stderr
    assert f"stopped at the project root {project}" in out.stderr
    assert "--corpus" in out.stderr


@pytest.mark.parametrize("args, expected", [
    (["check", "--bogus"], "jpfr: error: no such option '--bogus'"),
    (["render"], "jpfr: error: missing argument 'DOC_ID...' (see 'jpfr render --help')"),
    (["render", DOC_ID, "--to", "zz"], "jpfr: error: invalid value for '--to'"),
    (["nope"], "jpfr: error: no such command 'nope'"),
])
def test_usage_errors_are_one_line_in_the_house_style(args, expected):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "jpfr_accord", *args], capture_output=True, text=True,
                          env={**os.environ, "JPFR_CACHE_DIR": "off"})
    assert proc.returncode == 2
    assert proc.stderr.startswith(expected) and proc.stderr.count("\n") == 1, proc.stderr
    assert "Usage:" not in proc.stderr and "Error:" not in proc.stderr
