"""Round two (#17): releases received from elsewhere, and releases built while the corpus
changes. ``verify`` opens nothing a release names outside itself, follows no link,
reads nothing without bound and reports damage instead of crashing; ``release``
builds from one snapshot, runs no command of a received git config and fails
cleanly on a full disk."""

from __future__ import annotations

import errno
import io
import json
import os
import shutil
import subprocess
import sys
import threading
import zlib
from pathlib import Path

import pytest

from jpfr_testing import ROOT
from round_two_support import assert_clean_error, run

FIXTURE_CORPUS = ROOT / "tests" / "fixtures" / "release" / "corpus"
DOC = "accord"

# A release built with the fast stand-in renderer of tests/release (in a subprocess too).
FAKE_RENDER = (
    "import sys; sys.path.insert(0, {tests!r}); from release import conftest as c; import jpfr_accord.render as r; "
    "r.render_pdf = c.fake_render_pdf; r.render_html = c.fake_render_html; from jpfr_accord.cli import main; "
    "sys.argv = ['jpfr', *sys.argv[1:]]; main()"
).format(tests=str(ROOT / "tests"))


@pytest.fixture
def fake_render(monkeypatch):
    import jpfr_accord.render as render

    sys.path.insert(0, str(ROOT / "tests"))
    from release import conftest

    monkeypatch.setattr(render, "render_pdf", conftest.fake_render_pdf)
    monkeypatch.setattr(render, "render_html", conftest.fake_render_html)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    dest = tmp_path / "project" / "corpus"
    shutil.copytree(FIXTURE_CORPUS, dest)
    return dest


def _writable(root: Path) -> None:
    for p in root.rglob("*"):
        if not p.is_symlink():
            p.chmod(0o755 if p.is_dir() else 0o644)


@pytest.fixture
def rel(fake_render, corpus) -> Path:
    from jpfr_accord.release import build_release

    root = Path(build_release(DOC, "1.0.0", corpus=corpus, out=corpus.parent / "releases", date="2026-04-01",
                              jobs=1).path)
    _writable(root)
    return root


def _verify(rel: Path, **kw):
    return run(["verify", "--format", "json", rel], rel.parent, timeout=60, limit_memory=True, **kw)


def _problems(done) -> list[tuple[str, str, str]]:
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    return [(p["file"], p["kind"], p["message"]) for p in json.loads(done.stdout)["problems"]]


def _manifest_line(rel: Path, name: str, line: str) -> None:
    path = rel / name
    path.write_text(path.read_text(encoding="utf-8") + line, encoding="utf-8")


# -- 7, 11, 12. links and paths that lead outside -----------------------------------------


@pytest.mark.parametrize("target", ["/dev/zero", "fifo"])
def test_a_link_in_a_release_to_a_device_or_fifo_is_reported_not_read(rel, tmp_path, target):
    if target == "fifo":
        target = str(tmp_path / "outside.fifo")
        os.mkfifo(target)
    html = rel / "data" / "html" / f"{DOC}.html"
    html.unlink()
    html.symlink_to(target)
    found = _problems(_verify(rel))
    assert (f"data/html/{DOC}.html", "link") in [(f, k) for f, k, _ in found]


def test_a_link_to_a_folder_under_data_is_reported(rel, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "planted.pdf").write_bytes(b"%PDF-1.7 planted")
    (rel / "data" / "extra").symlink_to(outside, target_is_directory=True)
    found = _problems(_verify(rel))
    assert ("data/extra", "link") in [(f, k) for f, k, _ in found]


def test_a_payload_link_to_a_file_outside_is_reported_not_hashed(rel, tmp_path):
    fifo = tmp_path / "secret.fifo"  # opening it would block: a hash of it would hang verify
    os.mkfifo(fifo)
    changes = rel / "data" / "CHANGES.md"
    changes.unlink()
    changes.symlink_to(fifo)
    found = _problems(_verify(rel))
    assert ("data/CHANGES.md", "link") in [(f, k) for f, k, _ in found]


