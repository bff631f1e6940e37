"""Round two (#17, items 1-4): ``accept`` and ``import-xliff`` rewrite a corpus file in
place. Only the edited elements' bytes may change, the root is found by parsing,
concurrent runs lose no change, and nothing the readers would refuse is written."""

from __future__ import annotations

import re
import subprocess
import sys
import os
from pathlib import Path

from jpfr_testing import DOC_ID
from round_two_support import assert_clean_error, run

CL_A = "preamble__para_2__cl_1"
CL_B = "preamble__para_2__cl_2"


def _fr(corpus: Path) -> Path:
    return corpus / "fr" / f"{DOC_ID}.xml"


def _drop_src(path: Path, *eids: str) -> None:
    """Make clauses unreviewed: their ``src`` hash goes (``accept`` writes it back)."""
    text = path.read_text(encoding="utf-8")
    for eid in eids or re.findall(r'eId="([^"]+__cl_\d+)"', text):
        text, n = re.subn(rf'(<clause eId="{eid}"[^>]*?) src="sha256:[0-9a-f]+"', r"\1", text)
        assert n == 1, eid
    path.write_text(text, encoding="utf-8")


def _xliff_with_one_new_target(corpus: Path, dest: Path, old: str, new: str) -> None:
    from jpfr_accord.export import export_document
    from jpfr_accord.load import load_pair

    export_document(load_pair(DOC_ID, corpus), "xliff", dest)
    text = dest.read_text(encoding="utf-8")
    assert old in text
    dest.write_text(text.replace(old, new, 1), encoding="utf-8")


def _only_changed_lines(before: bytes, after: bytes) -> list[tuple[bytes, bytes]]:
    a, b = before.split(b"\n"), after.split(b"\n")
    assert len(a) == len(b), "lines were added or removed"
    return [(x, y) for x, y in zip(a, b) if x != y]


# -- 1. the root is located by parsing ------------------------------------------------


def test_a_comment_after_the_root_naming_the_root_survives_accept(corpus_copy):
    fr = _fr(corpus_copy)
    _drop_src(fr, CL_A)
    tail = b"<!-- previous version ended with </declaration>; keep this note -->\n"
    fr.write_bytes(fr.read_bytes() + tail)
    done = run(["accept", DOC_ID, CL_A], corpus_copy.parent)
    assert done.returncode == 0, done.stderr
    from jpfr_accord.load import load_document

    load_document(fr)  # still well-formed
    assert fr.read_bytes().endswith(b"</declaration>\n" + tail)


def test_a_comment_after_the_root_naming_the_root_survives_import_xliff(corpus_copy, tmp_path):
    fr = _fr(corpus_copy)
    tail = b"<!-- </declaration> -->\n<?note </declaration>?>\n"
    fr.write_bytes(fr.read_bytes() + tail)
    xlf = tmp_path / "back.xlf"
    _xliff_with_one_new_target(corpus_copy, xlf, "ont souligné l’importance cruciale", "ont souligné l’importance majeure")
    done = run(["import-xliff", xlf], corpus_copy.parent)
    assert done.returncode == 0, done.stderr
    from jpfr_accord.load import load_document

    doc, _ = load_document(fr)
    assert "l’importance majeure" in next(c.text for c in doc.clauses() if c.id == CL_A)
    assert fr.read_bytes().endswith(b"</declaration>\n" + tail)


# -- 3. only the edited element's bytes change ------------------------------------------


def _decorate(fr: Path) -> bytes:
    """Layout a person may have: character references, CDATA, single quotes, spaces in tags."""
    text = fr.read_text(encoding="utf-8")
    text = text.replace("les progrès de la coopération", "les progr&#232;s de la coop&#xE9;ration", 1)
    text = text.replace("tenue le 31 mars 2026.", "tenue le <![CDATA[31 mars 2026]]>.", 1)
    text = text.replace('<clause eId="sec_1__para_1__cl_1" actor="both"', "<clause  eId = 'sec_1__para_1__cl_1'\n        actor='both'", 1)
    text = text.replace('<para eId="sec_1__para_2">', "<para eId='sec_1__para_2' >", 1)
    fr.write_text(text, encoding="utf-8")
    return fr.read_bytes()


def test_accept_changes_only_the_start_tag_of_the_accepted_clause(corpus_copy):
    fr = _fr(corpus_copy)
    _drop_src(fr, CL_A)
    before = _decorate(fr)
    done = run(["accept", DOC_ID, CL_A], corpus_copy.parent)
    assert done.returncode == 0, done.stderr
    changed = _only_changed_lines(before, fr.read_bytes())
    assert len(changed) == 1
    old, new = changed[0]
    assert f'eId="{CL_A}"'.encode() in old
    assert re.sub(rb' src="sha256:[0-9a-f]{64}"', b"", new) == old


def test_import_xliff_changes_only_the_text_of_the_edited_clause(corpus_copy, tmp_path):
    fr = _fr(corpus_copy)
    before = _decorate(fr)
    xlf = tmp_path / "back.xlf"
    _xliff_with_one_new_target(corpus_copy, xlf, "ont souligné l’importance cruciale", "ont souligné l’importance majeure")
    done = run(["import-xliff", xlf], corpus_copy.parent)
    assert done.returncode == 0, done.stderr
    changed = _only_changed_lines(before, fr.read_bytes())
    assert changed == [(changed[0][0], changed[0][0].replace("l’importance cruciale".encode(), "l’importance majeure".encode()))]


