"""Importing WeasyPrint without the library-lookup subprocesses.

Stage: render. Imports nothing from the package (the standard library only,
and WeasyPrint inside :func:`import_weasyprint`).

WeasyPrint opens Pango, HarfBuzz, fontconfig and GObject with cffi's
``ffi.dlopen``, trying several names for each (``libgobject-2.0-0``,
``gobject-2.0-0``, …, ``libgobject-2.0.so.0``). For every name that is not a
loadable file, cffi asks :func:`ctypes.util.find_library`, which on Linux runs
``/sbin/ldconfig -p``, then ``gcc -Wl,-t``, then ``ld -t`` — a new process or
three for each of some twenty names: 54 subprocesses and about 190 ms of every
``jpfr render`` (upstream: Kozea/WeasyPrint#1125 "Why is weasyprint exec'ing
gcc?", and #2073 on its import time; the lookup itself is CPython's
bpo-18502, gh-62702).

:func:`import_weasyprint` imports WeasyPrint with ``find_library`` answered
from a single ``ldconfig -p`` read, with the same rule CPython applies to that
output (``_findSoname_ldconfig``: the first ``lib<name>.*`` of this machine's
ABI). Only a name the cache does not know falls back to CPython's own lookup
(gcc / ld find libraries on ``LIBRARY_PATH`` that the cache lists not), so a
library found before is found the same way now, and the PDF bytes do not
change (a test renders with and without the shim). The patch is in place only
while WeasyPrint's modules load, and only on Linux; elsewhere this is a plain
``import weasyprint``.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from functools import cache
from types import ModuleType

_LOCK = threading.Lock()


@cache
def _ldconfig_listing() -> str | None:
    """The output of ``ldconfig -p`` (read once), or None when there is none."""
    env = dict(os.environ, LC_ALL="C", LANG="C")
    for exe in ("/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig"):
        try:
            proc = subprocess.run([exe, "-p"], capture_output=True, env=env, timeout=10, check=False)
        except (OSError, subprocess.SubprocessError):
            continue
        if proc.returncode == 0:
            return proc.stdout.decode("utf-8", "replace")
    return None


def _abi_type() -> str:
    # the same table as CPython's ctypes.util._findSoname_ldconfig
    import struct

    mach_map = {
        "x86_64-64": "libc6,x86-64",
        "ppc64-64": "libc6,64bit",
        "sparc64-64": "libc6,64bit",
        "s390x-64": "libc6,64bit",
        "ia64-64": "libc6,IA-64",
    }
    machine = os.uname().machine + "-" + str(struct.calcsize("l") * 8)
    return mach_map.get(machine, "libc6")


def cached_find_library(name: str, listing: str | None, fallback: Callable[[str], str | None]) -> str | None:
    """``ctypes.util.find_library(name)`` answered from an ``ldconfig -p`` listing.

    The rule is CPython's for that listing: the soname of the first entry
    ``lib<name>.…`` of this machine's ABI. A name the listing does not hold is
    asked of ``fallback`` (CPython's lookup), which is what keeps a library on
    ``LIBRARY_PATH`` or ``LD_LIBRARY_PATH`` found as before.
    """
    if listing is not None:
        regex = r"\s+(lib%s\.[^\s]+)\s+\(%s" % (re.escape(name), re.escape(_abi_type()))
        match = re.search(regex, listing)
        if match:
            return match.group(1)
        if not os.environ.get("LD_LIBRARY_PATH") and not os.environ.get("LIBRARY_PATH"):
            # what gcc and ld would search beyond the cache is only the
            # default folders, which ldconfig lists: nothing more to find
            return None
    return fallback(name)


@contextlib.contextmanager
def quiet_library_lookup() -> Iterator[None]:
    """While in the block, ``ctypes.util.find_library`` reads ``ldconfig -p`` once
    instead of spawning ``ldconfig``, ``gcc`` and ``ld`` for every name (Linux only)."""
    if not sys.platform.startswith("linux"):
        yield
        return
    import ctypes.util

    with _LOCK:
        original = ctypes.util.find_library
        listing = _ldconfig_listing()

        def find_library(name: str) -> str | None:
            return cached_find_library(name, listing, original)

        ctypes.util.find_library = find_library
        try:
            yield
        finally:
            ctypes.util.find_library = original


def import_weasyprint() -> ModuleType:
    """``import weasyprint``, without the library-lookup subprocesses.

    Raises:
        ImportError, OSError: as ``import weasyprint`` does (WeasyPrint or Pango missing).
    """
    if "weasyprint" in sys.modules:
        return sys.modules["weasyprint"]
    with quiet_library_lookup():
        return importlib.import_module("weasyprint")
