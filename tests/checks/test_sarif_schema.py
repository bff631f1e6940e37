"""SARIF logs of ``jpfr check`` validate against the official OASIS SARIF 2.1.0
schema (tests/schemas/sarif/, see tests/schemas/PROVENANCE.md), with jsonschema."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path

import pytest
from jpfr_testing import DOC_ID, edit
from jsonschema import Draft202012Validator, FormatChecker

SCHEMA = Path(__file__).resolve().parent.parent / "schemas" / "sarif" / "sarif-schema-2.1.0.json"


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    # Not checked against its metaschema: the official file fails it in two places
    # (upstream defects, kept as published): ``region``'s ``anyOf`` sits inside
    # ``properties``, and the two ``language`` patterns start ``^(?i)``, valid in neither
    # ECMA-262 nor Python. Neither touches our logs (no ``language``, no property named
    # ``anyOf``); what that ``anyOf`` meant (a region has a start) is asserted below.
    return Draft202012Validator(schema, format_checker=FormatChecker())


def _errors(log: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in _validator().iter_errors(log)]


def _sarif(jpfr, cwd: Path, *args: str) -> dict:
    run = jpfr("check", *args, "--format", "sarif", cwd=cwd)
    assert run.exit_code in (0, 1), run
    return json.loads(run.stdout)


def test_the_schema_is_the_official_one():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]
    assert {"run", "result", "reportingDescriptor", "region"} <= set(schema["definitions"])


def test_the_log_of_the_bundled_corpus_is_valid(jpfr, corpus_copy):
    log = _sarif(jpfr, corpus_copy.parent, "corpus")
    assert _errors(log) == []
    assert log["runs"][0]["tool"]["driver"]["rules"], "every rule is described"


def test_a_log_with_errors_and_absolute_paths_is_valid(jpfr, corpus_copy, tmp_path):
    fr = corpus_copy / "fr" / f"{DOC_ID}.xml"
    edit(fr, "tenue le 31 mars 2026", "tenue le 30 mars 2026")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # relative URIs, then file:// URIs for a corpus outside the working folder
    for cwd, where in ((corpus_copy.parent, "corpus"), (elsewhere, str(corpus_copy))):
        log = _sarif(jpfr, cwd, where)
        results = log["runs"][0]["results"]
        assert {r["level"] for r in results} >= {"error"}
        regions = [r["locations"][0]["physicalLocation"]["region"] for r in results]
        assert all(set(reg) & {"startLine", "charOffset", "byteOffset"} for reg in regions)
        assert _errors(log) == []
        uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri.startswith("file://") == (where != "corpus")


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("runs", 0, "results", 0, "level"), "fatal", "'fatal' is not one of"),
        (("runs", 0, "results", 0, "locations", 0, "physicalLocation", "region", "startLine"), 0,
         "0 is less than the minimum of 1"),
        (("runs", 0, "tool", "driver", "rules", 0, "defaultConfiguration", "level"), "info", "'info' is not one of"),
        (("runs", 0, "columnKind"), "bytes", "'bytes' is not one of"),
    ],
)
def test_the_schema_catches_what_a_review_tool_would_reject(jpfr, corpus_copy, path, value, message):
    """The validation is not vacuous: the same log, bent in one place, is refused."""
    edit(corpus_copy / "fr" / f"{DOC_ID}.xml", "tenue le 31 mars 2026", "tenue le 30 mars 2026")
    log = copy.deepcopy(_sarif(jpfr, corpus_copy.parent, "corpus"))
    node = log
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    errors = _errors(log)
    assert len(errors) == 1 and message in errors[0], errors
