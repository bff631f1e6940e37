"""The per-clause result cache and parallel checking give the findings, in the
order, that checking every rule on whole documents gives; a damaged or foreign
cache is never trusted; one changed clause is one clause recomputed."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest

from corpus_damage import damaged_corpus
from jpfr_testing import DOC_ID, element_line

from jpfr_accord.checks import REGISTRY, run_checks
from jpfr_accord.checks import runner
from jpfr_accord.checks.cache import ResultCache
from jpfr_accord.checks.config import load_config
from jpfr_accord.checks.registry import Hit
from jpfr_accord.load import load_aligned


def check(corpus: Path, **kwargs) -> list:
    loaded = load_aligned([corpus])
    ctx = load_config(start=corpus).context()
    return run_checks(loaded.pairs, loaded.singles, loaded.findings, ctx, **kwargs)


def as_json(findings) -> str:
    return json.dumps([f.to_json() for f in findings], ensure_ascii=False)


@pytest.fixture
def corpus(tmp_path) -> Path:
    return damaged_corpus(tmp_path / "corpus")


@pytest.fixture
def reference(corpus, monkeypatch) -> str:
    """Every rule run on whole documents, as if none were declared per clause."""
    with monkeypatch.context() as m:
        for r in list(REGISTRY):
            m.setitem(REGISTRY._rules, r.code, dataclasses.replace(r, reads="document"))
        found = check(corpus)
    assert len(found) > 80  # the comparison means something
    return as_json(found)


def test_per_clause_evaluation_matches_whole_documents(corpus, reference):
    assert as_json(check(corpus)) == reference


def test_rules_on_headings_may_be_declared_per_clause(corpus, reference, monkeypatch):
    """REV001/REV002 report on headings as well as clauses: declared per clause,
    their heading findings come from the run without clauses, the same as on whole pairs."""
    assert '"REV001"' in reference and "heading of section" in reference
    assert REGISTRY.get("REV001").reads == REGISTRY.get("REV002").reads == "clause"
    monkeypatch.setattr(runner, "CHUNK", 5)
    assert as_json(check(corpus)) == reference
    cache = ResultCache(persist=False)
    assert as_json(check(corpus, cache=cache)) == reference
    # a source heading edited: its translation is reported stale, served with the rest from the cache
    path = corpus / "ja" / f"{DOC_ID}.xml"
    text = path.read_text(encoding="utf-8")
    heading = text.index("<heading>") + len("<heading>")
    path.write_text(text[:heading] + "新・" + text[heading:], encoding="utf-8")
    fresh = as_json(check(corpus))
    assert fresh != reference and as_json(check(corpus, cache=cache)) == fresh


def test_small_chunks_and_workers_match(corpus, reference, monkeypatch):
    monkeypatch.setattr(runner, "CHUNK", 7)  # many chunks, split over the workers
    monkeypatch.setattr(runner, "PARALLEL_MIN", 0)
    assert as_json(check(corpus, jobs=2)) == reference
    assert as_json(check(corpus, jobs=3, cache=ResultCache(persist=False))) == reference


def test_cold_and_warm_cache_match(corpus, reference, tmp_path):
    folder = tmp_path / "cache"
    cold = ResultCache(folder)
    assert as_json(check(corpus, cache=cold)) == reference
    assert cold.stats["clause_hits"] == 0 and cold.stats["clause_misses"] > 100
    assert list(folder.glob("*.json")), "nothing was stored"
    warm = ResultCache(folder)  # a new process: read from disk
    assert as_json(check(corpus, cache=warm)) == reference
    assert warm.stats["clause_misses"] == 0 and warm.stats["whole_misses"] == 0


def _edit_one_clause(corpus: Path) -> None:
    path = corpus / "fr" / f"{DOC_ID}.xml"
    text = path.read_text(encoding="utf-8")
    # a new figure and a stray double space in one clause, two lines added above it
    marker = "En outre, les deux dirigeants ont souligné"
    assert marker in text
    text = text.replace(marker, "En outre, les deux dirigeants ont  souligné en 2031", 1)
    text = text.replace("<preamble>", "<!-- reviewed -->\n<!-- again -->\n  <preamble>", 1)
    path.write_text(text, encoding="utf-8")


def test_one_changed_clause_is_recomputed_alone(corpus, tmp_path):
    folder = tmp_path / "cache"
    check(corpus, cache=ResultCache(folder))
    _edit_one_clause(corpus)
    fresh = check(corpus)
    again = ResultCache(folder)
    cached = check(corpus, cache=again)
    assert as_json(cached) == as_json(fresh)
    # the clause in the pair and in the French document: nothing else
    assert again.stats["clause_misses"] == 2, again.stats
    # the edit is seen, on the clause's new line (two lines further down)
    path = corpus / "fr" / f"{DOC_ID}.xml"
    assert any(f.code == "TYP003" and f.eId == "sec_1__para_2__cl_2" and f.line == element_line(path, f.eId) for f in cached)
    below = [f for f in cached if f.file.endswith(f"fr/{DOC_ID}.xml") and f.eId and f.eId.startswith("sec_3") and "__cl_" in f.eId]
    assert below and all(f.line == element_line(path, f.eId) for f in below if f.code != "STR001")


def test_memory_cache_serves_the_next_check(corpus):
    cache = ResultCache(persist=False)
    first = as_json(check(corpus, cache=cache))
    second = as_json(check(corpus, cache=cache))
    assert first == second and cache.stats["clause_hits"] > 100
    assert not cache.persist


def _tamper(folder: Path) -> None:
    """Make every stored message say something the rules never said."""
    for f in folder.glob("*.json"):
        data = json.loads(f.read_text(encoding="utf-8"))
        for entries in data["clauses"].values():
            for e in entries:
                e[3] = "TAMPERED"
        f.write_text(json.dumps(data), encoding="utf-8")


def test_a_folder_others_can_write_is_not_read(corpus, tmp_path, reference):
    folder = tmp_path / "cache"
    check(corpus, cache=ResultCache(folder))
    _tamper(folder)
    # our own folder is trusted (this is what the cache is for) …
    assert "TAMPERED" in as_json(check(corpus, cache=ResultCache(folder)))
    # … one that another user may write is not: recomputed, and not written either
    os.chmod(folder, 0o777)
    try:
        assert as_json(check(corpus, cache=ResultCache(folder))) == reference
    finally:
        os.chmod(folder, 0o700)


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"format": 1}', b"[1, 2, 3]"])
def test_damaged_files_are_recomputed(corpus, tmp_path, reference, damage):
    folder = tmp_path / "cache"
    check(corpus, cache=ResultCache(folder))
    for f in folder.glob("*.json"):
        f.write_bytes(damage)
    cache = ResultCache(folder)
    assert as_json(check(corpus, cache=cache)) == reference
    assert cache.stats["clause_hits"] == 0


def test_entries_of_the_wrong_shape_are_recomputed(corpus, tmp_path, reference):
    folder = tmp_path / "cache"
    check(corpus, cache=ResultCache(folder))
    for f in folder.glob("*.json"):
        data = json.loads(f.read_text(encoding="utf-8"))
        for key in list(data["clauses"])[::2]:
            data["clauses"][key] = [["NOPE999", 7, None, 3, None]]
        for entry in data["whole"].values():
            entry["hits"] = [[10**9, "fr", "x", None]]
        f.write_text(json.dumps(data), encoding="utf-8")
    assert as_json(check(corpus, cache=ResultCache(folder))) == reference


def test_a_changed_configuration_is_another_key(corpus, tmp_path):
    folder = tmp_path / "cache"
    check(corpus, cache=ResultCache(folder))
    (corpus / "jpfr.toml").write_text('ignore = ["TYP"]\n', encoding="utf-8")
    cache = ResultCache(folder)
    found = check(corpus, cache=cache)
    assert cache.stats["clause_hits"] == 0
    assert as_json(found) == as_json(check(corpus)) and not any(f.code.startswith("TYP") for f in found)


def test_a_rule_breaking_its_declaration_is_run_whole(corpus, monkeypatch, reference):
    """A rule declared per clause that reports on a paragraph: the runner notices
    and runs every rule of that target on the whole document instead."""
    from jpfr_accord.checks.registry import Rule
    from jpfr_accord.errors import Severity

    def para_rule(doc, ctx):
        for para in doc.target.paragraphs[:2]:
            yield Hit(doc.target.lang, para, f"paragraph {para.id!r} looked at")

    bad = Rule("LEN999", "test-misdeclared", Severity.INFO, para_rule, "pair", reads="clause")
    monkeypatch.setitem(REGISTRY._rules, "LEN999", bad)
    monkeypatch.setitem(REGISTRY._names, "test-misdeclared", "LEN999")
    found = check(corpus, cache=ResultCache(persist=False))
    assert sum(f.code == "LEN999" for f in found) == 4  # two paragraphs in each of the two pairs
    assert as_json([f for f in found if f.code != "LEN999"]) == reference


def test_cli_no_cache_and_off_write_nothing(corpus, jpfr, tmp_path, monkeypatch):
    folder = tmp_path / "cachehome"
    monkeypatch.setenv("JPFR_CACHE_DIR", str(folder))
    first = jpfr("check", str(corpus), "--format", "json", "--no-cache", "-j", "1")
    assert not folder.exists()
    monkeypatch.setenv("JPFR_CACHE_DIR", "off")
    jpfr("check", str(corpus), "--format", "json")
    assert not folder.exists()
    monkeypatch.setenv("JPFR_CACHE_DIR", str(folder))
    cached = jpfr("check", str(corpus), "--format", "json", "-j", "2")
    assert list((folder / "results").glob("*.json"))
    again = jpfr("check", str(corpus), "--format", "json")
    assert first.exit_code == cached.exit_code == again.exit_code == 1
    assert first.stdout == cached.stdout == again.stdout


def test_cli_jobs_must_not_be_negative(corpus, jpfr):
    result = jpfr("check", str(corpus), "-j", "-1")
    assert result.exit_code == 2 and "-j" in result.stderr


@pytest.mark.parametrize(("old", "new"), [
    ('acts="stress"', 'acts="welcome"'),  # an attribute of one clause
    ('actor="both"', 'actor="fr"'),
    ('" src="sha256:', '" ignore="TYP003" src="sha256:'),
])
def test_an_attribute_change_is_a_changed_clause(corpus, tmp_path, old, new):
    folder = tmp_path / "cache"
    check(corpus, cache=ResultCache(folder))
    path = corpus / "fr" / f"{DOC_ID}.xml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    cache = ResultCache(folder)
    assert as_json(check(corpus, cache=cache)) == as_json(check(corpus))
    assert cache.stats["clause_misses"] == 2, cache.stats  # the pair's entry and the French document's


def test_a_document_attribute_change_recomputes_the_document(corpus, tmp_path):
    folder = tmp_path / "cache"
    check(corpus, cache=ResultCache(folder))
    path = corpus / "fr" / f"{DOC_ID}.xml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('status="working-translation"', 'status="draft"', 1), encoding="utf-8")
    cache = ResultCache(folder)
    assert as_json(check(corpus, cache=cache)) == as_json(check(corpus))
    n = sum(1 for _ in load_aligned([corpus]).pairs[0].clause_pairs())
    assert cache.stats["clause_misses"] >= 2 * n  # every clause of the pair and of the French document


def test_the_folder_keeps_the_most_recent_buckets(corpus, tmp_path, monkeypatch):
    from jpfr_accord.checks import cache as cache_module

    folder = tmp_path / "cache"
    monkeypatch.setattr(cache_module, "MAX_BUCKETS", 3)
    folder.mkdir(mode=0o700)
    old = folder / ("0" * 32 + ".json")
    old.write_text("{}", encoding="utf-8")
    os.utime(old, (1, 1))
    check(corpus, cache=ResultCache(folder))  # two pairs and four documents: six buckets
    kept = sorted(p.name for p in folder.glob("*.json"))
    # what the check used stays (beyond the limit), the stale file goes
    assert len(kept) == 6 and old.name not in kept
    again = ResultCache(folder)
    check(corpus, cache=again)
    assert again.stats["clause_misses"] == 0


def test_per_text_caches_are_dropped_after_each_chunk(corpus, reference, monkeypatch):
    """A chunk's analyses (tokens, lemmas, entity readings) do not outlive it: the
    per-text caches of lang/ and checks/ are empty after the check, the findings unchanged."""
    from jpfr_accord.checks import parallel

    monkeypatch.setattr(runner, "CHUNK", 9)
    sizes = []
    original = parallel.drop_text_caches

    def spy():
        sizes.append(sum(f.cache_info().currsize for f in parallel.text_caches()))
        original()

    monkeypatch.setattr(parallel, "drop_text_caches", spy)
    assert as_json(check(corpus)) == reference
    names = {f.__qualname__ for f in parallel.text_caches()}
    assert {"tokens", "words", "match_form"} <= names, names  # the analysers' caches are found
    assert sum(n > 0 for n in sizes) >= 4  # the chunks of clause pairs had filled them …
    chunk_caches = [f for f in parallel.text_caches() if f.__qualname__ != "match_form"]
    assert all(f.cache_info().currsize == 0 for f in chunk_caches)  # … and left them empty
