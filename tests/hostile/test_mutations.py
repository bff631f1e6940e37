"""Random mutations of the real corpus files against every reading command.

For each mutation (``strategies.mutations``: byte flips, truncations, deleted and
duplicated lines, inserted markup, swapped attributes, any code point as a
character reference, raw control characters and surrogates, huge attribute
values), ``check``, ``dump``, ``export --to json``, ``export --to xliff``,
``render --to html`` and ``diff`` either do their work (exit 0 or 1, complete
output) or stop with exit 2 and one line ``jpfr: error: <the file>…``: never a
traceback, never "internal error", never a partial or temporary file.
The regression inputs in ``regressions/`` are replayed the same way. The same
mutations of our XLIFF and TMX exports go to ``import-xliff`` and ``import-tmx``;
and a generated valid corpus must be read by every command.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from strategies import aligned_documents, mutations

from jpfr_testing import CORPUS, DOC_ID
from jpfr_accord.load import write_document

REGRESSIONS = Path(__file__).resolve().parent / "regressions"
SOURCES = {lang: (CORPUS / lang / f"{DOC_ID}.xml").read_bytes() for lang in ("ja", "fr")}
EXAMPLES = int(os.environ.get("JPFR_MUTATION_EXAMPLES", "100"))

# command -> (arguments, the output file it writes or None); {lang} is the mutated side
COMMANDS: dict[str, tuple[list[str], str | None]] = {
    "check": (["check"], None),
    "dump": (["dump", DOC_ID], None),
    "export-json": (["export", DOC_ID, "--to", "json", "-o", "out/x.json"], "out/x.json"),
    "export-xliff": (["export", DOC_ID, "--to", "xliff", "-o", "out/x.xlf"], "out/x.xlf"),
    "render-html": (["render", DOC_ID, "--to", "html", "-o", "out/x.html", "--allow-findings", "hostile-input test"], "out/x.html"),
    "diff": (["diff", "base/{lang}.xml", f"corpus/{{lang}}/{DOC_ID}.xml"], None),
}


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


FINDING_LINE = re.compile(r"corpus/(ja|fr)/[a-z0-9._-]+\.xml(:\d+)?: (error|warning|info) [A-Z]{3}\d{3} .+ \[[a-z0-9-]+\]")
SUMMARY_LINE = re.compile(r"\d+ errors?, \d+ warnings?, \d+ notices? in \d+ files?")


def _one_finding_per_line(stdout: str) -> None:
    """``jpfr check`` prints one line per finding and a summary, whatever the findings quote."""
    *findings, summary = stdout.splitlines()
    assert SUMMARY_LINE.fullmatch(summary), summary
    for line in findings:
        assert FINDING_LINE.fullmatch(line), line


def _complete(name: str, data: bytes) -> None:
    """The output a user would open is whole: it parses to its end."""
    if name.endswith(".json"):
        json.loads(data)
    elif name.endswith(".html"):
        assert data.rstrip().endswith(b"</html>"), data[-200:]
    else:
        from lxml import etree

        etree.fromstring(data)


@pytest.fixture
def work(corpus_copy: Path) -> Path:
    """The corpus's parent: ``corpus/`` and ``base/<lang>.xml`` (the unmutated files, for diff)."""
    root = corpus_copy.parent
    (root / "base").mkdir()
    for lang, data in SOURCES.items():
        (root / "base" / f"{lang}.xml").write_bytes(data)
    return root


def run_all(jpfr, work: Path, lang: str, data: bytes, record=lambda what: None) -> None:
    """Put ``data`` in place of the ``lang`` corpus file and run every reading command on it;
    ``record`` gets each command's outcome (Hypothesis statistics)."""
    target = work / "corpus" / lang / f"{DOC_ID}.xml"
    target.write_bytes(data)
    shown = f"corpus/{lang}/{DOC_ID}.xml"
    try:
        for name, (args, output) in COMMANDS.items():
            before = _tree(work)
            run = jpfr(*[a.format(lang=lang) for a in args], cwd=work)
            record(f"{name}: exit {run.exit_code}")
            assert "internal error" not in run.stderr, (name, run)
            if run.exit_code == 2:
                lines = run.stderr.strip().splitlines()
                assert len(lines) == 1 and lines[0].startswith(f"jpfr: error: {shown}"), (name, run)
                assert _tree(work) == before, f"{name}: a file was created or changed"
                continue
            assert run.exit_code in (0, 1), (name, run)
            if name == "check":
                _one_finding_per_line(run.stdout)
            after = _tree(work)
            created = sorted(set(after) - set(before))
            assert created == ([output] if output else []), f"{name}: created {created}"
            assert all(after[k] == v for k, v in before.items() if k != output), f"{name}: changed an input"
            if output:
                _complete(output, after[output])
                (work / output).unlink()
    finally:
        target.write_bytes(SOURCES[lang])
        shutil.rmtree(work / "out", ignore_errors=True)


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(sorted(SOURCES)).flatmap(lambda lang: st.tuples(st.just(lang), mutations(SOURCES[lang]))))
def test_every_reading_command_survives_a_mutated_corpus_file(jpfr, work, case):
    lang, data = case
    run_all(jpfr, work, lang, data, record=event)


