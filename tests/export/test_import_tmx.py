"""jpfr import-tmx: translations into an existing document by tuid, or by source
text for units without one; refusals."""

from __future__ import annotations

import re
import unicodedata

import pytest
from export_helpers import FIXTURE_CORPUS, MINI, copy_corpus, snapshot

from jpfr_accord.errors import ExportError, LoadError
from jpfr_accord.export import export_document
from jpfr_accord.imports.tmx import import_tmx, strip_harmless_doctype
from jpfr_accord.load import load_pair

CAT_TOOL_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="SomeCAT" creationtoolversion="9" segtype="sentence" o-tmf="x" adminlang="en-US"
          srclang="ja-JP" datatype="plaintext" creationdate="20260401T120000Z"/>
  <body>
    <tu tuid="sec_1__para_1__cl_2" creationdate="20260401T120000Z">
      <tuv xml:lang="ja-JP"><seg>両首脳は、「広島 AI プロセス」を歓迎した。</seg></tuv>
      <tuv xml:lang="fr-FR"><seg>Les deux dirigeants ont salué le <hi>processus d’Hiroshima</hi>.</seg></tuv>
    </tu>
    <tu tuid="sec_2__para_1__cl_2">
      <tuv xml:lang="ja-JP"><seg>両首脳は、研究者交流を支持した。</seg></tuv>
      <tuv xml:lang="fr-FR"><seg>Ils ont soutenu les échanges de chercheurs.</seg></tuv>
    </tu>
    <tu tuid="sec_2__para_1__cl_1">
      <tuv xml:lang="ja-JP"><seg>両首脳は、2026年3月31日の会合で A&amp;B &lt;研究&gt; を推進する意図を表明した。</seg></tuv>
    </tu>
    <tu tuid="sec_2__heading">
      <tuv xml:lang="ja-JP"><seg>研究</seg></tuv>
      <tuv xml:lang="fr-FR"><seg>La recherche</seg></tuv>
    </tu>
  </body>
