"""The Word document in a release: present, checksummed, dated by the release, the same bytes twice."""

from __future__ import annotations

from pathlib import Path

import bagit
import docx

from jpfr_accord.release import build_release

from .conftest import DOC

DATE = "2026-04-01"


def test_release_holds_a_reproducible_docx(fake_render, corpus, tmp_path):
    a = Path(build_release(DOC, "1.0.0", corpus=corpus, out=tmp_path / "a", date=DATE, jobs=1).path)
    b = Path(build_release(DOC, "1.0.0", corpus=corpus, out=tmp_path / "b", date=DATE, jobs=2).path)
    word = a / "data" / "docx" / f"{DOC}.docx"
    assert word.read_bytes() == (b / "data" / "docx" / f"{DOC}.docx").read_bytes()
    assert f"data/docx/{DOC}.docx" in bagit.Bag(str(a)).payload_entries()
    props = docx.Document(str(word)).core_properties
    assert props.identifier == DOC and props.version == "1.0.0"
    assert props.created.date().isoformat() == DATE
    footer = docx.Document(str(word)).sections[0].footer.paragraphs[0].text
    assert "1.0.0" in footer
