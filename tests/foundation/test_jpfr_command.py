"""The `jpfr` command itself: help, version, entry points, and how it fails."""

from __future__ import annotations

import subprocess
import sys

from jpfr_accord.version import __version__
from jpfr_testing import ROOT

COMMANDS = ["accept", "align", "check", "diff", "doctor", "dump", "export", "import", "import-docx", "import-tmx",
            "import-xliff", "release", "render", "rules", "serve", "verify"]


def test_help_lists_every_command_with_a_description(jpfr):
    run = jpfr("--help")
    assert run.exit_code == 0
    listed = {}
    in_commands = False
    for line in run.stdout.splitlines():
        if line.startswith("Commands:"):
            in_commands = True
        elif in_commands and line.strip():
            name, _, desc = line.strip().partition(" ")
            listed[name] = desc.strip()
    assert sorted(listed) == COMMANDS
    assert all(listed.values()), listed


def test_version(jpfr):
    run = jpfr("--version")
    assert run.exit_code == 0 and run.stdout.strip() == f"jpfr, version {__version__}"


def test_python_dash_m_and_console_script_agree():
    a = subprocess.run([sys.executable, "-m", "jpfr_accord", "--version"], capture_output=True, text=True, cwd=ROOT)
    b = subprocess.run([str(ROOT / ".venv" / "bin" / "jpfr"), "--version"], capture_output=True, text=True, cwd=ROOT)
    assert a.returncode == b.returncode == 0 and a.stdout == b.stdout


def test_a_closed_pipe_is_not_an_error():
    proc = subprocess.run(
        f"{sys.executable} -m jpfr_accord rules | head -1", shell=True, capture_output=True, text=True, cwd=ROOT
    )
    assert proc.stdout.startswith("ALN001")
    assert proc.stderr == ""


def test_an_unexpected_error_is_one_line_without_traceback(jpfr, monkeypatch, corpus_copy):
    import jpfr_accord.load.align as align

    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(align, "load_document", boom)
    run = jpfr("check", cwd=corpus_copy.parent)
    assert run.exit_code == 2
    assert run.stderr == "jpfr: internal error: RuntimeError: disk on fire (rerun with --traceback)\n"


def test_usage_errors_exit_2(jpfr):
    run = jpfr("accept", "ai-cooperation-2026")
    assert run.exit_code == 2 and "name the clause ids to accept, or pass --all" in run.stderr
    run = jpfr("check", "--format", "yaml")
    assert run.exit_code == 2
