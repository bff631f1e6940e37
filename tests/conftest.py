"""Shared fixtures: corpus copies and the CLI runner (helpers live in jpfr_testing.py)."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings


import http.server

from jpfr_testing import CHROMIUM_ARGS, CORPUS, FIXTURES, TrapHandler, Run

# No test may depend on luck: every property test draws the same examples on every
# run and machine (derandomize), and no example database carries state between runs.
# An example that once failed is kept in the test as an explicit ``@example``.
settings.register_profile("jpfr", derandomize=True, database=None, print_blob=True)
settings.load_profile("jpfr")


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Caches the toolkit keeps between runs (compiled templates) go to a folder of
    the test session, not the home of whoever runs the tests."""
    import os

    os.environ["JPFR_CACHE_DIR"] = str(tmp_path_factory.mktemp("jpfr-cache"))


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A private copy of the real corpus; tests break it in their own ways."""
    dest = tmp_path / "corpus"
    shutil.copytree(CORPUS, dest)
    return dest


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "mini", dest)
    return dest


@pytest.fixture
def jpfr(monkeypatch):
    """Call the CLI in-process: ``jpfr("check", "corpus", cwd=tmp)``; asserts no traceback."""
    from jpfr_accord.cli import cli

    def run(*args: str, cwd: Path | None = None, input: str | None = None) -> Run:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        result = CliRunner().invoke(cli, list(map(str, args)), input=input, catch_exceptions=True)
        out = Run(result)
        assert "Traceback" not in out.stdout + out.stderr, out
        if result.exception and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"uncaught {result.exception!r}") from result.exception
        return out

    return run




@pytest.fixture(scope="session")
def http_trap():
    """The port of a local HTTP server that hostile inputs point at; every request it
    gets is in ``jpfr_testing.TRAP_HITS`` (it must get none)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), TrapHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright (no browser is downloaded)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def pytest_addoption(parser):
    parser.addoption("--update-visual", action="store_true", default=False,
                     help="Rewrite the reference images of tests/render/test_visual.py from this run "
                          "(after looking at them: an intended change of the page).")
