"""Constants shared by the workbench's tests (a module of its own: ``from conftest import``
would pick whichever test folder's conftest was imported first)."""

from __future__ import annotations

from jpfr_testing import FIXTURES

SERVE_FIXTURES = FIXTURES / "serve"
DOC = "ai-cooperation-2026"
OTHER = "ai-followup-2027"
