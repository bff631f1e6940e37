"""Where rendered files go: the ``jpfr render`` destination rules, as a library call.

Stage: render. Imports ``errors``, ``model`` and the other ``render`` modules.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ..errors import AccordError, RenderError, UnknownFormatError
from ..model import AlignedDocument
from .docx import render_docx
from .html import render_html
from .pdf import RenderResult, render_pdf

FORMATS: dict[str, tuple[str, ...]] = {
    "pdf": ("pdf",), "html": ("html",), "docx": ("docx",), "both": ("pdf", "html"), "all": ("pdf", "html", "docx"),
}
_SUFFIXES = (".pdf", ".html", ".htm", ".docx")


def output_paths(doc_id: str, to: str, output: Path | None, layout: str = "side-by-side") -> dict[str, Path]:
    """The file of each format: ``output`` is a folder, or for one format a file named ``*.pdf``/``*.html``/``*.docx``.

    Without ``output`` the files go to ``build/``. The name is ``DOC_ID`` for the
    default layout and ``DOC_ID.LAYOUT`` otherwise, so that layouts do not overwrite
    each other.

    Raises:
        UnknownFormatError: ``to`` is not pdf, html, docx, both or all.
        RenderError: a file name was given for two formats, or with the wrong suffix.
    """
    if to not in FORMATS:
        raise UnknownFormatError("output format", to, tuple(FORMATS))
    formats = FORMATS[to]
    stem = doc_id if layout == "side-by-side" else f"{doc_id}.{layout}"
    out = Path("build") if output is None else Path(output)
    if len(formats) == 1 and out.suffix.lower() in _SUFFIXES:
        if out.suffix.lower().lstrip(".")[:3] != formats[0][:3]:
            raise RenderError(f"{out}: a .{formats[0]} file name is needed for --to {formats[0]}")
        return {formats[0]: out}
    if out.suffix.lower() in _SUFFIXES:
        raise RenderError(f"{out}: --to {to} writes {len(formats)} files; give a folder with -o")
    return {fmt: out / f"{stem}.{fmt}" for fmt in formats}


def render_files(
    pair: AlignedDocument,
    *,
    to: str = "both",
    output: Path | None = None,
    layout: str = "side-by-side",
    left: str = "ja",
    paper: str = "a4",
    version: str | None = None,
    date: str | None = None,
    allowed_findings: str | None = None,
) -> tuple[Path | RenderResult, ...]:
    """Render ``pair`` to the formats of ``to`` (``pdf``, ``html``, ``docx``, ``both``, ``all``) under ``output``.

    Returns:
        The PDF's :class:`RenderResult`, then the HTML and ``.docx`` paths, of the formats asked for.

    Raises:
        RenderError, UnknownFormatError: as :func:`render_pdf` and :func:`render_html`.
    """
    paths = output_paths(pair.id, to, output, layout)
    done: list[Path | RenderResult] = []
    if "pdf" in paths:
        done.append(render_pdf(pair, paths["pdf"], layout=layout, left=left, paper=paper, version=version, date=date,
                               allowed_findings=allowed_findings))
    if "html" in paths:
        done.append(render_html(pair, paths["html"], layout=layout, left=left, version=version,
                                allowed_findings=allowed_findings))
    if "docx" in paths:
        done.append(render_docx(pair, paths["docx"], layout=layout, left=left, paper=paper, version=version, date=date,
                                allowed_findings=allowed_findings))
    return tuple(done)


def _preload() -> None:
    # Where workers are forked, they inherit what the parent imported: loading
    # WeasyPrint (about a second) once here instead of once per worker.
    try:
        from .libs import import_weasyprint

        import_weasyprint()  # without the library-lookup subprocesses (render.libs)
    except (ImportError, OSError):
        pass  # each worker reports the problem itself


def _render_one(pair: AlignedDocument, kwargs: dict) -> tuple[tuple[Path | RenderResult, ...] | None, str | None]:
    # Runs in a worker process: errors travel back as text (an exception with a
    # custom constructor does not survive pickling).
    try:
        return render_files(pair, **kwargs), None
    except AccordError as exc:
        return None, str(exc)


def render_many(
    pairs: Sequence[AlignedDocument],
    *,
    jobs: int | None = None,
    output: Path | None = None,
    **kwargs,
) -> tuple[tuple[Path | RenderResult, ...], ...]:
    """Render several documents, one process per document, ``jobs`` at a time.

    WeasyPrint lays a document out in one thread; a batch uses the cores by
    rendering documents side by side. ``output`` must be a folder.

    Args:
        pairs: the documents.
        jobs: processes to use (default: the number of CPUs, at most one per document).
        output: the folder (default ``build/``).
        **kwargs: as :func:`render_files` (``to``, ``layout``, ``left``, ``paper``, ``version``, ``date``,
            ``allowed_findings``).

    Returns:
        One :func:`render_files` result per document, in the order given.

    Raises:
        RenderError: a document failed (the first failure is reported, after all ran).
    """
    kwargs["output"] = output
    if len(pairs) == 1:
        return (render_files(pairs[0], **kwargs),)
    if output is not None and Path(output).suffix.lower() in _SUFFIXES:
        raise RenderError(f"{output}: several documents need a folder, not a file name")
    if len({p.id for p in pairs}) != len(pairs):
        raise RenderError("the same document is named twice")
    workers = max(1, min(jobs or os.cpu_count() or 1, len(pairs)))
    if workers == 1:
        return tuple(render_files(p, **kwargs) for p in pairs)
    _preload()
    from concurrent.futures import ProcessPoolExecutor  # only for a batch: a single render starts faster

    with ProcessPoolExecutor(max_workers=workers) as pool:
        outcomes = list(pool.map(_render_one, pairs, [kwargs] * len(pairs)))
    errors = [err for _, err in outcomes if err]
    if errors:
        raise RenderError(errors[0] + (f" (and {len(errors) - 1} more failures)" if len(errors) > 1 else ""))
    return tuple(done for done, _ in outcomes if done is not None)
