"""Check configuration: ``[tool.jpfr]`` in pyproject.toml, or jpfr.toml, plus options.

Stage: checks. Imports ``errors`` and ``checks.runner``.

```toml
[tool.jpfr]
select = ["ALL"]                      # codes, prefixes (ENT, TYP0) or rule names
ignore = ["LEN001"]
severity = { REV002 = "error", TYP005 = "warning" }
glossary = ["terms/legal.tbx"]        # more glossaries (TSV or TBX), relative to this file
default-glossary = true               # merge data/glossary/default.tsv (the default)
```

The corpus's own ``glossary.tsv`` / ``glossary.tbx`` (beside the language
folders) is always merged. One clause is exempted from a rule in the corpus
file itself: ``<clause … ignore="ENT006" ignore-reason="…">``.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError, Location, Severity, UnknownFormatError
from .registry import REGISTRY
from .runner import CheckConfig, CheckContext


@dataclass
class LoadedConfig:
    config: CheckConfig
    table: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    def context(self) -> CheckContext:
        return CheckContext(config=self.config, data={"table": self.table, "config_path": self.path})


#: A configuration is a few lines; 1 MiB is far more than any needs (and bounds tomllib's work).
CONFIG_MAX_BYTES = 1 << 20
#: tomllib recurses once per nested array or inline table, and a key of many dotted
#: parts costs it time and memory out of proportion to the file: both are bounded first.
MAX_NESTING = 32
MAX_KEY_PARTS = 32


def _read(path: Path) -> bytes:
    """A configuration file's bytes, within the size limit of every input (``JPFR_MAX_BYTES``)
    and of a configuration (1 MiB), read once from a regular file."""
    from ..load.reader import max_bytes, read_bytes

    return read_bytes(Path(path), str(path), limit=min(max_bytes(), CONFIG_MAX_BYTES))


def check_shape(text: str, where: str) -> None:
    """Refuse a TOML text nested deeper than ``MAX_NESTING`` or with a key of more than
    ``MAX_KEY_PARTS`` dotted parts, before ``tomllib`` sees it (one linear pass that
    skips strings and comments).

    Raises:
        ConfigError: with the line of the first excess.
    """
    depth, dots, line, i, n = 0, 0, 1, 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            line += 1
            dots = 0
        elif ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif ch in "\"'":
            quote = text[i:i + 3] if text[i:i + 3] in ('"""', "'''") else ch
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                if text[j] == "\\" and ch == '"':
                    j += 1
                elif text[j] == "\n":
                    if len(quote) == 1:
                        break  # an unterminated string: tomllib says where
                    line += 1
                j += 1
            i = j + len(quote) if j < n and text.startswith(quote, j) else j
            continue
        elif ch in "[{":
            depth += 1
            dots = 0
            if depth > MAX_NESTING:
                raise ConfigError(f"configuration nested deeper than {MAX_NESTING} levels; refused", Location(where, line))
        elif ch in "]}":
            depth = max(0, depth - 1)
            dots = 0
        elif ch in "=,":
            dots = 0
        elif ch == ".":
            dots += 1
            if dots >= MAX_KEY_PARTS:
                raise ConfigError(f"a key of more than {MAX_KEY_PARTS} dotted parts; refused", Location(where, line))
        i += 1


def project_root(start: str | Path, corpus: str | Path | None = None) -> Path:
    """The folder a project ends at, looking up from ``start``: the nearest folder that is
    a git work tree (holds ``.git``) or holds the corpus (``corpus`` given, or a
    ``corpus/`` folder); ``start`` itself when there is none up to ``/``. Searches for
    the project's files (configuration, corpus) never go above it: a ``jpfr.toml`` in a
    shared temporary folder or a CI workspace is not the project's.
    """
    start = Path(os.path.abspath(start))
    holder = Path(os.path.abspath(corpus)).parent if corpus is not None else None
    for folder in (start, *start.parents):
        try:
            if folder == holder or (folder / ".git").exists() or (folder / "corpus").is_dir():
                return folder
        except OSError:
            continue  # a folder we may not look into is not a project root
    return start