@pytest.mark.parametrize("entry", ["/etc/passwd", "../outside.fifo", "data/../../outside.fifo", "data/./x"])
def test_manifest_entries_outside_the_release_are_reported_never_opened(rel, entry):
    os.mkfifo(rel.parent.parent / "outside.fifo")
    _manifest_line(rel, "manifest-sha256.txt", f"{'0' * 64}  {entry}\n")
    _manifest_line(rel, "tagmanifest-sha256.txt", f"{'0' * 64}  {entry.replace('data/', '')}\n")
    found = _problems(_verify(rel))
    kinds = {(f, k) for f, k, _ in found}
    assert ("manifest-sha256.txt", "outside") in kinds and ("tagmanifest-sha256.txt", "outside") in kinds


def test_the_index_cannot_make_verify_open_other_files(rel):
    fifo = rel.parent.parent / "x.fifo"
    os.mkfifo(fifo)
    index = rel.parent / "index.json"
    data = json.loads(index.read_text(encoding="utf-8"))
    data["releases"][0]["manifests"]["../../x.fifo"] = "sha256:" + "0" * 64
    data["releases"][0]["manifests"]["/etc/passwd"] = "sha256:" + "0" * 64
    index.write_text(json.dumps(data), encoding="utf-8")
    found = _problems(_verify(rel))
    assert [m for f, k, m in found if f == "../index.json" and "not a manifest of the release; not opened" in m]


def test_the_next_release_and_diff_do_not_read_a_planted_device(rel, corpus, tmp_path):
    (rel / "bag-info.txt").unlink()
    (rel / "bag-info.txt").symlink_to("/dev/zero")
    (rel / "data" / "release.json").unlink()
    os.mkfifo(rel / "data" / "release.json")
    source = rel / "data" / "source" / f"{DOC}.fr.xml"
    source.unlink()
    source.symlink_to("/dev/zero")
    env = {"JPFR_CACHE_DIR": "off"}
    args = ["release", DOC, "--version", "1.1.0", "--date", "2026-05-01", "--corpus", corpus,
            "-o", corpus.parent / "releases", "-j", "1"]
    try:
        done = subprocess.run([sys.executable, "-c", FAKE_RENDER, *map(str, args)], cwd=corpus.parent, timeout=60,
                              capture_output=True, text=True, env={**os.environ, **env},
                              preexec_fn=lambda: __import__("resource").setrlimit(
                                  __import__("resource").RLIMIT_AS, (3 << 30, 3 << 30)))
    except subprocess.TimeoutExpired:
        pytest.fail("release hangs on a device planted in the previous release")
    assert_clean_error(done, "the previous release 1.0.0 is damaged")
    done = run(["diff", rel, rel], corpus.parent, timeout=30, limit_memory=True)
    assert_clean_error(done, f"{DOC}.fr.xml", "not a regular file")


# -- 17. damaged tag files ------------------------------------------------------------------


@pytest.mark.parametrize("damage", [
    ("bagit.txt", b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\xff\n"),
    ("bag-info.txt", b"Bagging-Date: 2026-04-01\nNote: caf\xe9\n"),
    ("manifest-sha256.txt", b"\xfe" + b"0" * 63 + b"  data/x\n"),
    ("manifest-sha256.txt", b"0" * 64 + b"  data/x\x00y\n"),
    ("tagmanifest-sha256.txt", b"garbage line without digest\n"),
])
def test_a_damaged_tag_file_is_reported(rel, damage):
    name, data = damage
    (rel / name).write_bytes(data)
    found = _problems(_verify(rel))
    assert any(f == name for f, _, _ in found), found


@pytest.mark.parametrize("index", [b"{not json", b"\xff\xfe{}", b"[" * 100_000 + b"]" * 100_000,
                                   b'{"releases": 5}', b'{"releases": [{"version": "1.0.0", "manifests": [1]}]}',
                                   b'[1, 2]'])
def test_a_damaged_release_index_is_reported(rel, index):
    (rel.parent / "index.json").write_bytes(index)
    found = _problems(_verify(rel))
    assert ("../index.json", "index") in [(f, k) for f, k, _ in found]


def test_a_bag_info_of_one_huge_line_is_read_in_one_pass(rel):
    (rel / "bag-info.txt").write_bytes(b"Note: " + b"x" * 20_000_000 + b"\n")
    found = _problems(_verify(rel))
    assert ("bag-info.txt", "checksum") in [(f, k) for f, k, _ in found]


# -- 8. PDF streams: the total decoded is bounded ----------------------------------------------


def _pdf_with_shared_stream(path: Path, specs: int, inflated: int) -> None:
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    stream = pdf.make_stream(zlib.compress(b"\0" * inflated, 9))
    stream.Filter = pikepdf.Name.FlateDecode
    stream.Type = pikepdf.Name.EmbeddedFile
    names = []
    for i in range(specs):
        spec = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Filespec, F=pikepdf.String(f"f{i}.xml"),
                                                    UF=pikepdf.String(f"f{i}.xml"), EF=pikepdf.Dictionary(F=stream)))
        names += [pikepdf.String(f"f{i:05}.xml"), spec]
    pdf.Root.Names = pikepdf.Dictionary(EmbeddedFiles=pikepdf.Dictionary(Names=pikepdf.Array(names)))
    pdf.save(path, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)


