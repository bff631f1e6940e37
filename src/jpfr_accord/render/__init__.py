"""Render stage: the aligned model -> HTML, PDF and Word (.docx).

Imports ``errors``, ``model``, ``resources`` and ``load`` (the atomic writer);
WeasyPrint, Jinja2 and python-docx are imported inside functions only.
"""

from .context import LAYOUTS, PAPERS
from .docx import render_docx
from .fonts import FontInfo, doctor_report, find_fonts
from .files import render_files, render_many
from .html import render_html
from .pdf import PDF_VARIANTS, RenderResult, render_pdf

__all__ = [
    "LAYOUTS",
    "PAPERS",
    "PDF_VARIANTS",
    "FontInfo",
    "RenderResult",
    "doctor_report",
    "find_fonts",
    "render_docx",
    "render_files",
    "render_html",
    "render_many",
    "render_pdf",
]
