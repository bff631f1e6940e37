"""Unreadable input: one line naming file and line, exit 2, no traceback, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from jpfr_testing import DOC_ID

FR = f"fr/{DOC_ID}.xml"


def _check(jpfr, corpus: Path):
    run = jpfr("check", "corpus", cwd=corpus.parent)
    assert run.exit_code == 2, run
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    return lines[0]


def _replace(corpus: Path, data: bytes) -> Path:
    path = corpus / FR
    path.write_bytes(data)
    return path


def test_malformed_xml_names_file_and_line(jpfr, corpus_copy):
    path = corpus_copy / FR
    text = path.read_text(encoding="utf-8").replace("</para>", "</paragraph>", 3)
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    bad = next(i for i, line in enumerate(lines, 1) if "</paragraph>" in line)
    msg = _check(jpfr, corpus_copy)
    assert msg.startswith(f"jpfr: error: corpus/{FR}:{bad}: not well-formed XML")


def test_truncated_file(jpfr, corpus_copy):
    data = (corpus_copy / FR).read_bytes()
    _replace(corpus_copy, data[: len(data) // 2])
    assert "not well-formed XML" in _check(jpfr, corpus_copy)


def test_missing_file(jpfr, corpus_copy):
    run = jpfr("check", "corpus/fr/nothing.xml", cwd=corpus_copy.parent)
    assert run.exit_code == 2
    assert run.stderr.strip() == "jpfr: error: corpus/fr/nothing.xml: no such file or directory"


def test_shift_jis_without_declaration(jpfr, corpus_copy):
    ja = corpus_copy / "ja" / f"{DOC_ID}.xml"
    ja.write_bytes(ja.read_text(encoding="utf-8").encode("shift_jis"))
    msg = _check(jpfr, corpus_copy)
    assert f"corpus/ja/{DOC_ID}.xml:4: file is not valid UTF-8" in msg


def test_shift_jis_with_declaration(jpfr, corpus_copy):
    ja = corpus_copy / "ja" / f"{DOC_ID}.xml"
    text = ja.read_text(encoding="utf-8").replace('encoding="UTF-8"', 'encoding="Shift_JIS"')
    ja.write_bytes(text.encode("shift_jis"))
    assert "encoding 'Shift_JIS' is not supported; save the file as UTF-8" in _check(jpfr, corpus_copy)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16(jpfr, corpus_copy, codec):
    path = corpus_copy / FR
    path.write_bytes(path.read_text(encoding="utf-8").encode(codec))
    assert "file is UTF-16; save it as UTF-8" in _check(jpfr, corpus_copy)


def test_empty_file(jpfr, corpus_copy):
    _replace(corpus_copy, b"")
    assert _check(jpfr, corpus_copy).endswith(f"corpus/{FR}:1: file is empty")


def test_directory_instead_of_file(jpfr, corpus_copy):
    path = corpus_copy / FR
    path.unlink()
    path.mkdir()
    assert "is a directory" in _check(jpfr, corpus_copy)


def test_unreadable_file(jpfr, corpus_copy):
    import os

    if os.geteuid() == 0:
        # root reads everything: use a name that cannot be opened instead (a dangling link)
        path = corpus_copy / FR
        path.unlink()
        path.symlink_to(corpus_copy / "nowhere.xml")
        assert "no such file" in _check(jpfr, corpus_copy)
    else:
        (corpus_copy / FR).chmod(0)
        assert "permission denied" in _check(jpfr, corpus_copy)


def test_doctype_and_entities_are_refused(jpfr, corpus_copy, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    path = corpus_copy / FR
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE declaration [<!ENTITY xxe SYSTEM "file://{secret}">]>',
    ).replace("Les deux dirigeants ont salué", "&xxe; ont salué", 1)
    path.write_text(text, encoding="utf-8")
    msg = _check(jpfr, corpus_copy)
    assert f"corpus/{FR}:2: DOCTYPE declarations are refused" in msg
    assert "TOP SECRET" not in msg


def test_wrong_root_and_namespace(jpfr, corpus_copy):
    path = corpus_copy / FR
    path.write_text(path.read_text(encoding="utf-8").replace("urn:jpfr-accord:declaration:1", "urn:other"), encoding="utf-8")
    msg = _check(jpfr, corpus_copy)
    assert f"corpus/{FR}:2: root element is <declaration> in namespace 'urn:other'" in msg
    _replace(corpus_copy, b'<?xml version="1.0" encoding="UTF-8"?>\n<html><body/></html>\n')
    assert "root element is <html> without namespace" in _check(jpfr, corpus_copy)


def test_bom_and_crlf_are_accepted(jpfr, corpus_copy):
    path = corpus_copy / FR
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    run = jpfr("check", "corpus", "--select", "XML,ALN,STR,NUM,CMT001,CMT002,REV", cwd=corpus_copy.parent)
    assert run.exit_code == 0, run


def test_nul_and_control_characters(jpfr, corpus_copy):
    path = corpus_copy / FR
    path.write_bytes(path.read_bytes().replace("salué".encode(), b"sa\x00lu\x07", 1))
    assert "not well-formed XML" in _check(jpfr, corpus_copy)


def test_size_limit_is_clear_and_configurable(jpfr, corpus_copy, monkeypatch):
    monkeypatch.setenv("JPFR_MAX_BYTES", "1000")
    msg = _check(jpfr, corpus_copy)
    assert "over the limit of 1000 (set JPFR_MAX_BYTES to raise it)" in msg


def test_missing_root_attribute_cannot_be_read(jpfr, corpus_copy):
    path = corpus_copy / FR
    path.write_text(path.read_text(encoding="utf-8").replace(' xml:lang="fr"', ""), encoding="utf-8")
    msg = _check(jpfr, corpus_copy)
    assert f"corpus/{FR}:2: cannot read the declaration" in msg


def test_check_does_not_write_anything(jpfr, corpus_copy):
    before = {p: p.read_bytes() for p in corpus_copy.rglob("*") if p.is_file()}
    (corpus_copy / FR).write_bytes(b"<broken")
    before[corpus_copy / FR] = b"<broken"
    jpfr("check", "corpus", cwd=corpus_copy.parent)
    after = {p: p.read_bytes() for p in corpus_copy.rglob("*") if p.is_file()}
    assert after == before


def test_subprocess_has_no_traceback(corpus_copy):
    import subprocess
    import sys

    (corpus_copy / FR).write_bytes(b"<broken")
    proc = subprocess.run(
        [sys.executable, "-m", "jpfr_accord", "check", "corpus"], cwd=corpus_copy.parent, capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith(f"jpfr: error: corpus/{FR}:1: not well-formed XML")
