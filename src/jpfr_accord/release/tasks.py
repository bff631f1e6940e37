"""The renderings and exports of a release, each built once, in parallel processes.

Stage: release. Imports ``errors`` and ``model``; ``render`` and ``export`` are
imported inside the tasks, in the build processes.

Each task is a module-level function (so that it can be sent to a process) that
builds one output and returns the files written and the fonts embedded. The
processes are forked: they start at once with the modules already imported.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

from ..errors import AccordError, ReleaseError
from ..model import AlignedDocument, Finding

#: The PDFs of a release: (layout, file name part). The side-by-side one comes first
#: because it is the longest to render.
PDF_LAYOUTS = (("side-by-side", "side-by-side"), ("ja", "ja"), ("fr", "fr"))
PDF_VARIANT = "pdf/a-3b"


def _worker_init(lock_fd: int) -> None:
    """In each build process: drop the inherited lock descriptor (the lock belongs to the
    parent), restore default signals, and die with the parent (Linux ``PR_SET_PDEATHSIG``)."""
    try:
        os.close(lock_fd)
    except OSError:
        pass
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _task_pdf(pair, dest: str, layout: str, version: str, date: str, attachments: list[str]) -> dict[str, Any]:
    from ..render import render_pdf

    try:
        result = render_pdf(pair, Path(dest), layout=layout, version=version, date=date,
                            pdf_variant=PDF_VARIANT, attachments=[Path(a) for a in attachments])
    except AccordError as exc:
        raise ReleaseError(f"rendering the {layout} PDF failed: {exc}") from None
    fonts = [(f.name, str(f.version) if f.version is not None else "", f.sha256) for f in getattr(result, "fonts", ())]
    return {"files": [dest], "fonts": fonts}


def _task_html(pair, dest: str, version: str) -> dict[str, Any]:
    from ..render import render_html

    try:
        render_html(pair, Path(dest), layout="side-by-side", version=version)
    except AccordError as exc:
        raise ReleaseError(f"rendering the HTML failed: {exc}") from None
    return {"files": [dest], "fonts": []}


def _task_docx(pair, dest: str, version: str, date: str) -> dict[str, Any]:
    from ..render import render_docx

    try:
        render_docx(pair, Path(dest), layout="side-by-side", version=version, date=date)
    except AccordError as exc:
        raise ReleaseError(f"rendering the Word document failed: {exc}") from None
    return {"files": [dest], "fonts": []}


def _task_export(pair, fmt: str, dest: str, findings) -> dict[str, Any]:
    from ..export import export_document

    Path(dest).mkdir(parents=True, exist_ok=True)
    try:
        written = export_document(pair, fmt, Path(dest), findings=findings)
    except AccordError as exc:
        raise ReleaseError(f"the {fmt} export failed: {exc}") from None
    return {"files": [str(p) for p in written], "fonts": []}


def export_formats() -> list[str]:
    """The interchange formats available in this installation (``EXPORTERS``), sorted."""
    try:
        from ..export import EXPORTERS
    except ImportError:  # the export stage is not installed: release without exports
        return []
    return sorted(EXPORTERS)


def plan_tasks(pair: AlignedDocument, root: Path, doc_id: str, version: str, date: str,
               attachments: list[Path], findings: list[Finding]) -> list[tuple[Callable, tuple]]:
    """Every rendering and export of a release, each exactly once, longest first."""
    tasks: list[tuple[Callable, tuple]] = []
    for layout, part in PDF_LAYOUTS:
        tasks.append((_task_pdf, (pair, str(root / "pdf" / f"{doc_id}.{part}.pdf"), layout, version, date,
                                  [str(a) for a in attachments])))
    tasks.append((_task_html, (pair, str(root / "html" / f"{doc_id}.html"), version)))
    tasks.append((_task_docx, (pair, str(root / "docx" / f"{doc_id}.docx"), version, date)))
    for fmt in export_formats():
        tasks.append((_task_export, (pair, fmt, str(root / "export" / fmt), findings)))
    return tasks


def preload_renderer() -> None:
    """Import the renderer (WeasyPrint and its libraries) once, before forking: the build
    processes then share it instead of each importing it again (about a second of CPU each)."""
    import importlib

    for name in ("weasyprint", "jpfr_accord.render"):
        try:
            importlib.import_module(name)
        except (ImportError, OSError):  # OSError: WeasyPrint without its Pango libraries
            return  # the tasks report a missing renderer as a clear error


def run_tasks(tasks: list[tuple[Callable, tuple]], jobs: int, lock_fd: int) -> list[dict[str, Any]]:
    """Run the build tasks, in ``jobs`` processes (in this process when ``jobs`` is 1)."""
    if jobs <= 1:
        return [func(*args) for func, args in tasks]
    import multiprocessing

    # fork: the workers start at once with the modules already imported; elsewhere the
    # platform's default start method (spawn) works too, only slower to start.
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    if "fork" in methods:
        preload_renderer()
    executor = ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=ctx,
                                   initializer=_worker_init, initargs=(lock_fd,))
    futures: list[Future] = []
    try:
        futures = [executor.submit(func, *args) for func, args in tasks]
        done, _ = wait(futures, return_when=FIRST_EXCEPTION)
        for fut in futures:
            exc = fut.exception() if fut.done() else None
            if exc is not None:
                raise exc
        return [fut.result() for fut in futures]
    except BaseException:
        for fut in futures:
            fut.cancel()
        # stop the renderers now rather than waiting for them to finish a PDF nobody will keep
        for proc in list(getattr(executor, "_processes", {}).values()):
            proc.terminate()
        executor.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        executor.shutdown(wait=True)
