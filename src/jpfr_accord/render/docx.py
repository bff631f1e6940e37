"""Word rendering: the view model as a ``.docx`` a ministry can circulate and edit.

Stage: render. Imports ``errors``, ``model``, ``load.write`` (the atomic writer)
and the other ``render`` modules; python-docx is imported inside functions only,
so that ``check`` and ``export`` never load it.

The same :class:`~jpfr_accord.render.context.View` as HTML and PDF, laid out
for Word:

- side by side: per section, a two-column table with one row per paragraph
  pair, so rows stay aligned whatever Word does to line breaks; section
  headings are body paragraphs in the ``Heading 1`` style (both languages in one
  heading, so Word's navigation pane lists each section once); interleaved:
  clause under clause; one language: that language's paragraphs;
- every run carries its fonts (``w:rFonts``: a Latin serif, and a Japanese
  Mincho through ``w:eastAsia``) and its language (``w:lang``), so that Word
  checks spelling and hyphenates per language; no-break spaces are kept;
- a bookmark per clause and per heading (:func:`bookmark_name`), which
  ``jpfr import-docx`` uses to bring edits back to the clause they belong to,
  and a record of each clause's text as rendered (:data:`RECORD_PROPERTY`);
- the status notice in both languages in the header of every page, the version
  and a ``PAGE`` field in the footer;
- deterministic bytes: fixed core properties (dates from the document or
  ``SOURCE_DATE_EPOCH``, never the clock), fixed zip order and timestamps.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from pathlib import Path

from ..errors import RenderError
from ..model import AlignedDocument
from .context import ClauseView, View, build_view, labels
from .typography import fold
from .html import write_output
from .pdf import resolve_date

#: Fonts per language: (Latin font, East Asian font). Word has Yu Mincho on Windows
#: and macOS (and substitutes MS Mincho from the font table's description);
#: LibreOffice on Linux finds Noto Serif CJK JP through fontconfig
#: (``scripts/fontconfig/60-jpfr-word-fonts.conf``), the font of the PDF.
FONTS: dict[str, tuple[str, str]] = {
    "ja": ("Yu Mincho", "Yu Mincho"),
    "fr": ("Times New Roman", "Yu Mincho"),
}
#: BCP 47 tags of ``w:lang``: ``w:val`` for Latin script, ``w:eastAsia`` for CJK.
LANG_TAGS: dict[str, str] = {"ja": "ja-JP", "fr": "fr-FR"}
#: Page sizes and margins in millimetres.
PAGE_MM: dict[str, tuple[float, float]] = {"A4": (210.0, 297.0), "letter": (215.9, 279.4)}
MARGIN_MM = 20.0
#: Zip entries written first, in this order; the others follow sorted.
_FIRST_PARTS = ("[Content_Types].xml", "_rels/.rels")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_BOOKMARK = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,39}$")
_CATEGORY = "jpfr-accord {layout} left={left}"


def bookmark_name(lang: str, eid: str) -> str:
    """The Word bookmark of ``eid`` in ``lang``: ``fr_sec_1__para_2__cl_1``.

    Word allows 40 characters (letters, digits, underscores); a longer id keeps
    its start and gets a hash of the whole id, so the name stays unique.
    """
    name = f"{lang}_{eid}"
    if _BOOKMARK.match(name):
        return name
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]
    return f"{lang}_{re.sub(r'[^A-Za-z0-9_]', '_', eid)[:40 - len(lang) - 12]}_{digest}"


#: Custom document properties ``jpfr-accord rendered LANG N`` (kept by Word and
#: LibreOffice) record a digest of every translated clause as rendered, so that
#: ``import-docx`` tells the other side's edits from edits made in the corpus since.
RECORD_PROPERTY = "jpfr-accord rendered"


def text_digest(text: str) -> str:
    """A short digest of a clause's text as rendered."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def stored_texts(pair: AlignedDocument) -> dict[tuple[str, str], str]:
    """(lang, eId) -> the clause's stored text with whitespace folded: what the Word file shows.

    Not the display typography of HTML and PDF (``render.typography``): a Word file
    is edited and read back, so it shows the corpus text itself and Word breaks
    the lines; an edit then changes only what the person changed.
    """
    return {(doc.lang, c.id): fold(c.text) for doc in (pair.source, pair.target) for c in doc.clauses()}


def shown_text(cl: ClauseView, stored: dict[tuple[str, str], str]) -> str:
    """The text a clause shows in the Word file (a placeholder's own text when it is missing)."""
    return cl.text if cl.is_missing else stored.get((cl.lang, cl.eid), cl.text)


def category(layout: str, left: str) -> str:
    """The core ``category`` property naming how the file was laid out (read back by the import)."""
    return _CATEGORY.format(layout=layout, left=left)


def docx_bytes(view: View, pair: AlignedDocument, date: str | None = None, version: str | None = None) -> bytes:
    """The ``.docx`` of ``view``, byte for byte the same for the same inputs.

    Raises:
        RenderError: python-docx is missing.
    """
    try:
        import docx  # noqa: F401
    except ImportError as exc:  # pragma: no cover - a dependency
        raise RenderError(f"--to docx needs python-docx, which is not installed: pip install 'jpfr-accord[render]' "
                          f"({exc})") from exc
    from . import docx_build

    document = docx_build.build_document(view, pair, date=date, category=category(view.layout, view.lang),
                                         version=version)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_zip(buffer.getvalue())


def normalize_zip(data: bytes) -> bytes:
    """The same package with fixed entry order, timestamps and attributes."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        entries = {info.filename: src.read(info) for info in src.infolist()}
    names = [n for n in _FIRST_PARTS if n in entries] + sorted(n for n in entries if n not in _FIRST_PARTS)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dest:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            dest.writestr(info, entries[name], compresslevel=9)
    return out.getvalue()


def render_docx(
    pair: AlignedDocument,
    dest: Path,
    *,
    layout: str = "side-by-side",
    left: str = "ja",
    paper: str = "a4",
    version: str | None = None,
    date: str | None = None,
    allowed_findings: str | None = None,
) -> Path:
    """Write ``pair`` as a Word document.

    Args:
        pair: the aligned document.
        dest: the ``.docx`` to write (atomically; its folder is created if missing).
        layout: one of ``LAYOUTS``.
        left: language of the left column (or of the first of each clause pair).
        paper: ``a4`` or ``letter``.
        version: shown in the footer; default the document's version, else "unreleased".
        date: YYYY-MM-DD written as the creation date (default: the document's
            date, else ``SOURCE_DATE_EPOCH``, else none).
        allowed_findings: why the document is rendered despite error-level
            findings (printed at the end, as in the PDF), or None.

    Returns:
        ``dest``.

    Raises:
        UnknownFormatError: unknown layout, paper or language.
        RenderError: invalid date, or python-docx is missing.
        LoadError: ``dest`` cannot be written.
    """
    view = build_view(pair, layout=layout, left=left, medium="html", paper=paper, version=version,
                      allowed_findings=allowed_findings)
    for lang in {c.lang for c in view.columns} | {n.lang for n in view.notices}:
        if lang not in LANG_TAGS:
            raise RenderError(f"no Word language and fonts for {lang!r}; add them to render/docx.py")
    labels()  # fail early on unreadable labels
    data = docx_bytes(view, pair, resolve_date(date, pair), version or pair.source.version or pair.target.version)
    dest = Path(dest)
    write_output(dest, data)
    return dest
