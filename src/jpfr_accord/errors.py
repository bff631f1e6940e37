"""Errors and diagnostics: the two channels of the toolkit.

Stage: shared by all. Imports nothing from the package.

*Diagnostics* are data about the corpus (there can be many); *exceptions* mean
that work cannot continue. Library code raises :class:`AccordError` subclasses,
each carrying a :class:`Location` when one is known; only ``cli`` prints.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(str, enum.Enum):
    """How serious a diagnostic is; ordered ``info < warning < error``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a source file: path as given by the user, 1-based line or None."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


class AccordError(Exception):
    """Work cannot continue. ``str()`` is one line: ``path:line: message``."""

    def __init__(self, message: str, loc: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.loc = loc

    def __str__(self) -> str:
        return f"{self.loc}: {self.message}" if self.loc else self.message


class LoadError(AccordError):
    """An input could not be read: missing, not XML, wrong encoding, hostile."""


class SchemaError(AccordError):
    """An input is well-formed but cannot be turned into the model at all."""


class ConfigError(AccordError):
    """The configuration (pyproject ``[tool.jpfr]``, jpfr.toml, options) is invalid."""


class ExportError(AccordError):
    """An export or import of an interchange format failed."""


class RenderError(AccordError):
    """Rendering failed (missing font, missing WeasyPrint, template error)."""


class ReleaseError(AccordError):
    """A release could not be built or verified."""


class UnknownFormatError(AccordError):
    """A format, layout or rule name is not registered; the message lists valid names."""

    def __init__(self, kind: str, name: str, valid: list[str] | tuple[str, ...]) -> None:
        super().__init__(f"unknown {kind} {name!r}; valid: {', '.join(sorted(valid))}")
