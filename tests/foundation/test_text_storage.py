"""Texts are stored exactly as the authority wrote them; comparison and hashing normalise.

Regression: a property test once drew U+F900 (a CJK compatibility ideograph) and the
loader's NFC turned it into U+8C48, so a round trip changed an authentic text.
"""

from __future__ import annotations

import json
import unicodedata

from jpfr_testing import DOC_ID
from jpfr_accord.load import load_document, load_pair
from jpfr_accord.model import text_hash

# 理 written as U+F9E4 (compatibility ideographs such as 神 U+FA19 are written on
# purpose in names), and é as e + U+0301: NFC of each is the text the translation
# was reviewed against
COMPAT = "日本国総\uf9e4大臣"
DECOMPOSED = "strate\u0301gique"


def _plant(corpus_copy):
    ja = corpus_copy / "ja" / f"{DOC_ID}.xml"
    fr = corpus_copy / "fr" / f"{DOC_ID}.xml"
    old_ja = "日本国総理大臣"
    old_fr = "l’importance stratégique"
    assert unicodedata.normalize("NFC", COMPAT) == old_ja
    ja.write_text(ja.read_text(encoding="utf-8").replace(old_ja, COMPAT, 1), encoding="utf-8")
    fr.write_text(fr.read_text(encoding="utf-8").replace(old_fr, "l’importance " + DECOMPOSED, 1), encoding="utf-8")
    return ja, fr


def test_compatibility_ideographs_and_decomposed_letters_load_unchanged(corpus_copy):
    ja, fr = _plant(corpus_copy)
    doc, findings = load_document(ja)
    assert findings == []
    assert any(COMPAT in c.text for c in doc.clauses())
    assert not any(unicodedata.normalize("NFC", COMPAT) in c.text for c in doc.clauses())
    frdoc, _ = load_document(fr)
    assert any(DECOMPOSED in c.text for c in frdoc.clauses())


def test_hash_and_comparison_normalise(corpus_copy):
    assert text_hash("\ufa19") == text_hash("\u795e")
    _plant(corpus_copy)
    pair = load_pair(DOC_ID, corpus_copy)
    clause = pair["ja"].index()["preamble__para_1__cl_1"]
    # the French was reviewed against the NFC text: the planted variant does not make it stale
    assert pair["fr"].index()["preamble__para_1__cl_1"].src == text_hash(clause.text)


def test_dump_and_exports_keep_the_stored_characters(jpfr, corpus_copy, tmp_path):
    _plant(corpus_copy)
    out = jpfr("dump", DOC_ID, "--corpus", corpus_copy)
    assert out.exit_code == 0
    assert COMPAT in json.dumps(json.loads(out.stdout), ensure_ascii=False)
    dest = tmp_path / "x.xlf"
    assert jpfr("export", DOC_ID, "--to", "xliff", "-o", dest, "--corpus", corpus_copy).exit_code == 0
    assert COMPAT in dest.read_text(encoding="utf-8")


def test_check_reports_the_stored_form_as_a_notice_only(jpfr, corpus_copy):
    _plant(corpus_copy)
    out = jpfr("check", "--format", "json", str(corpus_copy / "ja" / f"{DOC_ID}.xml"), str(corpus_copy / "fr" / f"{DOC_ID}.xml"))
    findings = json.loads(out.stdout)["findings"]
    uni = [f for f in findings if f["code"] == "UNI001"]
    assert {(f["lang"], f["eId"]) for f in uni} == {("ja", "preamble__para_1__cl_1"), ("fr", "sec_2__para_1__cl_1")}
    assert all(f["severity"] == "info" for f in uni)
    assert not [f for f in findings if f["code"] == "REV001"]


def test_import_keeps_compatibility_ideographs(jpfr, tmp_path):
    source = tmp_path / "compat.ja.txt"
    source.write_text("日仏共同声明\n\n両首脳は、\uf900の問題について一致した。\n", encoding="utf-8")
    out = tmp_path / "compat.xml"
    run = jpfr("import", source, "--lang", "ja", "--id", "compat", "-o", out)
    assert run.exit_code == 0, run
    assert "\uf900" in out.read_text(encoding="utf-8") and "\u8c48" not in out.read_text(encoding="utf-8")
