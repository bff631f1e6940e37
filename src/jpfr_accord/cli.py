"""The ``jpfr`` command line: thin click commands over the library.

Stage: cli. May import everything; nothing imports it. The only module that
prints, prompts or exits. Heavy modules (rendering, exports, releases) are
imported inside their commands so that ``jpfr check`` starts fast.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import Any

import click

from .version import __version__
from .errors import AccordError

EXIT_OK, EXIT_FINDINGS, EXIT_FAILURE = 0, 1, 2

#: Optional libraries and the extra that installs them (pyproject ``[project.optional-dependencies]``).
_EXTRAS = {
    "weasyprint": ("render", "WeasyPrint (PDF)"),
    "pydyf": ("render", "WeasyPrint (PDF)"),
    "pikepdf": ("render", "pikepdf (PDF attachments)"),
    "docx": ("render", "python-docx (Word)"),
    "starlette": ("serve", "Starlette (the workbench)"),
    "uvicorn": ("serve", "uvicorn (the workbench)"),
    "rapidfuzz": ("serve", "rapidfuzz (the workbench's suggestions)"),
}

def _click_message(text: str) -> str:
    """Click's message in the house style: one line (a list of choices may span
    several), starting lowercase, sentences joined by ``;``, no final period."""
    text = " ".join(text.split())
    text = re.sub(r"\.? \((Did you mean[^)]*)\)", lambda m: ". " + m.group(1), text)
    text = re.sub(r"\. ([A-Z])", lambda m: "; " + m.group(1).lower(), text).rstrip(".")
    return _one_line(text[:1].lower() + text[1:])


# -- shared options ---------------------------------------------------------

corpus_option = click.option(
    "--corpus",
    "corpus",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("corpus"),
    show_default=True,
    help="Corpus folder holding <lang>/<DOC_ID>.xml.",
)


def _lang_code(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A language code is a code (``ja``, ``fr``: ISO 639), never a path: ``--lang ../../x`` is refused."""
    import re

    from .model import LANG_PATTERN

    if value is not None and not re.fullmatch(LANG_PATTERN, value):
        raise click.BadParameter(f"{_one_line(repr(value))} is not a language code (two or three lowercase letters, "
                                 "e.g. ja, fr)")
    return value


lang_option = click.option(
    "--lang", "target_lang", default="fr", show_default=True, callback=_lang_code,
    help="Language of the translation to use."
)
format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif"]),
    default="text",
    show_default=True,
    help="Output format.",
)


def _one_line(text: object) -> str:
    """``text`` on one line: names and texts with line breaks or control characters are
    escaped (a newline in a file name must not split an error or forge a finding line)."""
    from .load.reader import escape_text

    return escape_text(str(text))


def _os_error(exc: OSError) -> str:
    """``path: what the OS said`` for an OSError that reached the command line."""
    from .load.reader import os_error_message

    names = [n for n in (exc.filename, exc.filename2) if n is not None]
    where = " -> ".join(os.fsdecode(n) if isinstance(n, bytes) else str(n) for n in names)
    return f"{where}: {os_error_message(exc)}" if where else os_error_message(exc)