def test_the_unmutated_corpus_passes_every_command(jpfr, work):
    run_all(jpfr, work, "fr", SOURCES["fr"])


@pytest.mark.parametrize("case", sorted(p.name for p in REGRESSIONS.glob("*.xml")))
def test_regression(jpfr, work, case):
    """Inputs that once crashed a command, as ``<lang>-<what>.xml``; see regressions/README.md."""
    run_all(jpfr, work, case.split("-", 1)[0], (REGRESSIONS / case).read_bytes())


@settings(max_examples=max(EXAMPLES // 4, 1), deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(aligned_documents(doc_id=DOC_ID, min_sections=1, min_paras=1, min_clauses=1))
def test_every_reading_command_reads_a_generated_valid_corpus(jpfr, work, pair):
    """The other side of the coin: a valid corpus, whatever its texts, is read by every
    command (exit 0 or 1, never 2) and gives complete outputs."""
    for doc in (pair.source, pair.target):
        path = work / "corpus" / doc.lang / f"{DOC_ID}.xml"
        path.unlink()
        write_document(doc, path)
    try:
        for name, (args, output) in COMMANDS.items():
            run = jpfr(*[a.format(lang="fr") for a in args], cwd=work)
            assert run.exit_code in (0, 1) and run.stderr == "", (name, run)
            if name == "check":
                _one_finding_per_line(run.stdout)
            if output:
                _complete(output, (work / output).read_bytes())
                (work / output).unlink()
    finally:
        for lang, data in SOURCES.items():
            (work / "corpus" / lang / f"{DOC_ID}.xml").write_bytes(data)
        shutil.rmtree(work / "out", ignore_errors=True)


# -- interchange files coming back from a CAT tool -----------------------------

IMPORTERS = {"xliff": ["import-xliff", "back.xlf"], "tmx": ["import-tmx", "back.tmx"]}


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> dict[str, bytes]:
    """The XLIFF and TMX exports of the real corpus: what a translator sends back, before it breaks."""
    from jpfr_accord.export import export_document
    from jpfr_accord.load import load_pair

    out = tmp_path_factory.mktemp("exports")
    pair = load_pair(DOC_ID, CORPUS)
    return {fmt: export_document(pair, fmt, out / f"x.{fmt}")[0].read_bytes() for fmt in IMPORTERS}


@settings(max_examples=max(EXAMPLES // 2, 1), deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(sorted(IMPORTERS)), st.data())
def test_importers_survive_a_mutated_interchange_file(jpfr, work, exports, fmt, data):
    """``import-xliff`` and ``import-tmx`` on a mutated export: exit 2 with one line naming
    the file and the corpus untouched, or the import done and the corpus still readable."""
    args = IMPORTERS[fmt]
    incoming = work / args[-1]
    incoming.write_bytes(data.draw(mutations(exports[fmt]), label="file"))
    before = _tree(work)
    try:
        run = jpfr(*args, cwd=work)
        event(f"{fmt}: exit {run.exit_code}")
        assert "internal error" not in run.stderr, run
        if run.exit_code == 2:
            lines = run.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith(f"jpfr: error: {args[-1]}"), run
            assert _tree(work) == before, "a file was created or changed"
        else:
            assert run.exit_code in (0, 1), run
            after = _tree(work)
            assert sorted(after) == sorted(before), "a file was created or removed"
            check = jpfr("check", cwd=work)
            assert check.exit_code in (0, 1), (run, check)
    finally:
        incoming.unlink()
        for lang, original in SOURCES.items():
            (work / "corpus" / lang / f"{DOC_ID}.xml").write_bytes(original)
