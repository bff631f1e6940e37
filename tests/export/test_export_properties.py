"""Property tests: generated aligned documents export validly and survive an
export -> translate -> import round trip with ids and texts intact."""

from __future__ import annotations

import tempfile
from pathlib import Path

from export_helpers import akn_schema, assert_valid, tmx_dtd, xliff_schema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from strategies import aligned_documents, texts

from jpfr_accord.export import EXPORTERS, export_document
from jpfr_accord.imports.xliff import import_xliff
from jpfr_accord.load import load_pair, write_document

TEXT = texts()


def pairs():
    """Aligned documents with at least one clause in every paragraph (tests/strategies.py)."""
    return aligned_documents(doc_id="gen-doc", text=TEXT, min_sections=1, min_paras=1, min_clauses=1)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs())
def test_every_exporter_output_is_valid(pair):
    for fmt, cls in EXPORTERS.items():
        files = cls().build(pair)
        for name, data in files.items():
            if fmt == "akn":
                assert_valid(akn_schema(), data)
            elif fmt == "xliff":
                assert_valid(xliff_schema(), data)
            elif fmt == "tmx":
                assert_valid(tmx_dtd(), data)
            elif fmt == "tei":
                etree.fromstring(data)
            else:
                assert data.decode("utf-8")


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs(), st.data())
def test_xliff_round_trip_keeps_ids_and_texts(pair, data):
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        for doc in (pair.source, pair.target):
            write_document(doc, corpus / doc.lang / "gen-doc.xml")
        loaded = load_pair("gen-doc", corpus)
        assert [(c.id, c.text) for c in loaded.target.clauses()] == [(c.id, c.text) for c in pair.target.clauses()]
        xlf = Path(tmp) / "g.xlf"
        export_document(loaded, "xliff", xlf)
        ids = [c.id for c in pair.target.clauses()]
        chosen = data.draw(st.lists(st.sampled_from(ids), unique=True))
        new = {eid: data.draw(TEXT) for eid in chosen}
        tree = etree.parse(str(xlf))
        ns = "{urn:oasis:names:tc:xliff:document:2.0}"
        for eid, text in new.items():
            tree.find(f".//{ns}unit[@id='{eid}']/{ns}segment/{ns}target").text = text
        tree.write(str(xlf), encoding="UTF-8", xml_declaration=True)
        result = import_xliff(xlf, corpus)
        expected = {c.id: new.get(c.id, c.text) for c in pair.target.clauses()}
        assert sorted(result.changed) == sorted(eid for eid in new if new[eid] != loaded.target.index()[eid].text)
        after = load_pair("gen-doc", corpus)
        assert {c.id: c.text for c in after.target.clauses()} == expected
        assert [c.src for c in after.target.clauses()] == [c.src for c in pair.target.clauses()]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs(), st.data())
def test_tmx_round_trip_keeps_ids_and_texts(pair, data):
    from jpfr_accord.imports.tmx import import_tmx

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        for doc in (pair.source, pair.target):
            write_document(doc, corpus / doc.lang / "gen-doc.xml")
        tmx = Path(tmp) / "g.tmx"
        export_document(load_pair("gen-doc", corpus), "tmx", tmx)
        ids = [c.id for c in pair.target.clauses()]
        new = {eid: data.draw(TEXT) for eid in data.draw(st.lists(st.sampled_from(ids), unique=True))}
        tree = etree.parse(str(tmx))
        for eid, text in new.items():
            tree.find(f"body/tu[@tuid='{eid}']/tuv[2]/seg").text = text
        tree.write(str(tmx), encoding="UTF-8", xml_declaration=True)
        import_tmx(tmx, corpus)
        after = load_pair("gen-doc", corpus)
        assert {c.id: c.text for c in after.target.clauses()} == {c.id: new.get(c.id, c.text) for c in pair.target.clauses()}
