"""Every command the README shows runs as written.

The README marks its runnable blocks with an HTML comment ``<!-- readme-test -->``
on the line before the fence. The ``sh`` blocks run in order as one shell
script (``set -e``: any failing line fails the test, and the line is named) in a
scratch copy of the repository's tracked files, a git repository of its own with
the set-up's ``.venv`` linked in, as a user would after ``make demo``; the
``python`` blocks run there too, with that virtual environment's Python. The
command table's examples are run as well, in the table's order.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jpfr_testing import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"<!-- readme-test -->\n```(sh|python)\n(.*?)```", re.S)


def blocks(kind: str) -> list[str]:
    return [body for k, body in BLOCK.findall(README) if k == kind]


def table_examples() -> list[str]:
    """The example column of the command table: every `jpfr …` in its last cell."""
    out = []
    for line in README.splitlines():
        if line.startswith("| `") and line.count("|") >= 4:
            last = line.rstrip().rstrip("|").rsplit("|", 1)[-1]
            out += re.findall(r"`(jpfr [^`]+)`", last)
    return out


@pytest.fixture
def scratch(tmp_path_factory) -> Path:
    """A fresh scratch copy for each test: each list of commands runs from the start."""
    repo = tmp_path_factory.mktemp("readme") / "jpfr-accord"
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.splitlines()
    for rel in files:
        src = ROOT / rel
        if src.is_file() and not src.is_symlink():
            (repo / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, repo / rel)
    (repo / ".venv").symlink_to(Path(sys.prefix))
    # the development set of real pairs, beside the repository as in a checkout (`../shared/real/`)
    if (ROOT.parent / "shared").is_dir():
        (repo.parent / "shared").symlink_to(ROOT.parent / "shared")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "scratch"]):
        subprocess.run(cmd, cwd=repo, check=True, env=env)
    return repo


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    # as after `make demo` in a new shell: the virtual environment is not on PATH
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if not p.startswith(sys.prefix))
    env["JPFR_CACHE_DIR"] = env.get("JPFR_CACHE_DIR", "off")
    return env


def test_readme_has_runnable_blocks_and_a_command_table():
    assert blocks("sh") and blocks("python") and len(table_examples()) >= 10


def test_shell_blocks_run_as_written(scratch):
    script = "set -eu\n" + "\n".join(blocks("sh"))
    proc = subprocess.run(["bash", "-xc", script], cwd=scratch, env=_env(), capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, f"README shell block failed:\n{proc.stderr[-3000:]}"


def test_python_blocks_run_as_written(scratch):
    for body in blocks("python"):
        proc = subprocess.run([str(scratch / ".venv" / "bin" / "python"), "-c", body], cwd=scratch, env=_env(),
                              capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, f"README python block failed:\n{body}\n{proc.stderr[-3000:]}"


def test_command_table_examples_run_as_written(scratch):
    env = _env()
    env["PATH"] = f"{scratch / '.venv' / 'bin'}{os.pathsep}{env['PATH']}"
    for example in table_examples():
        if example.startswith("jpfr serve"):
            _serve_until_listening(example, scratch, env)
            continue
        proc = subprocess.run(["bash", "-c", example], cwd=scratch, env=env, capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, f"{example!r} exited {proc.returncode}: {proc.stderr[-2000:]}"
        assert "Traceback" not in proc.stderr


def _serve_until_listening(example: str, cwd: Path, env: dict[str, str]) -> None:
    """A server runs until stopped: start it as written, wait for the URL it prints,
    then stop it with Ctrl-C (SIGINT) as a user would, and expect a clean exit."""
    import select
    import signal
    import time

    proc = subprocess.Popen(shlex.split(example), cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    seen = ""
    try:
        deadline = time.monotonic() + 60
        while "http://127.0.0.1:" not in seen and time.monotonic() < deadline and proc.poll() is None:
            ready, _, _ = select.select([proc.stdout], [], [], 1.0)
            if ready:
                seen += proc.stdout.readline()
        assert "http://127.0.0.1:" in seen, f"{example!r} printed no URL: {seen[-2000:]}"
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            rest, _ = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            rest, _ = proc.communicate()
    assert proc.returncode == 0, f"{example!r} did not stop cleanly on Ctrl-C ({proc.returncode}): {(seen + rest)[-2000:]}"
    assert "Traceback" not in seen + rest