def find_config(start: Path, corpus: str | Path | None = None) -> tuple[Path, bytes] | None:
    """The nearest configuration file from ``start`` up to the project root, with its bytes (read once)."""
    start = Path(os.path.abspath(start))
    root = project_root(start, corpus)
    for folder in (start, *start.parents):
        for name in ("jpfr.toml", "pyproject.toml"):
            candidate = folder / name
            try:
                found = candidate.is_file()
            except OSError:
                found = False
            if found:
                data = _read(candidate)
                if name == "jpfr.toml" or b"[tool.jpfr" in data:
                    return candidate, data
        if folder == root:
            break
    return None


def _table(raw: dict[str, Any], path: Path) -> dict[str, Any]:
    where = Location(str(path))
    tool = raw.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError("'tool' must be a table ([tool.jpfr])", where)
    if path.name == "pyproject.toml":
        table = tool.get("jpfr", {})
    else:
        table = tool.get("jpfr", raw) if "jpfr" in tool else raw
    if not isinstance(table, dict):
        raise ConfigError("'tool.jpfr' must be a table", where)
    return table


def load_config(
    path: Path | None = None,
    *,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    start: Path | None = None,
    corpus: str | Path | None = None,
) -> LoadedConfig:
    """Read the configuration (the given file, or the nearest one from ``start``, default
    the working folder, up to the project root: see :func:`project_root`) and apply the
    command-line ``select``/``ignore`` on top.

    Raises:
        ConfigError: the file is not valid TOML or names unknown rules or severities.
    """
    found = (Path(path), _read(Path(path))) if path else find_config(start or Path.cwd(), corpus)
    path = found[0] if found else None
    table: dict[str, Any] = {}
    if found is not None:
        try:
            text = found[1].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ConfigError(f"cannot read configuration: not UTF-8 ({exc.reason} at byte {exc.start})",
                              Location(str(path))) from None
        check_shape(text, str(path))
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"invalid TOML: {exc}", Location(str(path), getattr(exc, "lineno", None))) from None
        except RecursionError:
            raise ConfigError("configuration nested too deeply; refused", Location(str(path))) from None
        table = _table(raw, found[0])
    where = Location(str(path)) if path else None
    glossary = table.get("glossary", [])
    if isinstance(glossary, str):
        glossary = [glossary]
    if not isinstance(glossary, list) or not all(isinstance(g, str) for g in glossary):
        raise ConfigError("'glossary' must be a path or a list of paths", where)
    if not isinstance(table.get("default-glossary", True), bool):
        raise ConfigError("'default-glossary' must be true or false", where)
    if not isinstance(table.get("severity", {}), dict):
        raise ConfigError("'severity' must be a table of CODE = \"error|warning|info\"", where)
    for key in ("select", "ignore"):
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{key!r} must be a list of rule codes (strings)", where)
    if not all(isinstance(v, str) for v in table.get("severity", {}).values()):
        raise ConfigError("'severity' must be a table of CODE = \"error|warning|info\"", where)
    try:
        severity = {REGISTRY.get(code).code: Severity(value) for code, value in table.get("severity", {}).items()}
        cfg = CheckConfig(
            select=tuple(select) or tuple(table.get("select", ("ALL",))),
            ignore=tuple(table.get("ignore", ())) + tuple(ignore),
            severity=severity,
        )
        cfg.rules()  # validate every selector now
    except UnknownFormatError as exc:
        raise ConfigError(exc.message, Location(str(path)) if path else None) from None
    except ValueError as exc:
        raise ConfigError(f"invalid severity: {exc}", Location(str(path)) if path else None) from None
    return LoadedConfig(cfg, table, Path(path) if path else None)
