"""Fuzz target for the loader: on any bytes, only an ``AccordError`` may escape.

Hypothesis drives the bytes: arbitrary ones, XML-looking ones, and mutations of the
real corpus files (``strategies.mutations``). Whatever comes in, ``parse_xml`` and
``load_document`` return a model or raise an ``AccordError`` whose message is one
line and whose ``Location`` names the file. Every input that ever crashed the loader
is kept in ``regressions/`` and replayed by ``test_regression``.

The run is bounded (``max_examples``) to stay well under 30 s; to fuzz longer, run
``JPFR_FUZZ_EXAMPLES=20000 pytest tests/hostile/test_fuzz.py``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import MARKUP, mutations

from jpfr_testing import CORPUS, DOC_ID
from jpfr_accord.errors import AccordError
from jpfr_accord.load import load_document, parse_xml
from jpfr_accord.model import Document

REGRESSIONS = Path(__file__).resolve().parent / "regressions"
SOURCES = {lang: (CORPUS / lang / f"{DOC_ID}.xml").read_bytes() for lang in ("ja", "fr")}
EXAMPLES = int(os.environ.get("JPFR_FUZZ_EXAMPLES", "150"))
DISPLAY = "corpus/fr/fuzz.xml"

FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# bytes that look like the start of an XML file, then anything
XMLISH = st.tuples(
    st.sampled_from([b"", b"\xef\xbb\xbf", b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", b"<?xml version=\"1.1\"?>",
                     b"<?xml version=\"1.0\" encoding=\"latin-1\"?>", b"<?xml encoding=\"utf-8\"?>"]),
    st.lists(st.one_of(st.sampled_from(MARKUP).map(str.encode), st.binary(max_size=8),
                       st.sampled_from([b"<declaration xmlns=\"urn:jpfr-accord:declaration:1\" xml:lang=\"fr\" id=\"x\" status=\"draft\">",
                                        b"<meta><title>t</title></meta>", b"</declaration>"])), max_size=12).map(b"".join),
).map(b"".join)


def _assert_clean(exc: AccordError) -> None:
    assert exc.message and len(str(exc).splitlines()) == 1, repr(str(exc))
    assert exc.loc is not None and exc.loc.path == DISPLAY, exc.loc
    assert exc.loc.line is None or exc.loc.line >= 1, exc.loc


def load_bytes(data: bytes) -> Document | None:
    """Run the whole loader on ``data`` as a file; ``None`` when it refused it cleanly."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.xml"
        path.write_bytes(data)
        try:
            parse_xml(data, DISPLAY)
        except AccordError as exc:
            _assert_clean(exc)
        try:
            doc, findings = load_document(path, display=DISPLAY)
        except AccordError as exc:
            _assert_clean(exc)
            return None
        for f in findings:  # one finding, one line, in the file it was read from
            assert f.file == DISPLAY and len(f.message.splitlines()) == 1, f
        return doc


@FUZZ
@given(st.binary(max_size=400))
def test_arbitrary_bytes(data):
    load_bytes(data)


@FUZZ
@given(XMLISH)
def test_xml_looking_bytes(data):
    load_bytes(data)


@FUZZ
@given(st.sampled_from(sorted(SOURCES)).flatmap(lambda lang: mutations(SOURCES[lang])))
def test_mutated_corpus_files(data):
    load_bytes(data)


def test_the_corpus_itself_loads():
    for data in SOURCES.values():
        assert load_bytes(data) is not None


@pytest.mark.parametrize("case", sorted(p.name for p in REGRESSIONS.iterdir() if p.is_file() and p.name != "README.md"))
def test_regression(case):
    """Inputs that once crashed the loader (one file each); see regressions/README.md."""
    load_bytes((REGRESSIONS / case).read_bytes())
