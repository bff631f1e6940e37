"""Hostile and broken corpus files, against every command that reads the corpus.

Each case is a file in ``cases/`` put in place of the French corpus file; every
command must fail with one line naming the file (and line), exit 2 (or 1 for a
finding), no traceback, nothing fetched, nothing created or changed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jpfr_testing import DOC_ID, TRAP_HITS

CASES = Path(__file__).resolve().parent / "cases"

# case file -> (exit code, expected text of the one-line error on stderr; None: a finding on stdout)
EXPECTED: dict[str, tuple[int, str | None]] = {
    "xxe-file.xml": (2, ":2: DOCTYPE declarations are refused"),
    "xxe-url.xml": (2, ":2: DOCTYPE declarations are refused"),
    "billion-laughs.xml": (2, ":2: DOCTYPE declarations are refused"),
    "quadratic-blowup.xml": (2, ":2: DOCTYPE declarations are refused"),
    "external-dtd.xml": (2, ":2: DOCTYPE declarations are refused"),
    "xinclude.xml": (2, ":4: XInclude is refused"),
    "stylesheet-pi.xml": (2, ":2: processing instruction <?xml-stylesheet?> is refused"),
    "deep-nesting.xml": (2, "not well-formed XML"),
    "utf16.xml": (2, ":1: file is UTF-16; save it as UTF-8"),
    "shift-jis.xml": (2, ":1: encoding 'Shift_JIS' is not supported; save the file as UTF-8"),
    "shift-jis-nodecl.xml": (2, ":1: file is not valid UTF-8"),
    "surrogate.xml": (2, ":2: file is not valid UTF-8"),
    "surrogate-ref.xml": (2, ":2: not well-formed XML"),
    "nul.xml": (2, "not well-formed XML"),
    "empty.xml": (2, ":1: file is empty"),
    "not-xml.xml": (2, ":1: not well-formed XML"),
    "truncated.xml": (2, "not well-formed XML"),
    "wrong-namespace.xml": (2, ":2: root element is <declaration> in namespace 'http://example.org/other'"),
    "wrong-root.xml": (2, ":2: root element is <tmx> without namespace"),
    "schema-location.xml": (1, None),
}

# Commands that read the French corpus file, as argument lists (run from the corpus's parent).
READERS = {
    "check": ["check"],
    "dump": ["dump", DOC_ID],
    "accept": ["accept", DOC_ID, "--all"],
    "render": ["render", DOC_ID, "-o", "out/"],
    "export": ["export", DOC_ID, "--to", "json", "-o", "out/x.json"],
    "release": ["release", DOC_ID, "--version", "1.0.0", "--date", "2026-04-01", "-o", "releases"],
    "diff": ["diff", f"corpus/fr/{DOC_ID}.xml", f"corpus/fr/{DOC_ID}.xml"],
}
# Commands that read an interchange file given as argument (the hostile case itself).
FILE_READERS = {
    "import-xliff": ["import-xliff"],
    "import-tmx": ["import-tmx", "--id", DOC_ID],
    "diff": ["diff"],
}


def test_every_case_has_an_expectation():
    assert sorted(p.name for p in CASES.iterdir()) == sorted(EXPECTED)




def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("command", sorted(READERS))
@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_hostile_file(jpfr, corpus_copy, http_trap, case, command):
    target = corpus_copy / "fr" / f"{DOC_ID}.xml"
    data = (CASES / case).read_bytes().replace(b"127.0.0.1:9", f"127.0.0.1:{http_trap}".encode())
    target.write_bytes(data)
    before = _snapshot(corpus_copy.parent)
    TRAP_HITS.clear()
    run = jpfr(*READERS[command], cwd=corpus_copy.parent)
    code, message = EXPECTED[case]
    assert TRAP_HITS == [], f"{case}: fetched {TRAP_HITS}"
    if message is None:  # a readable document with findings: commands may do their work
        if command == "check":
            assert run.exit_code == code, run
        else:
            assert run.exit_code in (0, 1, 2), run
        return
    assert _snapshot(corpus_copy.parent) == before, "a file was created or changed"
    assert run.exit_code == code, run
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith(f"jpfr: error: corpus/fr/{DOC_ID}.xml"), lines[0]
    assert message in lines[0], lines[0]


def test_symlink_outside_the_corpus_is_refused(jpfr, corpus_copy, tmp_path):
    outside = tmp_path / "elsewhere.xml"
    outside.write_bytes((corpus_copy / "fr" / f"{DOC_ID}.xml").read_bytes())
    target = corpus_copy / "fr" / f"{DOC_ID}.xml"
    target.unlink()
    target.symlink_to(outside)
    # (diff reads the files it is named explicitly, links or not: it is not given a corpus)
    for args in [a for name, a in READERS.items() if name != "diff"]:
        run = jpfr(*args, cwd=corpus_copy.parent)
        assert run.exit_code == 2, run
        assert run.stderr.strip() == f"jpfr: error: corpus/fr/{DOC_ID}.xml: symbolic link points outside the corpus; refused"


@pytest.mark.parametrize("doc_id", ["../etc", "/etc/passwd", "a/../../b", "..", "x\x00y", "doc\n"])
def test_document_ids_that_escape(jpfr, corpus_copy, doc_id):
    run = jpfr("dump", doc_id, cwd=corpus_copy.parent)
    assert run.exit_code == 2, run
    assert "invalid document id" in run.stderr


def test_invalid_ids_and_unknown_acts_are_findings(jpfr, corpus_copy):
    fr = corpus_copy / "fr" / f"{DOC_ID}.xml"
    text = fr.read_text(encoding="utf-8")
    text = text.replace('eId="sec_1__para_1__cl_1"', 'eId="sec 1/../cl"', 1).replace('acts="agree welcome"', 'acts="agree annex"', 1)
    fr.write_text(text, encoding="utf-8")
    run = jpfr("check", "--select", "XML", cwd=corpus_copy.parent)
    assert run.exit_code == 1, run
    assert run.stdout.count("XML001") == 2


@pytest.mark.parametrize("command", sorted(FILE_READERS))
@pytest.mark.parametrize("case", sorted(c for c, (code, _) in EXPECTED.items() if code == 2))
def test_hostile_interchange_file(jpfr, corpus_copy, http_trap, case, command):
    hostile = corpus_copy.parent / "incoming.xml"
    hostile.write_bytes((CASES / case).read_bytes().replace(b"127.0.0.1:9", f"127.0.0.1:{http_trap}".encode()))
    before = _snapshot(corpus_copy.parent)
    TRAP_HITS.clear()
    args = [*FILE_READERS[command], "incoming.xml"]
    if command == "diff":
        args.append(f"corpus/fr/{DOC_ID}.xml")
    run = jpfr(*args, cwd=corpus_copy.parent)
    assert TRAP_HITS == [], f"{case}: fetched {TRAP_HITS}"
    assert _snapshot(corpus_copy.parent) == before, "a file was created or changed"
    assert run.exit_code == 2, run
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "incoming.xml" in lines[0], run.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["render", DOC_ID, "--to", "html", "-o", "{ro}/x.html"],
        ["export", DOC_ID, "--to", "tmx", "-o", "{ro}/x.tmx"],
        ["export", DOC_ID, "--to", "akn", "-o", "{ro}/akn"],
        ["release", DOC_ID, "--version", "1.0.0", "--date", "2026-04-01", "-o", "{ro}/releases"],
        ["import", "{src}", "--lang", "ja", "--id", DOC_ID, "-o", "{ro}/x.xml"],
    ],
    ids=lambda a: a[0] + "-" + a[-1].rsplit("/", 1)[-1],
)
def test_output_on_a_read_only_location(jpfr, corpus_copy, tmp_path, args):
    import os

    ro = tmp_path / "readonly"
    ro.mkdir()
    if os.geteuid() == 0:
        # root ignores permission bits: a path through a regular file cannot be created by anyone
        ro.rmdir()
        ro.write_text("a file, not a folder")
    else:
        ro.chmod(0o555)
    src = corpus_copy.parent / "seed.txt"
    src.write_text("題名\n\n両首脳は、一致した。\n", encoding="utf-8")
    args = [a.format(ro=ro, src=src) for a in args]
    run = jpfr(*args, cwd=corpus_copy.parent)
    assert run.exit_code == 2, run
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert str(ro) in run.stderr or "readonly" in run.stderr, run.stderr