</tmx>
"""


@pytest.fixture
def corpus(tmp_path):
    return copy_corpus(FIXTURE_CORPUS, tmp_path)


def test_a_cat_tool_memory_updates_the_clauses_by_tuid(corpus, tmp_path, jpfr):
    tmx = tmp_path / "cat.tmx"
    tmx.write_text(CAT_TOOL_TMX, encoding="utf-8")
    fr = corpus / "fr" / f"{MINI}.xml"
    before = fr.read_text(encoding="utf-8")
    run = jpfr("import-tmx", str(tmx), "--id", MINI, "--corpus", str(corpus))
    assert run.exit_code == 0, run
    assert run.stdout == f"updated 2 clauses and 1 heading in {fr} (0 unchanged, 1 without translation)\n"
    after = fr.read_text(encoding="utf-8")
    assert after == before.replace("<heading>Recherche</heading>", "<heading>La recherche</heading>").replace(
        "ont salué le « processus d’Hiroshima sur l’IA ».", "ont salué le processus d’Hiroshima."
    ).replace("Les deux dirigeants ont soutenu les échanges", "Ils ont soutenu les échanges")


def _without_tuids(tmx: str) -> str:
    return re.sub(r' tuid="[^"]*"', "", tmx)


def test_a_memory_without_tuids_is_matched_by_source_text(corpus, tmp_path, jpfr):
    """What a CAT tool writes: no tuid; sources in another Unicode form, with other spacing."""
    nfd = unicodedata.normalize("NFD", "両首脳は、「広島 AI プロセス」を歓迎した。")
    assert nfd != "両首脳は、「広島 AI プロセス」を歓迎した。"
    text = _without_tuids(CAT_TOOL_TMX).replace(
        "<seg>両首脳は、「広島 AI プロセス」を歓迎した。</seg>", f"<seg>\n  {nfd.replace(' ', '  ')} </seg>")
    assert "tuid" not in text and nfd in text.replace("  ", " ")
    tmx = tmp_path / "cat.tmx"
    tmx.write_text(text, encoding="utf-8")
    fr = corpus / "fr" / f"{MINI}.xml"
    before = fr.read_text(encoding="utf-8")
    run = jpfr("import-tmx", str(tmx), "--id", MINI, "--corpus", str(corpus))
    assert run.exit_code == 0, run
    assert run.stdout == f"updated 2 clauses and 1 heading in {fr} (0 unchanged, 1 without translation)\n"
    assert run.stderr == (
        "jpfr: note: matched 4 units without tuid by source text (exact after normalising Unicode and spaces)\n")
    after = fr.read_text(encoding="utf-8")
    assert after == before.replace("<heading>Recherche</heading>", "<heading>La recherche</heading>").replace(
        "ont salué le « processus d’Hiroshima sur l’IA ».", "ont salué le processus d’Hiroshima."
    ).replace("Les deux dirigeants ont soutenu les échanges", "Ils ont soutenu les échanges")


def test_the_report_names_both_rules_when_a_memory_mixes_them(corpus, tmp_path):
    tmx = tmp_path / "cat.tmx"
    tmx.write_text(CAT_TOOL_TMX.replace(' tuid="sec_2__para_1__cl_2"', ""), encoding="utf-8")
    result = import_tmx(tmx, corpus, doc_id=MINI)
    assert len(result.changed) == 3
    assert result.notes == [
        "matched 3 units by tuid and 1 unit without tuid by source text "
        "(exact after normalising Unicode and spaces)"
    ]
    tmx.write_text(CAT_TOOL_TMX, encoding="utf-8")
    assert import_tmx(tmx, corpus, doc_id=MINI).notes == ["matched 4 units by tuid"]


def test_a_source_text_found_nowhere_is_reported_with_its_line(corpus, tmp_path, jpfr):
    text = _without_tuids(CAT_TOOL_TMX).replace("研究者交流を支持した", "研究者交流を歓迎した")
    tmx = tmp_path / "cat.tmx"
    tmx.write_text(text, encoding="utf-8")
    before = snapshot(corpus)
    run = jpfr("import-tmx", str(tmx), "--id", MINI, "--corpus", str(corpus))
    assert run.exit_code == 2
    lines = text.splitlines()
    line = next(i for i, t in enumerate(lines) if "研究者交流を歓迎した" in t)  # the <tu> is the line above
    assert run.stderr == (
        f"jpfr: error: {tmx}:{line}: 1 unit does not match document {MINI!r}, nothing imported: "
        f"line {line}: unit without tuid: its 'ja' segment is the text of no clause, heading or title of "
        f"{corpus / 'ja' / (MINI + '.xml')} (matched exactly after normalising Unicode and spaces)\n"
    )
    assert snapshot(corpus) == before


def test_a_source_text_found_twice_is_not_guessed(corpus, tmp_path):
    ja = corpus / "ja" / f"{MINI}.xml"
    ja.write_text(ja.read_text(encoding="utf-8").replace("<heading>国際的ガバナンス</heading>", "<heading>研究</heading>"),
                  encoding="utf-8")
    tmx = tmp_path / "cat.tmx"
    tmx.write_text(_without_tuids(CAT_TOOL_TMX), encoding="utf-8")
    before = snapshot(corpus)
    with pytest.raises(ExportError, match=r"unit without tuid: its 'ja' segment is the text of 2 places "
                                          r"\('sec_1__heading', 'sec_2__heading'\): give the unit a tuid"):
        import_tmx(tmx, corpus, doc_id=MINI)
    assert snapshot(corpus) == before


def test_our_own_export_imports_back_unchanged(corpus, tmp_path):
    tmx = tmp_path / "m.tmx"
    export_document(load_pair(MINI, corpus), "tmx", tmx)
    before = snapshot(corpus)
    result = import_tmx(tmx, corpus)  # document id from the header's x-document property
    assert (result.changed, result.unchanged) == ([], 5)
    assert snapshot(corpus) == before


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('tuid="sec_2__para_1__cl_2"', 'tuid="sec_7__para_1__cl_2"', "unknown id 'sec_7__para_1__cl_2'"),
        ("研究者交流を支持した", "研究者交流を歓迎した", "unit 'sec_2__para_1__cl_2': source text differs"),
        ('srclang="ja-JP"', 'srclang="en"', "srclang is 'en', but the document's source language is 'ja'"),
        ('xml:lang="fr-FR"', 'xml:lang="de-DE"', "no unit has a 'fr' segment (languages found: 'de', 'ja')"),
        ("<seg>Ils ont", "<seg><ph>x</ph>Ils ont", "inline code <ph> is not supported"),
        ('<!DOCTYPE tmx SYSTEM "tmx14.dtd">', '<!DOCTYPE tmx [<!ENTITY x "y">]>', ":2: DOCTYPE declarations are refused"),
        ('<tmx version="1.4">', '<tmx version="1.4"><bad>', "not well-formed XML"),
        ('<tmx version="1.4">', '<tmx version="2.0">', "not a TMX 1.x file"),
    ],
)
def test_bad_memories_are_refused_and_change_nothing(corpus, tmp_path, jpfr, old, new, message):
    tmx = tmp_path / "cat.tmx"
    assert old in CAT_TOOL_TMX
    tmx.write_text(CAT_TOOL_TMX.replace(old, new), encoding="utf-8")
    before = snapshot(corpus)
    run = jpfr("import-tmx", str(tmx), "--id", MINI, "--corpus", str(corpus))
    assert run.exit_code == 2
    assert run.stderr.startswith(f"jpfr: error: {tmx}")
    assert run.stderr.count("\n") == 1
    assert message in run.stderr
    assert snapshot(corpus) == before


def test_another_document_is_refused(corpus, tmp_path):
    tmx = tmp_path / "m.tmx"
    export_document(load_pair(MINI, corpus), "tmx", tmx)
    with pytest.raises(ExportError, match="the file is for document 'mini-statement', not 'other'"):
        import_tmx(tmx, corpus, doc_id="other")
    tmx.write_text(CAT_TOOL_TMX, encoding="utf-8")
    with pytest.raises(ExportError, match="the header names no document"):
        import_tmx(tmx, corpus)
    with pytest.raises(ExportError, match="the file is for document 'nowhere' in 'fr', which is not in the corpus"):
        import_tmx(tmx, corpus, doc_id="nowhere")


def test_only_the_harmless_doctype_is_blanked_keeping_lines():
    data = b'<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx/>'
    out = strip_harmless_doctype(data)
    assert out.count(b"\n") == data.count(b"\n") and b"DOCTYPE" not in out
    for hostile in (
        b'<!DOCTYPE tmx SYSTEM "tmx14.dtd" [<!ENTITY a "b">]>\n<tmx/>',
        b'<!DOCTYPE xliff SYSTEM "x.dtd">\n<tmx/>',
        b'<tmx/>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
    ):
        assert strip_harmless_doctype(hostile) == hostile


def test_a_directory_is_not_a_memory(tmp_path):
    with pytest.raises(LoadError, match="is a directory"):
        import_tmx(tmp_path, tmp_path)


def test_title_and_heading_are_written_with_the_clauses(corpus, tmp_path):
    tmx = tmp_path / "m.tmx"
    export_document(load_pair(MINI, corpus), "tmx", tmx)
    fr = corpus / "fr" / f"{MINI}.xml"
    before = fr.read_text(encoding="utf-8")
    pair = load_pair(MINI, corpus)
    old_title = pair.target.meta.title
    text = tmx.read_text(encoding="utf-8")
    assert text.count(f"<seg>{old_title}</seg>") == 1
    tmx.write_text(text.replace(f"<seg>{old_title}</seg>", "<seg>Nouveau titre</seg>"), encoding="utf-8")
    result = import_tmx(tmx, corpus)
    assert result.changed == ["meta__title"]
    assert fr.read_text(encoding="utf-8") == before.replace(f"<title>{old_title}</title>", "<title>Nouveau titre</title>")
