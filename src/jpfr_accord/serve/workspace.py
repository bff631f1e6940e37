"""The workbench's corpus: documents loaded on demand, checked, edited and accepted.

Stage: serve. Imports ``errors``, ``model``, ``load``, ``checks``, ``revise``; no
web framework (the Starlette application in ``serve.app`` calls this).

A document is reloaded whenever one of its files changed on disk (size, time or
inode; the content hash is then taken again), so what the workbench shows is
what the files hold, whoever wrote them. Every write names the *version* the
page was built from (the SHA-256 of both files): a file changed on disk since
then is never overwritten. An edit is applied to a private copy first and
validated against the schema; only a valid result replaces the corpus file,
atomically, through the layout-preserving writer (``load.edit_clauses``).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..checks import run_checks
from ..checks.cache import ResultCache
from ..checks.config import load_config
from ..errors import AccordError, LoadError, Location
from ..load import atomic_write, edit_clauses, load_aligned, parse_xml, validate
from ..model import DOC_ID_PATTERN, AlignedDocument, Clause, Finding, Heading, Section, text_hash
from ..revise import HEADING_SUFFIX, accept_clauses, heading_pairs

_DOC_ID = re.compile(DOC_ID_PATTERN)
#: Characters XML 1.0 cannot hold (§2.2), which lxml refuses to serialise.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
#: The longest text accepted for one clause, heading or title (characters).
MAX_TEXT = 20_000


class WorkbenchError(AccordError):
    """A request the workbench refuses; ``status`` is the HTTP status to answer with."""

    status = 400


class NotFound(WorkbenchError):
    status = 404


class Conflict(WorkbenchError):
    status = 409


class Invalid(WorkbenchError):
    status = 422


@dataclass
class DocState:
    """One document as last read: the pair, its findings and the version of its files."""

    doc_id: str
    pair: AlignedDocument
    findings: list[Finding]
    version: str
    stamps: tuple

    @property
    def target_path(self) -> Path:
        return Path(self.pair.target.path)


@dataclass
class Listing:
    """A row of the document list."""

    doc_id: str
    title: str | None = None
    lang: str | None = None  # the language of the title (the translation's)
    clauses: int = 0
    by_severity: dict[str, int] = field(default_factory=dict)
    stale: int = 0
    unreviewed: int = 0
    missing: int = 0
    error: str | None = None


def review_state(source: Clause | Heading | None, target: Clause | Heading | None) -> str:
    """``reviewed``, ``stale``, ``unreviewed`` (never reviewed) or ``missing`` (one side absent)."""
    if source is None or target is None:
        return "missing"
    if target.src is None:
        return "unreviewed"
    return "reviewed" if target.src == text_hash(source.text) else "stale"


def clause_states(pair: AlignedDocument) -> dict[str, str]:
    """The review state of every clause id of either language."""
    src = {c.id: c for c in pair.source.clauses()}
    tgt = {c.id: c for c in pair.target.clauses()}
    return {eid: review_state(src.get(eid), tgt.get(eid)) for eid in [*src, *(t for t in tgt if t not in src)]}


def heading_states(pair: AlignedDocument) -> dict[str, str]:
    """The review state of every section heading, by the section's eId (as ``jpfr accept``
    names a heading: ``<section eId>__heading``, here without the suffix)."""
    out = {}
    for sec_id, a, b in pair.pairs():
        ha = a.heading if isinstance(a, Section) else None
        hb = b.heading if isinstance(b, Section) else None
        if ha is not None or hb is not None:
            out[sec_id] = review_state(ha, hb)
    return out


class Workspace:
    """The corpus folder the workbench serves. Thread-safe: one lock guards loads and writes."""

    def __init__(self, corpus: str | Path, target_lang: str = "fr", config_file: Path | None = None) -> None:
        self.corpus = Path(corpus)
        if not self.corpus.is_dir():
            raise LoadError("no such corpus folder", Location(str(corpus)))
        self.root = self.corpus.resolve()
        self.target_lang = target_lang
        self._config = load_config(config_file, start=self.root)
        self._docs: dict[str, DocState] = {}
        self._lock = threading.RLock()
        # per-clause results kept in memory for the life of the server: after a save only
        # the edited clause's rules (and the whole-document rules of that document) run again
        self._results = ResultCache(persist=False)

    # -- reading --------------------------------------------------------

    def doc_ids(self) -> list[str]:
        """The documents that have a translation in the target language, by id."""
        folder = self.corpus / self.target_lang
        ids = []
        for f in sorted(folder.glob("*.xml")) if folder.is_dir() else ():
            if _DOC_ID.fullmatch(f.stem) and f.resolve().is_relative_to(self.root):
                ids.append(f.stem)
        return ids

    def _files(self, doc_id: str) -> list[Path]:
        """Every language version of ``doc_id``, inside the corpus (links out are left out)."""
        files = []
        for f in sorted(self.corpus.glob(f"*/{doc_id}.xml")):
            if f.resolve().is_relative_to(self.root):
                files.append(f)
        return files

    def _stamps(self, files: list[Path]) -> tuple:
        out: list[tuple] = []
        for f in files:
            try:
                st = f.stat()
                out.append((str(f), st.st_size, st.st_mtime_ns, st.st_ino))
            except OSError:
                out.append((str(f), None))
        return tuple(out)

    def _check_id(self, doc_id: str) -> None:
        if not _DOC_ID.fullmatch(doc_id) or doc_id not in self.doc_ids():
            raise NotFound(f"no document {doc_id!r} with a {self.target_lang} version in the corpus")

    def document(self, doc_id: str) -> DocState:
        """The document, reloaded and rechecked if its files changed since last read.

        Raises:
            NotFound: no such document in the corpus.
            LoadError: a file cannot be read.
        """
        self._check_id(doc_id)
        with self._lock:
            files = self._files(doc_id)
            stamps = self._stamps(files)
            state = self._docs.get(doc_id)
            if state is not None and state.stamps == stamps:
                return state
            state = self._load(doc_id, files, stamps)
            self._docs[doc_id] = state
            return state

    def _load(self, doc_id: str, files: list[Path], stamps: tuple) -> DocState:
        datas = {f: _read(f) for f in files}
        version = _version(datas.values())
        target_file = self.corpus / self.target_lang / f"{doc_id}.xml"
        loaded = load_aligned([target_file])
        pair = next((p for p in loaded.pairs if self.target_lang in p.languages), None)
        if pair is None:
            raise LoadError(f"document {doc_id!r} has no source version to pair with", Location(str(target_file)))
        findings = self.recheck(pair, loaded.findings)
        # the files may have changed while being read: the version is of the bytes hashed
        # before loading, so a later comparison fails safe (the page is refreshed)
        return DocState(doc_id, pair, findings, version, stamps)

    def recheck(self, pair: AlignedDocument, load_findings: list[Finding]) -> list[Finding]:
        """The findings of one document (only its pair is checked, not the whole corpus;
        unchanged clauses are served from the result cache). Called with the lock held:
        the cache serves one check at a time."""
        with self._lock:
            return run_checks([pair], [], load_findings, self._config.context(), cache=self._results)

    def version(self, doc_id: str) -> str:
        """The current version of the document's files (cheap: hashed again only when they changed)."""
        return self.document(doc_id).version

    def listing(self) -> list[Listing]:
        out = []
        for doc_id in self.doc_ids():
            row = Listing(doc_id)
            try:
                state = self.document(doc_id)
            except AccordError as exc:
                row.error = str(exc)
                out.append(row)
                continue
            pair = state.pair
            row.title, row.lang = pair.target.meta.title, pair.target.lang
            states = clause_states(pair)
            row.clauses = len(states)
            states.update({f"{k}{HEADING_SUFFIX}": v for k, v in heading_states(pair).items()})
            row.by_severity = {s: sum(1 for f in state.findings if f.severity.value == s) for s in ("error", "warning", "info")}
            row.stale = sum(1 for s in states.values() if s == "stale")
            row.unreviewed = sum(1 for s in states.values() if s == "unreviewed")
            row.missing = sum(1 for s in states.values() if s == "missing")
            out.append(row)
        return out

    # -- writing --------------------------------------------------------

    def save(self, doc_id: str, kind: str, node_id: str | None, text: object, version: str) -> tuple[DocState, list[str]]:
        """Replace the translation's text of one clause, heading or the title.

        Args:
            kind: ``clause`` (``node_id`` is its eId), ``heading`` (``node_id`` is the
                section's eId) or ``title``.
            version: the version the edit was made on; the save is refused if the
                files changed since.

        Returns:
            The reloaded document and the ids that changed.

        Raises:
            Conflict: the files changed on disk since ``version``.
            Invalid: the text cannot be stored, or would make the file schema-invalid.
            NotFound: no such document or node.
        """
        if kind not in ("clause", "heading", "title"):
            raise WorkbenchError(f"unknown kind of text {kind!r} (clause, heading or title)")
        if not isinstance(text, str):
            raise WorkbenchError("the text must be a string")
        bad = _NOT_XML.search(text)
        if bad:
            raise Invalid(f"the text contains U+{ord(bad.group()):04X}, a character an XML file cannot hold; remove it")
        if len(text) > MAX_TEXT:
            raise Invalid(f"the text is {len(text)} characters long, over the limit of {MAX_TEXT}")
        with self._lock:
            state = self._current(doc_id, version)
            args: dict = {}
            if kind == "clause":
                if node_id not in {c.id for c in state.pair.target.clauses()}:
                    raise NotFound(f"no clause {node_id!r} in the {self.target_lang} text")
                args["texts"] = {node_id: text}
            elif kind == "heading":
                if node_id not in {s.id for s in state.pair.target.sections if s.heading is not None}:
                    raise NotFound(f"no section with a heading and id {node_id!r} in the {self.target_lang} text")
                args["headings"] = {node_id: text}
            else:
                args["title"] = text
            changed = self._write_validated(state.target_path, args)
            return self.document(doc_id), changed

    def accept(self, doc_id: str, eid: str, version: str) -> tuple[DocState, list[str]]:
        """Record the review of one translated clause, or heading (``<section eId>__heading``),
        as ``jpfr accept`` does.

        Raises:
            Conflict: the files changed on disk since ``version``.
            NotFound: no such document, or the clause or heading is not in both languages.
        """
        with self._lock:
            state = self._current(doc_id, version)
            known = {b.id for _, b in state.pair.clause_pairs()} | set(heading_pairs(state.pair))
            if eid not in known:
                raise NotFound(f"no clause or heading {eid!r} present in both languages")
            changed = accept_clauses(state.pair, [eid])
            return self.document(doc_id), changed

    def _current(self, doc_id: str, version: str) -> DocState:
        state = self.document(doc_id)
        files = self._files(doc_id)
        # hash the bytes themselves: a change within the clock's resolution keeps the stamps
        if state.version != version or _version(_read(f) for f in files) != version:
            raise Conflict(
                "the document changed on disk since this page was loaded; nothing was written. "
                "Your text is still in the editor: copy it, reload the page and apply it again"
            )
        return state

    def _write_validated(self, path: Path, args: dict) -> list[str]:
        """Apply the edit to a private copy, validate it, then put it in place atomically."""
        display = str(path)
        before = _read(path)
        folder = tempfile.mkdtemp(prefix="jpfr-serve-")
        try:
            scratch = Path(folder) / path.name
            scratch.write_bytes(before)
            try:
                changed = edit_clauses(scratch, display=display, **args)
            except ValueError as exc:  # lxml refuses a string it cannot serialise
                raise Invalid(f"the text cannot be stored in XML: {exc}") from None
            if not changed:
                return []
            after = scratch.read_bytes()
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        old = {v.message for v in validate(parse_xml(before, display))}
        new = [v for v in validate(parse_xml(after, display)) if v.message not in old]
        if new:
            msg = re.sub(r"\{[^}]*\}", "", new[0].message).rstrip(".")
            raise Invalid(f"refused, the file would not be valid: {msg}; nothing was written")
        atomic_write(path, after)
        return changed

    # -- suggestions ----------------------------------------------------

    def others(self, doc_id: str) -> list[DocState]:
        """Every other document that loads (one that does not is left out of suggestions)."""
        out = []
        for other in self.doc_ids():
            if other == doc_id:
                continue
            try:
                out.append(self.document(other))
            except AccordError:
                continue
        return out


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror or exc}", Location(str(path))) from None


def _version(datas) -> str:
    h = hashlib.sha256()
    for data in datas:
        h.update(hashlib.sha256(data).digest())
    return h.hexdigest()[:32]


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only (127.0.0.0/8, ::1, localhost)."""
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


__all__ = ["Conflict", "DocState", "Invalid", "Listing", "NotFound", "WorkbenchError", "Workspace", "clause_states",
           "is_loopback", "review_state"]
