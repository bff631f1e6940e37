"""Round two (#17): inputs that are not regular files, hostile configurations, paths the
OS refuses, names with line breaks, bad language codes and environment values.
Every command must answer promptly with one line naming the file, exit 2."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

import pytest

from jpfr_testing import CORPUS, DOC_ID, FIXTURES
from round_two_support import assert_clean_error, run, tree

SEED = FIXTURES / "import" / "declaration-ai-2026.ja.txt"


def _fr(corpus: Path) -> Path:
    return corpus / "fr" / f"{DOC_ID}.xml"


def _xliff(corpus: Path, dest: Path) -> Path:
    from jpfr_accord.export import export_document
    from jpfr_accord.load import load_pair

    export_document(load_pair(DOC_ID, corpus), "xliff", dest)
    return dest


# -- 6. FIFOs and devices -----------------------------------------------------------------

CORPUS_READERS = {
    "check": ["check"],
    "dump": ["dump", DOC_ID],
    "export": ["export", DOC_ID, "--to", "json", "-o", "out.json"],
    "diff": ["diff", f"corpus/ja/{DOC_ID}.xml", f"corpus/ja/{DOC_ID}.xml"],  # the French is a counterpart
    "accept": ["accept", DOC_ID, "--all"],
}


@pytest.mark.parametrize("kind", ["fifo", "zero"])
@pytest.mark.parametrize("command", sorted(CORPUS_READERS))
def test_a_corpus_file_that_is_a_fifo_or_a_device_is_refused_promptly(corpus_copy, command, kind):
    fr = _fr(corpus_copy)
    fr.unlink()
    if kind == "fifo":
        os.mkfifo(fr)
    else:
        os.mknod(fr, stat.S_IFCHR | 0o666, os.makedev(1, 5))  # a /dev/zero inside the corpus
    done = run(CORPUS_READERS[command], corpus_copy.parent, timeout=30, limit_memory=True)
    if command == "diff":  # a counterpart that cannot be read only loses its column
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
        return
    assert_clean_error(done, f"fr/{DOC_ID}.xml", "not a regular file")


INTERCHANGE = {
    "import": lambda src: ["import", src, "--lang", "ja", "--id", DOC_ID, "-o", "out.xml"],
    "import-xliff": lambda src: ["import-xliff", src],
    "import-tmx": lambda src: ["import-tmx", src, "--id", DOC_ID],
    "check --config": lambda src: ["check", "--config", src, "corpus"],
}


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
@pytest.mark.parametrize("command", sorted(INTERCHANGE))
def test_an_input_file_that_is_a_fifo_or_a_device_is_refused_promptly(corpus_copy, command, kind):
    work = corpus_copy.parent
    if kind == "fifo":
        src = work / "input.fifo"
        os.mkfifo(src)
    else:
        src = Path("/dev/zero")
    before = tree(corpus_copy)
    done = run(INTERCHANGE[command](src), work, timeout=30, limit_memory=True)
    assert_clean_error(done, str(src) if kind != "fifo" else "input.fifo", "not a regular file")
    assert tree(corpus_copy) == before


# -- 9 and 18. the configuration ----------------------------------------------------------

CONFIGS = {
    "dotted-key": ("a" + ".a" * 40_000 + " = 1\n", "dotted parts"),
    "deep-arrays": ("x = " + "[" * 100_000 + "]" * 100_000 + "\n", "nested deeper"),
    "deep-inline-tables": ("x = " + "{a = " * 50_000 + "1" + "}" * 50_000 + "\n", "nested deeper"),
    "tool-not-a-table": ("tool = 5\n", "'tool' must be a table"),
    "jpfr-not-a-table": ("[tool]\njpfr = 5\n", "'tool.jpfr' must be a table"),
    "select-of-numbers": ("select = [1]\n", "'select' must be a list of rule codes"),
    "ignore-of-tables": ("ignore = [{a = 1}]\n", "'ignore' must be a list of rule codes"),
    "severity-number": ("[severity]\nTYP005 = 3\n", "'severity' must be a table"),
    "not-utf8": (b"select = ['\xff']\n", "not UTF-8"),
}


@pytest.mark.parametrize("case", sorted(CONFIGS))
def test_a_hostile_or_mistyped_configuration_is_one_clean_error(corpus_copy, case):
    text, needle = CONFIGS[case]
    config = corpus_copy.parent / "jpfr.toml"
    config.write_bytes(text if isinstance(text, bytes) else text.encode())
    done = run(["check", "corpus"], corpus_copy.parent, timeout=60, limit_memory=True)
    assert_clean_error(done, "jpfr.toml", needle)


def test_a_configuration_over_one_mebibyte_is_refused(corpus_copy):
    (corpus_copy.parent / "jpfr.toml").write_text("# padding\n" * 120_000, encoding="utf-8")
    assert_clean_error(run(["check", "corpus"], corpus_copy.parent), "jpfr.toml", "over the limit")


# -- 15. the configuration search stops at the project root ---------------------------------


def _broken(corpus: Path) -> None:
    fr = _fr(corpus)
    fr.write_text(fr.read_text(encoding="utf-8").replace('eId="sec_1__para_1__cl_1"', 'eId="sec_1__para_1__cl_9"', 1),
                  encoding="utf-8")


def test_a_configuration_above_the_project_root_is_not_used(tmp_path):
    shared = tmp_path / "shared-tmp"
    project = shared / "project"
    shutil.copytree(CORPUS, project / "corpus")
    _broken(project / "corpus")
    (shared / "jpfr.toml").write_text('ignore = ["ALL"]\n', encoding="utf-8")
    done = run(["check", "--verbose"], project)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "ALN" in done.stdout
    assert "jpfr: configuration: none" in done.stderr
    assert "shared-tmp/jpfr.toml" not in done.stderr


def test_the_project_root_is_the_git_work_tree_or_the_folder_holding_the_corpus(tmp_path):
    from jpfr_accord.checks.config import project_root

    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "docs" / "deep").mkdir(parents=True)
    assert project_root(repo / "docs" / "deep") == repo
    (repo / "docs" / "corpus").mkdir()
    assert project_root(repo / "docs" / "deep") == repo / "docs"  # holds a corpus/ folder: nearer
    assert project_root(tmp_path / "elsewhere" / "corpus", tmp_path / "elsewhere" / "corpus") == tmp_path / "elsewhere"
    lone = tmp_path / "lone" / "a"
    lone.mkdir(parents=True)
    assert project_root(lone) == lone


def test_verbose_names_the_configuration_in_force(corpus_copy):
    (corpus_copy.parent / "jpfr.toml").write_text('ignore = ["LEN"]\n', encoding="utf-8")
    done = run(["check", "--verbose", "corpus"], corpus_copy.parent)
    assert done.returncode in (0, 1)
    assert f"jpfr: configuration: {corpus_copy.parent / 'jpfr.toml'}" in done.stderr


# -- 16. language codes are codes -------------------------------------------------------------


@pytest.mark.parametrize("command", [
    ["dump", DOC_ID, "--lang", "../../outside"],
    ["export", DOC_ID, "--to", "json", "-o", "x.json", "--lang", "../../outside"],
    ["accept", DOC_ID, "--all", "--lang", "../../outside"],
    ["render", DOC_ID, "--to", "html", "-o", "out", "--lang", "../../outside"],
    ["release", DOC_ID, "--version", "1.0.0", "--lang", "../../outside"],
    ["import", str(SEED), "--lang", "../x", "--id", DOC_ID, "-o", "out.xml"],
])
def test_a_language_code_that_is_a_path_is_refused(tmp_path, command):
    work = tmp_path / "work"
    shutil.copytree(CORPUS, work / "corpus")
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = _fr(work / "corpus").read_text(encoding="utf-8").replace("Déclaration conjointe", "SECRET-OUTSIDE", 1)
    (outside / f"{DOC_ID}.xml").write_text(secret, encoding="utf-8")
    done = run(command, work)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "is not a language code" in done.stderr
    assert "SECRET-OUTSIDE" not in done.stdout + done.stderr
    assert not (work / "out").exists() and not (work / "x.json").exists()


# -- 19. paths the OS refuses -------------------------------------------------------------

LONG = "n" * 300


@pytest.mark.parametrize("command", [
    ["check", f"corpus/fr/{LONG}.xml"],
    ["check", "--html", f"{LONG}/report.html", "corpus"],
    ["dump", DOC_ID, "--corpus", LONG],
    ["verify", LONG],
    ["diff", f"corpus/fr/{LONG}.xml", f"corpus/fr/{DOC_ID}.xml"],
    ["render", DOC_ID, "--to", "html", "-o", f"{LONG}/x.html"],
    ["export", DOC_ID, "--to", "json", "-o", f"{LONG}/x.json"],
    ["import", str(SEED), "--lang", "ja", "--id", DOC_ID, "-o", f"{LONG}/x.xml"],
])
def test_a_name_too_long_is_one_clean_error(corpus_copy, command):
    done = run(command, corpus_copy.parent)
    line = assert_clean_error(done, code=2 if command[0] != "check" or "--html" not in command else 2)
    assert LONG in line or "too long" in line, line


def _world_readable_copy() -> Path:
    """A corpus where a command without root's bypass can read (tmp_path is private to root)."""
    work = Path(tempfile.mkdtemp(prefix="jpfr-perm-"))
    shutil.copytree(CORPUS, work / "corpus")
    return work


