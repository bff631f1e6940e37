"""Rule cases as data (``cases/<CODE>.toml``): each case edits a copy of the real
corpus the way a translator would get it wrong (or right), runs ``jpfr check``
with every rule, and compares with the committed corpus's own findings.

- a ``fail`` case must add exactly one finding: its code, at its clause, in the
  named language file, on the clause's line; nothing else may appear;
- a ``pass`` case must add no finding of its code.

Besides ``edits`` (text replacements), a case may use ``removals`` (delete an
element), ``texts`` (replace a clause's text) and ``swaps`` (exchange two
adjacent paragraphs). When one realistic error is also, truly, another rule's
finding (changed ``acts`` make the wording disagree too), ``also`` lists it.

A case with ``select`` runs only those rules (a family that is off by default).
A case with ``accept = true`` edited the Japanese text and records the review
(``jpfr accept --all``), so that the stale-translation rule stays out of it.
"""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest

import re

from jpfr_testing import CORPUS, DOC_ID, edit, element_line, remove_element

CASES_DIR = Path(__file__).parent / "cases"


def _cases():
    for path in sorted(CASES_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for kind in ("fail", "pass"):
            for i, case in enumerate(data.get(kind, ())):
                yield pytest.param(path.stem, kind, case, id=f"{path.stem}-{kind}-{i + 1}")


def run_check(jpfr, corpus: Path, select: str | None = None) -> set[tuple[str, str | None, str, int | None, str]]:
    run = jpfr("check", "corpus", "--format", "json", *(("--select", select) if select else ()), cwd=corpus.parent)
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


def _file(corpus: Path, lang: str) -> Path:
    return corpus / lang / f"{DOC_ID}.xml"


def apply(corpus: Path, case: dict) -> None:
    """Break (or vary) the corpus copy as the case says."""
    for e in case.get("edits", ()):
        edit(_file(corpus, e["file"]), e["old"], e["new"])
    for r in case.get("removals", ()):
        remove_element(_file(corpus, r["file"]), r["eId"])
    for t in case.get("texts", ()):
        path = _file(corpus, t["file"])
        pattern = re.compile(rf'(<clause [^>]*eId="{re.escape(t["eId"])}"[^>]*>)(.*?)(</clause>)', re.S)
        new, n = pattern.subn(lambda m: m.group(1) + t["new"] + m.group(3), path.read_text(encoding="utf-8"))
        assert n == 1, t
        path.write_text(new, encoding="utf-8")
    for sw in case.get("swaps", ()):
        path = _file(corpus, sw["file"])
        text = path.read_text(encoding="utf-8")
        start1 = text.index(f'<para eId="{sw["first"]}">')
        start2 = text.index(f'<para eId="{sw["second"]}">')
        end2 = text.index("</para>", start2) + len("</para>")
        p1, p2 = text[start1:start2], text[start2:end2]
        path.write_text(text[:start1] + p2 + "\n    " + p1.rstrip() + text[end2:], encoding="utf-8")


def _expected(corpus: Path, code: str, spec: dict) -> tuple:
    eid = spec.get("eId") or None
    line = spec.get("line") or element_line(_file(corpus, spec["lang"]), eid)
    return (spec.get("code", code), eid, spec["lang"], line)


@pytest.mark.parametrize(("code", "kind", "case"), list(_cases()))
def test_rule_case(jpfr, corpus_copy, baseline, code, kind, case):
    apply(corpus_copy, case)
    if case.get("accept"):
        run = jpfr("accept", DOC_ID, "--all", "--corpus", "corpus", cwd=corpus_copy.parent)
        assert run.exit_code == 0, run
    found = run_check(jpfr, corpus_copy, case.get("select"))
    # compared without line and message: removals shift lines, and counts in a
    # notice's message change with the text
    known = {f[:3] for f in baseline}
    new = {f for f in found if f[:3] not in known}
    if kind == "pass":
        assert [f for f in new if f[0] == code] == [], case["description"]
        return
    expected = _expected(corpus_copy, code, case)
    also = {_expected(corpus_copy, code, spec) for spec in case.get("also", ())}
    assert {f[:4] for f in new} == {expected} | also, f"{case['description']}: {sorted(new)}"
    assert len(new) == 1 + len(also)
    message = next(f[4] for f in new if f[:4] == expected)
    assert case.get("message", "") in message, message
