"""Semantic versions (semver.org), document ids and contained paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from jpfr_accord.errors import ReleaseError
from jpfr_accord.release.versions import bump_between, check_doc_id, contained_path, parse_version


@pytest.mark.parametrize("text", ["1.0.0", "0.0.1", "10.20.30", "1.0.0-rc.1", "1.0.0-alpha.beta", "1.0.0+build.7",
                                  "1.0.0-0.3.7", "1.0.0-x-y-z.--", "2.0.0-rc.1+build.123"])
def test_valid_semver_round_trips(text):
    assert str(parse_version(text)) == text


@pytest.mark.parametrize("text", ["1.0", "1", "v1.0.0", "01.0.0", "1.02.0", "1.0.0-01", "1.0.0.post1", "1.0.0-",
                                  "1.0.0+", "../1.0.0", "1.0.0/x", "", " 1.0.0", "1.0.0\n"])
def test_invalid_semver_is_refused(text):
    with pytest.raises(ReleaseError, match="not a semantic version"):
        parse_version(text)


def test_precedence_follows_semver_section_11():
    # the example list of semver.org section 11.4, in increasing precedence
    ordered = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
               "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0"]
    keys = [parse_version(v).precedence for v in ordered]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)
    # build metadata does not take part in precedence
    assert parse_version("1.0.0+b1").precedence == parse_version("1.0.0").precedence


def test_bumps():
    v = parse_version("1.4.2")
    assert str(v.bumped("major")) == "2.0.0"
    assert str(v.bumped("minor")) == "1.5.0"
    assert str(v.bumped("patch")) == "1.4.3"
    assert bump_between(None, v) == "initial"
    assert bump_between(parse_version("1.4.1"), v) == "patch"
    assert bump_between(parse_version("1.3.9"), v) == "minor"
    assert bump_between(parse_version("0.9.0"), v) == "major"


@pytest.mark.parametrize("doc_id", ["..", "../x", "a/b", "a..b", ".hidden", "", "A", "x\\y", "accord\n"])
def test_bad_document_ids_are_refused(doc_id):
    with pytest.raises(ReleaseError, match="invalid document id"):
        check_doc_id(doc_id)


def test_contained_path_refuses_escapes(tmp_path: Path):
    assert contained_path(tmp_path, "doc", "1.0.0") == tmp_path.resolve() / "doc" / "1.0.0"
    for parts in (("..",), ("a", ".."), ("a/b",), ("",)):
        with pytest.raises(ReleaseError, match="outside the output folder"):
            contained_path(tmp_path, *parts)
    (tmp_path / "link").symlink_to(tmp_path.parent)
    with pytest.raises(ReleaseError, match="outside the output folder"):
        contained_path(tmp_path, "link", "x")