class AccordGroup(click.Group):
    """Turns library errors into one-line messages and exit code 2.

    Click's own errors (an unknown option, a missing argument, a bad choice) are
    written in the same style, ``jpfr: error: …``, instead of click's usage block
    and ``Error: …``: one grep-able line whatever went wrong.
    """

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx is not None else (prog_name or "jpfr")
            click.echo(f"jpfr: error: {_click_message(exc.format_message())} (see '{where} --help')", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"jpfr: error: {_click_message(exc.format_message())}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("jpfr: interrupted", err=True)
            sys.exit(130)
        sys.exit(rv if isinstance(rv, int) else 0)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except AccordError as exc:
            click.echo(f"jpfr: error: {_one_line(exc)}", err=True)
            ctx.exit(EXIT_FAILURE)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except ModuleNotFoundError as exc:
            extra = _EXTRAS.get((exc.name or "").partition(".")[0])
            if extra is None:
                raise
            click.echo(f"jpfr: error: {ctx.invoked_subcommand or 'this command'} needs {extra[1]}, which is not "
                       f"installed: pip install 'jpfr-accord[{extra[0]}]'", err=True)
            ctx.exit(EXIT_FAILURE)
        except KeyboardInterrupt:
            click.echo("jpfr: interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            # the reader went away (`jpfr rules | head`): stop quietly, as git does
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(141)
        except OSError as exc:  # a path the OS refuses (ENAMETOOLONG, EACCES, ENOSPC…): one line, with the path
            if ctx.obj and ctx.obj.get("traceback"):
                raise
            click.echo(f"jpfr: error: {_one_line(_os_error(exc))}", err=True)
            ctx.exit(EXIT_FAILURE)
        except Exception as exc:  # noqa: BLE001 - the last line of defence, see --traceback
            if ctx.obj and ctx.obj.get("traceback"):
                raise
            click.echo(f"jpfr: internal error: {type(exc).__name__}: {_one_line(exc)} (rerun with --traceback)", err=True)
            ctx.exit(EXIT_FAILURE)


@click.group(cls=AccordGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="jpfr")
@click.option("--traceback", is_flag=True, help="Show the Python traceback of an internal error.")
@click.pass_context
def cli(ctx: click.Context, traceback: bool) -> None:
    """Bilingual (Japanese/French) diplomatic documents: check, render, export, release."""
    ctx.obj = {"traceback": traceback}


# -- check ------------------------------------------------------------------


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "sarif", "gitlab"]), default="text", show_default=True,
    help="Output format: text, JSON, SARIF 2.1.0 (GitHub code scanning), GitLab Code Quality.",
)
@click.option("--select", multiple=True, help="Run only these rule codes or prefixes (repeatable, comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rule codes or prefixes (repeatable, comma-separated).")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default="error",
    show_default=True,
    help="Exit 1 when a finding at or above this severity exists.",
)
@click.option("--html", "html_report", type=click.Path(dir_okay=False, path_type=Path), help="Also write an HTML report here.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path), help="pyproject.toml or jpfr.toml to read [tool.jpfr] from.")
@click.option(
    "--corpus", "corpus", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Corpus folder to check when no PATHS are given [default: ./corpus, or the nearest corpus/ above, up to the project root].",
)
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, help="Processes for large corpora (default 0: one per CPU).")
@click.option("--no-cache", is_flag=True, help="Recompute every result, without reading or writing the result cache (JPFR_CACHE_DIR=off does the same).")
@click.option("-v", "--verbose", is_flag=True, help="Say which configuration file is in force (on stderr).")
def check(paths, fmt, select, ignore, fail_on, html_report, config_file, corpus, jobs, no_cache, verbose) -> None:
    """Check the alignment of the language versions (default: the whole corpus).

    Exit 0 when no error is found, 1 when findings at or above --fail-on exist,
    2 when an input cannot be read.
    """
    from .checks.api import check as check_corpus

    result = check_corpus(list(paths), corpus=corpus, config=config_file, select=_split(select), ignore=_split(ignore),
                          jobs=jobs or None, cache=not no_cache)
    findings, summary = result.findings, result.summary
    if verbose:
        where = result.config_file if result.config_file else "none (defaults); searched up to the project root"
        click.echo(_one_line(f"jpfr: configuration: {where}"), err=True)
    if fmt == "json":
        keys = ("code", "severity", "file", "line", "eId", "lang", "message")
        # ``span`` (offsets of the offending words in the clause's text) only when a rule gave one
        payload = {
            "findings": [{k: f.to_json()[k] for k in keys} | ({"span": list(f.span)} if f.span else {}) for f in findings],
            "summary": summary,
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    elif fmt == "sarif":
        from .checks.report import to_sarif

        click.echo(json.dumps(to_sarif(findings, __version__), ensure_ascii=False, indent=2))
    elif fmt == "gitlab":
        from .checks.codequality import to_codequality

        click.echo(json.dumps(to_codequality(findings), ensure_ascii=False, indent=2))
    else:
        for f in findings:
            click.echo(_one_line(f.format_text()))
        click.echo(_summary_line(summary))
    if html_report:
        from .checks.report import write_html_report

        write_html_report(result.pairs, findings, html_report)
    threshold = {"error": 2, "warning": 1, "info": 0, "never": 99}[fail_on]
    if any(f.severity.rank >= threshold for f in findings):
        sys.exit(EXIT_FINDINGS)


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.strip() for item in values for v in item.split(",") if v.strip())


