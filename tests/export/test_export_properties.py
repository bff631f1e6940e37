"""Property tests: generated aligned documents export validly and survive an
export -> translate -> import round trip with ids and texts intact."""

from __future__ import annotations

import tempfile
from pathlib import Path

from export_helpers import akn_schema, assert_valid, tmx_dtd, xliff_schema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from jpfr_accord.export import EXPORTERS, export_document
from jpfr_accord.imports.xliff import import_xliff
from jpfr_accord.load import load_pair, write_document
from jpfr_accord.model import AlignedDocument, Clause, Document, Meta, Paragraph, Section, text_hash

# NFC characters that matter to XML, Markdown and Japanese/French typography.
ALPHABET = "abcXYZ019 &<>\"'*#_[]`|~「」、。両首脳é’«»\u202f\u3000-."
TEXT = st.text(ALPHABET, min_size=1, max_size=40).filter(lambda s: s.strip())


@st.composite
def pairs(draw) -> AlignedDocument:
    sections = []
    n_sections = draw(st.integers(1, 3))
    for s in range(1, n_sections + 1):
        paras = []
        for p in range(1, draw(st.integers(1, 3)) + 1):
            ids = [f"sec_{s}__para_{p}__cl_{c}" for c in range(1, draw(st.integers(1, 3)) + 1)]
            paras.append((f"sec_{s}__para_{p}", ids))
        sections.append((f"sec_{s}", str(s), draw(TEXT), draw(TEXT), paras))
    texts = {cid: (draw(TEXT), draw(TEXT), draw(st.booleans())) for *_, paras in sections for _, ids in paras for cid in ids}

    def doc(lang: str) -> Document:
        is_src = lang == "ja"
        secs = tuple(
            Section(
                id=sid, num=num, heading={"text": h_ja if is_src else h_fr},
                paragraphs=tuple(
                    Paragraph(id=pid, clauses=tuple(
                        Clause(id=cid, text=texts[cid][0 if is_src else 1], actor="both", acts=("agree",),
                               src=None if is_src or not texts[cid][2] else text_hash(texts[cid][0]))
                        for cid in ids))
                    for pid, ids in paras),
            )
            for sid, num, h_ja, h_fr, paras in sections
        )
        return Document(id="gen-doc", lang=lang, status="authentic" if is_src else "working-translation",
                        source_lang=None if is_src else "ja", meta=Meta(title=draw(TEXT)), sections=secs)

    return AlignedDocument(source=doc("ja"), target=doc("fr"))


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
