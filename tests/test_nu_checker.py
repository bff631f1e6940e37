"""The Nu HTML checker the HTML tests rely on (``jpfr_testing.nu_check``): the
current release pinned by ``make nu-checker``, and it does reject invalid pages."""

from __future__ import annotations

import re
import subprocess

from jpfr_testing import ROOT, VNU_JAR, nu_check

VALID = '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>t</title></head><body><p id="a">x</p></body></html>\n'


def test_it_is_the_release_the_makefile_pins():
    pinned = re.search(r"^VNU_VERSION\s*:=\s*(\S+)", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M).group(1)
    out = subprocess.run(["java", "-jar", str(VNU_JAR), "--version"], capture_output=True, text=True, timeout=120)
    assert out.stdout.split()[0] == pinned


def test_a_valid_page_passes_and_an_invalid_one_is_reported(tmp_path):
    good, bad = tmp_path / "good.html", tmp_path / "bad.html"
    good.write_text(VALID, encoding="utf-8")
    bad.write_text(VALID.replace('<p id="a">x</p>', '<p id="a">x</p><p id="a">y</p><blink>z</blink>'), encoding="utf-8")
    assert nu_check(good).returncode == 0
    proc = nu_check(good, bad)
    assert proc.returncode == 1
    errors = [line for line in proc.stderr.splitlines() if ": error: " in line]
    assert errors and all(line.startswith(f'"file:{bad}":') for line in errors), proc.stderr
    assert any("Duplicate ID" in line for line in errors) and any("blink" in line for line in errors)


def test_it_checks_the_css_of_a_page_and_knows_current_properties(tmp_path):
    """The CSS in ``<style>`` is checked too; the properties our templates use for
    Japanese and French typography are known to it (the 2020 checker refused them)."""
    page = tmp_path / "css.html"
    css = "p { hyphenate-limit-chars: 6 3 2; text-spacing-trim: trim-start; }"
    page.write_text(VALID.replace("</title>", f"</title><style>{css}</style>"), encoding="utf-8")
    assert nu_check(page).returncode == 0, nu_check(page).stderr
    page.write_text(VALID.replace("</title>", "</title><style>p { colour: red; }</style>"), encoding="utf-8")
    proc = nu_check(page)
    assert proc.returncode == 1 and "“colour”: Property “colour” doesn't exist" in proc.stderr, proc.stderr