def test_text_needing_escapes_is_written_escaped_and_read_back(corpus_copy, tmp_path):
    fr = _fr(corpus_copy)
    xlf = tmp_path / "back.xlf"
    _xliff_with_one_new_target(corpus_copy, xlf, "ont souligné l’importance cruciale",
                               "ont souligné l’importance &lt;cruciale&gt; &amp; ]]&gt; « R&amp;D »")
    done = run(["import-xliff", xlf], corpus_copy.parent)
    assert done.returncode == 0, done.stderr
    from jpfr_accord.load import load_document

    doc, findings = load_document(fr)
    assert "l’importance <cruciale> & ]]> « R&D »" in next(c.text for c in doc.clauses() if c.id == CL_A)


# -- 4. never write what the readers refuse ---------------------------------------------


def test_accept_refuses_to_write_a_file_over_the_size_limit(corpus_copy):
    fr = _fr(corpus_copy)
    _drop_src(fr)
    before = fr.read_bytes()
    limit = str(len(before) + 200)  # room for two hashes, not for thirty
    done = run(["accept", DOC_ID, "--all"], corpus_copy.parent, env={"JPFR_MAX_BYTES": limit})
    assert_clean_error(done, f"{DOC_ID}.xml", "over the limit", "nothing written")
    assert fr.read_bytes() == before
    assert run(["check", "corpus"], corpus_copy.parent, env={"JPFR_MAX_BYTES": limit}).returncode != 2


def test_import_refuses_to_write_a_corpus_file_over_the_size_limit(tmp_path):
    from jpfr_testing import FIXTURES

    seed = FIXTURES / "import" / "declaration-ai-2026.ja.txt"
    limit = str(seed.stat().st_size + 10)  # the text fits, its XML does not
    done = run(["import", seed, "--lang", "ja", "--id", DOC_ID, "-o", "out.xml"], tmp_path, env={"JPFR_MAX_BYTES": limit})
    assert_clean_error(done, "out.xml", "over the limit")
    assert not (tmp_path / "out.xml").exists()


# -- 2. no lost update --------------------------------------------------------------------


def _start(args: list[str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "jpfr_accord", *map(str, args)], cwd=cwd, env=dict(os.environ),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_accepts_at_once_both_keep_their_change(corpus_copy):
    from jpfr_accord.load import load_pair
    from jpfr_accord.model import text_hash

    fr = _fr(corpus_copy)
    pairs = [(f"{p}__cl_{i}", f"{p}__cl_{i + 1}") for p, i in (
        ("sec_1__para_1", 2), ("sec_1__para_2", 1), ("sec_2__para_3", 1), ("sec_2__para_4", 1), ("sec_2__para_5", 1),
        ("sec_3__para_3", 1))]
    for a, b in pairs:
        _drop_src(fr, a, b)
    for a, b in pairs:  # one round per pair of clauses: two reviewers at once
        procs = [_start(["accept", DOC_ID, eid], corpus_copy.parent) for eid in (a, b)]
        for p in procs:
            out, err = p.communicate(timeout=120)
            assert p.returncode == 0, err
            assert "accepted 1 clause" in out
        pair = load_pair(DOC_ID, corpus_copy)
        src = {c.id: c.src for c in pair.target.clauses()}
        text = {c.id: c.text for c in pair.source.clauses()}
        assert src[a] == text_hash(text[a]) and src[b] == text_hash(text[b]), f"a change was lost in round {a}"


def test_accept_and_import_xliff_at_once_both_keep_their_change(corpus_copy, tmp_path):
    from jpfr_accord.load import load_pair
    from jpfr_accord.model import text_hash

    fr = _fr(corpus_copy)
    _drop_src(fr, "sec_2__para_1__cl_1")
    xlf = tmp_path / "back.xlf"
    _xliff_with_one_new_target(corpus_copy, xlf, "ont souligné l’importance cruciale", "ont souligné l’importance majeure")
    procs = [_start(["accept", DOC_ID, "sec_2__para_1__cl_1"], corpus_copy.parent),
             _start(["import-xliff", xlf], corpus_copy.parent)]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    pair = load_pair(DOC_ID, corpus_copy)
    target = {c.id: c for c in pair.target.clauses()}
    source = {c.id: c for c in pair.source.clauses()}
    assert "l’importance majeure" in target[CL_A].text
    assert target["sec_2__para_1__cl_1"].src == text_hash(source["sec_2__para_1__cl_1"].text)


def test_a_file_changed_by_another_program_during_the_edit_is_not_overwritten(corpus_copy, monkeypatch):
    """A program that takes no lock (an editor) saves between our read and our write."""
    from jpfr_accord.errors import LoadError
    from jpfr_accord.load import edit_clauses, lock

    fr = _fr(corpus_copy)
    real_replace = lock.HeldFile.replace

    def editor_saves_first(self, new):
        fr.write_bytes(fr.read_bytes().replace("Les deux dirigeants".encode(), "Les dirigeants".encode(), 1))
        return real_replace(self, new)

    monkeypatch.setattr(lock.HeldFile, "replace", editor_saves_first)
    try:
        edit_clauses(fr, attributes={CL_A: {"actor": "japan"}})
    except LoadError as exc:
        assert "changed by another program" in exc.message
    else:
        raise AssertionError("the edit overwrote the other program's change")
    assert b"Les dirigeants" in fr.read_bytes()
