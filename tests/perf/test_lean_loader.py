"""The lean loader reads the same model and reports the same schema findings:
the Schematron rule checked on the root agrees with the compiled XSLT, texts are
read as ``itertext`` reads them, and the collector is left as it was found."""

from __future__ import annotations

import gc

import pytest
from lxml import etree

from corpus_damage import damaged_corpus
from jpfr_testing import CORPUS, DOC_ID

from jpfr_accord.load import load_aligned, load_document
from jpfr_accord.load import schema as schema_module
from jpfr_accord.load.schema import _language_rule, native_schematron, schematron_xslt, validate

NS = "urn:jpfr-accord:declaration:1"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _tree(lang: str | None, nested: str | None = None) -> etree._ElementTree:
    tree = etree.parse(str(CORPUS / "fr" / f"{DOC_ID}.xml"))
    root = tree.getroot()
    if lang is None:
        del root.attrib[XML_LANG]
    else:
        root.set(XML_LANG, lang)
    if nested is not None:  # schema-invalid, but the Schematron sees it too
        inner = etree.SubElement(root, f"{{{NS}}}declaration")
        inner.set(XML_LANG, nested)
    return tree


LANGS = [None, "", "j", "ja", "fr", "jpn", "deux", "JA", "Fr", "j1", "ja-JP", "é", "ja ", " ja", "ǆa", "ｊａ"]


def test_the_committed_stylesheet_is_the_one_mirrored():
    assert native_schematron()


@pytest.mark.parametrize("lang", LANGS)
def test_root_rule_agrees_with_the_xslt(lang):
    tree = _tree(lang)
    assert _language_rule(tree.getroot()) == schematron_xslt(tree)


@pytest.mark.parametrize("nested", ["ja", "JA", ""])
def test_every_declaration_is_checked_as_the_xslt_does(nested):
    tree = _tree("fr", nested)
    assert _language_rule(tree.getroot()) == schematron_xslt(tree)


def test_a_changed_stylesheet_is_run_as_xslt(monkeypatch):
    tree = _tree("JA")
    expected = validate(tree)
    assert any("xml:lang must be" in v.message for v in expected)
    monkeypatch.setattr(schema_module, "NATIVE_SCHEMATRON_SHA256", "0" * 64)
    schema_module.native_schematron.cache_clear()
    try:
        assert not native_schematron()
        called = []
        original = schema_module.schematron_xslt
        monkeypatch.setattr(schema_module, "schematron_xslt", lambda t: called.append(1) or original(t))
        assert validate(tree) == expected and called
    finally:
        schema_module.native_schematron.cache_clear()


def test_texts_are_read_as_itertext_reads_them(tmp_path):
    corpus = damaged_corpus(tmp_path / "corpus")
    for path in sorted(corpus.glob("*/*.xml")):
        doc, _ = load_document(path)
        tree = etree.parse(str(path))
        expected = {el.get("eId"): "".join(el.itertext())
                    for el in reversed(list(tree.iter(f"{{{NS}}}clause")))}  # first of a duplicate id wins
        got = {}
        for c in doc.clauses():
            got.setdefault(c.id, c.text)
        assert got == expected


def test_text_with_markup_inside_is_read_whole(tmp_path):
    # a comment inside a clause: the text around it is kept, as before
    src = (CORPUS / "fr" / f"{DOC_ID}.xml").read_text(encoding="utf-8")
    src = src.replace("Les deux dirigeants ont confirmé", "Les deux dirigeants <!-- relu -->ont confirmé", 1)
    path = tmp_path / "fr.xml"
    path.write_text(src, encoding="utf-8")
    doc, _ = load_document(path)
    assert any("Les deux dirigeants ont confirmé" in c.text for c in doc.clauses())


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_found(enabled):
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        load_aligned([CORPUS])
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
