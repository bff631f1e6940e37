"""XLIFF 2.1: valid against the OASIS core schema; states and notes; the
export -> translator edit -> import-xliff round trip."""

from __future__ import annotations

from dataclasses import replace

from pathlib import Path

import pytest
from export_helpers import FIXTURE_CORPUS, MINI, REAL, ROOT, assert_valid, copy_corpus, mini_pair, snapshot, xliff_schema
from lxml import etree

from jpfr_accord.errors import ExportError, LoadError
from jpfr_accord.export import export_document
from jpfr_accord.export.xliff import Xliff
from jpfr_accord.imports.xliff import import_xliff
from jpfr_accord.model import Finding, Severity

X = "{urn:oasis:names:tc:xliff:document:2.0}"


def _unit(root, eid):
    return root.find(f".//{X}unit[@id='{eid}']")


def test_mini_xliff_is_valid_with_languages_and_one_unit_per_clause():
    (data,) = Xliff().build(mini_pair()).values()
    root = assert_valid(xliff_schema(), data)
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.1", "ja", "fr")
    assert root.find(f"{X}file").get("id") == MINI
    ids = [u.get("id") for u in root.iter(f"{X}unit")]
    assert ids == [c.id for c in mini_pair().source.clauses()]


def test_segment_state_follows_the_revision_status():
    (data,) = Xliff().build(mini_pair()).values()
    root = etree.fromstring(data)
    states = {u.get("id"): u.find(f"{X}segment").get("state") for u in root.iter(f"{X}unit")}
    assert states == {
        "preamble__para_1__cl_1": "reviewed",  # hash matches, working translation
        "sec_1__para_1__cl_1": "initial",  # stale hash
        "sec_1__para_1__cl_2": "reviewed",
        "sec_2__para_1__cl_1": "reviewed",
        "sec_2__para_1__cl_2": "initial",  # no hash
    }
    stale = {n.get("category"): n.text for n in _unit(root, "sec_1__para_1__cl_1").iter(f"{X}note")}
    assert stale["jpfr:acts"] == "agree"
    assert stale["jpfr:actor"] == "both"
    assert stale["jpfr:revision"].startswith("stale:")


def test_an_official_translation_is_final_and_findings_become_notes():
    pair = mini_pair()
    official = replace(pair, target=replace(pair.target, status="official-translation"))
    finding = Finding(code="TXT001", name="x", severity=Severity.WARNING, file="f", eId="sec_2__para_1__cl_1",
                      lang="fr", message="number '31' differs")
    (data,) = Xliff([finding]).build(official).values()
    root = assert_valid(xliff_schema(), data)
    unit = _unit(root, "sec_2__para_1__cl_1")
    assert unit.find(f"{X}segment").get("state") == "final"
    notes = [n.text for n in unit.iter(f"{X}note") if n.get("category") == "jpfr:finding"]
    assert notes == ["warning TXT001 number '31' differs"]


def _translate(xlf: Path, edits: dict[str, str]) -> None:
    """Edit targets the way a CAT tool does: parse, change, save (its own layout)."""
    tree = etree.parse(str(xlf))
    for eid, text in edits.items():
        target = tree.find(f".//{X}unit[@id='{eid}']/{X}segment/{X}target")
        target.text = text
        target.getparent().set("state", "translated")
    tree.write(str(xlf), encoding="UTF-8", xml_declaration=True)


def test_round_trip_changes_exactly_the_two_edited_texts(tmp_path, jpfr):
    corpus = copy_corpus(ROOT / "corpus", tmp_path)
    before = (corpus / "fr" / f"{REAL}.xml").read_text(encoding="utf-8")
    run = jpfr("export", REAL, "--to", "xliff", "-o", "t.xlf", "--corpus", "corpus", cwd=tmp_path)
    assert run.exit_code == 0, run
    assert_valid(xliff_schema(), (tmp_path / "t.xlf").read_bytes())
    edits = {
        "sec_1__para_2__cl_1": "Les deux dirigeants ont souligné la nécessité d’approfondir leur coopération (révisé).",
        "sec_3__para_1__cl_1": "Texte & « révisé » <par> le traducteur.",
    }
    _translate(tmp_path / "t.xlf", edits)
    run = jpfr("import-xliff", "t.xlf", "--corpus", "corpus", cwd=tmp_path)
    assert run.exit_code == 0, run
    assert run.stdout.startswith(f"updated 2 clauses in corpus/fr/{REAL}.xml (28 unchanged")
    after = (corpus / "fr" / f"{REAL}.xml").read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert len(before.splitlines()) == len(after.splitlines())
    assert len(changed) == 2
    escaped = {k: v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for k, v in edits.items()}
    for old, new in changed:
        eid = next(k for k in edits if f'eId="{k}"' in old)
        prefix = old[: old.index(">", old.index(f'eId="{eid}"')) + 1]
        assert new == f"{prefix}{escaped[eid]}</clause>"
    # a second import finds nothing to do
    run = jpfr("import-xliff", "t.xlf", "--corpus", "corpus", cwd=tmp_path)
    assert run.stdout.startswith("updated 0 clauses")


