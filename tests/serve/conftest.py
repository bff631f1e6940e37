"""Workbench fixtures: a corpus of two documents, a live server on a free loopback port, a browser page."""

from __future__ import annotations

import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from jpfr_testing import CORPUS
from serve_testing import DOC, OTHER, SERVE_FIXTURES


@pytest.fixture
def two_docs(tmp_path: Path) -> Path:
    """The bundled corpus plus a small second document (suggestions come from other documents)."""
    dest = tmp_path / "corpus"
    shutil.copytree(CORPUS, dest)
    for lang in ("ja", "fr"):
        shutil.copy(SERVE_FIXTURES / lang / f"{OTHER}.xml", dest / lang / f"{OTHER}.xml")
    return dest


@dataclass
class Live:
    url: str
    token: str
    corpus: Path
    port: int
    cookie: str

    @property
    def printed_url(self) -> str:
        """What ``jpfr serve`` prints: the address with the session's secret."""
        return f"{self.url}?token={self.token}"

    def file(self, lang: str = "fr", doc: str = DOC) -> Path:
        return self.corpus / lang / f"{doc}.xml"


@pytest.fixture
def live(two_docs: Path):
    """uvicorn serving the workbench over ``two_docs`` in a thread, on a free port of 127.0.0.1."""
    import uvicorn

    from jpfr_accord.serve import bind, create_app

    bound = bind("127.0.0.1", 0)
    app = create_app(two_docs, host="127.0.0.1", port=bound.port)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [bound.sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the workbench did not start"
        time.sleep(0.02)
    yield Live(bound.url, app.token, two_docs, bound.port, app.cookie)
    server.should_exit = True
    thread.join(10)
    bound.sock.close()


@pytest.fixture
def page(browser, live):
    """A fresh browser page (wide screen) with the live workbench; console errors fail the test."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.set_default_timeout(10_000)
    pg.goto(live.printed_url)  # as the translator does: the secret becomes the session's cookie
    pg.jpfr_expected = []  # statuses a test provokes on purpose ("404")
    yield pg
    context.close()
    # refused saves and pages that do not exist are logged by Chromium as failed loads
    unexpected = [e for e in errors if not any(f"status of {s}" in e for s in pg.jpfr_expected)]
    assert not unexpected, unexpected
