"""Rule cases as data (``cases/<CODE>.toml``): each case edits a copy of the real
corpus the way a translator would get it wrong (or right), runs ``jpfr check``
with every rule, and compares with the committed corpus's own findings.

- a ``fail`` case must add exactly one finding: its code, at its clause, in the
  named language file, on the clause's line; nothing else may appear;
- a ``pass`` case must add no finding of its code.

A case with ``accept = true`` edited the Japanese text and records the review
(``jpfr accept --all``), so that the stale-translation rule stays out of it.
"""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest

from conftest import CORPUS, DOC_ID, edit, element_line

CASES_DIR = Path(__file__).parent / "cases"


def _cases():
    for path in sorted(CASES_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for kind in ("fail", "pass"):
            for i, case in enumerate(data.get(kind, ())):
                yield pytest.param(path.stem, kind, case, id=f"{path.stem}-{kind}-{i + 1}")


def run_check(jpfr, corpus: Path) -> set[tuple[str, str | None, str, int | None, str]]:
    run = jpfr("check", "corpus", "--format", "json", cwd=corpus.parent)
    assert run.exit_code in (0, 1), run
    data = json.loads(run.stdout)
    return {(f["code"], f["eId"], Path(f["file"]).parts[-2], f["line"], f["message"]) for f in data["findings"]}


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> set:
    """The findings of the committed corpus (notices only; see test_corpus.py)."""
    from click.testing import CliRunner

    from jpfr_accord.cli import cli

    root = tmp_path_factory.mktemp("baseline")
    shutil.copytree(CORPUS, root / "corpus")
    import os

    old = os.getcwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(cli, ["check", "corpus", "--format", "json"])
    finally:
        os.chdir(old)
    data = json.loads(result.stdout)
    return {(f["code"], f["eId"], Path(f["file"]).parts[-2], f["line"], f["message"]) for f in data["findings"]}


@pytest.mark.parametrize(("code", "kind", "case"), list(_cases()))
def test_rule_case(jpfr, corpus_copy, baseline, code, kind, case):
    for e in case.get("edits", ()):
        edit(corpus_copy / e["file"] / f"{DOC_ID}.xml", e["old"], e["new"])
    if case.get("accept"):
        run = jpfr("accept", DOC_ID, "--all", "--corpus", "corpus", cwd=corpus_copy.parent)
        assert run.exit_code == 0, run
    found = run_check(jpfr, corpus_copy)
    # compared without the message: counts in a notice's message may change
    known = {f[:4] for f in baseline}
    new = {f for f in found if f[:4] not in known}
    if kind == "pass":
        assert [f for f in new if f[0] == code] == [], case["description"]
        return
    path = corpus_copy / case["lang"] / f"{DOC_ID}.xml"
    expected = (code, case["eId"], case["lang"], element_line(path, case["eId"]))
    assert [f[:4] for f in new] == [expected], f"{case['description']}: {sorted(new)}"
    assert case.get("message", "") in next(iter(new))[4]
