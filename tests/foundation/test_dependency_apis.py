"""The dependencies are within the bounds pyproject declares, and the private APIs the
code relies on are still there: when an upgrade moves one, this fails by name instead
of a render or a verify failing with an AttributeError in a user's hands."""

from __future__ import annotations

import inspect
import tomllib
from importlib import metadata

import pytest
from packaging.requirements import Requirement

from jpfr_testing import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
DECLARED = [Requirement(r) for r in PYPROJECT["dependencies"] + PYPROJECT["optional-dependencies"]["render"]]


@pytest.mark.parametrize("req", DECLARED, ids=lambda r: r.name)
def test_installed_version_is_within_the_declared_bounds(req):
    installed = metadata.version(req.name)
    assert req.specifier.contains(installed, prereleases=True), (
        f"{req.name} {installed} is outside {req.specifier}: test the code against it, then move the bound"
    )


def test_private_bagit_api_used_by_release_and_verify():
    import bagit

    assert callable(bagit._load_tag_file)  # release/manifest.py: RFC 8493 §2.2.2 tag files
    assert list(inspect.signature(bagit._load_tag_file).parameters)[:1] == ["tag_file_name"]
    for name in ("_validate_structure", "_validate_bagittxt", "_validate_entries"):  # release/verify.py
        assert callable(getattr(bagit.Bag, name, None)), f"bagit.Bag.{name} is gone"
    assert "processes" in inspect.signature(bagit.Bag._validate_entries).parameters


def test_weasyprint_api_used_by_render():
    from weasyprint import urls
    from weasyprint.pdf import tags

    assert callable(getattr(tags, "_build_box_tree", None)), "weasyprint.pdf.tags._build_box_tree is gone"
    for name in ("FatalURLFetchingError", "URLFetcher", "URLFetcherResponse"):
        assert hasattr(urls, name), f"weasyprint.urls.{name} is gone (WeasyPrint < 68?)"


def test_weasyprint_layout_api_wrapped_for_japanese_justification():
    """render/justify.py wraps ``layout.inline.justify_line`` and lays text out again
    with ``text.line_break.create_layout``: both signatures are what it calls."""
    from weasyprint.layout import inline
    from weasyprint.text.line_break import create_layout

    assert list(inspect.signature(inline.justify_line).parameters)[:3] == ["context", "line", "extra_width"]
    params = inspect.signature(create_layout).parameters
    for name in ("text", "style", "context", "max_width", "justification_spacing"):
        assert name in params, f"weasyprint.text.line_break.create_layout lost {name!r}"
