"""PDF rendering: the same HTML through WeasyPrint, finished before it is written.

Stage: render. Imports ``errors``, ``model``, ``resources`` and the other
``render`` modules; WeasyPrint and pydyf are imported inside functions only, so
that ``check`` and ``export`` work without Pango.

What this module adds to WeasyPrint:

- a restricting URL fetcher: nothing from the network, no file outside the
  templates, the corpus and the attachments (:func:`make_url_fetcher`);
- dates from the document or the caller, never the clock, so that the bytes
  are identical for identical inputs;
- the language of every structure element (``/Lang``): WeasyPrint tags the PDF
  but gives only the document a language; screen readers need ``ja`` and ``fr``
  per element to switch voices (:func:`_language_tags`, ``render.finish``);
- PDF/A-3b with the XML sources as associated files, tagged as well; the file
  is finished inside WeasyPrint (``render.finish``) and written once.
"""

from __future__ import annotations

import logging
import mimetypes
import os
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import RenderError, UnknownFormatError
from ..model import AlignedDocument
from ..resources import templates_dir
from .context import build_view
from .finish import FinishReport, make_finisher
from .fonts import FontInfo, find_fonts, fonts_for
from .html import html_string, write_output
from . import justify
from .hyphenation import MAX_PASSES, long_runs
from .libs import import_weasyprint

