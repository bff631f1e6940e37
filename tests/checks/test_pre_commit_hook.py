"""The pre-commit hook definition: a translation repository can run `jpfr check` on commit."""

from __future__ import annotations

import re
import shlex

from jpfr_testing import ROOT


def _hook() -> dict[str, str]:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    # one hook, flat "key: value" lines (no YAML parser needed for this file)
    return dict(re.findall(r"^\s*-?\s*([a-z_]+): (.+)$", text, re.M))


def test_hook_runs_jpfr_check_on_corpus_changes():
    hook = _hook()
    assert hook["id"] == "jpfr-check" and hook["language"] == "python" and hook["pass_filenames"] == "false"
    files = re.compile(hook["files"])
    for path in ("corpus/fr/ai-cooperation-2026.xml", "corpus/glossary.tsv", "translations/corpus/ja/x.xml", "jpfr.toml"):
        assert files.search(path), path
    assert not files.search("src/jpfr_accord/cli.py")


def test_hook_entry_is_a_working_command(jpfr):
    args = shlex.split(_hook()["entry"])
    assert args[0] == "jpfr"
    run = jpfr(*args[1:], cwd=ROOT)
    assert run.exit_code == 0, run