def test_import_keeps_comments_and_layout(tmp_path):
    corpus = copy_corpus(FIXTURE_CORPUS, tmp_path)
    pair_file = corpus / "fr" / f"{MINI}.xml"
    before = pair_file.read_text(encoding="utf-8")
    from jpfr_accord.load import load_pair

    export_document(load_pair(MINI, corpus), "xliff", tmp_path / "m.xlf")
    _translate(tmp_path / "m.xlf", {"sec_2__para_1__cl_2": "Ils ont soutenu les échanges de chercheurs."})
    result = import_xliff(tmp_path / "m.xlf", corpus)
    assert result.changed == ["sec_2__para_1__cl_2"]
    after = pair_file.read_text(encoding="utf-8")
    assert after == before.replace(
        "Les deux dirigeants ont soutenu les échanges de chercheurs.", "Ils ont soutenu les échanges de chercheurs."
    )
    assert "<!-- Working translation: reviewed clause by clause; keep this comment. -->" in after


def test_import_keeps_a_comment_before_the_root(tmp_path):
    corpus = copy_corpus(FIXTURE_CORPUS, tmp_path)
    pair_file = corpus / "fr" / f"{MINI}.xml"
    text = pair_file.read_text(encoding="utf-8").replace("?>\n", "?>\n<!-- top comment -->\n", 1)
    pair_file.write_text(text, encoding="utf-8")
    from jpfr_accord.load import load_pair

    export_document(load_pair(MINI, corpus), "xliff", tmp_path / "m.xlf")
    _translate(tmp_path / "m.xlf", {"sec_2__para_1__cl_2": "Ils ont soutenu."})
    import_xliff(tmp_path / "m.xlf", corpus)
    assert pair_file.read_text(encoding="utf-8") == text.replace(
        "Les deux dirigeants ont soutenu les échanges de chercheurs.", "Ils ont soutenu."
    )


@pytest.fixture
def mini_xliff(tmp_path):
    corpus = copy_corpus(FIXTURE_CORPUS, tmp_path)
    from jpfr_accord.load import load_pair

    xlf = tmp_path / "m.xlf"
    export_document(load_pair(MINI, corpus), "xliff", xlf)
    return corpus, xlf


def test_mismatched_units_are_all_named_and_nothing_changes(mini_xliff, jpfr):
    corpus, xlf = mini_xliff
    tree = etree.parse(str(xlf))
    units = list(tree.iter(f"{X}unit"))
    units[0].set("id", "sec_9__para_1__cl_1")
    units[2].find(f"{X}segment/{X}source").text = "改変された原文。"
    units[3].find(f"{X}segment/{X}target").text = "Une traduction changée."
    tree.write(str(xlf), encoding="UTF-8", xml_declaration=True)
    before = snapshot(corpus)
    run = jpfr("import-xliff", str(xlf), "--corpus", str(corpus))
    assert run.exit_code == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"jpfr: error: {xlf}:4: 2 units do not match document 'mini-statement', nothing imported: ")
    assert "unknown id 'sec_9__para_1__cl_1'" in lines[0]
    assert "unit 'sec_1__para_1__cl_2': source text differs from " in lines[0]
    assert snapshot(corpus) == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r.set("trgLang", "en"), "the file is for document 'mini-statement' in 'en', which is not in the corpus"),
        (lambda r: r.set("srcLang", "ko"), "srcLang is 'ko', but the document's srcLang is 'ja'"),
        (lambda r: r.find(f"{X}file").set("id", "other-doc"), "the file is for document 'other-doc' in 'fr'"),
        (lambda r: r.set("version", "1.2"), "XLIFF version '1.2' is not supported"),
    ],
)
def test_other_documents_and_languages_are_refused(mini_xliff, jpfr, change, message):
    corpus, xlf = mini_xliff
    tree = etree.parse(str(xlf))
    change(tree.getroot())
    tree.write(str(xlf), encoding="UTF-8", xml_declaration=True)
    before = snapshot(corpus)
    run = jpfr("import-xliff", str(xlf), "--corpus", str(corpus))
    assert run.exit_code == 2
    assert message in run.stderr
    assert run.stderr.count("\n") == 1
    assert snapshot(corpus) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'<?xml version="1.0"?>\n<xliff version="2.1"><file id="a">', "not well-formed XML"),
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>\n'
            b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="ja" trgLang="fr">&lol2;</xliff>',
            ":2: DOCTYPE declarations are refused",
        ),
        (b'<?xml version="1.0"?>\n<tmx version="1.4"/>', "not an XLIFF 2 file: root element is <tmx>"),
        (b"", "file is empty"),
    ],
)
def test_bad_and_hostile_files_are_refused(mini_xliff, jpfr, content, message):
    corpus, xlf = mini_xliff
    xlf.write_bytes(content)
    before = snapshot(corpus)
    run = jpfr("import-xliff", str(xlf), "--corpus", str(corpus))
    assert run.exit_code == 2
    assert run.stderr.startswith(f"jpfr: error: {xlf}")
    assert message in run.stderr
    assert snapshot(corpus) == before


def test_inline_codes_in_a_target_are_refused(mini_xliff):
    corpus, xlf = mini_xliff
    tree = etree.parse(str(xlf))
    target = tree.find(f".//{X}unit[@id='sec_1__para_1__cl_2']/{X}segment/{X}target")
    etree.SubElement(target, f"{X}ph", id="1")
    tree.write(str(xlf), encoding="UTF-8", xml_declaration=True)
    with pytest.raises(ExportError, match=r"unit 'sec_1__para_1__cl_2' inline code <ph> is not supported"):
        import_xliff(xlf, corpus)


def test_a_missing_file_is_a_load_error(tmp_path):
    with pytest.raises(LoadError, match="no such file"):
        import_xliff(tmp_path / "nope.xlf", tmp_path)
