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


def _read(path: Path) -> bytes:
    """A configuration file's bytes, within the size limit of every input (``JPFR_MAX_BYTES``)."""
    from ..load.xml import read_bytes

    return read_bytes(Path(path), str(path))


def _find(start: Path) -> tuple[Path, bytes] | None:
    """The nearest configuration file up from ``start``, with its bytes (read once)."""
    for folder in (start, *start.parents):
        for name in ("jpfr.toml", "pyproject.toml"):
            candidate = folder / name
            if candidate.is_file():
                data = _read(candidate)
                if name == "jpfr.toml" or b"[tool.jpfr" in data:
                    return candidate, data
    return None


def load_config(
    path: Path | None = None,
    *,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    start: Path | None = None,
) -> LoadedConfig:
    """Read the configuration (the given file, or the nearest one up from ``start``)
    and apply the command-line ``select``/``ignore`` on top.

    Raises:
        ConfigError: the file is not valid TOML or names unknown rules or severities.
    """
    found = (Path(path), _read(Path(path))) if path else _find((start or Path.cwd()).resolve())
    path = found[0] if found else None
    table: dict[str, Any] = {}
    if found is not None:
        try:
            raw = tomllib.loads(found[1].decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise ConfigError(f"cannot read configuration: {exc}", Location(str(path))) from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"invalid TOML: {exc}", Location(str(path), getattr(exc, "lineno", None))) from None
        table = raw.get("tool", {}).get("jpfr", {}) if Path(path).name == "pyproject.toml" else raw.get("tool", {}).get("jpfr", raw)
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
        if not isinstance(table.get(key, []), list):
            raise ConfigError(f"{key!r} must be a list of rule codes", where)
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
