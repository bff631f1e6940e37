"""JSON (validated by schema/declaration.schema.json), Markdown and plain text."""

from __future__ import annotations

import json

import jsonschema
from export_helpers import MINI, ROOT, mini_pair, real_pair

from jpfr_accord.export.native import Json
from jpfr_accord.export.text import Markdown, PlainText, escape_markdown
from jpfr_accord.model import AlignedDocument, validate


def test_json_is_valid_and_is_the_model_without_positions():
    schema = json.loads((ROOT / "schema" / "declaration.schema.json").read_text(encoding="utf-8"))
    for pair in (mini_pair(), real_pair()):
        (data,) = Json().build(pair).values()
        payload = json.loads(data)
        jsonschema.validate(payload, schema)
        assert "loc" not in data.decode() and "corpus/" not in data.decode()
        back = validate(AlignedDocument, payload)
        assert [(c.id, c.text, c.acts, c.src) for c in back.target.clauses()] == [
            (c.id, c.text, c.acts, c.src) for c in pair.target.clauses()
        ]
        assert "両首脳" in data.decode("utf-8")  # not ASCII-escaped


def test_markdown_reads_as_a_document_per_language():
    files = Markdown().build(mini_pair())
    ja = files[f"{MINI}.ja.md"].decode()
    fr = files[f"{MINI}.fr.md"].decode()
    assert ja.splitlines()[0] == "# 日仏共同声明(試験用)"
    assert "## 1. 国際的ガバナンス" in ja
    # Japanese clauses of a paragraph run on without a space, French ones with one
    assert "一致した。両首脳は、「広島 AI プロセス」を歓迎した。" in ja
    assert "de l’OCDE. Les deux dirigeants ont salué" in fr
    assert "*\\[fr\\] working translation, not authoritative, translated from ja*" in fr
    assert "A\\&B \\<recherche\\> \\*lors\\*" in fr  # markup characters escaped


def test_plain_text_is_the_text_as_stored():
    files = PlainText().build(mini_pair())
    fr = files[f"{MINI}.fr.txt"].decode()
    lines = fr.splitlines()
    assert lines[0] == "Déclaration conjointe franco-japonaise (essai)"
    assert lines[1] == "=" * len(lines[0])
    assert "A&B <recherche> *lors*" in fr
    ja = files[f"{MINI}.ja.txt"].decode().splitlines()
    assert ja[0] == "日仏共同声明(試験用)"
    assert ja[1] == "=" * (9 * 2 + 2)  # wide characters count twice, the ASCII brackets once


def test_markdown_escapes_line_starts():
    assert escape_markdown("# x\n1. y\n- z") == "\\# x\n1\\. y\n\\- z"
