"""Every registered rule is documented and has rule cases (STYLE.md §3, §10)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from jpfr_accord.checks import REGISTRY

CASES_DIR = Path(__file__).parent / "cases"
RULES = list(REGISTRY)


def test_registry_has_every_family():
    assert {r.family for r in RULES} >= {"XML", "ALN", "STR", "NUM", "CMT", "ENT", "TRM", "REV", "TYP", "LEN", "SUP"}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented(rule):
    sections = rule.sections()
    for title in ("What", "Why", "Example", "Fix"):
        assert sections.get(title, "").strip(), f"{rule.code} has no {title}: section"
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name), rule.name
    assert rule.severity.value in ("error", "warning", "info")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_has_a_failing_and_a_passing_case(rule):
    path = CASES_DIR / f"{rule.code}.toml"
    assert path.is_file(), f"no rule cases for {rule.code}: add {path.relative_to(CASES_DIR.parent.parent.parent)}"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data.get("fail"), f"{rule.code} has no fail case"
    assert data.get("pass"), f"{rule.code} has no pass case"
    for case in data["fail"]:
        assert case.get("lang") in ("ja", "fr") and "eId" in case, case


def test_no_case_file_for_an_unknown_rule():
    codes = {r.code for r in RULES}
    assert {p.stem for p in CASES_DIR.glob("*.toml")} <= codes


def test_rules_command_explains_one_rule(jpfr):
    run = jpfr("rules", "ENT002")
    assert run.exit_code == 0
    assert run.stdout.splitlines()[0] == "ENT002 date-mismatch (error)"
    assert "Example:" in run.stdout and "令和8年" in run.stdout
    listing = jpfr("rules").stdout
    assert all(r.code in listing for r in RULES)