def _pdf_with_xmp_bomb(path: Path, inflated: int) -> None:
    """A PDF written by hand: qpdf would decode a metadata stream to write it uncompressed."""
    packer = zlib.compressobj(1)
    chunk = b" " * (1 << 24)
    body = b"".join(packer.compress(chunk) for _ in range(inflated >> 24)) + packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Metadata 4 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>",
        b"<< /Type /Metadata /Subtype /XML /Filter /FlateDecode /Length %d >>\nstream\n" % len(body) + body
        + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))


def test_thousands_of_file_specifications_sharing_one_stream_are_not_each_decoded(rel):
    pdf = rel / "data" / "pdf" / f"{DOC}.fr.pdf"
    _pdf_with_shared_stream(pdf, 3000, 999_000)
    found = _problems(_verify(rel, env={"JPFR_MAX_BYTES": "1000000"}))
    about_pdf = [(k, m) for f, k, m in found if f == f"data/pdf/{DOC}.fr.pdf"]
    assert ("attachment" in {k for k, _ in about_pdf}) and len(about_pdf) < 10, about_pdf[:5]


def test_many_streams_each_under_the_limit_are_bounded_in_total(rel):
    import pikepdf

    pdf_path = rel / "data" / "pdf" / f"{DOC}.fr.pdf"
    pdf = pikepdf.new()
    pdf.add_blank_page()
    for i in range(40):
        spec = pikepdf.AttachedFileSpec(pdf, b"\0" * 999_000 + bytes([i]), filename=f"f{i}.xml")
        pdf.attachments[f"f{i}.xml"] = spec
    pdf.save(pdf_path)
    found = _problems(_verify(rel, env={"JPFR_MAX_BYTES": "1000000"}))
    assert [m for f, k, m in found if f == f"data/pdf/{DOC}.fr.pdf" and "in all" in m], found


def test_an_xmp_metadata_bomb_is_not_decoded(rel):
    pdf = rel / "data" / "pdf" / f"{DOC}.ja.pdf"
    _pdf_with_xmp_bomb(pdf, 1 << 30)  # 1 GiB of XMP in about 1 MB
    found = _problems(_verify(rel))
    assert [m for f, k, m in found if f == f"data/pdf/{DOC}.ja.pdf" and k == "pdfa" and "XMP" in m], found


# -- verify imports only what verifying needs (#18) ----------------------------------------------


