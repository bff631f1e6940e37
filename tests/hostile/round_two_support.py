"""Helpers of the second round of hostile-input tests (issue #17): every command runs in
a subprocess with a timeout (a hang fails fast instead of blocking the suite) and,
where input could exhaust memory, under an address-space limit (a regression fails
with an error instead of driving the machine into the OOM killer)."""

from __future__ import annotations

import ctypes
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

#: Address-space limit of a command that must not read without bound.
MEMORY_LIMIT = 3 << 30


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _without_root_bypass() -> None:
    """Drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the bounding set, so that a
    command run by root meets EACCES on a folder without permission as a user would."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def run(args: list[str], cwd: Path, *, env: dict[str, str] | None = None, timeout: float = 60,
        limit_memory: bool = False, as_user: bool = False, input: bytes | None = None) -> subprocess.CompletedProcess:
    """``python -m jpfr_accord ARGS`` in ``cwd``; text output; fails the test on a timeout."""

    def prepare() -> None:
        if limit_memory:
            _limit_memory()
        if as_user:
            _without_root_bypass()

    full_env = {**os.environ, **(env or {})}
    try:
        done = subprocess.run([sys.executable, "-m", "jpfr_accord", *map(str, args)], cwd=cwd, env=full_env,
                              capture_output=True, timeout=timeout, preexec_fn=prepare, input=input)
    except subprocess.TimeoutExpired:
        pytest.fail(f"jpfr {' '.join(map(str, args))} did not finish within {timeout} s (it hangs)")
    done.stdout = done.stdout.decode("utf-8", "replace")
    done.stderr = done.stderr.decode("utf-8", "replace")
    return done


def assert_clean_error(done: subprocess.CompletedProcess, *needles: str, code: int = 2) -> str:
    """Exit ``code``, stderr exactly one line ``jpfr: error: …`` holding every needle, no traceback."""
    err = done.stderr
    assert done.returncode == code, (done.returncode, done.stdout[-2000:], err[-2000:])
    assert "Traceback" not in err and "internal error" not in err, err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("jpfr: error: "), err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes (links not followed)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.is_symlink()}
