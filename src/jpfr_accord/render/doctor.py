"""What ``jpfr doctor`` adds to the font and library report: hyphenation
dictionaries, the tools the test suite drives, and a verdict.

Stage: render. Imports nothing from the package; WeasyPrint's hyphenation
library (Pyphen) is imported inside the function.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field

#: Languages the PDF hyphenates (French; Japanese breaks lines without hyphens).
HYPHENATED = ("fr",)

#: Programs the test suite starts (the set-up installs them); not needed to render.
TEST_TOOLS = {
    "chromium": ("chromium", "chromium-browser", "google-chrome"),
    "pdftoppm": ("pdftoppm",),
    "pdftotext": ("pdftotext",),
}


@dataclass
class Readiness:
    """The verdict: ``ready`` to render or not, and why; what the tests would miss."""

    ready: bool
    problems: list[str] = field(default_factory=list)
    hyphenation: dict[str, str | None] = field(default_factory=dict)
    test_tools: dict[str, str | None] = field(default_factory=dict)

    @property
    def verdict(self) -> str:
        if self.ready:
            return "ready to render: PDF and HTML will use the fonts and libraries above"
        return "not ready to render: " + "; ".join(self.problems)


def hyphenation_dictionaries() -> dict[str, str | None]:
    """The Pyphen dictionary WeasyPrint will use for each hyphenated language (None: none)."""
    try:
        import pyphen
    except ImportError:
        return dict.fromkeys(HYPHENATED)
    return {lang: (str(pyphen.LANGUAGES[lang]) if lang in pyphen.LANGUAGES else None) for lang in HYPHENATED}


def readiness(report: dict) -> Readiness:
    """Judge a :func:`doctor_report`: rendering needs WeasyPrint, Pango, HarfBuzz's
    subsetter, a Japanese font and a French hyphenation dictionary."""
    problems = list(report.get("problems", []))
    hyph = hyphenation_dictionaries()
    for lang, path in hyph.items():
        if path is None:
            problems.append(f"no {lang} hyphenation dictionary for WeasyPrint (pip install pyphen)")
    tools = {name: next((p for p in (shutil.which(c) for c in cands) if p), None) for name, cands in TEST_TOOLS.items()}
    return Readiness(ready=not problems, problems=problems, hyphenation=hyph, test_tools=tools)