def test_verify_imports_neither_click_nor_the_rules_nor_the_build(rel):
    code = ("import sys; from jpfr_accord.release.verify import verify_release; r = verify_release(sys.argv[1]); "
            "assert r.ok, r.problems; mods = sorted(sys.modules); "
            "print([m for m in mods if m == 'click' or m.startswith(('jpfr_accord.checks', 'jpfr_accord.release.bundle', "
            "'jpfr_accord.render', 'jpfr_accord.export', 'weasyprint', 'bagit'))])")
    done = subprocess.run([sys.executable, "-c", code, str(rel)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


# -- 5. one snapshot ----------------------------------------------------------------------------


def test_a_corpus_edited_while_release_runs_does_not_split_the_release(fake_render, corpus, tmp_path, monkeypatch):
    from jpfr_accord.release import build_release

    marker = tmp_path / "paused"
    monkeypatch.setenv("JPFR_RELEASE_TEST_PAUSE", str(marker))
    before = {lang: (corpus / lang / f"{DOC}.xml").read_bytes() for lang in ("ja", "fr")}
    result: dict = {}
    thread = threading.Thread(target=lambda: result.setdefault("r", build_release(
        DOC, "1.0.0", corpus=corpus, out=corpus.parent / "releases", date="2026-04-01", jobs=1)))
    thread.start()
    for _ in range(3000):
        if marker.exists():
            break
        thread.join(0.02)
    assert marker.exists(), "the build did not pause"
    for lang, data in before.items():  # a person saves both files mid-release
        (corpus / lang / f"{DOC}.xml").write_bytes(data.replace("協力".encode(), "協調".encode())
                                                   .replace("coopération".encode(), "collaboration".encode()))
    marker.unlink()
    thread.join(60)
    root = Path(result["r"].path)
    for lang, data in before.items():
        assert (root / "data" / "source" / f"{DOC}.{lang}.xml").read_bytes() == data
    exported = json.dumps(json.loads(next((root / "data" / "export" / "json").iterdir()).read_text(encoding="utf-8")),
                          ensure_ascii=False)
    assert "collaboration" not in exported and "協調" not in exported


# -- 14. no command from a received git config ------------------------------------------------------


def test_release_runs_no_fsmonitor_command_of_the_repository(fake_render, corpus, tmp_path):
    from jpfr_accord.release import build_release

    project = corpus.parent
    pwned = tmp_path / "pwned"
    git = ["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "corpus"], check=True)
    subprocess.run([*git, "commit", "-qm", "corpus"], check=True)
    hook = tmp_path / "monitor.sh"
    hook.write_text(f"#!/bin/sh\ntouch {pwned}\n", encoding="utf-8")
    hook.chmod(0o755)
    subprocess.run(["git", "-C", str(project), "config", "core.fsmonitor", str(hook)], check=True)
    subprocess.run(["git", "-C", str(project), "status", "--porcelain"], capture_output=True)  # git itself runs it
    assert pwned.exists(), "this git does not run core.fsmonitor: the test proves nothing"
    pwned.unlink()
    result = build_release(DOC, "1.0.0", corpus=corpus, out=project / "releases", date="2026-04-01", jobs=1)
    assert not pwned.exists()
    info = (Path(result.path) / "bag-info.txt").read_text(encoding="utf-8")
    assert "Source-Commit:" in info


# -- 22. dates and full disks ---------------------------------------------------------------------


@pytest.mark.parametrize("epoch", ["253402300800", "99999999999999999999"])
def test_a_source_date_epoch_past_year_9999_is_one_clean_error(corpus, epoch):
    done = run(["release", DOC, "--version", "1.0.0", "--corpus", corpus, "-o", "releases"], corpus.parent,
               env={"SOURCE_DATE_EPOCH": epoch})
    assert_clean_error(done, "SOURCE_DATE_EPOCH")


@pytest.mark.parametrize("name", ["CHANGES.md", "release.json", "bagit.txt", "tagmanifest-sha256.txt"])
def test_a_full_disk_while_release_writes_is_one_clean_error(fake_render, corpus, jpfr, monkeypatch, name):
    import builtins

    real_open = io.open

    def full_disk_open(file, mode="r", *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and os.fspath(file).endswith("/" + name) and set(mode) & set("wxa"):
            raise OSError(errno.ENOSPC, "No space left on device", os.fspath(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(io, "open", full_disk_open)
    monkeypatch.setattr(builtins, "open", full_disk_open)
    out = corpus.parent / "releases"
    done = jpfr("release", DOC, "--version", "1.0.0", "--date", "2026-04-01", "--corpus", corpus, "-o", out, "-j", "1")
    assert done.exit_code == 2, done
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("jpfr: error: ") and "internal error" not in lines[0], lines
    assert name in lines[0] and "no space left on device" in lines[0]
    assert not (out / DOC / "1.0.0").exists()
