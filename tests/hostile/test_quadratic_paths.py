"""Round two (#17, item 10): inputs that made a command quadratic. The work is now bounded
(the times themselves are measured by ``bench/hostile_bench.py``, not asserted here; a
subprocess timeout only keeps a regression from blocking the suite)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from jpfr_testing import CORPUS, DOC_ID
from round_two_support import run

CLAUSE = "preamble__para_1__cl_1"


def long_text(lang: str, n: int) -> str:
    """``n`` characters of real clause text of ``lang``, repeated."""
    texts = re.findall(r"<clause [^>]*>([^<]*)</clause>", (CORPUS / lang / f"{DOC_ID}.xml").read_text(encoding="utf-8"))
    text = ""
    while len(text) < n:
        text += "".join(texts)
    return text[:n]


def changed_everywhere(text: str, changes: int = 8) -> str:
    step = len(text) // changes
    return "".join(text[i:i + step][:-3] + "XYZ" for i in range(0, len(text), step))


def with_clause(lang: str, text: str, dest: Path) -> Path:
    src = (CORPUS / lang / f"{DOC_ID}.xml").read_text(encoding="utf-8")
    out = re.sub(rf'(<clause eId="{CLAUSE}"[^>]*>)[^<]*', lambda m: m.group(1) + text, src, count=1)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(out, encoding="utf-8")
    return dest


@pytest.mark.parametrize("lang", ["ja", "fr"])
def test_marks_of_a_long_clause_are_exact_and_bounded(lang):
    from jpfr_accord.release.changes import mark_changes

    old = long_text(lang, 40_000)
    new = changed_everywhere(old)
    marks = mark_changes(old, new, lang)
    assert "".join(t for op, t in marks if op != "+") == old
    assert "".join(t for op, t in marks if op != "-") == new
    kept = sum(len(t) for op, t in marks if op == "=")
    assert kept > len(old) // 2  # a few words changed: most of the clause is shown as kept
    assert any(op == "+" and "XYZ" in t for op, t in marks)


def test_a_word_changed_in_a_long_clause_is_marked_alone():
    from jpfr_accord.release.changes import mark_changes

    old = long_text("fr", 40_000)
    middle = old.index(" ", 20_000)
    new = old[:middle] + " NOUVEAU" + old[middle:]
    marks = mark_changes(old, new, "fr")
    assert [op for op, _ in marks] == ["=", "+", "="]
    assert marks[1][1].strip() == "NOUVEAU"


@pytest.mark.parametrize("lang", ["ja", "fr"])
def test_diff_of_a_changed_40000_character_clause_finishes(tmp_path, lang):
    old = long_text(lang, 40_000)
    a = with_clause(lang, old, tmp_path / "a" / lang / f"{DOC_ID}.xml")
    b = with_clause(lang, changed_everywhere(old), tmp_path / "b" / lang / f"{DOC_ID}.xml")
    done = run(["diff", "--format", "json", a, b], tmp_path, timeout=60)
    assert done.returncode == 0, done.stderr
    assert '"changed"' in done.stdout and "XYZ" in done.stdout


def _invalid_attributes(dest: Path, n: int) -> None:
    paras = "".join(f'    <para eId="sec_1__para_{i}">\n      <clause eId="sec_1__para_{i}__cl_1" actor="not valid!">t {i}</clause>\n'
                    "    </para>\n" for i in range(1, n + 1))
    dest.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<declaration xmlns="urn:jpfr-accord:declaration:1" '
                    'xml:lang="ja" id="x" status="authentic">\n  <meta>\n    <title>t</title>\n  </meta>\n'
                    f'  <section eId="sec_1" num="1">\n    <heading>h</heading>\n{paras}  </section>\n</declaration>\n',
                    encoding="utf-8")


def test_twenty_thousand_invalid_attributes_give_a_bounded_list(tmp_path):
    from jpfr_accord.load import load_document
    from jpfr_accord.load.schema import MAX_VIOLATIONS

    path = tmp_path / "x.xml"
    _invalid_attributes(path, 20_000)
    _, findings = load_document(path)
    assert len(findings) == MAX_VIOLATIONS + 1
    assert findings[-1].code == "XML001" and "more schema violations" in findings[-1].message
    assert "19800" in findings[-1].message
    assert all("actor" in f.message for f in findings[:-1])
