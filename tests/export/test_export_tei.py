"""TEI P5 parallel text: well-formed, ids unique, every link and corresp resolves."""

from __future__ import annotations

from export_helpers import mini_pair, real_pair
from lxml import etree

from jpfr_accord.export.tei import Tei

T = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def _tei(pair):
    (data,) = Tei().build(pair).values()
    return etree.fromstring(data)  # raises on a not well-formed document


def test_links_and_corresp_point_at_existing_ids():
    pair = real_pair()
    root = _tei(pair)
    ids = [el.get(XML_ID) for el in root.iter() if el.get(XML_ID)]
    assert len(ids) == len(set(ids))
    links = root.findall(f".//{T}linkGrp[@type='translation']/{T}link")
    assert len(links) == 30
    for link in links:
        a, b = link.get("target").split()
        assert a.lstrip("#") in ids and b.lstrip("#") in ids
        assert a.startswith("#ja.") and b.startswith("#fr.") and a[4:] == b[4:]
    for el in root.iter():
        if el.get("corresp"):
            assert el.get("corresp").lstrip("#") in ids
        for ref in (el.get("ana") or "").split():
            assert ref.lstrip("#") in ids


def test_each_language_is_a_text_with_its_clauses():
    pair = mini_pair()
    root = _tei(pair)
    texts = root.findall(f"{T}text/{T}group/{T}text")
    assert [t.get("{http://www.w3.org/XML/1998/namespace}lang") for t in texts] == ["ja", "fr"]
    for text, doc in zip(texts, (pair.source, pair.target)):
        sentences = {s.get(XML_ID): s.text for s in text.iter(f"{T}s")}
        assert sentences == {f"{doc.lang}.{c.id}": c.text for c in doc.clauses()}
    fr = root.find(f".//{T}s[@{XML_ID}='fr.sec_1__para_1__cl_1']")
    assert fr.get("corresp") == "#ja.sec_1__para_1__cl_1"
    assert fr.get("ana") == "#act.agree"
