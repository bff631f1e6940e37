"""The CI recipes in docs/ci/ run as written on a translation repository, and write
what GitHub code scanning and GitLab's merge request widget read."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from jpfr_testing import CORPUS, ROOT

RECIPES = ROOT / "docs" / "ci"
BIN = Path(sys.executable).parent


def _commands(recipe: Path) -> list[str]:
    data = yaml.safe_load(recipe.read_text(encoding="utf-8"))
    lines: list[str] = []
    for job in (data.get("jobs") or {}).values():  # GitHub Actions
        lines += [s["run"] for s in job["steps"] if "run" in s]
    for name, job in data.items():  # GitLab CI
        if isinstance(job, dict) and "script" in job:
            lines += job["script"]
    return [line for line in lines if line.startswith("jpfr ")]


def _run(command: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "JPFR_CACHE_DIR": "off"}
    return subprocess.run(command, shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("recipe", sorted(RECIPES.glob("*.yml")), ids=lambda p: p.name)
def test_recipe_commands_run_as_written(recipe, tmp_path):
    shutil.copytree(CORPUS, tmp_path / "corpus")
    commands = _commands(recipe)
    assert commands and any("--format sarif" in c for c in commands)
    for command in commands:
        proc = _run(command, tmp_path)
        assert proc.returncode == 0, f"{command}: {proc.stderr}"
    sarif = json.loads((tmp_path / "jpfr.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["tool"]["driver"]["name"] == "jpfr"


def test_gitlab_report_is_code_quality_json(tmp_path):
    shutil.copytree(CORPUS, tmp_path / "corpus")
    fr = tmp_path / "corpus" / "fr" / "ai-cooperation-2026.xml"
    fr.write_text(fr.read_text(encoding="utf-8").replace("31 mars 2026", "30 mars 2026", 1), encoding="utf-8")
    proc = _run("jpfr check --format gitlab", tmp_path)
    assert proc.returncode == 1  # an error: the date differs
    issues = json.loads(proc.stdout)
    assert issues and {"description", "check_name", "fingerprint", "severity", "location"} <= set(issues[0])
    assert {i["severity"] for i in issues} <= {"info", "minor", "major", "critical", "blocker"}
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    date = [i for i in issues if i["check_name"].startswith("ENT002")]
    assert date and date[0]["severity"] == "critical" and date[0]["location"]["path"] == "corpus/fr/ai-cooperation-2026.xml"
    assert date[0]["location"]["lines"]["begin"] > 1
    # the fingerprint does not depend on the line: inserting a line above keeps it
    text = fr.read_text(encoding="utf-8")
    fr.write_text(text.replace("<preamble>", "\n<preamble>", 1), encoding="utf-8")
    again = json.loads(_run("jpfr check --format gitlab", tmp_path).stdout)
    assert [i["fingerprint"] for i in again if i["check_name"].startswith("ENT002")] == [date[0]["fingerprint"]]
