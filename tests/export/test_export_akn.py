"""Akoma Ntoso 3.0: one statement per language, valid against the strict schema, one shared Work."""

from __future__ import annotations

from export_helpers import MINI, akn_schema, assert_valid, mini_pair, real_pair
from lxml import etree

from jpfr_accord.export.akn import AkomaNtoso
from jpfr_accord.export.namespaces import iso639_2t

A = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"


def _docs(pair):
    files = AkomaNtoso().build(pair)
    return {name.split(".")[1]: assert_valid(akn_schema(), data) for name, data in files.items()}


def test_both_expressions_of_the_real_corpus_are_valid_statements():
    docs = _docs(real_pair())
    assert set(docs) == {"ja", "fr"}
    for root in docs.values():
        assert root[0].tag == f"{A}statement"


def test_the_work_is_shared_and_the_expressions_differ_by_language():
    docs = _docs(mini_pair())
    works = [etree.tostring(d.find(f".//{A}FRBRWork"), method="c14n") for d in docs.values()]
    assert works[0] == works[1]
    ja_expr, fr_expr = (docs[lang].find(f".//{A}FRBRExpression") for lang in ("ja", "fr"))
    assert ja_expr.find(f"{A}FRBRlanguage").get("language") == "jpn"
    assert fr_expr.find(f"{A}FRBRlanguage").get("language") == "fra"
    assert ja_expr.find(f"{A}FRBRtranslation") is None
    assert ja_expr.find(f"{A}FRBRauthoritative").get("value") == "true"
    translation = fr_expr.find(f"{A}FRBRtranslation")
    assert translation.get("fromLanguage") == "jpn"
    assert translation.get("authoritative") == "false"
    assert translation.get("href") == ja_expr.find(f"{A}FRBRuri").get("value")
    assert fr_expr.find(f"{A}FRBRuri").get("value") == f"/akn/jp/statement/jointStatement/2026-04-01/{MINI}/fra@"
    assert docs["fr"].find(f".//{A}FRBRWork/{A}FRBRdate").get("date") == "2026-04-01"


def test_eids_and_texts_are_kept():
    pair = mini_pair()
    docs = _docs(pair)
    for lang, root in docs.items():
        doc = pair[lang]
        texts = {el.get("eId"): el.text for el in root.iter(f"{A}p") if el.get("eId")}
        assert texts == {c.id: c.text for c in doc.clauses()}
        eids = [el.get("eId") for el in root.iter(f"{A}section", f"{A}paragraph", f"{A}container", f"{A}p")
                if el.get("eId")]
        assert eids == [n.id for n in doc.iter_nodes()]
    p = docs["fr"].find(f".//{A}p[@eId='sec_1__para_1__cl_2']")
    assert p.get("refersTo") == "#act-welcome"
    assert docs["fr"].find(f".//{A}TLCConcept[@eId='act-welcome']") is not None


def test_an_undated_document_gets_the_documented_placeholder():
    docs = _docs(real_pair())
    date = docs["ja"].find(f".//{A}FRBRWork/{A}FRBRdate")
    assert (date.get("date"), date.get("name")) == ("9999-01-01", "undated")
    assert "/undated/" in docs["ja"].find(f".//{A}FRBRWork/{A}FRBRuri").get("value")


def test_language_codes_convert_in_one_place():
    assert (iso639_2t("ja"), iso639_2t("fr"), iso639_2t("fra")) == ("jpn", "fra", "fra")
