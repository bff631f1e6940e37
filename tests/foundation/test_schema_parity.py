"""The XSD and the model validated by Pydantic describe the same format (and the JSON Schema is current)."""

from __future__ import annotations

import json

import jsonschema
import pytest
from hypothesis import HealthCheck, example, given, settings
from lxml import etree
from pydantic import ValidationError

from jpfr_testing import CORPUS, DOC_ID, ROOT
from strategies import documents
from jpfr_accord.load import load_document, serialize_document, validate
from jpfr_accord.model import Clause, Document, Meta, Paragraph, Section, dump_json, dump_python
from jpfr_accord.model import validate as model_validate

# -- generated documents (tests/strategies.py) --------------------------------


def _strip_loc(obj):
    if isinstance(obj, dict):
        return {k: _strip_loc(v) for k, v in obj.items() if k not in ("loc", "title_loc")}
    if isinstance(obj, list):
        return [_strip_loc(v) for v in obj]
    return obj


def _compat_example() -> Document:
    """The example a fresh-clone run once drew: U+F900 (豈, a CJK compatibility ideograph),
    which the loader's NFC used to turn into U+8C48. Kept as a regression example."""
    from jpfr_accord.model import Paragraph, Preamble

    clause = Clause(id="preamble__para_1__cl_1", text="\uf900")
    return Document(id="compat", lang="ja", status="authentic", meta=Meta(title="\uf900"),
                    preamble=Preamble(paragraphs=(Paragraph(id="preamble__para_1", clauses=(clause,)),)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=documents())
@example(doc=_compat_example())
def test_every_model_valid_document_is_xsd_valid_and_round_trips(doc, tmp_path):
    assert model_validate(Document, doc) == doc  # the strategy builds model-valid documents
    data = serialize_document(doc)
    tree = etree.fromstring(data).getroottree()
    assert validate(tree) == []
    path = tmp_path / "doc.xml"
    path.write_bytes(data)
    back, findings = load_document(path)
    assert findings == []
    assert _strip_loc(dump_python(back, mode="json")) == _strip_loc(dump_python(doc, mode="json"))


# -- the same invalid values are refused by both ---------------------------------

GOOD = (CORPUS / "fr" / f"{DOC_ID}.xml").read_text(encoding="utf-8")
FIRST_CLAUSE = 'eId="preamble__para_1__cl_1" actor="both" acts="recognize confirm"'


def _clause_kwargs(**over):
    base = dict(id="preamble__para_1__cl_1", text="x", actor="both", acts=("recognize",))
    base.update(over)
    return base


INVALID = [
    # (XML edit, model constructor that must fail the same way)
    ((FIRST_CLAUSE, FIRST_CLAUSE.replace("confirm", "applaud")), lambda: Clause(**_clause_kwargs(acts=("applaud",)))),
    ((FIRST_CLAUSE, FIRST_CLAUSE.replace('actor="both"', 'actor="Both!"')), lambda: Clause(**_clause_kwargs(actor="Both!"))),
    ((FIRST_CLAUSE, FIRST_CLAUSE.replace("preamble__para_1__cl_1", "Preamble-1")), lambda: Clause(**_clause_kwargs(id="Preamble-1"))),
    (('src="sha256:', 'src="md5:'), lambda: Clause(**_clause_kwargs(src="md5:" + "0" * 64))),
    (('status="working-translation"', 'status="final"'), lambda: Document(id="x", lang="fr", status="final", meta=Meta(title="t"))),
    (('xml:lang="fr"', 'xml:lang="French"'), lambda: Document(id="x", lang="French", status="draft", meta=Meta(title="t"))),
    (('id="ai-cooperation-2026"', 'id="../escape"'), lambda: Document(id="../escape", lang="fr", status="draft", meta=Meta(title="t"))),
    (("</title>", "</title>\n    <date>31/03/2026</date>"), lambda: Meta(title="t", date="31/03/2026")),
    (("</title>", "</title>\n    <date>2026-03-31+09:00</date>"), lambda: Meta(title="t", date="2026-03-31+09:00")),
    ((FIRST_CLAUSE, FIRST_CLAUSE + ' ignore="typo"'), lambda: Clause(**_clause_kwargs(ignore=("typo",)))),
    (('<section eId="sec_1" num="1"', '<section eId="sec_1" num="1" level="0"'),
     lambda: Section(id="sec_1", num="1", level=0)),
    (('<para eId="preamble__para_1"', '<para eId="preamble__para_1" num=""'),
     lambda: Paragraph(id="preamble__para_1", num="")),
]


@pytest.mark.parametrize("edit,build", INVALID, ids=[e[0][1][:40] for e in INVALID])
def test_invalid_for_the_xsd_is_invalid_for_the_model(edit, build):
    old, new = edit
    assert old in GOOD
    tree = etree.fromstring(GOOD.replace(old, new, 1).encode()).getroottree()
    assert validate(tree), f"XSD accepted {new!r}"
    built = build()  # the dataclasses do not validate themselves: Pydantic does
    with pytest.raises(ValidationError):
        model_validate(type(built), built)


def test_corpus_is_valid_for_both():
    for lang in ("ja", "fr"):
        path = CORPUS / lang / f"{DOC_ID}.xml"
        doc, findings = load_document(path)
        assert findings == []
        model_validate(Document, dump_python(doc))


def test_committed_json_schema_is_current():
    from jpfr_accord.jsonschema import render_json_schema

    committed = (ROOT / "schema" / "declaration.schema.json").read_text(encoding="utf-8")
    assert committed == render_json_schema(), (
        "schema/declaration.schema.json is out of date: run "
        "python -m jpfr_accord.jsonschema > schema/declaration.schema.json"
    )


def test_compiled_schematron_is_current():
    from jpfr_accord.load.schema import compile_schematron

    committed = (ROOT / "schema" / "declaration.sch.xsl").read_bytes()
    assert committed == compile_schematron(), (
        "schema/declaration.sch.xsl is out of date: run "
        "python -m jpfr_accord.load.schema > schema/declaration.sch.xsl"
    )


def test_the_compiled_schematron_reports_what_the_schematron_says():
    from lxml import isoschematron

    tree = etree.fromstring(GOOD.replace('xml:lang="fr"', 'xml:lang="FR"', 1).encode()).getroottree()
    rules = isoschematron.Schematron(etree.parse(str(ROOT / "schema" / "declaration.sch")))
    assert not rules.validate(tree)
    assert [v.message for v in validate(tree)] == ["xml:lang must be an ISO 639 code in lowercase (ja, fr, deu…)"]


def test_json_schema_validates_the_native_dump():
    from jpfr_accord.load import load_pair

    schema = json.loads((ROOT / "schema" / "declaration.schema.json").read_text(encoding="utf-8"))
    pair = load_pair(DOC_ID, CORPUS)
    jsonschema.validate(json.loads(dump_json(pair)), schema)
    jsonschema.validate(json.loads(dump_json(pair.source)), schema)
    broken = json.loads(dump_json(pair.target))
    broken["sections"][0]["paragraphs"][0]["clauses"][0]["acts"] = ["applaud"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)
