"""``jpfr release``: the bag, refusals, reproducibility, the changelog, the index,
the lock and interruptions. Rendering is the fast stand-in of conftest.py."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import bagit
import pytest

from jpfr_accord.errors import ReleaseError
from jpfr_accord.export import EXPORTERS
from jpfr_accord.release import build_release
from jpfr_accord.release.manifest import read_bag_info

from .conftest import DOC, files_of

DATE = "2026-04-01"
SEMVER_NAME = re.compile(r"\d+\.\d+\.\d+")


def release(corpus: Path, out: Path, version: str = "1.0.0", **kw):
    kw.setdefault("date", DATE)
    kw.setdefault("jobs", 1)
    return build_release(DOC, version, corpus=corpus, out=out, **kw)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_first_release_is_a_complete_bag(fake_render, corpus, tmp_path):
    out = tmp_path / "releases"
    result = release(corpus, out)
    root = out / DOC / "1.0.0"
    assert result.path == root.resolve() or result.path == root
    payload = sorted(p.relative_to(root / "data").as_posix() for p in (root / "data").rglob("*") if p.is_file())
    expected = {
        "CHANGES.md", "changes.json", "release.json",
        f"source/{DOC}.ja.xml", f"source/{DOC}.fr.xml",
        f"html/{DOC}.html",
        f"pdf/{DOC}.side-by-side.pdf", f"pdf/{DOC}.ja.pdf", f"pdf/{DOC}.fr.pdf",
    }
    assert expected <= set(payload)
    exports = {p.split("/")[1] for p in payload if p.startswith("export/")}
    assert exports == set(EXPORTERS)
    assert f"export/json/{DOC}.json" in payload
    assert sorted(p.name for p in root.iterdir()) == ["bag-info.txt", "bagit.txt", "data", "manifest-sha256.txt",
                                                      "tagmanifest-sha256.txt"]
    # the sources are the corpus files, byte for byte
    for lang in ("ja", "fr"):
        assert (root / "data" / "source" / f"{DOC}.{lang}.xml").read_bytes() == (corpus / lang / f"{DOC}.xml").read_bytes()
    bag = bagit.Bag(str(root))
    bag.validate()
    assert bag.version_info == (1, 0)
    assert bag.algorithms == ["sha256"]
    info = read_bag_info(root)
    assert info["Document-Id"] == DOC
    assert info["Version"] == "1.0.0"
    assert info["Release-Date"] == DATE and info["Bagging-Date"] == DATE
    assert info["Tool-Version"].startswith("jpfr-accord ")
    assert info["Font"] == f"Fake Serif; version 1.0; sha256:{'ab' * 32}"
    assert info["Check-Summary"] == "0 errors, 0 warnings, 0 notices"
    assert "Source-Commit" not in info  # the test corpus is not in git
    assert "first release" in (root / "data" / "CHANGES.md").read_text(encoding="utf-8")
    changes = json.loads((root / "data" / "changes.json").read_text(encoding="utf-8"))
    assert changes["first_release"] is True and changes["suggested_bump"] == "initial"
    # every file of a release is read-only
    assert all(not os.access(p, os.W_OK) or os.geteuid() == 0 for p in root.rglob("*") if p.is_file())
    assert all((p.stat().st_mode & 0o222) == 0 for p in root.rglob("*") if p.is_file())
    # the index lists it with the checksums of its manifests
    index = json.loads((out / DOC / "index.json").read_text(encoding="utf-8"))
    (entry,) = index["releases"]
    assert entry["version"] == "1.0.0" and entry["date"] == DATE and entry["bump"] == "initial"
    for name in ("manifest-sha256.txt", "tagmanifest-sha256.txt"):
        assert entry["manifests"][name] == "sha256:" + hashlib.sha256((root / name).read_bytes()).hexdigest()
    html = (out / DOC / "index.html").read_text(encoding="utf-8")
    # each version links its files (never a bare folder, which most servers refuse to list)
    assert f'href="1.0.0/data/pdf/{DOC}.side-by-side.pdf"' in html and 'href="1.0.0/data/changes.html"' in html
    assert 'href="1.0.0/"' not in html and DATE in html


def test_two_builds_are_byte_identical(fake_render, corpus, tmp_path):
    a = release(corpus, tmp_path / "a", jobs=1).path
    b = release(corpus, tmp_path / "b", jobs=2).path  # in parallel processes: same bytes
    fa, fb = files_of(Path(a)), files_of(Path(b))
    assert sorted(fa) == sorted(fb)
    differing = [name for name in fa if fa[name] != fb[name]]
    assert differing == []
    assert (tmp_path / "a" / DOC / "index.json").read_bytes() == (tmp_path / "b" / DOC / "index.json").read_bytes()


def test_source_date_epoch_sets_the_date(fake_render, corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1775001600")  # 2026-04-01T00:00:00Z
    root = release(corpus, tmp_path / "r", date=None).path
    assert read_bag_info(Path(root))["Bagging-Date"] == "2026-04-01"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ReleaseError, match="SOURCE_DATE_EPOCH"):
        release(corpus, tmp_path / "r", "1.0.1", date=None)


@pytest.mark.parametrize("version", ["1.0", "v1.0.0", "1.0.0/../x", "../1.0.0", "01.0.0"])
def test_invalid_versions_are_refused(fake_render, corpus, tmp_path, version):
    with pytest.raises(ReleaseError, match="not a semantic version"):
        release(corpus, tmp_path / "r", version)
    assert not (tmp_path / "r").exists()


def test_existing_or_lower_versions_are_refused(fake_render, corpus, tmp_path):
    out = tmp_path / "r"
    release(corpus, out, "1.2.0")
    before = files_of(out / DOC / "1.2.0")
    with pytest.raises(ReleaseError, match="exists already"):
        release(corpus, out, "1.2.0")
    for lower in ("1.1.9", "1.2.0-rc.1", "1.2.0+build.2", "0.9.0"):
        with pytest.raises(ReleaseError, match="not greater than the latest release 1.2.0"):
            release(corpus, out, lower)
    assert sorted(p.name for p in (out / DOC).iterdir()) == [".lock", "1.2.0", "index.html", "index.json"]
    assert files_of(out / DOC / "1.2.0") == before


def test_bad_document_id_and_date_are_refused(fake_render, corpus, tmp_path):
    with pytest.raises(ReleaseError, match="invalid document id"):
        build_release("../accord", "1.0.0", corpus=corpus, out=tmp_path / "r")
    with pytest.raises(ReleaseError, match="not a calendar date"):
        release(corpus, tmp_path / "r", date="2026-02-30")
    assert not (tmp_path / "r").exists()


def test_error_findings_refuse_the_release_unless_allowed(fake_render, corpus, tmp_path):
    fr = corpus / "fr" / f"{DOC}.xml"
    edit(fr, 'eId="sec_1__para_1__cl_2" actor="both" acts="agree"', 'eId="sec_1__para_1__cl_2" actor="both" acts="commit"')
    out = tmp_path / "r"
    with pytest.raises(ReleaseError, match=r"1 error-level findings \(first: .*CMT001.*--allow-findings REASON"):
        release(corpus, out)
    assert not (out / DOC / "1.0.0").exists()
    with pytest.raises(ReleaseError, match="needs a reason"):
        release(corpus, out, allow_findings="  ")
    root = Path(release(corpus, out, allow_findings="acts under review by the legal service").path)
    info = read_bag_info(root)
    assert info["Allowed-Findings"] == "1 error-level findings allowed: acts under review by the legal service"
    assert info["Check-Summary"].startswith("1 error, ")
    index_html = (out / DOC / "index.html").read_text(encoding="utf-8")
    assert "error-level findings allowed: acts under review by the legal service" in index_html
    manifest = json.loads((root / "data" / "release.json").read_text(encoding="utf-8"))
    allowed = manifest["allowed_findings"]
    assert allowed["reason"] == "acts under review by the legal service"
    assert [(f["code"], f["file"], f["eId"]) for f in allowed["findings"]] == [
        ("CMT001", f"source/{DOC}.fr.xml", "sec_1__para_1__cl_2")
    ]


def test_second_release_has_a_changelog_and_a_suggested_bump(fake_render, corpus, tmp_path):
    out = tmp_path / "r"
    release(corpus, out, "1.0.0")
    fr, ja = corpus / "fr" / f"{DOC}.xml", corpus / "ja" / f"{DOC}.xml"
    edit(fr, "ont salué les progrès", "ont salué les grands progrès")
    edit(ja, "研究協力を強化する", "研究交流を強化する")
    # the source changed: accept the new hash in the translation, as a translator would
    from jpfr_accord.model import text_hash

    old_hash = text_hash("両首脳は、研究協力を強化することで一致した。")
    edit(fr, old_hash, text_hash("両首脳は、研究交流を強化することで一致した。"))
    result = release(corpus, out, "1.1.0", date="2026-05-01")
    assert result.suggested_bump == "minor" and result.bump == "minor" and result.suggested_version == "1.1.0"
    root = Path(result.path)
    md = (root / "data" / "CHANGES.md").read_text(encoding="utf-8")
    assert "Compared with 1.0.0. Suggested version bump: **minor**." in md
    assert "- `sec_2__para_1__cl_1` (clause, line 22): Les deux dirigeants ont salué les {+grands +}progrès" in md
    assert "研究[-協力-]{+交流+}を強化する" in md
    data = json.loads((root / "data" / "changes.json").read_text(encoding="utf-8"))
    assert data["from"] == "1.0.0" and data["to"] == "1.1.0"
    assert data["summary"]["fr"]["changed"] == 1 and data["summary"]["ja"]["changed"] == 1
    # acts changed on both sides -> major is suggested, even if 1.2.0 is chosen (and recorded)
    for path in (fr, ja):
        edit(path, 'eId="sec_2__para_1__cl_1" actor="both" acts="welcome"', 'eId="sec_2__para_1__cl_1" actor="both" acts="support"')
    result = release(corpus, out, "1.2.0", date="2026-06-01")
    assert (result.suggested_bump, result.suggested_version, result.bump) == ("major", "2.0.0", "minor")
    info = read_bag_info(Path(result.path))
    assert info["Suggested-Bump"] == "major (2.0.0)" and info["Version-Bump"] == "minor"
    assert info["Previous-Version"] == "1.1.0"
    md = (Path(result.path) / "data" / "CHANGES.md").read_text(encoding="utf-8")
    assert "acts welcome -> support" in md and "The changes suggest 2.0.0 (major)." in md
    index = json.loads((out / DOC / "index.json").read_text(encoding="utf-8"))
    assert [(e["version"], e["date"], e["bump"], e["suggested_bump"]) for e in index["releases"]] == [
        ("1.0.0", "2026-04-01", "initial", "initial"),
        ("1.1.0", "2026-05-01", "minor", "minor"),
        ("1.2.0", "2026-06-01", "minor", "major"),
    ]
    assert index["latest"] == "1.2.0"


def test_cli_release(fake_render, corpus, tmp_path, jpfr):
    run = jpfr("release", DOC, "--version", "1.0.0", "--date", DATE, "--corpus", corpus, "-o", tmp_path / "r", "-j", "1")
    assert run.exit_code == 0, run
    assert f"released {DOC} 1.0.0 ({DATE})" in run.stdout
    again = jpfr("release", DOC, "--version", "1.0.0", "--date", DATE, "--corpus", corpus, "-o", tmp_path / "r")
    assert again.exit_code == 2
    assert again.stderr.startswith("jpfr: error: ") and "exists already" in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1
    bad = jpfr("release", "../etc", "--version", "1.0.1", "--corpus", corpus, "-o", tmp_path / "r")
    assert bad.exit_code == 2 and "invalid document id" in bad.stderr
    missing = jpfr("release", "nothing", "--version", "1.0.1", "--corpus", corpus, "-o", tmp_path / "r")
    assert missing.exit_code == 2 and "no fr version of document 'nothing'" in missing.stderr


# -- interruptions and the lock (separate processes) ------------------------------------


def _start_paused(corpus: Path, out: Path, tmp_path: Path, version: str = "1.0.0") -> tuple[subprocess.Popen, Path]:
    """Start `jpfr release` in another process; it stops after writing its first file."""
    marker = tmp_path / f"paused-{version}"
    env = dict(os.environ, JPFR_RELEASE_TEST_PAUSE=str(marker))
    proc = subprocess.Popen(
        [sys.executable, "-m", "jpfr_accord", "release", DOC, "--version", version, "--date", DATE,
         "--corpus", str(corpus), "-o", str(out)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"the build did not pause: {proc.communicate()}")
        time.sleep(0.05)
    return proc, marker


def _release_like(doc_dir: Path) -> list[str]:
    """Entries whose name contains a version: only finished releases may."""
    return [p.name for p in doc_dir.iterdir() if SEMVER_NAME.search(p.name)] if doc_dir.exists() else []


def test_a_killed_build_leaves_no_release(fake_render, corpus, tmp_path):
    out = tmp_path / "r"
    proc, _ = _start_paused(corpus, out, tmp_path)
    temps = list((out / DOC).glob(".tmp-*"))
    assert len(temps) == 1 and any(temps[0].rglob("*.xml"))  # mid-build: one source written
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    doc_dir = out / DOC
    assert _release_like(doc_dir) == []
    assert not (doc_dir / "index.json").exists()
    # the next release (which takes the lock) clears the leftover and succeeds
    result = release(corpus, out)
    assert list(doc_dir.glob(".tmp-*")) == []
    assert _release_like(doc_dir) == ["1.0.0"] and Path(result.path).is_dir()


def test_sigterm_cleans_up_everything(corpus, tmp_path):
    out = tmp_path / "r"
    proc, _ = _start_paused(corpus, out, tmp_path)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert "jpfr: interrupted" in err and "Traceback" not in err
    assert sorted(p.name for p in (out / DOC).iterdir()) == [".lock"]


def test_two_releases_of_one_version_cannot_run_at_once(corpus, tmp_path):
    out = tmp_path / "r"
    first, _ = _start_paused(corpus, out, tmp_path)
    try:
        second = subprocess.run(
            [sys.executable, "-m", "jpfr_accord", "release", DOC, "--version", "1.0.0", "--date", DATE,
             "--corpus", str(corpus), "-o", str(out)],
            capture_output=True, text=True, timeout=120,
        )
        assert second.returncode == 2
        assert "another release of this document is being built" in second.stderr
        assert "Traceback" not in second.stderr
        assert _release_like(out / DOC) == []
    finally:
        first.send_signal(signal.SIGTERM)
        first.communicate(timeout=30)
    assert first.returncode == 130
    assert _release_like(out / DOC) == []


def test_source_commit_is_the_last_commit_of_the_sources(tmp_path):
    from jpfr_accord.release.bundle import source_commit

    def git(*args):
        return subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false",
                               *args], cwd=tmp_path, check=True, capture_output=True, text=True).stdout.strip()

    src = tmp_path / "corpus" / "ja" / "x.xml"
    src.parent.mkdir(parents=True)
    src.write_text("<a/>\n", encoding="utf-8")
    git("init", "-q")
    assert source_commit([src]) is None  # untracked
    git("add", ".")
    git("commit", "-q", "-m", "sources")
    first = git("rev-parse", "HEAD")
    (tmp_path / "other.txt").write_text("x", encoding="utf-8")
    git("add", "other.txt")
    git("commit", "-q", "-m", "unrelated")
    assert source_commit([src]) == first
    src.write_text("<b/>\n", encoding="utf-8")
    assert source_commit([src]) == f"{first} (sources modified since)"


def test_a_damaged_previous_release_is_not_used_for_the_changelog(fake_render, corpus, tmp_path):
    from .conftest import make_writable

    out = tmp_path / "r"
    root = Path(release(corpus, out, "1.0.0").path)
    make_writable(root)
    src = root / "data" / "source" / f"{DOC}.fr.xml"
    src.write_text(src.read_text(encoding="utf-8").replace("salué", "regretté"), encoding="utf-8")
    with pytest.raises(ReleaseError, match=r"previous release 1.0.0 is damaged: data/source/accord.fr.xml differs"):
        release(corpus, out, "1.1.0")
    assert _release_like(out / DOC) == ["1.0.0"]
    assert list((out / DOC).glob(".tmp-*")) == []


@pytest.mark.real_renderer
def test_sigterm_while_rendering_stops_the_build_processes(corpus, tmp_path):
    """Interrupted during the parallel rendering (real renderer): the build processes are
    stopped and the temporary folder removed; nothing is written afterwards."""
    out = tmp_path / "r"
    proc = subprocess.Popen(
        [sys.executable, "-m", "jpfr_accord", "release", DOC, "--version", "1.0.0", "--date", DATE,
         "--corpus", str(corpus), "-o", str(out), "--jobs", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 60
    while not list((out / DOC).glob(".tmp-*/pdf")):  # the pdf/ folder is made just before rendering
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.02)
    time.sleep(0.3)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert sorted(p.name for p in (out / DOC).iterdir()) == [".lock"]
    time.sleep(2)  # no orphaned renderer writes into the release folder later
    assert sorted(p.name for p in (out / DOC).rglob("*")) == [".lock"]


def test_index_page_keeps_versions_and_dates_whole(fake_render, corpus, tmp_path, browser):
    out = tmp_path / "releases"
    release(corpus, out)
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    try:
        page.goto((out / DOC / "index.html").as_uri())
        lines = page.eval_on_selector_all(
            "tbody tr td:nth-child(-n+3)",  # version, date, bump (then the list of files)
            "tds => tds.map(td => { const r = document.createRange(); r.selectNodeContents(td);"
            " return [td.innerText, new Set([...r.getClientRects()].map(x => Math.round(x.top))).size]; })",
        )
        assert lines and all(n == 1 for _, n in lines), lines  # 2026-04-01 is not broken after 2026-
    finally:
        page.close()


def test_each_release_has_a_rendered_redline_titled_with_versions_and_dates(fake_render, corpus, tmp_path):
    out = tmp_path / "r"
    release(corpus, out, "1.0.0")
    edit(corpus / "fr" / f"{DOC}.xml", "ont salué les progrès", "ont salué les grands progrès")
    result = release(corpus, out, "1.0.1", date="2026-05-01")
    page = (Path(result.path) / "data" / "changes.html").read_text(encoding="utf-8")
    assert f"<title>{DOC}: 1.0.0 ({DATE}) → 1.0.1 (2026-05-01)</title>" in page
    assert "<ins>grands </ins>" in page and "<main>" in page
    assert "The Japanese (日本語) text is unchanged." in page
    index = (out / DOC / "index.html").read_text(encoding="utf-8")
    assert 'href="1.0.1/data/changes.html"' in index and f'href="1.0.1/data/source/{DOC}.fr.xml"' in index
