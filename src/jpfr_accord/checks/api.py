"""Check as ``jpfr check`` does, from Python: one call, the same findings as the CLI.

Stage: checks. Imports ``errors``, ``model``, ``load``, ``checks.config``,
``checks.runner``.

``check()`` finds the corpus the way the command does (``--corpus``, else
``corpus/`` in the working folder or the nearest folder above it, up to the
project root), reads the ``[tool.jpfr]`` configuration the command would read,
includes the loader's findings (schema errors: XML001) and returns the findings
in the command's order with the command's summary::

    >>> from jpfr_accord import check
    >>> result = check(corpus="corpus")
    >>> result.summary["error"]
    0
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LoadError, Location, Severity
from ..load import load_aligned
from ..model import AlignedDocument, Document, Finding
from .config import load_config
from .runner import run_checks, summarize

#: What marks the top of a project when looking upwards for the corpus.
PROJECT_MARKERS = (".git", "pyproject.toml", "jpfr.toml")


@dataclass(frozen=True)
class CheckResult:
    """The findings of one check, in the command's order, and what was checked."""

    findings: list[Finding]
    summary: dict[str, int]
    pairs: list[AlignedDocument] = field(default_factory=list)
    singles: list[Document] = field(default_factory=list)
    config_file: Path | None = None

    def at_or_above(self, severity: Severity | str) -> list[Finding]:
        """The findings at ``severity`` or worse (``"warning"``: warnings and errors)."""
        rank = Severity(severity).rank
        return [f for f in self.findings if f.severity.rank >= rank]

    @property
    def has_errors(self) -> bool:
        return bool(self.at_or_above(Severity.ERROR))


def _has_corpus(folder: Path) -> bool:
    return (folder / "corpus").is_dir()


def find_corpus(start: Path | None = None) -> Path:
    """``corpus/`` in ``start`` (default: the working folder) or the nearest folder
    above it, stopping at the project root (a folder holding ``.git``,
    ``pyproject.toml`` or ``jpfr.toml``), as ruff looks for its configuration.

    Raises:
        LoadError: no corpus there; the message says where it looked.
    """
    here = (start or Path.cwd()).absolute()
    looked: list[Path] = []
    for folder in (here, *here.parents):
        looked.append(folder)
        if _has_corpus(folder):
            return folder / "corpus"
        if any((folder / m).exists() for m in PROJECT_MARKERS):
            break
    where = ", ".join(str(p) for p in looked[:4]) + (f" … {looked[-1]}" if len(looked) > 4 else "")
    stop = f" (stopped at the project root {looked[-1]})" if len(looked) < len((here, *here.parents)) else ""
    raise LoadError(
        f"no corpus found: looked for corpus/<lang>/<DOC_ID>.xml in {where}{stop}; "
        "give the folder with --corpus DIR or the files as arguments",
        Location(str(here)),
    )


def check(
    paths: Sequence[str | Path] = (),
    *,
    corpus: str | Path | None = None,
    config: str | Path | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    jobs: int | None = None,
    cache: bool = True,
) -> CheckResult:
    """Check files or a corpus exactly as ``jpfr check`` does.

    Args:
        paths: corpus files or folders (default: the corpus).
        corpus: the corpus folder (default: found upwards from the working folder).
        config: a ``pyproject.toml`` or ``jpfr.toml`` (default: the nearest one, as the command).
        select: rule codes or prefixes to run (``--select``), on top of the configuration.
        ignore: rule codes or prefixes to skip (``--ignore``).
        jobs: processes for a large corpus (``-j``; default: one per CPU).
        cache: read and write the per-clause result cache (``--no-cache``: False).

    Returns:
        the findings, sorted by (file, line, code), load findings (XML001) included.

    Raises:
        LoadError: a path cannot be read, or no corpus is found.
        ConfigError: the configuration is invalid.
    """
    targets = [Path(p) for p in paths] or [Path(corpus) if corpus is not None else find_corpus()]
    # the configuration of the project the corpus belongs to (the command's, run from there)
    start = None if paths else targets[0].absolute().parent
    loaded_config = load_config(Path(config) if config else None, select=tuple(select), ignore=tuple(ignore), start=start)
    loaded = load_aligned(list(targets))
    from .cache import ResultCache
    from .parallel import default_jobs

    findings = run_checks(
        loaded.pairs, loaded.singles, loaded.findings, loaded_config.context(),
        cache=ResultCache.default() if cache else None, jobs=jobs or default_jobs(),
    )
    files = {d.path for p in loaded.pairs for d in (p.source, p.target)} | {d.path for d in loaded.singles}
    return CheckResult(
        findings=findings,
        summary=summarize(findings, len(files)),
        pairs=loaded.pairs,
        singles=loaded.singles,
        config_file=getattr(loaded_config, "path", None),
    )
