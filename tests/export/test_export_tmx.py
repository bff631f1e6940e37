"""TMX 1.4b: valid against the DTD, read back by translate-toolkit with every pair intact."""

from __future__ import annotations

from export_helpers import assert_valid, mini_pair, real_pair, tmx_dtd
from translate.storage import tmx as tt_tmx

from jpfr_accord.export.tmx import Tmx


def _units(pair):
    expected = {"meta__title": (pair.source.meta.title, pair.target.meta.title)}
    for s_sec, t_sec in zip(pair.source.sections, pair.target.sections):
        expected[f"{s_sec.id}__heading"] = (s_sec.heading.text, t_sec.heading.text)
    for a, b in pair.clause_pairs():
        expected[a.id] = (a.text, b.text)
    return expected


def test_mini_tmx_is_valid_and_carries_props():
    pair = mini_pair()
    (data,) = Tmx().build(pair).values()
    root = assert_valid(tmx_dtd(), data)
    header = root.find("header")
    assert header.get("srclang") == "ja"
    assert header.get("creationdate") is None  # nothing derived from the clock
    tu = root.find("body/tu[@tuid='sec_2__para_1__cl_2']")
    props = {p.get("type"): p.text for p in tu.findall("prop")}
    assert props == {"x-document": "mini-statement", "x-kind": "clause", "x-acts": "support", "x-actor": "fr"}
    assert [tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in tu.findall("tuv")] == ["ja", "fr"]


def test_translate_toolkit_reads_every_pair_of_the_real_corpus(tmp_path):
    pair = real_pair()
    (data,) = Tmx().build(pair).values()
    assert_valid(tmx_dtd(), data)
    path = tmp_path / "m.tmx"
    path.write_bytes(data)
    store = tt_tmx.tmxfile.parsefile(str(path))
    store.setsourcelanguage("ja")
    store.settargetlanguage("fr")
    read = {u.getid(): (u.source, u.target) for u in store.units}
    assert read == _units(pair)
    assert len(read) == 1 + 3 + 30  # title, three headings, thirty clauses
