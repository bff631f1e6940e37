"""``jpfr diff``: releases, corpus files, and corpus files at a git revision."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from jpfr_accord.release import build_release

from .conftest import DOC

CHANGED = "Les deux dirigeants ont salué les [-progrès-]{+avancées+} des échanges de personnel."


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false",
                    *args], cwd=cwd, check=True, capture_output=True)


def test_two_corpus_files(corpus, tmp_path, jpfr):
    other = tmp_path / "other"
    shutil.copytree(corpus, other)
    edit(other / "fr" / f"{DOC}.xml", "salué les progrès", "salué les avancées")
    run = jpfr("diff", corpus / "fr" / f"{DOC}.xml", other / "fr" / f"{DOC}.xml")
    assert run.exit_code == 0, run
    lines = run.stdout.splitlines()
    assert lines[0].endswith("suggested bump: minor")
    assert lines[1:] == [
        f"fr changed sec_2__para_1__cl_1: {CHANGED}",
        "    ja: 両首脳は、人材交流の進展を歓迎した。",
    ]


def test_json_and_html_redline(corpus, tmp_path, jpfr):
    other = tmp_path / "other"
    shutil.copytree(corpus, other)
    edit(other / "fr" / f"{DOC}.xml", "salué les progrès", "salué les avancées")
    a, b = corpus / "fr" / f"{DOC}.xml", other / "fr" / f"{DOC}.xml"
    run = jpfr("diff", a, b, "--format", "json")
    data = json.loads(run.stdout)
    assert data["suggested_bump"] == "minor"
    (change,) = data["languages"]["fr"]
    assert change["eId"] == "sec_2__para_1__cl_1" and change["change"] == "changed"
    assert change["marks"] == [["=", "Les deux dirigeants ont salué les "], ["-", "progrès"], ["+", "avancées"],
                               ["=", " des échanges de personnel."]]
    assert change["counterpart"] == {"lang": "ja", "text": "両首脳は、人材交流の進展を歓迎した。"}
    page = tmp_path / "redline.html"
    run = jpfr("diff", a, b, "--html", page)
    assert run.exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert '<td lang="fr">Les deux dirigeants ont salué les <del>progrès</del><ins>avancées</ins> des échanges' in html
    assert '<td lang="ja">両首脳は、人材交流の進展を歓迎した。</td>' in html
    assert "del { text-decoration: line-through" in html and "ins { text-decoration: underline" in html
    assert run.stdout.startswith("accord: ")  # the text report still goes to stdout
    same = jpfr("diff", a, b, "--format", "html")
    assert same.stdout == html


def test_two_releases(fake_render, corpus, tmp_path, jpfr):
    out = tmp_path / "r"
    build_release(DOC, "1.0.0", corpus=corpus, out=out, date="2026-04-01", jobs=1)
    edit(corpus / "fr" / f"{DOC}.xml", "salué les progrès", "salué les avancées")
    build_release(DOC, "1.0.1", corpus=corpus, out=out, date="2026-04-02", jobs=1)
    run = jpfr("diff", out / DOC / "1.0.0", out / DOC / "1.0.1")
    assert run.exit_code == 0, run
    assert f"fr changed sec_2__para_1__cl_1: {CHANGED}" in run.stdout
    assert "\nja " not in run.stdout  # both languages compared; Japanese did not change


def test_git_revision(corpus, tmp_path, jpfr):
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "corpus")
    git(tmp_path, "commit", "-q", "-m", "first")
    fr = Path("corpus") / "fr" / f"{DOC}.xml"
    edit(tmp_path / fr, "salué les progrès", "salué les avancées")
    git(tmp_path, "commit", "-q", "-am", "second")
    run = jpfr("diff", f"{fr}@HEAD~1", str(fr), cwd=tmp_path)
    assert run.exit_code == 0, run
    assert f"fr changed sec_2__para_1__cl_1: {CHANGED}" in run.stdout
    assert "    ja: 両首脳は、人材交流の進展を歓迎した。" in run.stdout
    same = jpfr("diff", f"{fr}@HEAD", str(fr), cwd=tmp_path)
    assert same.stdout.splitlines()[1] == "no clause or heading changed"


@pytest.mark.parametrize("rev,message", [
    ("--output=/tmp/x", "must not start with '-'"),
    ("-p", "must not start with '-'"),
    ("HEAD:corpus", "contain ':'"),
    ("no-such-branch", "unknown git revision 'no-such-branch'"),
])
def test_bad_revisions_are_refused(corpus, tmp_path, jpfr, rev, message):
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "corpus")
    git(tmp_path, "commit", "-q", "-m", "first")
    fr = f"corpus/fr/{DOC}.xml"
    run = jpfr("diff", f"{fr}@{rev}", fr, cwd=tmp_path)
    assert run.exit_code == 2
    assert message in run.stderr and run.stderr.startswith("jpfr: error: ")
    assert not Path("/tmp/x").exists() or rev != "--output=/tmp/x"


def test_bad_operands(corpus, tmp_path, jpfr):
    run = jpfr("diff", corpus / "fr" / f"{DOC}.xml", corpus / "ja" / f"{DOC}.xml")
    assert run.exit_code == 2 and "different languages" in run.stderr
    run = jpfr("diff", tmp_path / "none.xml", corpus / "fr" / f"{DOC}.xml")
    assert run.exit_code == 2 and "no such release folder or corpus file" in run.stderr
    run = jpfr("diff", tmp_path, corpus / "fr" / f"{DOC}.xml")
    assert run.exit_code == 2 and "not a release folder" in run.stderr
    run = jpfr("diff", f"{tmp_path}/corpus/fr/{DOC}.xml@HEAD", corpus / "fr" / f"{DOC}.xml")
    assert run.exit_code == 2 and "not inside a git repository" in run.stderr