def _summary_line(summary: dict[str, int]) -> str:
    from .checks.runner import plural, summary_text

    return f"{summary_text(summary)} in {plural(summary.get('files', 0), 'file')}"


# -- rules ------------------------------------------------------------------


@cli.command()
@click.argument("code", required=False)
def rules(code: str | None) -> None:
    """List the check rules, or explain one (by code or name)."""
    from .checks import REGISTRY

    if code:
        r = REGISTRY.get(code)
        click.echo(f"{r.code} {r.name} ({r.severity.value})")
        for title, body in r.sections().items():
            click.echo(f"\n{title}:\n  " + body.replace("\n", "\n  "))
        return
    for r in REGISTRY:
        click.echo(f"{r.code}  {r.severity.value:<7}  {r.name:<28} {r.summary}")


# -- dump -------------------------------------------------------------------


@cli.command()
@click.argument("doc_id")
@corpus_option
@lang_option
def dump(doc_id: str, corpus: Path, target_lang: str) -> None:
    """Print the aligned model of DOC_ID as JSON (the native format)."""
    from .load import load_pair
    from .model import dump_json

    pair = load_pair(doc_id, corpus, target_lang)
    click.echo(dump_json(pair, indent=2))


# -- accept -----------------------------------------------------------------


@cli.command()
@click.argument("doc_id")
@click.argument("eids", nargs=-1)
@click.option("--all", "accept_all", is_flag=True, help="Accept every translated clause.")
@corpus_option
@lang_option
def accept(doc_id: str, eids: tuple[str, ...], accept_all: bool, corpus: Path, target_lang: str) -> None:
    """Record that translated clauses were reviewed against the current source.

    Writes the source clause's hash into the translation's src attribute, in
    place, keeping comments and layout.
    """
    from .load import load_pair
    from .revise import accept_clauses

    if not eids and not accept_all:
        raise click.UsageError("name the clause ids to accept, or pass --all")
    if eids and accept_all:
        raise click.UsageError("give clause ids or --all, not both")
    pair = load_pair(doc_id, corpus, target_lang)
    changed = accept_clauses(pair, None if accept_all else eids)
    click.echo(_one_line(f"accepted {len(changed)} clause{'s' if len(changed) != 1 else ''} in {pair.target.path}"))


# -- import -----------------------------------------------------------------


