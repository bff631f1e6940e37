"""Read an input file safely: regular files only, within the size limit, clear errors.

Stage: load. Imports ``errors`` only.

Every reader of the toolkit (corpus files, XLIFF, TMX, TBX/TSV glossaries, the
configuration, the text given to ``jpfr import``, the files of a release) goes
through :func:`read_bytes`. ``st_size`` is 0 for a FIFO, a pipe or a character
device (``/dev/zero``), so a size check alone would read them until memory runs
out, or block forever on a FIFO without writer: the file is opened with
``O_NONBLOCK`` (an open that cannot block), checked with ``fstat`` on the open
descriptor (no race with a rename), refused unless it is a regular file, and
read at most up to the limit.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import unicodedata
from pathlib import Path

from ..errors import LoadError, Location

#: Refuse files larger than this (bytes); overridable with JPFR_MAX_BYTES.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def max_bytes() -> int:
    """The size limit of every input, from ``JPFR_MAX_BYTES`` (default 20 MiB).

    Raises:
        LoadError: ``JPFR_MAX_BYTES`` is set but is not a positive whole number of bytes.
    """
    raw = os.environ.get("JPFR_MAX_BYTES")
    if raw is None or not raw.strip():
        return DEFAULT_MAX_BYTES
    value = raw.strip()
    if not value.isascii() or not value.isdigit() or int(value) <= 0:
        raise LoadError(f"JPFR_MAX_BYTES={escape_text(raw)!r} is not a positive number of bytes "
                        f"(the default is {DEFAULT_MAX_BYTES})")
    return int(value)


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_text(text: str) -> str:
    """``text`` made safe for one line of terminal or CI output: line breaks, other
    control characters (C0, C1, U+2028/U+2029) are escaped (``\\n``, ``\\x1b``,
    ``\\u2028``); nothing else changes."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch in _NAMED:
            out.append(_NAMED[ch])
        elif unicodedata.category(ch) in ("Cc", "Zl", "Zp") or ch in "\ufeff":
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
        elif "\udc80" <= ch <= "\udcff":  # a byte that is not UTF-8, as os.fsdecode keeps it
            out.append(f"\\x{ord(ch) - 0xdc00:02x}")
        else:
            out.append(ch)
    return "".join(out)


def os_error_message(exc: OSError) -> str:
    """What the OS said, in words (``permission denied``, ``file name too long``)."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    if exc.errno == errno.ENOSPC:
        reason = "no space left on device"
    return reason[:1].lower() + reason[1:]


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO or pipe"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def open_regular(path: str | Path, display: str, *, follow_symlinks: bool = True) -> int:
    """An ``O_RDONLY`` descriptor of ``path``, refused unless it is a regular file.

    The open never blocks (``O_NONBLOCK``: a FIFO without writer opens at once and
    is then refused); with ``follow_symlinks=False`` a symbolic link is refused too.

    Raises:
        LoadError: missing, a folder, a FIFO, a device, a socket, a link (when not
            followed), or refused by the OS; the message names ``display``.
    """
    where = Location(display)
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | getattr(os, "O_NOCTTY", 0)
    if not follow_symlinks:
        flags |= os.O_NOFOLLOW
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise LoadError("no such file", where) from None
    except PermissionError:
        raise LoadError("permission denied", where) from None
    except IsADirectoryError:
        raise LoadError("is a directory, expected a file", where) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow_symlinks:
            raise LoadError("is a symbolic link; refused", where) from None
        raise LoadError(f"cannot read file: {os_error_message(exc)}", where) from None
    try:
        mode = os.fstat(fd).st_mode
    except OSError as exc:
        os.close(fd)
        raise LoadError(f"cannot read file: {os_error_message(exc)}", where) from None
    if stat.S_ISDIR(mode):
        os.close(fd)
        raise LoadError("is a directory, expected a file", where)
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise LoadError(f"is {_kind(mode)}, not a regular file; refused", where)
    return fd


def read_bytes(path: str | Path, display: str | None = None, *, limit: int | None = None,
               follow_symlinks: bool = True) -> bytes:
    """Read a whole regular file, refusing it past ``limit`` bytes (default: ``JPFR_MAX_BYTES``).

    Never reads more than the limit, even from a file that grows while it is read.

    Raises:
        LoadError: the file cannot be opened (see :func:`open_regular`), is over
            the limit, or a read fails.
    """
    display = str(path) if display is None else display
    limit = max_bytes() if limit is None else limit
    fd = open_regular(path, display, follow_symlinks=follow_symlinks)
    try:
        size = os.fstat(fd).st_size
        if size > limit:
            raise LoadError(f"file is {size} bytes, over the limit of {limit} (set JPFR_MAX_BYTES to raise it)",
                            Location(display))
        chunks, total = [], 0
        while True:
            try:
                block = os.read(fd, min(1 << 20, limit + 1 - total))
            except IsADirectoryError:
                raise LoadError("is a directory, expected a file", Location(display)) from None
            except OSError as exc:
                raise LoadError(f"cannot read file: {os_error_message(exc)}", Location(display)) from None
            if not block:
                break
            chunks.append(block)
            total += len(block)
            if total > limit:
                raise LoadError(f"file is over the limit of {limit} bytes (set JPFR_MAX_BYTES to raise it)",
                                Location(display))
        return b"".join(chunks)
    finally:
        os.close(fd)


def sha256_of(path: str | Path, display: str | None = None, *, follow_symlinks: bool = True) -> str:
    """The SHA-256 (hex) of a regular file, read in blocks (``hashlib.file_digest``).

    Raises:
        LoadError: the file is not a regular file, or cannot be read.
    """
    display = str(path) if display is None else display
    fd = open_regular(path, display, follow_symlinks=follow_symlinks)
    try:
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError as exc:
        raise LoadError(f"cannot read file: {os_error_message(exc)}", Location(display)) from None
    finally:
        os.close(fd)


def check_language_folders(root: str | Path) -> None:
    """Refuse a corpus whose language folders (``<root>/<lang>/``) cannot all be read:
    skipping one silently would check a document without its counterpart and pass.

    Raises:
        LoadError: a language folder cannot be listed (no read or search permission).
    """
    import re

    from ..model import LANG_PATTERN

    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        raise LoadError(f"cannot read the corpus folder: {os_error_message(exc)}", Location(str(root))) from None
    for entry in entries:
        if not re.fullmatch(LANG_PATTERN, entry.name):
            continue
        try:
            if not entry.is_dir():
                continue
            with os.scandir(entry.path) as listing:
                for item in listing:
                    os.stat(item.path, follow_symlinks=False)
                    break
        except OSError as exc:
            raise LoadError(f"cannot read the language folder: {os_error_message(exc)}",
                            Location(os.path.join(str(root), entry.name))) from None
