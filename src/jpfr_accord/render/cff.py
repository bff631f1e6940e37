"""Compact the Japanese fonts WeasyPrint embeds (PDF size: from ~460 KB to ~180 KB).

Stage: render. Imports nothing from the package; calls HarfBuzz's subsetter
through ctypes (the library WeasyPrint itself subsets with, installed with it).
``render.finish`` applies it to the fonts of a PDF being written.

WeasyPrint subsets with ``RETAIN_GIDS``: a Japanese font keeps all its ~63,000
glyph slots, empty, which costs about 200 KB per face once compressed. A
CID-keyed CFF font maps CIDs to glyphs through its own charset, and HarfBuzz
keeps the CIDs when it renumbers the glyphs; so the empty slots can go while
every CID in the page content stays valid, provided the font is embedded as a
bare CFF (``FontFile3 /CIDFontType0C``, ISO 32000-1 §9.9) and not wrapped in
OpenType, whose readers take the CIDs for glyph ids.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache

_MEMORY_MODE_READONLY = 1
_FLAGS = 0x01 | 0x20 | 0x40  # NO_HINTING | PASSTHROUGH_UNRECOGNIZED | NOTDEF_OUTLINE
_CFF_TAG = int.from_bytes(b"CFF ", "big")


@cache
def _harfbuzz():
    """(libharfbuzz, libharfbuzz-subset) with the signatures used here, or None."""
    try:
        hb = ctypes.CDLL(ctypes.util.find_library("harfbuzz") or "libharfbuzz.so.0")
        hbs = ctypes.CDLL(ctypes.util.find_library("harfbuzz-subset") or "libharfbuzz-subset.so.0")
    except OSError:
        return None
    vp, uint = ctypes.c_void_p, ctypes.c_uint
    hb.hb_blob_create.restype = vp
    hb.hb_blob_create.argtypes = [ctypes.c_char_p, uint, ctypes.c_int, vp, vp]
    hb.hb_blob_destroy.argtypes = [vp]
    hb.hb_face_create.restype = vp
    hb.hb_face_create.argtypes = [vp, uint]
    hb.hb_face_destroy.argtypes = [vp]
    hb.hb_set_add.argtypes = [vp, uint]
    hb.hb_face_reference_table.restype = vp
    hb.hb_face_reference_table.argtypes = [vp, uint]
    hb.hb_blob_get_data.restype = ctypes.POINTER(ctypes.c_char)
    hb.hb_blob_get_data.argtypes = [vp, ctypes.POINTER(uint)]
    hbs.hb_subset_input_create_or_fail.restype = vp
    hbs.hb_subset_input_destroy.argtypes = [vp]
    hbs.hb_subset_input_glyph_set.restype = vp
    hbs.hb_subset_input_glyph_set.argtypes = [vp]
    hbs.hb_subset_input_set_flags.argtypes = [vp, uint]
    hbs.hb_subset_or_fail.restype = vp
    hbs.hb_subset_or_fail.argtypes = [vp, vp]
    return hb, hbs


def used_cids(widths) -> list[int]:
    """The CIDs a CIDFont's ``/W`` array gives widths to, plus CID 0 (``.notdef``).

    ``/W`` holds ``first [w1 w2 …]`` and ``first last w`` runs (ISO 32000-1 §9.7.4.3).
    In the fonts WeasyPrint writes, glyph id and CID coincide (it retains the
    glyph ids, and the CJK fonts' charsets are identity), so these are also the
    glyph ids to keep.
    """
    cids = {0}
    widths = list(widths)
    i = 0
    while i + 1 < len(widths):
        first = int(widths[i])
        if isinstance(widths[i + 1], (list, tuple)):
            cids.update(range(first, first + len(widths[i + 1])))
            i += 2
        else:
            cids.update(range(first, int(widths[i + 1]) + 1))
            i += 3
    return sorted(cids)


def subset_cff(font_file: bytes, gids: list[int]) -> bytes | None:
    """The CFF table of ``font_file`` (an OpenType font) keeping only ``gids``; None on failure."""
    libs = _harfbuzz()
    if libs is None:
        return None
    hb, hbs = libs
    blob = hb.hb_blob_create(font_file, len(font_file), _MEMORY_MODE_READONLY, None, None)
    face = hb.hb_face_create(blob, 0)
    plan = hbs.hb_subset_input_create_or_fail()
    subset = table = None
    try:
        if not plan:
            return None
        glyphs = hbs.hb_subset_input_glyph_set(plan)
        for gid in gids:
            hb.hb_set_add(glyphs, gid)
        hbs.hb_subset_input_set_flags(plan, _FLAGS)
        subset = hbs.hb_subset_or_fail(face, plan)
        if not subset:
            return None
        table = hb.hb_face_reference_table(subset, _CFF_TAG)
        length = ctypes.c_uint()
        data = hb.hb_blob_get_data(table, ctypes.byref(length))
        return ctypes.string_at(data, length.value) if length.value else None
    finally:
        if table:
            hb.hb_blob_destroy(table)
        if subset:
            hb.hb_face_destroy(subset)
        if plan:
            hbs.hb_subset_input_destroy(plan)
        hb.hb_face_destroy(face)
        hb.hb_blob_destroy(blob)
