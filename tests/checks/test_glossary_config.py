"""Glossaries (TSV, TBX 2019 and 2008), the [tool.jpfr] configuration and inline suppression."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from jpfr_testing import DOC_ID, FIXTURES, ROOT, edit, element_line
from jpfr_accord.checks.glossary import read_glossary
from jpfr_accord.errors import ConfigError

CHECKS = FIXTURES / "checks"


def found(jpfr, corpus: Path, *extra: str) -> tuple[int, list[tuple]]:
    run = jpfr("check", "corpus", "--format", "json", *extra, cwd=corpus.parent)
    assert run.exit_code in (0, 1), run
    return run.exit_code, [(f["code"], f["severity"], f["lang"], f["eId"], f["line"]) for f in json.loads(run.stdout)["findings"]]


def test_tbx_2019_terms_and_deprecated_variants():
    g = read_glossary(CHECKS / "glossary.tbx")
    (entry,) = g.entries
    assert entry.id == "c-roadmap"
    assert entry.terms == {"ja": ("ロードマップ",), "fr": ("feuille de route",)}
    assert entry.forbidden == {"fr": ("plan de marche",)}


def test_tbx_2008_layout():
    (entry,) = read_glossary(CHECKS / "glossary-2008.tbx").entries
    assert entry.terms == {"ja": ("半導体",), "fr": ("semi-conducteurs",)} and entry.forbidden == {"fr": ("puces",)}


def test_reference_tsv_format_reads(tmp_path):
    # the reference glossary's own columns: alternatives ' / ', parentheses are explanation
    path = tmp_path / "g.tsv"
    path.write_text("id\tja\tfr\ten\tkind\tsource_url\tnote\nG024\tOECD\tOrganisation de coopération et de développement économiques (OCDE)\tOECD\tinstitution\t\t\n", encoding="utf-8")
    (entry,) = read_glossary(path).entries
    assert entry.terms["fr"] == ("Organisation de coopération et de développement économiques",)
    assert entry.loc.line == 2


@pytest.mark.parametrize(
    ("name", "content", "line"),
    [("g.tsv", "only-one-column\nx\n", 1), ("g.tbx", "<tbx><text><body><conceptEntry>", None)],
)
def test_bad_glossary_is_a_config_error(tmp_path, name, content, line):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        read_glossary(path)
    assert str(path) in str(exc.value)
    if line:
        assert exc.value.loc.line == line


def test_tbx_glossary_from_config_reports_forbidden_variant(jpfr, corpus_copy):
    shutil.copy(CHECKS / "glossary.tbx", corpus_copy.parent / "terms.tbx")
    (corpus_copy.parent / "jpfr.toml").write_text('glossary = "terms.tbx"\n', encoding="utf-8")
    fr = corpus_copy / "fr" / f"{DOC_ID}.xml"
    edit(fr, "Feuille de route sur la coopération", "Plan de marche sur la coopération")
    code, f = found(jpfr, corpus_copy, "--select", "TRM")
    line = element_line(fr, "preamble__para_2__cl_2")
    # the corpus glossary's entry for the roadmap's title is missing too: both are true
    assert sorted(f) == [("TRM001", "warning", "fr", "preamble__para_2__cl_2", line), ("TRM002", "warning", "fr", "preamble__para_2__cl_2", line)]


def test_unreadable_configured_glossary_exits_2(jpfr, corpus_copy):
    (corpus_copy.parent / "pyproject.toml").write_text('[tool.jpfr]\nglossary = "missing.tsv"\n', encoding="utf-8")
    run = jpfr("check", "corpus", cwd=corpus_copy.parent)
    assert run.exit_code == 2
    assert run.stderr.strip() == "jpfr: error: missing.tsv: glossary not found"


def test_pyproject_select_ignore_and_severity(jpfr, corpus_copy):
    fr = corpus_copy / "fr" / f"{DOC_ID}.xml"
    edit(fr, "l’OCDE", "l’OTAN")
    line = element_line(fr, "sec_1__para_1__cl_2")
    # a body replaced is an error by default (it changes who is concerned); the file may say otherwise
    assert found(jpfr, corpus_copy, "--select", "ENT")[1] == [("ENT006", "error", "fr", "sec_1__para_1__cl_2", line)]
    (corpus_copy.parent / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.jpfr]\nselect = ["ENT", "TYP"]\nignore = ["TYP005"]\nseverity = { ENT006 = "warning" }\n', encoding="utf-8"
    )
    code, f = found(jpfr, corpus_copy)
    assert code == 0 and f == [("ENT006", "warning", "fr", "sec_1__para_1__cl_2", line)]
    # the command line adds to the file's ignore list
    assert found(jpfr, corpus_copy, "--ignore", "ENT006") == (0, [])


def test_jpfr_toml_and_default_glossary_off(jpfr, corpus_copy):
    fr = corpus_copy / "fr" / f"{DOC_ID}.xml"
    edit(fr, "aux manipulations de l’information et à la cybersécurité", "aux opérations d’influence et à la cybersécurité")
    assert [x[0] for x in found(jpfr, corpus_copy, "--select", "TRM")[1]] == ["TRM001"]
    (corpus_copy.parent / "jpfr.toml").write_text("default-glossary = false\n", encoding="utf-8")
    assert found(jpfr, corpus_copy, "--select", "TRM")[1] == []  # 情報操作 is in the default glossary only


def test_unknown_rule_in_config_exits_2(jpfr, corpus_copy):
    (corpus_copy.parent / "jpfr.toml").write_text('select = ["ENT999"]\n', encoding="utf-8")
    run = jpfr("check", "corpus", cwd=corpus_copy.parent)
    assert run.exit_code == 2 and run.stderr.startswith("jpfr: error: ") and "jpfr.toml" in run.stderr


def test_inline_suppression_with_reason_on_the_translation(jpfr, corpus_copy):
    fr = corpus_copy / "fr" / f"{DOC_ID}.xml"
    edit(fr, "l’OCDE", "l’OTAN")
    edit(fr, '<clause eId="sec_1__para_1__cl_2" actor="both"', '<clause eId="sec_1__para_1__cl_2" ignore="ENT006" ignore-reason="checked: the source is being corrected" actor="both"')
    assert found(jpfr, corpus_copy, "--select", "ENT,SUP") == (0, [])


def test_inline_suppression_on_the_source_covers_the_pair(jpfr, corpus_copy):
    ja = corpus_copy / "ja" / f"{DOC_ID}.xml"
    fr = corpus_copy / "fr" / f"{DOC_ID}.xml"
    edit(fr, "l’OCDE", "l’OTAN")
    edit(ja, '<clause eId="sec_1__para_1__cl_2" actor="both"', '<clause eId="sec_1__para_1__cl_2" ignore="ENT006" ignore-reason="OTAN decided by the negotiators" actor="both"')
    assert found(jpfr, corpus_copy, "--select", "ENT,SUP") == (0, [])


def test_default_glossary_is_shipped_data():
    from jpfr_accord.resources import data_dir

    g = read_glossary(data_dir() / "glossary" / "default.tsv")
    ids = {e.id for e in g.entries}
    assert {"G024", "G_AI", "G008", "G033"} <= ids
    # the corpus glossary has its own entries and does not repeat the default ones
    corpus_ids = {e.id for e in read_glossary(ROOT / "corpus" / "glossary.tsv").entries}
    assert corpus_ids and not corpus_ids & ids


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("glossary = 3\n", "'glossary' must be a path or a list of paths"),
        ('default-glossary = "no"\n', "'default-glossary' must be true or false"),
        ('select = "ENT"\n', "'select' must be a list of rule codes"),
        ('severity = { ENT001 = "fatal" }\n', "invalid severity"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_bad_configuration_is_one_line_exit_2(jpfr, corpus_copy, content, message):
    (corpus_copy.parent / "jpfr.toml").write_text(content, encoding="utf-8")
    run = jpfr("check", "corpus", cwd=corpus_copy.parent)
    assert run.exit_code == 2
    assert run.stderr.startswith("jpfr: error: jpfr.toml") or run.stderr.startswith(f"jpfr: error: {corpus_copy.parent}")
    assert message in run.stderr and len(run.stderr.strip().splitlines()) == 1


def test_a_configuration_over_the_size_limit_is_refused(jpfr, corpus_copy, monkeypatch):
    config = corpus_copy.parent / "pyproject.toml"
    config.write_text("[tool.jpfr]\nignore = []\n" + "# padding\n" * 200, encoding="utf-8")
    monkeypatch.setenv("JPFR_MAX_BYTES", "1000")
    run = jpfr("check", "corpus", cwd=corpus_copy.parent)
    assert run.exit_code == 2
    assert run.stderr == (f"jpfr: error: {config}: file is {config.stat().st_size} bytes, "
                          "over the limit of 1000 (set JPFR_MAX_BYTES to raise it)\n")


def test_unused_suppression_is_only_judged_for_rules_that_ran(jpfr, corpus_copy):
    fr = corpus_copy / "fr" / f"{DOC_ID}.xml"
    edit(fr, '<clause eId="sec_1__para_1__cl_2" actor="both"', '<clause eId="sec_1__para_1__cl_2" ignore="ENT006" ignore-reason="kept for now" actor="both"')
    line = element_line(fr, "sec_1__para_1__cl_2")
    assert found(jpfr, corpus_copy, "--select", "SUP,ENT") == (0, [("SUP003", "info", "fr", "sec_1__para_1__cl_2", line)])
    # ENT006 did not run: nothing can be said about its suppression
    assert found(jpfr, corpus_copy, "--select", "SUP") == (0, [])


def test_tbx_with_the_usual_external_doctype_reads(tmp_path):
    text = (CHECKS / "glossary-2008.tbx").read_text(encoding="utf-8")
    path = tmp_path / "g.tbx"
    path.write_text(text.replace("<martif", '<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">\n<martif', 1), encoding="utf-8")
    (entry,) = read_glossary(path).entries
    assert entry.terms["fr"] == ("semi-conducteurs",)


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE martif [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE martif SYSTEM "http://127.0.0.1:9/x.dtd" [<!ENTITY y "z">]>',
        '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>',
    ],
)
def test_hostile_tbx_is_refused_with_its_line(tmp_path, doctype):
    text = (CHECKS / "glossary-2008.tbx").read_text(encoding="utf-8")
    path = tmp_path / "g.tbx"
    path.write_text(text.replace("<martif", doctype + "\n<martif", 1), encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        read_glossary(path)
    assert "DOCTYPE declarations are refused" in str(exc.value)
    assert exc.value.loc.line == 3
