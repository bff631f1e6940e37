"""BagIt bags made reproducible, and the release index of a document.

Stage: release. Imports ``errors``, ``load`` (atomic writes), ``release.versions``,
the ``bagit`` package (Library of Congress) and lxml for the HTML index.

``bagit.make_bag`` is used as is, with what it would otherwise make
non-deterministic under control:

- ``Bagging-Date`` defaults to today and ``Bag-Software-Agent`` to bagit's
  version: both are passed explicitly in ``bag-info.txt`` (the date is the
  release date, from ``--date`` or ``SOURCE_DATE_EPOCH``);
- only SHA-256 is written (bagit's default adds SHA-512, which RFC 8493 §2.4
  does not require);
- ``bagit.txt`` says ``BagIt-Version: 1.0`` (RFC 8493 §2.1.1; bagit 1.9 writes 0.97);
- ``tagmanifest-sha256.txt`` lists the tag files in ``os.listdir`` order, which
  depends on the file system: it is rewritten sorted by path. ``manifest-sha256.txt``
  is already sorted (bagit walks the payload with sorted names).

bagit logs every file it hashes and warns about every problem on the root
logger's last-resort handler; it is silenced while it runs (problems are
reported by ``verify`` as data).
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any


from ..errors import Location, ReleaseError
from ..load import atomic_write
from ..load.write import fsync_folder
from .versions import list_releases

BAGIT_TXT = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
ALGORITHM = "sha256"
MANIFEST = f"manifest-{ALGORITHM}.txt"
TAGMANIFEST = f"tagmanifest-{ALGORITHM}.txt"
#: The payload folder of the XML sources. Not a two- or three-letter name: the renderer
#: names an embedded ``<lang>/X.xml`` ``X.<lang>.xml`` and would take ``xml/`` for a language.
SOURCE_DIR = "source"
#: The fixed set of tag files a release has besides the payload in ``data/``.
TAG_FILES = ("bagit.txt", "bag-info.txt", MANIFEST, TAGMANIFEST)


@contextlib.contextmanager
def quiet_bagit() -> Iterator[None]:
    """Silence the ``bagit`` logger while bagit runs (its warnings would reach stderr)."""
    logger = logging.getLogger("bagit")
    was = logger.disabled
    logger.disabled = True
    try:
        yield
    finally:
        logger.disabled = was


def sha256_file(path: Path) -> str:
    """The SHA-256 of a regular file (``hashlib.file_digest``); a link, a FIFO or a device
    is refused rather than followed or read forever.

    Raises:
        LoadError: not a regular file, or unreadable.
    """
    from ..load.reader import sha256_of

    return sha256_of(path, str(path), follow_symlinks=False)


def make_reproducible_bag(bag_dir: Path, bag_info: dict[str, str | list[str]]) -> None:
    """Turn ``bag_dir`` (holding the payload) into a BagIt 1.0 bag, byte-identical for
    identical payload and ``bag_info``.

    Raises:
        ReleaseError: bagit could not make the bag.
    """
    import bagit

    info = dict(bag_info)
    for key in ("Bagging-Date", "Bag-Software-Agent"):
        if key not in info:
            raise ReleaseError(f"bag-info needs an explicit {key!r} to be reproducible")
    try:
        with quiet_bagit():
            bagit.make_bag(str(bag_dir), bag_info=info, processes=1, checksums=[ALGORITHM])
    except OSError as exc:  # a full disk while bagit writes a tag file or a manifest
        from ..load.reader import os_error_message

        raise ReleaseError(f"cannot make the bag: {os_error_message(exc)}",
                           Location(str(exc.filename or bag_dir))) from None
    except (bagit.BagError, RuntimeError) as exc:
        raise ReleaseError(f"cannot make the bag: {exc}", Location(str(bag_dir))) from None
    _write(bag_dir / "bagit.txt", BAGIT_TXT.encode("utf-8"))
    write_tagmanifest(bag_dir)


def write_tagmanifest(bag_dir: Path) -> None:
    """(Re)write ``tagmanifest-sha256.txt`` over every tag file, sorted by path."""
    lines = []
    for path in sorted(p for p in bag_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(bag_dir).as_posix()
        if rel.startswith("data/") or rel.startswith("tagmanifest-"):
            continue
        lines.append(f"{sha256_file(path)}  {rel}\n")
    _write(bag_dir / TAGMANIFEST, "".join(lines).encode("utf-8"))


def _write(path: Path, data: bytes) -> None:
    """A tag file of the bag being built: a full disk is a one-line error naming it."""
    from ..load.reader import os_error_message

    try:
        path.write_bytes(data)
    except OSError as exc:
        raise ReleaseError(f"cannot write: {os_error_message(exc)}", Location(str(path))) from None


def read_manifest(path: Path) -> dict[str, str]:
    """``{relative path: hex digest}`` from a manifest file (empty when it is missing)."""
    from ..errors import AccordError
    from ..load.reader import read_bytes

    out: dict[str, str] = {}
    try:
        text = read_bytes(path, str(path), follow_symlinks=False).decode("utf-8", "replace")
    except AccordError:
        return out
    for line in text.splitlines():
        parts = line.strip().split(None, 1)
        if len(parts) == 2:
            out[parts[1].lstrip("*")] = parts[0].lower()
    return out


def read_bag_info(bag_dir: Path) -> dict[str, Any]:
    """``bag-info.txt`` as a dict (repeated labels give lists), read with bagit's parser."""
    from .bag import parse_tag_lines, read_tag_file

    text = read_tag_file(bag_dir, "bag-info.txt", [])  # a regular file within the size limit, or nothing
    if text is None:
        return {}
    tags = parse_tag_lines(text, "bag-info.txt", [])
    return {label: values[0] if len(values) == 1 else values for label, values in tags.items()}


