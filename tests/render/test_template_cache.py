"""The cache of compiled templates: it makes a render start faster and never changes one."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from jpfr_testing import CORPUS, DOC_ID
from jpfr_accord.load import load_pair
from jpfr_accord.render import html as html_module
from jpfr_accord.render.context import build_view


class _Touch:
    """A pickle that creates a file when it is loaded: proof that an entry was read."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


@pytest.fixture
def render(monkeypatch, tmp_path):
    """``render()``: the side-by-side HTML of the corpus, as a new process would make it
    (a fresh Jinja2 environment) with the cache in ``tmp_path/cache``."""
    view = build_view(load_pair(DOC_ID, CORPUS), layout="side-by-side", left="ja", medium="html")
    monkeypatch.setenv("JPFR_CACHE_DIR", str(tmp_path / "cache"))

    def run() -> str:
        html_module._environment.cache_clear()
        return html_module.html_string(view)

    yield run
    html_module._environment.cache_clear()


def _entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").glob("templates-*/__jinja2_*.cache"))


def test_entries_are_written_privately_and_reused_with_the_same_result(render, tmp_path):
    first = render()
    entries = _entries(tmp_path)
    assert entries, "no compiled template was cached"
    assert entries[0].parent.stat().st_mode & 0o777 == 0o700
    stamps = [e.stat().st_mtime_ns for e in entries]
    assert render() == first
    assert [e.stat().st_mtime_ns for e in _entries(tmp_path)] == stamps  # read, not written again


def test_a_damaged_entry_is_compiled_again(render, tmp_path):
    first = render()
    for entry in _entries(tmp_path):
        entry.write_bytes(b"j2\x00garbage")
    assert render() == first


def test_an_edited_template_is_not_served_from_the_cache(render, tmp_path, monkeypatch):
    render()
    templates = tmp_path / "templates"
    import shutil

    from jpfr_accord.resources import templates_dir

    shutil.copytree(templates_dir(), templates)
    page = templates / html_module.TEMPLATE
    page.write_text(page.read_text(encoding="utf-8").replace("<body", "<!-- edited --><body", 1), encoding="utf-8")
    monkeypatch.setattr(html_module, "templates_dir", lambda: templates)
    assert "<!-- edited -->" in render()


def test_a_folder_others_may_write_to_is_never_read(render, tmp_path):
    first = render()
    marker = tmp_path / "pickle-was-loaded"
    from jinja2.bccache import bc_magic

    for entry in _entries(tmp_path):
        entry.write_bytes(bc_magic + pickle.dumps(_Touch(marker)))
    folder = _entries(tmp_path)[0].parent
    folder.chmod(0o777)
    assert render() == first
    assert not marker.exists()


def test_caching_can_be_turned_off(render, tmp_path, monkeypatch):
    monkeypatch.setenv("JPFR_CACHE_DIR", "off")
    render()
    assert not (tmp_path / "cache").exists()


def test_without_a_home_nothing_is_cached_in_the_working_folder(monkeypatch, tmp_path):
    from jpfr_accord.resources import cache_dir

    monkeypatch.delenv("JPFR_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr("os.path.expanduser", lambda path: path)  # no HOME, no password entry
    assert cache_dir("templates") is None
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir("templates") == tmp_path / "xdg" / "jpfr-accord" / "templates"
