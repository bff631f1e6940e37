"""Build a release: ``releases/DOC_ID/X.Y.Z/`` as a reproducible BagIt bag.

Stage: release. Imports ``errors``, ``model``, ``load``, ``checks`` and ``release.*``;
``render`` and ``export`` are imported lazily, in the build processes (``release.tasks``).

The steps, under a per-document lock:

1. load the pair and run the checks (error-level findings refuse the release
   unless a reason is given with ``allow_findings``);
2. refuse a version that is not semver, exists already, or is not greater than
   the latest release;
3. build the payload in ``releases/DOC_ID/.tmp-…/`` beside the target: the
   two XML sources, then every rendering and export in parallel processes (each
   built once), the changelog against the previous release, ``release.json``;
4. make the bag (``release.manifest``), mark the files read-only, and rename the
   folder into place in one ``rename(2)``;
5. rewrite ``index.json``/``index.html`` from the releases present.

Any failure or interruption (exception, Ctrl-C, SIGTERM) removes the temporary
folder; after a SIGKILL the ``.tmp-…`` folder (never named like a release) is
removed by the next release of the document, which holds the lock.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Location, ReleaseError, Severity
from ..model import AlignedDocument, Document, Finding
from .changes import ChangeSet, compare
from .manifest import (
    MANIFEST,
    SOURCE_DIR,
    fsync_dir,
    make_reproducible_bag,
    read_manifest,
    sha256_file,
    write_index,
)
from .report import release_title, to_html, to_json, to_markdown
from .tasks import plan_tasks, run_tasks
from .versions import (
    ExistingRelease,
    SemVer,
    bump_between,
    check_doc_id,
    contained_path,
    list_releases,
    parse_version,
)

#: Test hook: when set to a file path, the build writes that file after the first
#: payload file and sleeps, so that a test can interrupt it at a known point.
PAUSE_ENV = "JPFR_RELEASE_TEST_PAUSE"


class ReleaseInterrupted(KeyboardInterrupt):
    """The build received SIGTERM; handled like Ctrl-C (clean up, exit 130)."""


@dataclass
class ReleaseResult:
    """What ``build_release`` made."""

    path: Path
    doc_id: str
    version: str
    date: str
    previous: str | None
    bump: str
    suggested_bump: str
    suggested_version: str | None
    files: list[str]
    changes: ChangeSet
    findings: list[Finding] = field(default_factory=list)
    index: tuple[Path, Path] | None = None


# -- inputs ----------------------------------------------------------------------


def release_date(date: str | None = None) -> str:
    """The release date: ``date`` (YYYY-MM-DD), else ``SOURCE_DATE_EPOCH`` (UTC), else today (UTC).

    Raises:
        ReleaseError: the date or SOURCE_DATE_EPOCH is malformed.
    """
    if date is not None:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            raise ReleaseError(f"release date {date!r} is not YYYY-MM-DD")
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            raise ReleaseError(f"release date {date!r} is not a calendar date") from None
        return date
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and epoch.strip():
        if not epoch.strip().isdigit():
            raise ReleaseError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds")
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
        except (OverflowError, OSError, ValueError):
            raise ReleaseError(f"SOURCE_DATE_EPOCH={epoch!r} is past the year 9999 (a date YYYY-MM-DD cannot hold it)") from None
    return dt.datetime.now(dt.timezone.utc).date().isoformat()


def source_commit(files: list[Path]) -> str | None:
    """The last git commit that changed the sources, marked when they differ from it; None
    outside git or for untracked files.

    The last commit *of the sources* rather than ``HEAD``: it names exactly the text
    released, and commits elsewhere in the repository do not change the release bytes.
    """
    from .sources import git_command

    folder = files[0].resolve().parent
    try:
        head = subprocess.run(
            git_command(folder, "log", "-1", "--format=%H", "--", *(str(f.resolve()) for f in files)),
            capture_output=True, text=True, timeout=20, env=git_env(),
        )
        if head.returncode != 0:
            return None
        status = subprocess.run(
            git_command(folder, "status", "--porcelain", "--", *(str(f.resolve()) for f in files)),
            capture_output=True, text=True, timeout=20, env=git_env(),
        )
    except (OSError, subprocess.SubprocessError):
        return None
    commit = head.stdout.strip()
    if not commit:
        return None  # untracked sources: no commit holds them
    if status.returncode == 0 and status.stdout.strip():
        return f"{commit} (sources modified since)"
    return commit


def git_env() -> dict[str, str]:
    from .sources import git_env as env

    return env()


def _snapshot(pair_file: Path) -> dict[Path, bytes]:
    """The bytes of every language file of the document, each read once: the release
    is built from these (checks, renderings, exports and the XML sources of the bag), so
    that an edit of the corpus while the release runs cannot make them disagree."""
    from ..load.align import discover
    from ..load.reader import read_bytes

    groups = discover([pair_file])
    return {f: read_bytes(f, str(f)) for f in (groups[0] if groups else [pair_file])}


def _check(pair_file: Path, corpus: Path, snapshot: dict[Path, bytes]) -> tuple[AlignedDocument, list[Finding]]:
    from ..checks import run_checks
    from ..checks.config import load_config
    from ..load.align import LoadedCorpus, _display, _pair_group
    from ..load.xml import load_document

    config = load_config(start=corpus.resolve(), corpus=corpus)
    loaded = LoadedCorpus()
    with tempfile.TemporaryDirectory(prefix="jpfr-snapshot-") as folder:
        docs = []
        for i, (path, data) in enumerate(snapshot.items()):
            copy = Path(folder) / f"{i}-{path.name}"
            copy.write_bytes(data)
            doc, findings = load_document(copy, _display(path))
            loaded.findings.extend(findings)
            docs.append(doc)
        _pair_group(docs, loaded)
    if not loaded.pairs:
        raise ReleaseError("no source version to pair the translation with", Location(str(pair_file)))
    lang = pair_file.parent.name
    pair = next((p for p in loaded.pairs if p.target.lang == lang), loaded.pairs[0])
    findings = run_checks([pair], [], loaded.findings, config.context())
    return pair, findings


# -- the lock --------------------------------------------------------------------


@contextmanager
def document_lock(doc_dir: Path) -> Iterator[int]:
    """Hold ``releases/DOC_ID/.lock`` (``flock``) for the whole build; the kernel drops it if
    the process dies, so a killed build never blocks the next one.

    Raises:
        ReleaseError: another release of the document is being built.
    """
    path = doc_dir / ".lock"
    try:  # O_NOFOLLOW: a planted symlink must not make us create or lock a file elsewhere
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError as exc:
        raise ReleaseError(f"cannot open the lock file: {exc.strerror or exc}", Location(str(path))) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ReleaseError(
                "another release of this document is being built (lock held); try again when it is done",
                Location(str(path)),
            ) from None
        yield fd
    finally:
        os.close(fd)


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        raise ReleaseInterrupted()

    old = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def _pause_for_tests(marker: str | None) -> None:
    """Write ``marker`` and wait until a test removes it (at most 60 s), or kills us."""
    if marker:
        Path(marker).write_text(str(os.getpid()), encoding="utf-8")
        deadline = time.monotonic() + 60
        while os.path.exists(marker) and time.monotonic() < deadline:
            time.sleep(0.02)


# -- the release -----------------------------------------------------------------


def _load_release_sources(release: ExistingRelease, doc_id: str) -> dict[str, Document]:
    """The XML sources of a previous release, after checking them against its manifest:
    a changelog against a damaged release would be wrong without anyone noticing.

    Raises:
        ReleaseError: a source is missing from the manifest or differs from it.
    """
    from ..load import load_document

    listed = read_manifest(release.path / MANIFEST)
    out: dict[str, Document] = {}
    xml_dir = release.path / "data" / SOURCE_DIR
    from ..errors import AccordError

    for path in sorted(xml_dir.glob(f"{doc_id}.*.xml")):
        rel = f"data/{SOURCE_DIR}/{path.name}"
        try:  # a link to /dev/zero or a FIFO in a received release is refused, not read
            digest = sha256_file(path)
        except AccordError as exc:
            raise ReleaseError(f"the previous release {release.version} is damaged: {rel}: {exc.message}; "
                               f"run `jpfr verify {release.path}`", Location(str(path))) from None
        if listed.get(rel) != digest:
            raise ReleaseError(
                f"the previous release {release.version} is damaged: {rel} differs from its manifest; "
                f"run `jpfr verify {release.path}`",
                Location(str(path)),
            )
        doc, _ = load_document(path, f"{doc_id}@{release.version}/{rel}")
        out[doc.lang] = doc
    if not out:
        raise ReleaseError(f"release {release.version} has no XML sources in data/{SOURCE_DIR}/", Location(str(release.path)))
    return out


def _bag_info(*, doc_id: str, version: str, date: str, commit: str | None, fonts: list[tuple[str, str, str]],
              counts: dict[str, int], allowed: str | None, previous: str | None, bump: str,
              suggested: str, suggested_version: str | None) -> dict[str, Any]:
    import bagit

    from ..checks.runner import summary_text
    from ..version import __version__

    info: dict[str, Any] = {
        "Bagging-Date": date,
        "Bag-Software-Agent": f"jpfr-accord {__version__} (bagit.py {bagit.VERSION})",
        "External-Identifier": f"{doc_id}@{version}",
        "Document-Id": doc_id,
        "Version": version,
        "Release-Date": date,
        "Tool-Version": f"jpfr-accord {__version__}",
        "Check-Summary": summary_text(counts),
        "Previous-Version": previous or "none (first release)",
        "Version-Bump": bump,
        "Suggested-Bump": suggested + (f" ({suggested_version})" if suggested_version else ""),
    }
    if commit:
        info["Source-Commit"] = commit
    if allowed:
        info["Allowed-Findings"] = f"{counts['error']} error-level findings allowed: {allowed}"
    if fonts:
        info["Font"] = [f"{name}; version {ver or 'unknown'}; sha256:{digest}" for name, ver, digest in fonts]
    return info


def build_release(
    doc_id: str,
    version: str,
    *,
    corpus: str | Path = "corpus",
    out: str | Path = "releases",
    date: str | None = None,
    target_lang: str = "fr",
    allow_findings: str | None = None,
    jobs: int | None = None,
) -> ReleaseResult:
    """Freeze ``doc_id`` as release ``version`` under ``out/doc_id/version/``.

    Args:
        doc_id: the document id (``corpus/<lang>/<doc_id>.xml``).
        version: a semantic version greater than every existing release.
        corpus: the corpus folder.
        out: the releases folder; nothing is written outside it.
        date: the release date (YYYY-MM-DD); default ``SOURCE_DATE_EPOCH``, else today (UTC).
        target_lang: the translation to release with its source.
        allow_findings: release despite error-level findings, for this reason (recorded).
        jobs: build processes (default: the number of CPUs; 1 builds in this process).

    Returns:
        The release made, with its changelog.

    Raises:
        ReleaseError: the release is refused (findings, version) or cannot be built;
            nothing is left behind.
        LoadError: a source cannot be read.
    """
    check_doc_id(doc_id)
    semver = parse_version(version)
    the_date = release_date(date)
    if allow_findings is not None and not allow_findings.strip():
        raise ReleaseError("--allow-findings needs a reason, recorded in the release")
    corpus = Path(corpus)
    target_file = corpus / target_lang / f"{doc_id}.xml"
    if not target_file.is_file():
        raise ReleaseError(f"no {target_lang} version of document {doc_id!r}", Location(str(target_file)))
    snapshot = _snapshot(target_file)
    pair, findings = _check(target_file, corpus, snapshot)
    by_path = {_display_path(p): data for p, data in snapshot.items()}
    source_bytes = {d.lang: by_path[d.path] for d in (pair.source, pair.target)}
    counts = {s.value: sum(1 for f in findings if f.severity == s) for s in Severity}
    if counts["error"] and not allow_findings:
        first = next(f for f in findings if f.severity == Severity.ERROR)
        raise ReleaseError(
            f"{counts['error']} error-level findings (first: {first.format_text()}); fix them "
            "(see `jpfr check`) or pass --allow-findings REASON"
        )
    out_root = Path(out)
    doc_dir = contained_path(out_root, doc_id)
    final = contained_path(doc_dir, str(semver))
    try:
        doc_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReleaseError(f"cannot create the releases folder: {exc.strerror or exc}", Location(str(doc_dir))) from None
    jobs = jobs or os.cpu_count() or 1

    with document_lock(doc_dir) as lock_fd, _sigterm_as_interrupt():
        for stale in doc_dir.glob(".tmp-*"):
            shutil.rmtree(stale, ignore_errors=True)  # left by a killed build; we hold the lock
        existing = list_releases(doc_dir)
        if final.exists() or final.is_symlink() or any(str(r.version) == str(semver) for r in existing):
            raise ReleaseError(f"release {semver} of {doc_id!r} exists already; releases are never overwritten",
                               Location(str(final)))
        previous = existing[-1] if existing else None
        if previous and semver.precedence <= previous.version.precedence:
            raise ReleaseError(f"version {semver} is not greater than the latest release {previous.version}")
        # no version in the name: nothing but a finished release looks like one
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=doc_dir))
        try:
            os.chmod(tmp, 0o755)  # mkdtemp makes it private; bagit gives data/ the same mode
            result = _build_into(tmp, pair=pair, findings=findings, counts=counts, corpus=corpus, source_bytes=source_bytes,
                                 doc_id=doc_id, semver=semver, date=the_date, previous=previous,
                                 allow_findings=allow_findings, jobs=jobs, lock_fd=lock_fd)
            os.rename(tmp, final)
            fsync_dir(doc_dir)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        result.path = final
        result.index = write_index(doc_dir, doc_id)
        return result


def _build_into(tmp: Path, *, pair: AlignedDocument, findings: list[Finding], counts: dict[str, int],
                corpus: Path, source_bytes: dict[str, bytes], doc_id: str, semver: SemVer, date: str, previous: ExistingRelease | None,
                allow_findings: str | None, jobs: int, lock_fd: int) -> ReleaseResult:
    version = str(semver)
    old = _load_release_sources(previous, doc_id) if previous else None  # before any rendering
    xml_dir = tmp / SOURCE_DIR
    xml_dir.mkdir()
    sources = {pair.source.lang: corpus / pair.source.lang / f"{doc_id}.xml",
               pair.target.lang: corpus / pair.target.lang / f"{doc_id}.xml"}
    attachments = []
    payload_names: dict[str, str] = {}
    for lang, src in sorted(sources.items()):
        dest = xml_dir / f"{doc_id}.{lang}.xml"
        _write(dest, source_bytes[lang])  # the snapshot the model was built from, not the corpus now
        attachments.append(dest)
        payload_names[pair[lang].path] = f"{SOURCE_DIR}/{dest.name}"
        if len(attachments) == 1:
            _pause_for_tests(os.environ.get(PAUSE_ENV))
    for sub in ("pdf", "html"):
        (tmp / sub).mkdir()

    results = run_tasks(plan_tasks(pair, tmp, doc_id, version, date, attachments, findings), jobs, lock_fd)
    fonts = sorted({tuple(f) for r in results for f in r["fonts"]})

    current = {pair.source.lang: pair.source, pair.target.lang: pair.target}
    changes = compare(old, current, doc_id=doc_id, old_label=str(previous.version) if previous else None,
                      new_label=version, languages=[pair.source.lang, pair.target.lang])
    suggested = changes.suggested_bump
    suggested_version = None
    if previous and suggested in ("major", "minor", "patch"):
        suggested_version = str(previous.version.bumped(suggested))
    bump = bump_between(previous.version if previous else None, semver)
    note = None
    if previous:
        note = f"Released as {version} ({bump} bump)."
        if suggested_version and suggested_version != version:
            note += f" The changes suggest {suggested_version} ({suggested})."
    _write(tmp / "CHANGES.md", to_markdown(changes, version_note=note).encode("utf-8"))
    # the same changes as a page an archivist reads in a browser (the redline)
    _write(tmp / "changes.html", to_html(changes, old_title=release_title(previous.path) if previous else None,
                                         new_title=f"{version} ({date})").encode("utf-8"))
    _write(tmp / "changes.json", to_json(
        changes, {"bump": bump, "suggested_version": suggested_version, "released_version": version}).encode("utf-8"))
    commit = source_commit(list(sources.values()))
    error_findings = [f for f in findings if f.severity == Severity.ERROR]
    release_info: dict[str, Any] = {
        "document": doc_id,
        "version": version,
        "date": date,
        "previous_version": str(previous.version) if previous else None,
        "bump": bump,
        "suggested_bump": suggested,
        "suggested_version": suggested_version,
        "source_commit": commit,
        "languages": {d.lang: {"status": d.status, "source": f"{SOURCE_DIR}/{doc_id}.{d.lang}.xml"} for d in (pair.source, pair.target)},
        "check": counts,
        "fonts": [{"name": n, "version": v, "sha256": s} for n, v, s in fonts],
    }
    if allow_findings:
        release_info["allowed_findings"] = {
            "reason": allow_findings,
            "findings": [
                {"code": f.code, "severity": f.severity.value, "file": payload_names.get(f.file, Path(f.file).name),
                 "line": f.line, "eId": f.eId, "message": f.message}
                for f in error_findings
            ],
        }
    _write(tmp / "release.json", (json.dumps(release_info, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    files = sorted(p.relative_to(tmp).as_posix() for p in tmp.rglob("*") if p.is_file())
    make_reproducible_bag(tmp, _bag_info(
        doc_id=doc_id, version=version, date=date, commit=commit, fonts=fonts, counts=counts,
        allowed=allow_findings, previous=str(previous.version) if previous else None, bump=bump,
        suggested=suggested, suggested_version=suggested_version,
    ))
    _make_read_only(tmp)
    return ReleaseResult(path=tmp, doc_id=doc_id, version=version, date=date,
                         previous=str(previous.version) if previous else None, bump=bump, suggested_bump=suggested,
                         suggested_version=suggested_version, files=[f"data/{f}" for f in files], changes=changes,
                         findings=findings)


def _display_path(path: Path) -> str:
    from ..load.align import _display

    return _display(path)


def _write(path: Path, data: bytes) -> None:
    """A file of the release being built (in its temporary folder): a full disk or any other
    refusal of the OS is a one-line error naming the file, and the build is abandoned."""
    from ..load.reader import os_error_message

    try:
        with open(path, "xb") as fh:
            fh.write(data)
    except OSError as exc:
        raise ReleaseError(f"cannot write: {os_error_message(exc)}", Location(str(path))) from None


def _make_read_only(root: Path) -> None:
    """A release is immutable: its files lose their write permission (folders keep it, so
    that an archivist may still delete a release deliberately)."""
    for path in root.rglob("*"):
        if path.is_file():
            path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