# -- the index of a document's releases ----------------------------------------


def index_entries(doc_dir: Path) -> list[dict[str, Any]]:
    """One entry per release of the document, oldest first."""
    from ..errors import AccordError
    from ..load.reader import read_bytes

    out = []
    for rel in list_releases(doc_dir):
        info = read_bag_info(rel.path)
        release = {}
        release_json = rel.path / "data" / "release.json"
        try:
            release = json.loads(read_bytes(release_json, str(release_json), follow_symlinks=False).decode("utf-8"))
        except (AccordError, ValueError, RecursionError):
            release = {}
        if not isinstance(release, dict):
            release = {}
        checksums = {}
        for name in (MANIFEST, TAGMANIFEST):
            try:
                checksums[name] = "sha256:" + sha256_file(rel.path / name)
            except AccordError:
                pass  # missing or not a regular file: `jpfr verify` says which
        out.append(
            {
                "version": str(rel.version),
                "date": _first(info.get("Release-Date")) or _first(info.get("Bagging-Date")),
                "previous": _text(release.get("previous_version")),
                "bump": _text(release.get("bump")),
                "suggested_bump": _text(release.get("suggested_bump")),
                "allowed_findings": _text((release.get("allowed_findings") or {}).get("reason")
                                          if isinstance(release.get("allowed_findings"), dict) else None),
                "path": f"{rel.path.name}/",
                "manifests": checksums,
            }
        )
    return out


def _text(value: Any) -> str | None:
    """A value read from a release's ``release.json`` (input, like the rest): text or nothing."""
    return value if isinstance(value, str) else None


def _first(value: Any) -> str | None:
    if isinstance(value, list):
        return value[0] if value else None
    return value


def write_index(doc_dir: Path, doc_id: str) -> tuple[Path, Path]:
    """(Re)write ``index.json`` and ``index.html`` of ``releases/DOC_ID`` from the releases
    present, so that an index left stale by an interruption is repaired by the next release."""
    entries = index_entries(doc_dir)
    data = {"document": doc_id, "releases": entries, "latest": entries[-1]["version"] if entries else None}
    json_path, html_path = doc_dir / "index.json", doc_dir / "index.html"
    atomic_write(json_path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    atomic_write(html_path, index_html(doc_id, entries, doc_dir).encode("utf-8"))
    return json_path, html_path


def index_html(doc_id: str, entries: list[dict[str, Any]], doc_dir: Path | None = None) -> str:
    """The HTML index page (``release.index_page``)."""
    from .index_page import index_page

    return index_page(doc_id, entries, doc_dir)


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (the writer's own folder fsync)."""
    fsync_folder(path)