@pytest.mark.parametrize("command", [
    ["check", "corpus"],
    ["check", f"corpus/fr/{DOC_ID}.xml"],
    ["dump", DOC_ID, "--lang", "fr"],
    ["diff", f"corpus/ja/{DOC_ID}.xml", f"corpus/ja/{DOC_ID}.xml"],
])
def test_a_language_folder_without_permission_is_an_error_not_a_silent_skip(command):
    work = _world_readable_copy()
    try:
        (work / "corpus" / "ja").chmod(0)
        done = run(command, work, as_user=True)
        assert done.returncode == 2, done.stdout + done.stderr
        assert_clean_error(done, "corpus/ja", "permission denied")
    finally:
        (work / "corpus" / "ja").chmod(0o755)
        shutil.rmtree(work)


def test_an_output_folder_without_permission_is_one_clean_error():
    work = _world_readable_copy()
    try:
        (work / "locked").mkdir(mode=0)
        for command in (["render", DOC_ID, "--to", "html", "-o", "locked/sub/x.html"],
                        ["check", "--html", "locked/sub/r.html", "corpus"],
                        ["export", DOC_ID, "--to", "json", "-o", "locked/sub/x.json"]):
            assert_clean_error(run(command, work, as_user=True), "locked", "permission denied")
    finally:
        (work / "locked").chmod(0o755)
        shutil.rmtree(work)


