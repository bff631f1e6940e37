"""Check one PDF of a release: the embedded sources, the PDF/A-3 declaration.

Stage: release. Imports ``load.reader`` and pikepdf.

A few kilobytes of Flate can decode to gigabytes, and one stream can be named by
thousands of file specifications: streams are inflated here, never by pikepdf,
each decoded once (by object number), and against one budget for the whole PDF
(the sources of a release, at most ``JPFR_MAX_BYTES`` each), embedded files and
XMP metadata together. Only the encodings a release uses are decoded (plain or
one ``/FlateDecode``); anything else is reported.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from pathlib import Path

#: More embedded files than a release could have is reported, not read one by one.
MAX_ATTACHMENTS = 64
#: An XMP packet is a few kilobytes.
MAX_XMP_BYTES = 4 << 20
_PDFA_PART = re.compile(rb"pdfaid:part(?:\s*=\s*[\"']\s*(\d+)|(?:\s[^<>]*)?>\s*(\d+)\s*<)")


class _Budget:
    def __init__(self, total: int) -> None:
        self.left = total
        self.total = total


def _filters(stream) -> list[str]:
    import pikepdf

    filters = stream.get("/Filter")
    if filters is None:
        return []
    if isinstance(filters, pikepdf.Array):
        return [str(f) for f in filters]
    return [str(filters)]


def decode_stream(stream, limit: int, budget: _Budget) -> bytes:
    """The decoded bytes of a stream, at most ``limit`` and within what is left of ``budget``.

    Raises:
        ValueError: over a bound, or an encoding a release does not use.
    """
    from ..load.reader import max_bytes

    names = _filters(stream)
    if names not in ([], ["/FlateDecode"]) or stream.get("/DecodeParms") is not None:
        raise ValueError(f"encoded with {' '.join(names) or 'parameters'} (a release embeds its sources plain or with /FlateDecode)")
    bound = min(limit, budget.left)
    raw = stream.read_raw_bytes()
    if names:
        try:
            data = zlib.decompressobj().decompress(raw, bound + 1)
        except zlib.error as exc:
            raise ValueError(f"damaged /FlateDecode data ({exc})") from None
    else:
        data = raw[: bound + 1]
    if len(data) > bound:
        if bound < limit:
            raise ValueError(f"the embedded data of this PDF decode to more than {budget.total} bytes in all, "
                             "more than its sources can be; not decoded further")
        raise ValueError(f"decodes to more than {max_bytes() if limit == max_bytes() else limit} bytes, the size limit "
                         "(set JPFR_MAX_BYTES to raise it)")
    budget.left -= len(data)
    return data


def _pdfa_part(pdf, budget: _Budget) -> str:
    """The PDF/A part the XMP metadata declares ('' when none), decoded with a bound."""
    import pikepdf

    meta = pdf.Root.get("/Metadata")
    if not isinstance(meta, pikepdf.Stream):
        return ""
    data = decode_stream(meta, MAX_XMP_BYTES, budget)
    match = _PDFA_PART.search(data)
    return (match.group(1) or match.group(2)).decode() if match else ""


def check_pdf(pdf_path: Path, sources: dict[str, bytes]) -> list[tuple[str | None, str, str]]:
    """The problems of one PDF as ``(path or None for the PDF itself, kind, message)``."""
    import pikepdf

    from ..load.reader import max_bytes

    out: list[tuple[str | None, str, str]] = []
    limit = max_bytes()
    budget = _Budget(max(sum(len(d) for d in sources.values()), limit) + MAX_XMP_BYTES)
    digests = {name: hashlib.sha256(data).hexdigest() for name, data in sources.items()}
    embedded: dict[str, str | None] = {}
    decoded: dict[tuple[int, int], str] = {}
    status = ""
    try:
        with pikepdf.open(pdf_path) as pdf:
            af = pdf.Root.get("/AF")
            associated = {obj.objgen for obj in af} if isinstance(af, pikepdf.Array) else set()
            attachments = pdf.attachments
            if len(attachments) > MAX_ATTACHMENTS:
                out.append((None, "attachment", f"embeds {len(attachments)} files, more than a release has "
                                                f"({MAX_ATTACHMENTS} at most); not read"))
                return out
            for name, spec in attachments.items():
                key = spec.filename or name
                try:
                    stream = spec.get_file().obj
                    if stream.objgen in decoded and stream.objgen != (0, 0):
                        embedded[key] = decoded[stream.objgen]
                    else:
                        digest = hashlib.sha256(decode_stream(stream, limit, budget)).hexdigest()
                        embedded[key] = decoded[stream.objgen] = digest
                except (pikepdf.PdfError, ValueError, KeyError) as exc:
                    out.append((None, "attachment", f"embedded file {key!r} cannot be read: {exc}"))
                    embedded[key] = None
                # PDF/A-3 (ISO 19005-3 §6.8): an embedded file is an associated file, with an
                # AFRelationship, listed in an /AF array (here the document's, in the catalog)
                if "/AFRelationship" not in spec.obj:
                    out.append((None, "pdfa", f"embedded file {key!r} has no AFRelationship (PDF/A-3 §6.8)"))
                if spec.obj.objgen not in associated:
                    out.append((None, "pdfa", f"embedded file {key!r} is not listed in the catalog's /AF"))
            try:
                status = _pdfa_part(pdf, budget)
            except (pikepdf.PdfError, ValueError) as exc:
                out.append((None, "pdfa", f"the XMP metadata cannot be read: {exc}"))
                status = "?"
    except (pikepdf.PdfError, OSError, ValueError, RecursionError) as exc:
        return [(None, "unreadable", f"cannot be read as a PDF: {exc}")]
    if status != "?" and not status.startswith("3"):
        out.append((None, "pdfa", f"does not declare PDF/A-3 (found {status or 'no PDF/A claim'})"))
    for name in sorted(sources):
        if name not in embedded:
            out.append((None, "attachment", f"does not embed the source {name!r}"))
        elif embedded[name] != digests[name]:
            out.append((None, "attachment", f"embedded {name!r} differs from data/source/{name}"))
    for name in sorted(set(embedded) - set(sources)):
        out.append((None, "attachment", f"embeds {name!r}, which is not a source of the release"))
    return out
