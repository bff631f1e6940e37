"""The HTML index of a document's releases (``releases/DOC_ID/index.html``), for an archivist.

Stage: release. Imports lxml (the page is built as a tree and serialised once)
and nothing else from the package; :func:`index_page` is called by
``release.manifest.write_index`` with the entries of ``index.json``.

Per release, newest first: the version and date, the version bump, links to
every file a reader opens (each PDF, the HTML, the XML sources, the Word file),
the changes as a rendered page (``changes.html``, the redline) and as Markdown,
the manifest checksums (folded, so that they do not crowd the table), and why
error-level findings were allowed, when they were. No link points at a bare
folder: most web servers refuse to list one (403).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree
from lxml.html import builder as E

#: Files linked per release: (folder under data/, suffix, how the link reads).
_KINDS = (("pdf", ".pdf", "PDF"), ("html", ".html", "HTML"), ("docx", ".docx", "Word"), ("source", ".xml", "XML source"))

_CSS = """
body { font-family: system-ui, "Noto Sans", "DejaVu Sans", sans-serif; margin: 0 auto; max-width: 80rem; padding: 1rem; line-height: 1.5; color: #222; }
h1 { font-size: 1.4rem; overflow-wrap: anywhere; }
a { color: #1f4fa0; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: .35rem .6rem; text-align: left; vertical-align: top; }
td.version, td.date { white-space: nowrap; } /* a version or a date is read whole */
ul.files { margin: 0; padding-left: 1rem; }
details.sums { max-width: 14rem; font-size: .85em; }
details.sums code { display: block; word-break: break-all; font-size: .85em; margin-top: .2rem; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
@media (max-width: 44rem) {
  body { padding: .6rem; }
  table, thead, tbody, tr, th, td { display: block; width: auto; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  tr { border: 1px solid #bbb; margin-bottom: .8rem; }
  td { border: 0; border-top: 1px solid #eee; overflow-wrap: anywhere; }
  td[data-label]::before { content: attr(data-label) ": "; font-weight: bold; }
  details.sums { max-width: none; }
}
"""


def release_files(release_dir: Path) -> list[tuple[str, str]]:
    """(href relative to the document's folder, link text) for each file a reader opens."""
    out = []
    data = release_dir / "data"
    for folder, suffix, label in _KINDS:
        for path in sorted((data / folder).glob(f"*{suffix}")) if (data / folder).is_dir() else ():
            if path.is_file() and not path.is_symlink():
                name = path.name
                out.append((f"{release_dir.name}/data/{folder}/{name}", f"{label}: {name}"))
    return out


def index_page(doc_id: str, entries: list[dict[str, Any]], doc_dir: Path | None = None) -> str:
    """The index page of ``entries`` (oldest first, as in ``index.json``); ``doc_dir`` is the
    folder holding the releases, read to list each one's files."""
    rows = []
    for e in reversed(entries):
        base = e["path"].rstrip("/")
        files = release_files(doc_dir / base) if doc_dir is not None else []
        links = E.UL(*(E.LI(E.A(text, href=href)) for href, text in files), E.CLASS("files"))
        changes = [E.A("changes (redline)", href=f"{base}/data/changes.html"), " · ",
                   E.A("CHANGES.md", href=f"{base}/data/CHANGES.md", type="text/markdown")]
        sums = E.DETAILS(E.SUMMARY("SHA-256"), *(E.CODE(f"{name}: {value}") for name, value in e["manifests"].items()),
                         E.CLASS("sums"))
        bump = e["bump"] or ""
        if e.get("suggested_bump") and e["suggested_bump"] != e["bump"]:
            bump += f" (the changes suggest {e['suggested_bump']})"
        rows.append(
            E.TR(
                E.TD(e["version"], E.CLASS("version"), id=f"v{e['version']}", **{"data-label": "version"}),
                E.TD(e["date"] or "", E.CLASS("date"), **{"data-label": "date"}),
                E.TD(bump, **{"data-label": "bump"}),
                E.TD(links, **{"data-label": "files"}),
                E.TD(*changes, **{"data-label": "changes"}),
                E.TD(sums, **{"data-label": "checksums"}),
                E.TD(f"error-level findings allowed: {e['allowed_findings']}" if e["allowed_findings"] else "",
                     **{"data-label": "notes"}),
            )
        )
    title = f"Releases of {doc_id}"
    page = E.HTML(
        E.HEAD(
            E.META(charset="utf-8"),
            E.META(name="viewport", content="width=device-width, initial-scale=1"),
            E.TITLE(title),
            E.STYLE(_CSS),
        ),
        E.BODY(
            E.HEADER(E.H1(title)),
            E.MAIN(
                E.P("Each release is a BagIt bag (RFC 8493); check one with ", E.CODE("jpfr verify <folder>"),
                    ". The same list, for programs: ", E.A("index.json", href="index.json"), "."),
                E.TABLE(
                    E.THEAD(E.TR(*(E.TH(h, scope="col") for h in
                                   ("version", "date", "bump", "files", "changes", "checksums", "notes")))),
                    E.TBODY(*rows),
                ) if rows else E.P("No release yet."),
            ),
        ),
        lang="en",
    )
    return etree.tostring(page, doctype="<!DOCTYPE html>", method="html", encoding="unicode", pretty_print=True)
