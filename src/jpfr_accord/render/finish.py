"""Finish the PDF inside WeasyPrint, after layout and before the file is written.

Stage: render. Imports ``errors`` and ``render.cff``; works on the ``pydyf``
objects WeasyPrint hands to its ``finisher`` hook (public API of
``Document.write_pdf``), so the file is written once, with no second parse.

What it does, in order:

- every structure element gets an explicit ``/Lang``: WeasyPrint tags the PDF
  but writes a language only on the catalog; screen readers need ``ja`` and
  ``fr`` per element to switch voices (the elements built from boxes already
  got theirs in ``pdf._language_tags``; the marked-content children inherit);
- the Japanese fonts are compacted (``render.cff``);
- embedded files are listed once in ``/AF`` and carry no clock time;
- the XMP metadata says which languages the document is in (a PDF/A stays
  tagged but does not claim PDF/UA: PDF/A-3 would need an XMP extension schema
  for ``pdfuaid``, and the claim is not verified here);
- it refuses a PDF that lacks a language of the layout in its tags, or that
  contains a Type 3 font.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import RenderError
from .cff import subset_cff, used_cids

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_DC = "http://purl.org/dc/elements/1.1/"


@dataclass
class FinishReport:
    """What the finisher saw: the embedded fonts' names and the languages tagged."""

    font_names: set[str] = field(default_factory=set)
    languages: set[str] = field(default_factory=set)
    fonts_compacted: int = 0


def make_finisher(
    *,
    languages: Sequence[str],
    expected_langs: set[str],
    date: str | None,
    report: FinishReport,
) -> Callable:
    """A ``finisher(document, pdf)`` for ``weasyprint.Document.write_pdf``.

    Args:
        languages: the document's languages, reading language first (XMP ``dc:language``).
        expected_langs: languages the structure tree must contain.
        date: the creation date, or None (then embedded files carry no date).
        report: filled with the font names and languages found.
    """

    def finish(document, pdf) -> None:  # noqa: ARG001 - WeasyPrint's signature
        objects = pdf.objects
        report.languages = _propagate_langs(objects, pdf.catalog)
        missing = expected_langs - report.languages
        if missing:
            raise RenderError(
                f"the PDF structure tree lacks /Lang for {', '.join(sorted(missing))}; "
                "this WeasyPrint version is not supported for tagged bilingual PDFs"
            )
        report.font_names = _check_fonts(objects)
        report.fonts_compacted = _compact_fonts(objects)
        _dedupe_associated_files(pdf.catalog)
        if date is None:
            _strip_attachment_dates(objects)
        _extend_xmp(objects, pdf.catalog, languages)

    return finish


def _deref(objects, value):
    """The object a pydyf reference (``b"12 0 R"``) points to, or the value itself."""
    if isinstance(value, bytes) and value.endswith(b" R"):
        return objects[int(value.split()[0])]
    if isinstance(value, str) and value.endswith(" R"):
        return objects[int(value.split()[0])]
    return value


def _is_dict(obj) -> bool:
    return hasattr(obj, "get") and hasattr(obj, "items")


def _text(value) -> str:
    return str(getattr(value, "string", value) or "")


def _propagate_langs(objects, catalog) -> set[str]:
    """Write the inherited language explicitly on every structure element; return those seen."""
    import pydyf

    default = _text(catalog.get("Lang", ""))
    resolved: dict[int, str] = {}

    def lang_of(elem) -> str:
        chain = []
        node = elem
        while _is_dict(node) and node.get("Type") == "/StructElem":
            key = id(node)
            if key in resolved:
                lang = resolved[key]
                break
            own = _text(node.get("Lang", ""))
            if own:
                lang = own
                break
            chain.append(node)
            node = _deref(objects, node.get("P"))
        else:
            lang = default
        for n in chain:
            resolved[id(n)] = lang
        resolved[id(elem)] = lang
        return lang

    seen: set[str] = set()
    for obj in objects:
        if _is_dict(obj) and obj.get("Type") == "/StructElem":
            lang = lang_of(obj)
            if lang:
                if "Lang" not in obj:
                    obj["Lang"] = pydyf.String(lang)
                seen.add(lang)
    return seen


def _check_fonts(objects) -> set[str]:
    names: set[str] = set()
    for obj in objects:
        if _is_dict(obj) and obj.get("Type") == "/Font":
            if obj.get("Subtype") == "/Type3":
                raise RenderError("the PDF contains a Type 3 font; install the Japanese OpenType font (fonts-noto-cjk)")
            if obj.get("Subtype") == "/Type0":
                names.add(str(obj.get("BaseFont", "")).lstrip("/").split("+", 1)[-1])
    return names


def _compact_fonts(objects) -> int:
    """Embed each CID-keyed CFF font as a compact bare CFF (see ``render.cff``)."""
    done = 0
    for obj in objects:
        if not (_is_dict(obj) and obj.get("Subtype") == "/CIDFontType0"):
            continue
        info = obj.get("CIDSystemInfo", {})
        if _text(info.get("Ordering", "")) != "Identity":
            continue
        descriptor = _deref(objects, obj.get("FontDescriptor"))
        stream = _deref(objects, descriptor.get("FontFile3")) if _is_dict(descriptor) else None
        if stream is None or stream.extra.get("Subtype") != "/OpenType" or len(stream.stream) != 1:
            continue
        cff = subset_cff(bytes(stream.stream[0]), used_cids(obj.get("W", [])))
        if cff is None:
            continue
        stream.stream = [cff]
        stream.extra["Subtype"] = "/CIDFontType0C"
        done += 1
    return done


def _dedupe_associated_files(catalog) -> None:
    # WeasyPrint 70 lists each attachment twice in the catalog's /AF (once from
    # the name tree, once from the file specifications): keep each one once.
    import pydyf

    if "AF" in catalog:
        catalog["AF"] = pydyf.Array(dict.fromkeys(catalog["AF"]))


def _strip_attachment_dates(objects) -> None:
    """Without a date, embedded files carry none (WeasyPrint always writes one)."""
    for obj in objects:
        extra: Any = getattr(obj, "extra", None)
        if _is_dict(extra) and extra.get("Type") == "/EmbeddedFile" and _is_dict(extra.get("Params")):
            for key in ("CreationDate", "ModDate"):
                extra["Params"].pop(key, None)


def _extend_xmp(objects, catalog, languages: Sequence[str]) -> None:
    """Add ``dc:language`` (a predefined XMP property, fine in PDF/A) to the XMP packet."""
    from xml.sax.saxutils import escape

    stream = _deref(objects, catalog.get("Metadata"))
    if stream is None or not hasattr(stream, "stream"):
        return
    data = b"\n".join(bytes(part) for part in stream.stream)
    items = "".join(f"<rdf:li>{escape(lang)}</rdf:li>" for lang in languages)
    extra = (
        f'<rdf:Description xmlns:rdf="{_RDF}" xmlns:dc="{_DC}" rdf:about="">'
        f"<dc:language><rdf:Bag>{items}</rdf:Bag></dc:language></rdf:Description>"
    )
    closing = re.search(rb"</(?:[A-Za-z0-9_]+:)?RDF>", data)
    if closing is None:
        return
    stream.stream = [data[: closing.start()] + extra.encode() + data[closing.start():]]
