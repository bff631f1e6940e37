"""HTML rendering: the view model through the Jinja2 templates.

Stage: render. Imports ``errors``, ``model``, ``resources``, ``load.write`` (the
atomic writer) and ``render.context``; Jinja2 is imported inside functions.

The same template serves the browser file (``medium="html"``: CSS and script
inline, language switch, responsive) and the input of WeasyPrint
(``medium="pdf"``: print rules, no script). Autoescaping is on and undefined
variables are errors, so a template cannot silently print nothing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..errors import RenderError
from ..load.write import atomic_write
from ..model import AlignedDocument
from ..resources import cache_dir, templates_dir
from .context import View, build_view

TEMPLATE = "document.html.j2"


def _bytecode_cache():
    """Jinja2's cache of compiled templates, in the user's cache folder.

    Compiling the templates costs a render a quarter of its own work; the cache
    keys each entry on the template's name and the checksum of its source, so an
    edited template is compiled again. A cache that cannot be written (read-only
    home) or holds a damaged entry is ignored: it can slow a render, never change it.
    Entries hold code (and Jinja2 reads their checksum with pickle), so a folder
    that another user owns or may write to is never read.
    """
    import os
    import stat

    import jinja2

    folder = cache_dir(f"templates-jinja{jinja2.__version__}")
    if folder is None:
        return None

    def trusted() -> bool:
        try:
            st = folder.lstat()
        except OSError:
            return False
        return stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o022

    class QuietCache(jinja2.FileSystemBytecodeCache):
        def load_bytecode(self, bucket) -> None:
            if not trusted():
                return
            try:
                super().load_bytecode(bucket)
            except Exception:  # noqa: BLE001 - a damaged entry: compile the template again
                bucket.reset()

        def dump_bytecode(self, bucket) -> None:
            try:
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)
                if trusted():
                    super().dump_bytecode(bucket)
            except OSError:
                pass

    return QuietCache(str(folder))


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string, safe inside ``<style>`` (no ``<``, quotes or
    backslashes left as such: each is a CSS escape)."""
    out = []
    for ch in text:
        if ch in '"\\<>&' or ord(ch) < 0x20 or ch == "\x7f":
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


@cache
def _environment():
    import jinja2
    from markupsafe import Markup

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        auto_reload=False,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters["css_string"] = lambda text: Markup(css_string(text))
    return env


def html_string(view: View) -> str:
    """The HTML of ``view`` as one self-contained string.

    Raises:
        RenderError: the template is missing or refers to something the view lacks.
    """
    import jinja2

    try:
        return _environment().get_template(TEMPLATE).render(v=view)
    except jinja2.TemplateError as exc:
        where = getattr(exc, "filename", None) or TEMPLATE
        line = getattr(exc, "lineno", None)
        raise RenderError(f"template {where}{f':{line}' if line else ''}: {exc}") from exc


def render_html(
    pair: AlignedDocument,
    dest: Path,
    *,
    layout: str = "side-by-side",
    left: str = "ja",
    version: str | None = None,
    allowed_findings: str | None = None,
) -> Path:
    """Write ``pair`` as one self-contained HTML file.

    Args:
        pair: the aligned document.
        dest: the file to write (atomically; its folder is created if missing).
        layout: one of ``LAYOUTS``.
        left: language of the left column (and of ``<html lang>``).
        version: shown with the status; default the document's version, else "unreleased".
        allowed_findings: why the document is rendered despite error-level findings
            (printed in the colophon), or None.

    Returns:
        ``dest``.

    Raises:
        UnknownFormatError: unknown layout or language.
        RenderError: template error.
        LoadError: ``dest`` cannot be written.
    """
    view = build_view(pair, layout=layout, left=left, medium="html", version=version,
                      allowed_findings=allowed_findings)
    data = html_string(view).encode("utf-8")
    dest = Path(dest)
    write_output(dest, data)
    return dest


def write_output(dest: Path, data: bytes) -> None:
    """Write a rendered file atomically, readable like any file the user creates.

    Raises:
        LoadError: ``dest`` cannot be written.
    """
    atomic_write(dest, data, overwrite=True)
