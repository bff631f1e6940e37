"""Read-modify-write of a corpus file without lost updates.

Stage: load. Imports ``errors``, ``model``, ``load.reader``, ``load.xml`` and ``load.write``.

Two ``jpfr accept`` (or ``import-xliff``, ``import-tmx``) runs on one document
would each read the file, change their clauses and replace it: the second
replacement loses the first one's change. So every read-modify-write:

1. takes an advisory lock (``flock``) on the file itself, waiting for another
   jpfr command that holds it, and checks after locking that the path still
   names the file locked (the previous holder replaced it: lock the new one);
2. reads the file under the lock, and the caller builds its change from those bytes;
3. just before the atomic replace, reads the file again and refuses (nothing
   written) if its bytes are not those read in 2: a program that does not take
   the lock (an editor) changed it meanwhile.

The lock is held per process and re-entrant: a caller may hold it around the
loading of the model and the edit function take it again.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import LoadError, Location
from ..model import AlignedDocument
from .reader import max_bytes, open_regular, read_bytes

#: How long to wait for another command editing the same file before giving up.
LOCK_TIMEOUT = 120.0


@dataclass
class HeldFile:
    """A corpus file locked for editing, with the bytes read under the lock."""

    path: Path
    display: str
    data: bytes

    def replace(self, new: bytes) -> None:
        """Replace the file by ``new`` atomically, unless it changed since it was read.

        Raises:
            LoadError: the file changed meanwhile, ``new`` is over the size limit the
                readers apply (a writer never produces what the reader refuses), or it
                cannot be written. Nothing is written then.
        """
        from .write import atomic_write

        limit = max_bytes()
        if len(new) > limit:
            raise LoadError(
                f"the edited file would be {len(new)} bytes, over the limit of {limit} that every command "
                "reads (set JPFR_MAX_BYTES to raise it); nothing written",
                Location(self.display),
            )
        if read_bytes(self.path, self.display, limit=max(limit, len(self.data))) != self.data:
            raise LoadError("the file was changed by another program while it was being edited; nothing "
                            "written, run the command again", Location(self.display))
        atomic_write(self.path, new)
        self.data = new


_HELD: dict[str, HeldFile] = {}


def _same_file(fd: int, path: Path) -> bool:
    try:
        now = os.stat(path)
    except OSError:
        return False
    st = os.fstat(fd)
    return (st.st_dev, st.st_ino) == (now.st_dev, now.st_ino)


@contextmanager
def locked_for_edit(path: str | Path, display: str | None = None) -> Iterator[HeldFile]:
    """Hold the edit lock of ``path`` (re-entrant in one process) and its bytes read under it.

    Raises:
        LoadError: the file cannot be read, or another command held it for longer
            than ``LOCK_TIMEOUT`` seconds.
    """
    path = Path(path)
    display = str(path) if display is None else display
    key = os.path.realpath(path)
    if key in _HELD:
        yield _HELD[key]
        return
    deadline = time.monotonic() + LOCK_TIMEOUT
    while True:
        fd = open_regular(path, display)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise LoadError("another jpfr command has been editing this file for "
                                        f"{LOCK_TIMEOUT:.0f} s; try again later", Location(display)) from None
                    time.sleep(0.02)
                except OSError:
                    break  # a file system without flock: the re-read before the replace still protects
            if _same_file(fd, path):
                break
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # replaced while we waited: lock the file now at that path
    try:
        held = HeldFile(path, display, read_bytes(path, display))
        _HELD[key] = held
        try:
            yield held
        finally:
            _HELD.pop(key, None)
    finally:
        os.close(fd)


def reload_pair(pair: AlignedDocument) -> AlignedDocument:
    """``pair`` read again from its files: under the edit lock, a change is computed
    from what the file holds now, not from what was read before waiting for the lock."""
    from .xml import load_document

    source, _ = load_document(Path(pair.source.path), pair.source.path)
    target, _ = load_document(Path(pair.target.path), pair.target.path)
    return AlignedDocument(source=source, target=target)
