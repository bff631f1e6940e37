"""``jpfr verify``: a release tampered with in each way is reported, file by file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import bagit
import pytest

from jpfr_accord.release import build_release, verify_release
from jpfr_accord.release.manifest import write_tagmanifest

from .conftest import DOC, fake_pdf_bytes, make_writable


@pytest.fixture
def rel(fake_render, corpus, tmp_path) -> Path:
    root = Path(build_release(DOC, "1.0.0", corpus=corpus, out=tmp_path / "r", date="2026-04-01", jobs=1).path)
    make_writable(root)
    return root


def problems(root: Path) -> list[tuple[str, str]]:
    return [(p.path, p.kind) for p in verify_release(root).problems]


def rebag(root: Path) -> None:
    """What a careful forger would do: recompute the manifests after the change."""
    bag = bagit.Bag(str(root))
    bag.save(manifests=True)
    write_tagmanifest(root)


def test_intact_release(rel, jpfr):
    assert problems(rel) == []
    run = jpfr("verify", rel)
    assert run.exit_code == 0, run
    n = sum(1 for p in (rel / "data").rglob("*") if p.is_file())
    assert run.stdout == f"{rel}: intact ({n} payload files, 3 PDFs, 2 XML sources checked)\n"


def test_changed_byte(rel, jpfr):
    html = rel / "data" / "html" / f"{DOC}.html"
    data = bytearray(html.read_bytes())
    data[10] ^= 0x01
    html.write_bytes(bytes(data))
    assert problems(rel) == [(f"data/html/{DOC}.html", "checksum")]
    run = jpfr("verify", rel)
    assert run.exit_code == 1
    assert f"{rel}/data/html/{DOC}.html: checksum: sha256 differs from the manifest" in run.stdout
    assert run.stdout.strip().endswith("1 problem found")


def test_missing_file(rel):
    (rel / "data" / "export" / "json" / f"{DOC}.json").unlink()
    assert problems(rel) == [(f"data/export/json/{DOC}.json", "missing")]


def test_added_files(rel):
    (rel / "data" / "notes.txt").write_text("added later\n", encoding="utf-8")
    (rel / "README").write_text("stray tag file\n", encoding="utf-8")
    assert problems(rel) == [("README", "extra"), ("data/notes.txt", "extra")]


def test_every_problem_is_reported_at_once(rel, jpfr):
    (rel / "data" / "CHANGES.md").write_text("rewritten history\n", encoding="utf-8")
    (rel / "data" / "release.json").unlink()
    (rel / "data" / "extra.bin").write_bytes(b"\0")
    (rel / "bag-info.txt").write_text((rel / "bag-info.txt").read_text(encoding="utf-8").replace("1.0.0", "9.9.9"),
                                      encoding="utf-8")
    assert problems(rel) == [
        ("bag-info.txt", "checksum"),
        ("data/CHANGES.md", "checksum"),
        ("data/extra.bin", "extra"),
        ("data/release.json", "missing"),
    ]
    run = jpfr("verify", rel, "--format", "json")
    assert run.exit_code == 1
    report = json.loads(run.stdout)
    assert report["ok"] is False and len(report["problems"]) == 4


def test_replaced_pdf_attachment_even_with_recomputed_manifests(rel, tmp_path):
    pdf = rel / "data" / "pdf" / f"{DOC}.ja.pdf"
    forged_dir = tmp_path / "forged"
    forged_dir.mkdir()
    for name in (f"{DOC}.ja.xml", f"{DOC}.fr.xml"):
        shutil.copy(rel / "data" / "source" / name, forged_dir / name)
    fr = forged_dir / f"{DOC}.fr.xml"
    fr.write_text(fr.read_text(encoding="utf-8").replace("salué", "regretté"), encoding="utf-8")
    pdf.write_bytes(fake_pdf_bytes(sorted(forged_dir.iterdir())))
    assert (f"data/pdf/{DOC}.ja.pdf", "checksum") in problems(rel)
    rebag(rel)
    report = verify_release(rel)
    assert [(p.path, p.kind, p.message) for p in report.problems] == [
        (f"data/pdf/{DOC}.ja.pdf", "attachment", f"embedded '{DOC}.fr.xml' differs from data/source/{DOC}.fr.xml"),
        # the recomputed manifests no longer match the checksums the index recorded
        ("manifest-sha256.txt", "index", "differs from the checksum recorded in ../index.json at release time"),
        ("tagmanifest-sha256.txt", "index", "differs from the checksum recorded in ../index.json at release time"),
    ]
    # a release copied out of its releases folder is checked without the index
    copy = tmp_path / "copy" / "1.0.0"
    shutil.copytree(rel, copy)
    assert [p.kind for p in verify_release(copy).problems] == ["attachment"]


def test_pdf_without_sources_or_pdfa_claim(rel):
    import pikepdf

    pdf = rel / "data" / "pdf" / f"{DOC}.fr.pdf"
    plain = pikepdf.new()
    plain.add_blank_page()
    plain.save(pdf)
    rebag(rel)
    messages = [p.message for p in verify_release(rel).problems if p.path == f"data/pdf/{DOC}.fr.pdf"]
    assert sorted(messages) == [
        "does not declare PDF/A-3 (found no PDF/A claim)",
        f"does not embed the source '{DOC}.fr.xml'",
        f"does not embed the source '{DOC}.ja.xml'",
    ]


def test_xml_that_no_longer_passes_the_schema(rel):
    xml = rel / "data" / "source" / f"{DOC}.fr.xml"
    xml.write_text(xml.read_text(encoding="utf-8").replace(">Les talents</heading>",
                                                           ">Les talents</heading><note>x</note>"),
                   encoding="utf-8")
    rebag(rel)
    report = verify_release(rel)
    schema = [p for p in report.problems if p.kind == "schema"]
    assert len(schema) == 1
    assert schema[0].path == f"data/source/{DOC}.fr.xml" and schema[0].line == 20
    assert "note" in schema[0].message
    # the PDFs embed the original source, so they disagree with the changed payload too
    assert {p.path for p in report.problems if p.kind == "attachment"} == {
        f"data/pdf/{DOC}.{part}.pdf" for part in ("side-by-side", "ja", "fr")
    }


def test_unreadable_paths_exit_2(tmp_path, jpfr):
    run = jpfr("verify", tmp_path / "nothing")
    assert run.exit_code == 2 and run.stderr == f"jpfr: error: {tmp_path / 'nothing'}: no such release folder\n"
    f = tmp_path / "file.txt"
    f.write_text("x", encoding="utf-8")
    run = jpfr("verify", f)
    assert run.exit_code == 2 and "not a folder" in run.stderr


def test_folder_that_is_not_a_release(tmp_path, jpfr):
    (tmp_path / "empty").mkdir()
    run = jpfr("verify", tmp_path / "empty")
    assert run.exit_code == 2 and "not a release folder" in run.stderr


def test_release_without_bagit_txt(rel, jpfr):
    (rel / "bagit.txt").unlink()
    (rel / "data" / "CHANGES.md").write_text("rewritten\n", encoding="utf-8")
    run = jpfr("verify", rel)
    assert run.exit_code == 1
    assert f"{rel}/bagit.txt: structure: not a readable BagIt bag" in run.stdout
    # the other problems are still found, from the manifests that are left
    assert f"{rel}/data/CHANGES.md: checksum: sha256 differs from the manifest" in run.stdout


def test_missing_tag_manifest(rel):
    (rel / "tagmanifest-sha256.txt").unlink()
    assert ("tagmanifest-sha256.txt", "missing") in problems(rel)


def test_attachment_that_is_not_an_associated_file(rel):
    import pikepdf

    pdf_path = rel / "data" / "pdf" / f"{DOC}.side-by-side.pdf"
    with pikepdf.open(pdf_path, allow_overwriting_input=True) as pdf:
        del pdf.Root["/AF"]
        pdf.save(pdf_path)
    rebag(rel)
    found = [(p.kind, p.message) for p in verify_release(rel).problems if p.path == f"data/pdf/{DOC}.side-by-side.pdf"]
    assert found == [
        ("pdfa", f"embedded file '{DOC}.fr.xml' is not listed in the catalog's /AF"),
        ("pdfa", f"embedded file '{DOC}.ja.xml' is not listed in the catalog's /AF"),
    ]


@pytest.mark.parametrize("case", ["xxe-file.xml", "xxe-url.xml", "billion-laughs.xml", "xinclude.xml", "utf16.xml"])
def test_hostile_source_in_a_release_is_reported_not_resolved(rel, jpfr, http_trap, case):
    from jpfr_testing import TRAP_HITS

    cases = Path(__file__).resolve().parents[1] / "hostile" / "cases"
    xml = rel / "data" / "source" / f"{DOC}.fr.xml"
    xml.write_bytes((cases / case).read_bytes().replace(b"127.0.0.1:9", f"127.0.0.1:{http_trap}".encode()))
    rebag(rel)  # a forger who also recomputes the manifests
    TRAP_HITS.clear()
    run = jpfr("verify", str(rel))
    assert TRAP_HITS == []
    assert run.exit_code == 1, run
    assert f"data/source/{DOC}.fr.xml" in run.stdout + run.stderr
    assert "root:" not in run.stdout  # /etc/passwd was not read into the report


def _rewrite_attachment(pdf_path: Path, name: str, raw: bytes, filters) -> None:
    """Replace the stream of the embedded file ``name`` with ``raw`` declared as ``filters``."""
    import pikepdf

    with pikepdf.open(pdf_path, allow_overwriting_input=True) as pdf:
        pdf.attachments[name].get_file().obj.write(raw, filter=filters)
        # as written: qpdf would otherwise re-encode an ASCIIHex stream as Flate
        pdf.save(pdf_path, stream_decode_level=pikepdf.StreamDecodeLevel.none, compress_streams=False)


def test_an_attachment_that_inflates_past_the_limit_is_reported_not_decoded(rel, monkeypatch):
    import zlib

    monkeypatch.setenv("JPFR_MAX_BYTES", str(1_000_000))
    pdf = rel / "data" / "pdf" / f"{DOC}.ja.pdf"
    bomb = zlib.compress(b"\0" * 50_000_000, 9)  # 50 MB in about 50 KB
    assert len(bomb) < 100_000
    _rewrite_attachment(pdf, f"{DOC}.fr.xml", bomb, pikepdf_name("FlateDecode"))
    rebag(rel)
    messages = {p.message for p in verify_release(rel).problems if p.path == f"data/pdf/{DOC}.ja.pdf"}
    assert (f"embedded file '{DOC}.fr.xml' cannot be read: decodes to more than 1000000 bytes, "
            "the size limit (set JPFR_MAX_BYTES to raise it)") in messages
    assert f"embedded '{DOC}.fr.xml' differs from data/source/{DOC}.fr.xml" in messages


def test_an_attachment_in_another_encoding_is_reported(rel):
    pdf = rel / "data" / "pdf" / f"{DOC}.fr.pdf"
    source = (rel / "data" / "source" / f"{DOC}.fr.xml").read_bytes()
    _rewrite_attachment(pdf, f"{DOC}.fr.xml", source.hex().encode() + b">", pikepdf_name("ASCIIHexDecode"))
    rebag(rel)
    messages = {p.message for p in verify_release(rel).problems if p.path == f"data/pdf/{DOC}.fr.pdf"}
    assert (f"embedded file '{DOC}.fr.xml' cannot be read: encoded with /ASCIIHexDecode "
            "(a release embeds its sources plain or with /FlateDecode)") in messages


def test_a_source_over_the_size_limit_is_reported_unread(rel, monkeypatch, jpfr):
    source = rel / "data" / "source" / f"{DOC}.ja.xml"
    monkeypatch.setenv("JPFR_MAX_BYTES", str(source.stat().st_size - 1))
    report = verify_release(rel)
    assert (f"data/source/{DOC}.ja.xml", "unreadable",
            f"file is {source.stat().st_size} bytes, over the limit of {source.stat().st_size - 1} "
            "(set JPFR_MAX_BYTES to raise it)") in [(p.path, p.kind, p.message) for p in report.problems]
    assert not report.ok


def pikepdf_name(name: str):
    import pikepdf

    return pikepdf.Name("/" + name)


# -- several releases in one command ------------------------------------------------

@pytest.fixture
def archive(fake_render, corpus, tmp_path) -> Path:
    """releases/ with versions 1.2.0 and 1.10.0 of the document, and a hidden
    folder such as an interrupted build leaves."""
    out = tmp_path / "releases"
    for version, date in (("1.2.0", "2026-04-01"), ("1.10.0", "2026-05-01")):
        build_release(DOC, version, corpus=corpus, out=out, date=date, jobs=1, allow_findings=None)
    for root in (out / DOC).iterdir():
        if root.is_dir():
            make_writable(root)
    (out / DOC / ".1.11.0.building" / "data").mkdir(parents=True)
    return out


def test_every_release_of_a_folder_is_verified_in_version_order(archive, jpfr):
    run = jpfr("verify", archive)
    assert run.exit_code == 0, run
    lines = run.stdout.splitlines()
    assert [line.split(": ")[0] for line in lines[:2]] == [str(archive / DOC / "1.2.0"), str(archive / DOC / "1.10.0")]
    assert lines[-1] == "2 releases: 2 intact, 0 with problems"
    assert jpfr("verify", archive / DOC).stdout == run.stdout


def test_a_damaged_release_among_others(archive, jpfr):
    (archive / DOC / "1.2.0" / "data" / "CHANGES.md").write_text("rewritten\n", encoding="utf-8")
    run = jpfr("verify", archive / DOC)
    assert run.exit_code == 1
    assert f"{archive / DOC / '1.2.0'}/data/CHANGES.md: checksum: sha256 differs from the manifest" in run.stdout
    assert f"{archive / DOC / '1.10.0'}: intact" in run.stdout
    assert run.stdout.splitlines()[-1] == "2 releases: 1 intact, 1 with problems"
    payload = json.loads(jpfr("verify", archive / DOC, "--format", "json").stdout)
    assert payload["ok"] is False
    assert [(Path(r["release"]).name, r["ok"]) for r in payload["releases"]] == [("1.2.0", False), ("1.10.0", True)]


def test_an_unreadable_path_does_not_stop_the_others(archive, jpfr, tmp_path):
    run = jpfr("verify", tmp_path / "nothing", archive / DOC / "1.10.0")
    assert run.exit_code == 2
    assert run.stderr == f"jpfr: error: {tmp_path / 'nothing'}: no such release folder\n"
    assert f"{archive / DOC / '1.10.0'}: intact" in run.stdout


def test_a_folder_without_releases_is_refused(tmp_path, jpfr):
    (tmp_path / "docs" / "x").mkdir(parents=True)
    run = jpfr("verify", tmp_path / "docs")
    assert run.exit_code == 2 and "no release in it" in run.stderr
