"""The exporter table, the public API and the shared writing rules."""

from __future__ import annotations

import pytest
from export_helpers import MINI, mini_pair, snapshot

from jpfr_accord.errors import ExportError, UnknownFormatError
from jpfr_accord.export import EXPORTERS, export_document, get_exporter

ALL = ("tmx", "xliff", "akn", "tei", "json", "markdown", "text")


def test_every_format_is_registered_once_with_its_attributes():
    assert sorted(EXPORTERS) == sorted(ALL)
    for name, cls in EXPORTERS.items():
        assert cls.name == name
        assert cls.suffix.startswith(".")
        assert "/" in cls.media_type


def test_unknown_format_lists_the_valid_names():
    with pytest.raises(UnknownFormatError) as err:
        get_exporter("docx")
    assert str(err.value) == "unknown export format 'docx'; valid: akn, json, markdown, tei, text, tmx, xliff"


@pytest.mark.parametrize("fmt", ALL)
def test_exports_are_byte_identical_twice_and_into_a_folder(fmt, tmp_path):
    pair = mini_pair()
    first = export_document(pair, fmt, tmp_path / "a")
    second = export_document(pair, fmt, tmp_path / "b")
    assert [p.name for p in first] == [p.name for p in second]
    assert all(p.parent == tmp_path / "a" for p in first)
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
    expected = 2 if EXPORTERS[fmt].per_language else 1
    assert len(first) == expected
    if expected == 2:
        assert [p.name for p in first] == [f"{MINI}.ja{EXPORTERS[fmt].suffix}", f"{MINI}.fr{EXPORTERS[fmt].suffix}"]


def test_a_bilingual_format_writes_the_file_named(tmp_path):
    dest = tmp_path / "out" / "memory.tmx"
    assert export_document(mini_pair(), "tmx", dest) == [dest]
    assert dest.read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">')


def test_a_per_language_format_refuses_a_file_as_folder(tmp_path):
    dest = tmp_path / "exists.txt"
    dest.write_text("keep me")
    with pytest.raises(ExportError, match="one file per language; -o must be a folder"):
        export_document(mini_pair(), "akn", dest)
    assert dest.read_text() == "keep me"


def test_an_unwritable_destination_leaves_nothing_behind(tmp_path):
    out = tmp_path / "ro"
    out.mkdir()
    (out / f"{MINI}.fr.md").mkdir()  # the second file cannot replace a folder
    with pytest.raises(ExportError):
        export_document(mini_pair(), "markdown", out)
    assert sorted(p.name for p in out.iterdir()) == [f"{MINI}.fr.md"]  # no .ja.md, no temporary file


def test_a_version_folder_is_a_folder_not_a_file(tmp_path):
    pair = mini_pair()
    assert export_document(pair, "json", tmp_path / "releases" / "1.2.0") == [
        tmp_path / "releases" / "1.2.0" / f"{MINI}.json"
    ]
    assert export_document(pair, "json", tmp_path / "memory.data") == [tmp_path / "memory.data"]
