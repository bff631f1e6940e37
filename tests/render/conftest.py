"""Render test fixtures: the real corpus rendered once per session, the draft fixture."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
DOC_ID = "ai-cooperation-2026"
RENDER_FIXTURES = ROOT / "tests" / "fixtures" / "render"


@pytest.fixture(scope="session")
def pair():
    from jpfr_accord.load import load_pair

    return load_pair(DOC_ID, CORPUS)


@pytest.fixture(scope="session")
def draft_pair():
    from jpfr_accord.load import load_pair

    return load_pair("draft", RENDER_FIXTURES)


@pytest.fixture(scope="session")
def no_epoch():
    """Rendering without SOURCE_DATE_EPOCH (the session must not depend on the caller's)."""
    mp = pytest.MonkeyPatch()
    mp.delenv("SOURCE_DATE_EPOCH", raising=False)
    yield
    mp.undo()


@pytest.fixture(scope="session")
def corpus_pdf(pair, no_epoch, tmp_path_factory):
    """The corpus as the default PDF (side by side, A4, tagged), and its RenderResult."""
    from jpfr_accord.render import render_pdf

    dest = tmp_path_factory.mktemp("pdf") / "out" / f"{DOC_ID}.pdf"
    return render_pdf(pair, dest)


@pytest.fixture(scope="session")
def corpus_html(pair, tmp_path_factory) -> Path:
    from jpfr_accord.render import render_html

    return render_html(pair, tmp_path_factory.mktemp("html") / f"{DOC_ID}.html")


@pytest.fixture(scope="session")
def report_page(tmp_path_factory) -> Path:
    """The check report of the corpus with one wrong French date (see render_pages.py)."""
    from render_pages import check_report

    return check_report(tmp_path_factory.mktemp("report"))


@pytest.fixture(scope="session")
def redline_page(pair, tmp_path_factory) -> Path:
    from render_pages import redline

    return redline(pair, tmp_path_factory.mktemp("redline"))


@pytest.fixture(scope="session")
def index_page(tmp_path_factory) -> Path:
    from render_pages import release_index

    return release_index(tmp_path_factory.mktemp("index"))