#: PDF variants offered; None means the tagged, accessible default.
PDF_VARIANTS: tuple[str, ...] = ("pdf/ua-1", "pdf/a-3b")
DEFAULT_VARIANT = "pdf/ua-1"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: Browser-only CSS in the shared stylesheet that WeasyPrint skips (Pango applies
#: the Unicode line-breaking rules itself).
_EXPECTED_WARNINGS = ("`line-break: strict`",)
_LOCK = threading.Lock()  # the tagging hook is process-wide while a PDF is written


@dataclass(frozen=True)
class RenderResult:
    """A written PDF: where, with which font files, how many pages."""

    path: Path
    fonts: tuple[FontInfo, ...]
    pages: int
    warnings: tuple[str, ...] = ()


def resolve_date(date: str | None, pair: AlignedDocument) -> str | None:
    """The creation date to write: ``date``, else the document's, else ``SOURCE_DATE_EPOCH``, else none.

    Returns:
        A W3C date (``YYYY-MM-DD`` or ``YYYY-MM-DDThh:mm:ssZ``) or None; never the current time.

    Raises:
        RenderError: ``date`` or ``SOURCE_DATE_EPOCH`` is malformed.
    """
    if date is not None:
        if not _DATE.match(date):
            raise RenderError(f"invalid date {date!r}; expected YYYY-MM-DD")
        try:
            datetime.strptime(date, "%Y-%m-%d")
        except ValueError:
            raise RenderError(f"invalid date {date!r}; expected YYYY-MM-DD") from None
        return date
    for doc in (pair.source, pair.target):
        if doc.meta.date:
            return doc.meta.date
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            stamp = datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise RenderError(f"invalid SOURCE_DATE_EPOCH {epoch!r}; expected seconds since 1970") from None
        return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    return None


def allowed_roots(pair: AlignedDocument, attachments: Iterable[Path] = ()) -> tuple[Path, ...]:
    """The folders rendering may read: the templates, the corpus of ``pair``, the attachments'."""
    roots = [templates_dir().resolve()]
    for doc in (pair.source, pair.target):
        if doc.loc and doc.loc.path and not doc.loc.path.startswith("<"):
            # <corpus>/<lang>/<id>.xml: the corpus folder
            roots.append(Path(doc.loc.path).resolve().parent.parent)
    roots.extend(Path(a).resolve().parent for a in attachments)
    return tuple(dict.fromkeys(roots))


def make_url_fetcher(roots: Sequence[Path]):
    """A WeasyPrint URL fetcher that refuses the network and files outside ``roots``.

    A refusal stops the rendering (WeasyPrint's ``FatalURLFetchingError``), which
    :func:`render_pdf` turns into a :class:`RenderError`.
    """
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    resolved = tuple(Path(r).resolve() for r in roots)

    class RestrictedFetcher(URLFetcher):
        def fetch(self, url, headers=None):  # noqa: ARG002 - WeasyPrint's signature
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
                raise FatalURLFetchingError(f"refused to fetch {url!r}: rendering reads no network resource")
            path = Path(unquote(parts.path)).resolve()
            if not any(path.is_relative_to(root) for root in resolved):
                raise FatalURLFetchingError(
                    f"refused to read {str(path)!r}: outside the corpus and templates")
            try:
                body = path.read_bytes()
            except OSError as exc:
                raise FatalURLFetchingError(f"cannot read {str(path)!r}: {exc.strerror or exc}") from None
            media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(path.as_uri(), body, {"Content-Type": media})

    return RestrictedFetcher(fail_on_errors=True)


def render_pdf(
    pair: AlignedDocument,
    dest: Path,
    *,
    layout: str = "side-by-side",
    left: str = "ja",
    paper: str = "a4",
    version: str | None = None,
    date: str | None = None,
    pdf_variant: str | None = None,
    attachments: Sequence[Path] = (),
    allowed_findings: str | None = None,
) -> RenderResult:
    """Write ``pair`` as a tagged PDF (or PDF/A-3b with ``attachments`` embedded).

    Args:
        pair: the aligned document.
        dest: the PDF to write, atomically; its folder is created if missing.
        layout: one of ``LAYOUTS``.
        left: language of the left column, of the outline and of the PDF's ``/Lang``.
        paper: ``a4`` or ``letter``.
        version: shown on every page; default the document's version, else "unreleased".
        date: creation date ``YYYY-MM-DD``; default ``meta.date`` of the document,
            else ``SOURCE_DATE_EPOCH``, else no date (never the current time).
        pdf_variant: None or ``pdf/ua-1`` (tagged, accessible), or ``pdf/a-3b``
            (archival, with ``attachments`` as associated source files; tagged too).
        attachments: files to embed (the XML sources of a release).
        allowed_findings: why the document is rendered despite error-level findings
            (printed in the colophon), or None.

    Returns:
        The path, the font files used (name, version, SHA-256) and the page count.

    Raises:
        RenderError: no Japanese font, a refused resource, an unknown variant, a
            missing attachment, or WeasyPrint failed.
        UnknownFormatError: unknown layout, paper or language.
    """
    variant = pdf_variant or DEFAULT_VARIANT
    if variant not in PDF_VARIANTS:
        raise UnknownFormatError("PDF variant", variant, PDF_VARIANTS)
    attachments = tuple(Path(a) for a in attachments)
    for a in attachments:
        if not a.is_file():
            raise RenderError(f"attachment not found: {a}")
    faces = find_fonts()  # a missing Japanese font is an error, never boxes
    when = resolve_date(date, pair)
    view = build_view(pair, layout=layout, left=left, medium="pdf", paper=paper, version=version, date=when,
                      allowed_findings=allowed_findings)
    html = html_string(view)
    kept: set[tuple[str, str]] = set()

    def relayout(pages) -> str | None:
        # no more than two hyphenated French lines in a row (render.hyphenation)
        found = long_runs(pages) - kept
        if not found:
            return None
        kept.update(found)
        return html_string(build_view(pair, layout=layout, left=left, medium="pdf", paper=paper, version=version,
                                      date=when, allowed_findings=allowed_findings, keep_whole=frozenset(kept)))

    report = FinishReport()
    finisher = make_finisher(
        languages=[view.lang, *[lang for lang in pair.languages if lang != view.lang]],
        expected_langs={c.lang for c in view.columns},
        date=when,
        report=report,
    )
    data, pages, warnings = pdf_bytes(
        html, roots=allowed_roots(pair, attachments), variant=variant, attachments=attachments, date=when,
        finisher=finisher, relayout=relayout,
    )
    dest = Path(dest)
    write_output(dest, data)
    return RenderResult(dest, fonts_for(report.font_names, faces), pages, warnings)


@contextmanager
def _capture_weasyprint_logs() -> Iterator[list[str]]:
    """WeasyPrint's warnings and errors, as messages (they become the result's ``warnings``)."""
    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            message = record.getMessage()
            if not any(known in message for known in _EXPECTED_WARNINGS):
                records.append(message)

    logger = logging.getLogger("weasyprint")
    handler = Collect(level=logging.WARNING)
    previous = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield records
    finally:
        logger.removeHandler(handler)
        logger.propagate = previous


def pdf_bytes(
    html: str,
    *,
    roots: Sequence[Path],
    variant: str = DEFAULT_VARIANT,
    attachments: Sequence[Path] = (),
    date: str | None = None,
    finisher=None,
    relayout=None,
) -> tuple[bytes, int, tuple[str, ...]]:
    """Run WeasyPrint on ``html`` with the restricting fetcher and language tagging.

    Args:
        html: the document (``medium="pdf"`` HTML).
        roots: the folders WeasyPrint may read from.
        variant: the PDF variant.
        attachments: files to embed as associated source files.
        date: the creation date (also stamped on the attachments), or None.
        finisher: WeasyPrint's ``finisher(document, pdf)`` hook (see ``render.finish``).
        relayout: ``relayout(pages)`` -> new HTML to lay out instead, or None to keep
            this layout (``render.hyphenation``); asked at most ``MAX_PASSES`` times.

    Returns:
        (PDF bytes, page count, WeasyPrint warnings).

    Raises:
        RenderError: a refused resource or a WeasyPrint failure.
    """
    try:
        weasyprint = import_weasyprint()  # no ldconfig/gcc/ld subprocesses (render.libs)
        from weasyprint.urls import FatalURLFetchingError

        justify.install()  # inter-character justification of Japanese lines
    except ModuleNotFoundError as exc:
        if (exc.name or "").partition(".")[0] in ("weasyprint", "pydyf", "tinycss2", "cssselect2", "pyphen", "fontTools"):
            raise RenderError("PDF rendering needs WeasyPrint, which is not installed: "
                              "pip install 'jpfr-accord[render]'") from None
        raise RenderError(f"WeasyPrint cannot be loaded ({exc}); run 'jpfr doctor'") from None
    except (ImportError, OSError) as exc:
        raise RenderError(f"WeasyPrint cannot be loaded ({exc}); run 'jpfr doctor'") from None
    fetcher = make_url_fetcher(roots)
    stamp = _attachment_time(date)
    with _capture_weasyprint_logs() as logs:
        try:
            files = [
                weasyprint.Attachment(
                    filename=str(a), url_fetcher=fetcher, name=attachment_name(a), relationship="Source",
                    description=f"source of this PDF: {a.parent.name}/{a.name}", created=stamp, modified=stamp,
                )
                for a in attachments
            ]
            document = weasyprint.HTML(
                string=html, base_url=templates_dir().resolve().as_uri() + "/", url_fetcher=fetcher
            ).render()
            for _ in range(MAX_PASSES if relayout else 0):
                again = relayout(document.pages)
                if again is None:
                    break
                document = weasyprint.HTML(
                    string=again, base_url=templates_dir().resolve().as_uri() + "/", url_fetcher=fetcher
                ).render()
            with _LOCK, _language_tags():
                data = document.write_pdf(
                    pdf_variant=variant, pdf_tags=True, attachments=files or None, finisher=finisher
                )
        except FatalURLFetchingError as exc:
            raise RenderError(str(exc.__cause__ or exc)) from None
    return data, len(document.pages), tuple(logs)


def attachment_name(path: Path) -> str:
    """The name of an embedded file: ``corpus/ja/X.xml`` becomes ``X.ja.xml``, so that
    the two language versions, which share their file name, stay apart."""
    if re.fullmatch(r"[a-z]{2,3}", path.parent.name):
        return f"{path.stem}.{path.parent.name}{path.suffix}"
    return path.name


def _attachment_time(date: str | None) -> datetime:
    # WeasyPrint stamps attachments with the file's mtime unless told; a fixed
    # time keeps the bytes stable, and the finisher removes it when there is no date.
    if date:
        return datetime.strptime(date[:10], "%Y-%m-%d").replace(tzinfo=timezone.utc)
    return datetime(1980, 1, 1, tzinfo=timezone.utc)


@contextmanager
def _language_tags() -> Iterator[None]:
    """Give each structure element WeasyPrint creates the ``lang`` of its box.

    WeasyPrint builds the structure tree from the box tree but writes a language
    only on the catalog. The boxes know their computed ``lang`` (inherited from
    the HTML ``lang`` attributes): wrapping the builder copies it to ``/Lang``.
    Should a WeasyPrint release rename the builder, nothing is added here and
    the finisher reports the missing languages.
    """
    try:
        import pydyf
        from weasyprint.pdf import tags
    except ImportError:  # pragma: no cover - WeasyPrint without tagging support
        yield
        return
    original = getattr(tags, "_build_box_tree", None)
    if original is None:  # pragma: no cover - checked by the finisher
        yield
        return

    def build(box, parent, pdf, *args, **kwargs):
        style = getattr(box, "style", None)
        lang = style["lang"] if style is not None else None
        for element in original(box, parent, pdf, *args, **kwargs):
            if lang and "Lang" not in element:
                element["Lang"] = pydyf.String(lang)
            yield element

    tags._build_box_tree = build
    try:
        yield
    finally:
        tags._build_box_tree = original