# -- 23. names with line breaks --------------------------------------------------------------

FORGED = "evil\njpfr: error: forged.xml:1: forged"


def test_a_newline_in_a_file_name_does_not_split_the_error_line(corpus_copy):
    (corpus_copy / "fr" / f"{FORGED}.xml").write_text("not xml", encoding="utf-8")
    done = run(["check", "corpus"], corpus_copy.parent)
    line = assert_clean_error(done, "evil\\njpfr: error:")
    assert "forged" in line


def test_a_newline_in_a_file_name_does_not_forge_finding_lines(corpus_copy):
    for lang in ("ja", "fr"):
        src = corpus_copy / lang / f"{DOC_ID}.xml"
        src.rename(corpus_copy / lang / f"{FORGED}.xml")
    fr = corpus_copy / "fr" / f"{FORGED}.xml"
    fr.write_text(fr.read_text(encoding="utf-8").replace('eId="sec_1__para_1__cl_1"', 'eId="sec_1__para_1__cl_9"', 1),
                  encoding="utf-8")
    done = run(["check", "corpus"], corpus_copy.parent)
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert all(not line.startswith("jpfr: error: forged") for line in lines)
    assert all(line.startswith("corpus/") for line in lines[:-1]), lines
    assert any("evil\\njpfr" in line for line in lines)


# -- 24. environment values -----------------------------------------------------------------


@pytest.mark.parametrize("value", ["abc", "-5", "0", "1e6", "２０"])
def test_an_invalid_size_limit_is_said(corpus_copy, value):
    done = run(["check", "corpus"], corpus_copy.parent, env={"JPFR_MAX_BYTES": value})
    assert_clean_error(done, "JPFR_MAX_BYTES=", "is not a positive number of bytes")


# -- 13. the corpus glossary ------------------------------------------------------------------


def test_a_glossary_linking_outside_the_corpus_is_refused(corpus_copy, tmp_path):
    secret = tmp_path / "secret.tsv"
    secret.write_text((corpus_copy / "glossary.tsv").read_text(encoding="utf-8") + "秘密の用語\tTERME-SECRET\n",
                      encoding="utf-8")
    (corpus_copy / "glossary.tsv").unlink()
    (corpus_copy / "glossary.tsv").symlink_to(secret)
    done = run(["check", "corpus"], corpus_copy.parent)
    assert_clean_error(done, "glossary.tsv", "outside the corpus")
    assert "TERME-SECRET" not in done.stdout


# -- 21. code points an XML file cannot hold ----------------------------------------------------


@pytest.mark.parametrize("hex_value", ["0", "1B", "FFFE", "D800", "110000", "0x41", "+41"])
def test_a_code_point_the_corpus_cannot_hold_names_the_unit(corpus_copy, tmp_path, hex_value):
    xlf = _xliff(corpus_copy, tmp_path / "back.xlf")
    text = xlf.read_text(encoding="utf-8")
    old = "ont souligné l’importance cruciale"
    assert old in text
    xlf.write_text(text.replace(old, f'ont souligné<cp hex="{hex_value}"/> l’importance cruciale', 1), encoding="utf-8")
    before = tree(corpus_copy)
    done = run(["import-xliff", xlf], corpus_copy.parent)
    assert_clean_error(done, "back.xlf", "unit 'preamble__para_2__cl_1'", "nothing imported")
    assert tree(corpus_copy) == before