@cli.command(name="import")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", required=True, callback=_lang_code, help="Language of the text (ja, fr, …).")
@click.option("--id", "doc_id", required=True, help="Document id, e.g. ai-cooperation-2026.")
@click.option("--status", default=None, help="Status (default: authentic for a source, working-translation with --source-lang).")
@click.option("--source-lang", default=None, callback=_lang_code, help="For a translation: the language of its source.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="Corpus file to write.")
@click.option("--title", default=None, help="The title, for a text without a title line.")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
def import_(source: Path, lang: str, doc_id: str, status: str | None, source_lang: str | None, output: Path,
            title: str | None, force: bool) -> None:
    """Build a corpus XML file from a plain-text or Markdown declaration.

    Guesses actor and acts of each clause from the language's lexicon and lists
    the guesses for review.
    """
    from .imports.text import import_text
    from .load import write_document

    result = import_text(source, lang=lang, doc_id=doc_id, status=status, source_lang=source_lang, title=title)
    write_document(result.document, output, overwrite=force)
    for note in result.notes:
        click.echo(_one_line(f"{output}: {note}"), err=True)
    n = sum(1 for _ in result.document.clauses())
    click.echo(_one_line(f"wrote {output}: {len(result.document.sections)} sections, {n} clauses; review the guessed acts above"))


_STATUS_CHOICE = click.Choice(["authentic", "official-translation", "working-translation", "draft"])


@cli.command()
@click.argument("ja_file", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("fr_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--id", "doc_id", required=True, help="Document id, e.g. decl-2005.")
@corpus_option
@click.option("--status-ja", default="authentic", show_default=True, type=_STATUS_CHOICE, help="Status of the Japanese version.")
@click.option("--status-fr", default="working-translation", show_default=True, type=_STATUS_CHOICE,
              help="Status of the French version (authentic for an official pair).")
@click.option("--title-ja", default=None, help="Title of the Japanese text, if it has no title line.")
@click.option("--title-fr", default=None, help="Title of the French text, if it has no title line.")
@click.option("--report", "report", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the two texts side by side with each bead's confidence (HTML).")
@click.option("--force", is_flag=True, help="Overwrite existing corpus files.")
def align(ja_file, fr_file, doc_id, corpus, status_ja, status_fr, title_ja, title_fr, report, force) -> None:
    """Pair two versions written apart (text, Markdown or corpus XML) into DIR/ja/ID.xml and DIR/fr/ID.xml.

    Prints one line a bead (? marks those to review) and refuses two texts that are
    not versions of one document.
    """
    from .imports.align import align_texts, corpus_glossary
    from .imports.align_report import render_report, review_lines, summary_line
    from .load import serialize_document
    from .load.write import atomic_write, atomic_write_many

    result = align_texts(ja_file, fr_file, doc_id=doc_id, status_ja=status_ja, status_fr=status_fr,
                         glossary=corpus_glossary(corpus), title_ja=title_ja, title_fr=title_fr)
    ja_out, fr_out = corpus / "ja" / f"{doc_id}.xml", corpus / "fr" / f"{doc_id}.xml"
    atomic_write_many({ja_out: serialize_document(result.ja), fr_out: serialize_document(result.fr)}, overwrite=force)
    if report is not None:
        atomic_write(report, render_report(result).encode("utf-8"))
    for note in result.notes:
        click.echo(f"jpfr: note: {note}", err=True)
    for line in review_lines(result):
        click.echo(line)
    click.echo(f"wrote {ja_out} and {fr_out}: {summary_line(result)}" + (f"; report in {report}" if report else ""))


# -- render, doctor (rendering) ---------------------------------------------
@cli.command()
@click.argument("doc_ids", metavar="DOC_ID...", nargs=-1, required=True)
@click.option("--to", "to", type=click.Choice(["pdf", "html", "docx", "both", "all"]), default="both",
              show_default=True, help="Formats to write: both is pdf and html, all adds docx (Word).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="With several documents: processes rendering side by side (default: one per CPU).")
@click.option("--layout", default="side-by-side", show_default=True,
              help="side-by-side, interleaved (clause under clause), or one language: ja, fr.")
@click.option("--left", default="ja", show_default=True,
              help="Language of the left column; also the PDF's reading language and outline.")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True, help="Paper size (PDF and docx).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Folder to write DOC_ID.pdf / DOC_ID.html / DOC_ID.docx into (default: build/); with "
                   "one format, a file name ending in .pdf, .html or .docx is also accepted. Other layouts "
                   "than side-by-side are named DOC_ID.LAYOUT.pdf.")
@click.option("--version", "doc_version", default=None,
              help="Version shown on every page (default: the document's, else 'unreleased').")
@click.option("--date", default=None, help="PDF creation date YYYY-MM-DD (default: the document's date, "
                                           "else SOURCE_DATE_EPOCH, else none; never the current time).")
@click.option("--allow-findings", "allow_findings", metavar="REASON", default=None,
              help="Render despite error-level findings of 'jpfr check'; the reason is printed in the "
                   "output's colophon.")
@corpus_option
@lang_option
def render(doc_ids, to, jobs, layout, left, paper, output, doc_version, date, allow_findings, corpus,
           target_lang) -> None:
    """Render DOC_ID as a printable PDF and a self-contained HTML file (and a Word .docx).

    The documents are checked first, as by 'jpfr check': error-level findings
    stop the render (exit 1) unless --allow-findings REASON is given. A clause one
    language lacks is printed as a marked placeholder and named on stderr.
    Several documents are rendered in parallel, one process each.

    Example: jpfr render ai-cooperation-2026 --to both -o build/
    """
    from .checks import run_checks
    from .checks.config import load_config
    from .checks.registry import lang_name
    from .load import load_aligned, load_pair
    from .render import render_many
    from .render.context import build_view

    if allow_findings is not None and not allow_findings.strip():
        raise click.BadParameter("needs a reason, printed in the colophon", param_hint="--allow-findings")
    pairs = [load_pair(doc_id, corpus, target_lang) for doc_id in doc_ids]
    config = load_config(start=Path(corpus).resolve())
    files: list[str | Path] = [Path(d.path) for p in pairs for d in (p.source, p.target)]
    loaded = load_aligned(files)
    findings = run_checks(pairs, [], loaded.findings, config.context())
    errors = [f for f in findings if f.severity.value == "error"]
    if errors and allow_findings is None:
        for f in errors:
            where = f"{f.file}:{f.line}" if f.line else f.file
            click.echo(f"{where}: {f.severity.value} {f.code} {f.message} [{f.name}]", err=True)
        click.echo(f"jpfr: error: {len(errors)} error-level finding{'s' if len(errors) != 1 else ''}; fix them "
                   "(see 'jpfr check') or render anyway with --allow-findings REASON", err=True)
        sys.exit(EXIT_FINDINGS)
    if errors:
        click.echo(f"{len(errors)} error-level finding{'s' if len(errors) != 1 else ''} allowed: {allow_findings} "
                   "(printed in the colophon)")
    if not errors:
        allow_findings = None  # nothing was allowed: the colophon says nothing
    for pair in pairs:
        view = build_view(pair, layout=layout, left=left)
        for gap in view.missing:
            word = lang_name(gap.lang)
            click.echo(f"jpfr: warning: {gap.path}: {gap.kind} {gap.eid!r} has no {word} text; "
                       "printed as a marked placeholder", err=True)
    results = render_many(pairs, jobs=jobs, output=output, to=to, layout=layout, left=left, paper=paper,
                          version=doc_version, date=date, allowed_findings=allow_findings)
    for done in (item for result in results for item in result):
        if isinstance(done, Path):
            click.echo(_one_line(f"wrote {done}"))
            continue
        fonts = ", ".join(f"{f.name} {f.version}" for f in done.fonts)
        click.echo(_one_line(f"wrote {done.path}: {done.pages} page{'s' if done.pages != 1 else ''}; fonts: {fonts}"))
        for message in done.warnings:
            click.echo(_one_line(f"jpfr: warning: {done.path}: {message}"), err=True)


@cli.command()
def doctor() -> None:
    """Report the fonts and libraries rendering uses (WeasyPrint, Pango, HarfBuzz,
    hyphenation), the tools the test suite drives, and a verdict.

    Exit 0 when ready to render, 1 when something is missing, with what to install.
    """
    from .render import doctor_report
    from .render.doctor import readiness

    report: dict[str, Any] = doctor_report()
    for key, label in (("weasyprint", "WeasyPrint"), ("pango", "Pango"), ("harfbuzz", "HarfBuzz"),
                       ("harfbuzz_subset", "HarfBuzz subset")):
        click.echo(f"{label + ':':<17}{report[key] or 'missing'}")
    for font in report["fonts"]:
        click.echo(f"{'Japanese font:':<17}{font['name']} {font['version']} ({font['file']}, sha256 {font['sha256'][:12]}…)")
    verdict = readiness(report)
    for lang, path in verdict.hyphenation.items():
        click.echo(f"{'Hyphenation, ' + lang + ':':<17}{path or 'missing'}")
    for tool, path in verdict.test_tools.items():
        click.echo(f"{'Test tool:':<17}{tool} {path or 'missing (make test installs it)'}")
    for problem in verdict.problems:
        click.echo(f"jpfr: error: {problem}", err=True)
    click.echo(f"{'Verdict:':<17}{verdict.verdict}")
    if not verdict.ready:
        sys.exit(EXIT_FINDINGS)


# -- export, import-xliff, import-tmx (interchange) -----------------------------


@cli.command()
@click.argument("doc_id")
@click.option("--to", "fmt", required=True, metavar="FORMAT", help="tmx, xliff, akn, tei, json, markdown or text.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Output file for bilingual formats (tmx, xliff, tei, json), folder for per-language ones "
    "(akn, markdown, text). Default: build/.",
)
@corpus_option
@lang_option
def export(doc_id: str, fmt: str, output: Path | None, corpus: Path, target_lang: str) -> None:
    """Export DOC_ID to an interchange format (written atomically)."""
    from .export import export_document, get_exporter
    from .load import load_pair

    get_exporter(fmt)  # an unknown format fails before any file is read
    pair = load_pair(doc_id, corpus, target_lang)
    findings = None
    if fmt == "xliff":  # XLIFF notes carry the check findings of each clause
        from .checks import run_checks

        findings = run_checks([pair])
    for path in export_document(pair, fmt, output if output is not None else "build/", findings=findings):
        click.echo(_one_line(f"wrote {path}"))


@cli.command(name="import-xliff")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@corpus_option
def import_xliff_command(file: Path, corpus: Path) -> None:
    """Write the translated targets of an XLIFF 2 FILE back into the corpus.

    Only clauses whose target changed are rewritten, in place, keeping the
    file's comments and layout. A file whose units do not match the document
    is refused as a whole (exit 2), and nothing is changed.
    """
    from .imports.xliff import import_xliff

    _report_import(import_xliff(file, corpus))


@cli.command(name="import-tmx")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--id", "doc_id", default=None, help="Document id (default: the x-document property of the header).")
@corpus_option
@lang_option
def import_tmx_command(file: Path, doc_id: str | None, corpus: Path, target_lang: str) -> None:
    """Import the translations of a TMX FILE into an existing document, by tuid."""
    from .imports.tmx import import_tmx

    _report_import(import_tmx(file, corpus, doc_id, target_lang))


@cli.command(name="import-docx")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--id", "doc_id", required=True, help="Document id the file must be for.")
@click.option("--accept-changes", "accept", is_flag=True,
              help="Write the changed clauses (tracked changes accepted); without it nothing is written.")
@corpus_option
@lang_option
def import_docx_command(file: Path, doc_id: str, accept: bool, corpus: Path, target_lang: str) -> None:
    """Read a Word FILE returned by the other side (rendered with --to docx).

    Reports, per clause, the tracked insertions and deletions and the comments,
    and which clauses of the --lang column changed. With --accept-changes, the
    changed clauses are written into the corpus, in place, keeping the file's
    comments and layout. A file for another document, or whose table was
    restructured, is refused as a whole (exit 2), and nothing is changed.
    """
    from .imports.docx import describe_change, import_docx, quote

    result = import_docx(file, doc_id, corpus, target_lang, accept=accept)
    for note in result.notes:
        click.echo(f"jpfr: note: {note}", err=True)
    for r in result.reviews:
        where = f"{file}: {r.eid} ({r.lang})"
        for text in r.insertions:
            click.echo(f"{where}: tracked insertion {quote(text)}")
        for text in r.deletions:
            click.echo(f"{where}: tracked deletion {quote(text)}")
        for c in r.comments:
            click.echo(f"{where}: comment{f' by {c.author}' if c.author else ''}: {quote(c.text)}")
        if r.is_changed:
            click.echo(f"{where}: {'changed' if accept else 'would change'}: {describe_change(r.before, r.text or '')}")
    n = len(result.pending)
    headings = sum(1 for eid in result.pending if eid.endswith("__heading"))
    clauses = f"{n - headings} clause{'s' if n - headings != 1 else ''}"
    if headings:
        clauses += f" and {headings} heading{'s' if headings != 1 else ''}"
    if accept:
        click.echo(f"updated {clauses} in {result.path} ({result.unchanged} unchanged)")
    elif n:
        click.echo(f"{clauses} changed in {file}; nothing written: rerun with --accept-changes to write "
                   f"{'them' if n != 1 else 'it'} into {result.path}")
    else:
        click.echo(f"no clause changed in {file} ({result.unchanged} unchanged); nothing written")


def _report_import(result) -> None:
    for note in result.notes:
        click.echo(_one_line(f"jpfr: note: {note}"), err=True)
    headings = [c for c in result.changed if c.endswith("__heading")]
    titles = [c for c in result.changed if c == "meta__title"]
    n = len(result.changed) - len(headings) - len(titles)
    extra = "".join(
        f" and {len(x)} {word}{'s' if len(x) != 1 else ''}" for x, word in ((headings, "heading"), (titles, "title")) if x
    )
    click.echo(_one_line(
        f"updated {n} clause{'s' if n != 1 else ''}{extra} in {result.path}"
        f" ({result.unchanged} unchanged, {result.untranslated} without translation)"
    ))


# -- release, verify, diff (releases) -------------------------------------------
@cli.command()
@click.argument("doc_id")
@click.option("--version", "version", required=True, help="Semantic version of the release (X.Y.Z), greater than the latest.")
@click.option("--date", default=None, help="Release date YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today in UTC).")
@click.option("-o", "--output", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("releases"),
              show_default=True, help="Releases folder; the release goes to <output>/<DOC_ID>/<version>/.")
@click.option("--allow-findings", "allow_findings", metavar="REASON", default=None,
              help="Release despite error-level findings; the reason is recorded in the release.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Build processes (default: one per CPU).")
@corpus_option
@lang_option
def release(doc_id, version, date, out, allow_findings, jobs, corpus, target_lang) -> None:
    """Freeze DOC_ID as a versioned, checksummed, reproducible BagIt release."""
    from .release import build_release

    result = build_release(doc_id, version, corpus=corpus, out=out, date=date, target_lang=target_lang,
                           allow_findings=allow_findings, jobs=jobs)
    click.echo(_one_line(f"released {result.doc_id} {result.version} ({result.date}) in {result.path}/"))
    click.echo(f"  {len(result.files)} payload files; changes against {result.previous or 'nothing (first release)'}")
    if result.previous:
        hint = f" -> {result.suggested_version}" if result.suggested_version else ""
        click.echo(f"  bump: {result.bump}; suggested by the changes: {result.suggested_bump}{hint}")
    if allow_findings:
        click.echo(f"  error-level findings allowed: {allow_findings}")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def verify(paths: tuple[Path, ...], fmt: str) -> None:
    """Check that releases are complete and unaltered.

    Each PATH is a release (releases/DOC_ID/X.Y.Z), a document's releases
    (releases/DOC_ID) or a whole releases folder; every release found is checked,
    in one process. Exit 0 when all are intact, 1 when problems are found, 2 when
    a PATH cannot be read (the others are still checked). With --format json, one
    release gives {release, ok, problems}; several give {ok, releases: [...]}.
    """
    from .display import plural
    from .release.verify import find_releases, verify_release

    unreadable = False
    reports = []
    for path in paths:
        try:
            for release in find_releases(path):
                reports.append(verify_release(release))
        except AccordError as exc:
            click.echo(f"jpfr: error: {_one_line(exc)}", err=True)
            unreadable = True
    if fmt == "json":
        records = [
            {"release": str(r.path), "ok": r.ok,
             "problems": [{"file": p.path, "line": p.line, "kind": p.kind, "message": p.message} for p in r.problems]}
            for r in reports
        ]
        if len(paths) == 1 and len(records) == 1:
            payload = records[0]
        else:
            payload = {"ok": all(r.ok for r in reports) and not unreadable, "releases": records}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for report in reports:
            for p in report.problems:
                click.echo(_one_line(p.format(str(report.path))))
            if report.ok:
                click.echo(_one_line(f"{report.path}: intact ({report.payload_files} payload files, {report.pdfs} PDFs, "
                           f"{report.sources} XML sources checked)"))
            else:
                click.echo(_one_line(f"{report.path}: {plural(len(report.problems), 'problem')} found"))
        if len(reports) > 1:
            damaged = sum(1 for r in reports if not r.ok)
            click.echo(f"{plural(len(reports), 'release')}: {len(reports) - damaged} intact, {damaged} with problems")
    if unreadable:
        sys.exit(EXIT_FAILURE)
    if not all(r.ok for r in reports):
        sys.exit(EXIT_FINDINGS)


@cli.command()
@click.argument("a")
@click.argument("b")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True,
              help="Output on stdout; html is the redline page.")
@click.option("--html", "html_out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the redline HTML page (deletions struck, insertions underlined) here.")
def diff(a: str, b: str, fmt: str, html_out: Path | None) -> None:
    """Clause-level changes from A to B, per language.

    A and B: release folders, corpus files, or a corpus file at a git revision
    (corpus/fr/X.xml@HEAD~3).
    """
    from .load import atomic_write
    from .release import diff_versions
    from .release.report import release_title, to_html, to_json, to_text

    changes = diff_versions(a, b)

    def redline(cs) -> str:  # a release is named by its version and date
        return to_html(cs, old_title=release_title(a), new_title=release_title(b))

    if html_out is not None:
        atomic_write(html_out, redline(changes).encode("utf-8"))
    click.echo({"text": to_text, "json": to_json, "html": redline}[fmt](changes), nl=False)


# -- serve (the workbench) --------------------------------------------------


@cli.command()
@click.argument("doc_id", required=False)
@corpus_option
@lang_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback exposes the corpus to the network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port (0: a free one).")
@click.option("--open", "open_browser", is_flag=True, help="Open the workbench in the default browser.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="pyproject.toml or jpfr.toml to read [tool.jpfr] from (default: found from the corpus up).")
def serve(doc_id, corpus, target_lang, host, port, open_browser, config_file) -> None:
    """Start the translator's workbench, a local web application (Ctrl-C stops it).

    With DOC_ID it opens on that document; without, on the list of the corpus's
    documents with their findings and review states.
    """
    from .serve import is_loopback, serve as run  # a missing [serve] extra: one line, see AccordGroup

    if not is_loopback(host):
        click.echo(f"jpfr: warning: listening on {host}: anyone who can reach this address can read and "
                   "edit the corpus", err=True)

    def ready(url: str) -> None:
        click.echo(f"jpfr serve: {url} (Ctrl-C to stop)")
        if open_browser:
            import webbrowser

            webbrowser.open(url)

    run(corpus, host=host, port=port, doc_id=doc_id, target_lang=target_lang, config_file=config_file,
        on_ready=ready)
    click.echo("jpfr serve: stopped")


def main() -> None:
    cli(prog_name="jpfr")


if __name__ == "__main__":
    main()
