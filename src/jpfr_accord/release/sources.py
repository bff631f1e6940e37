"""What ``jpfr diff`` compares: releases, corpus files, or corpus files at a git revision.

Stage: release. Imports ``errors``, ``model``, ``load`` and ``release.changes``.

An operand is one of:

- a release folder (``releases/DOC_ID/1.0.0``): both language versions of its bag;
- a corpus file (``corpus/fr/X.xml``): that language, with its sibling language
  files (``corpus/*/X.xml``) as counterparts;
- a corpus file at a git revision (``corpus/fr/X.xml@HEAD~3``), read with
  ``git show REV:PATH``; revisions starting with ``-`` are refused so that they
  can never be read as options.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import LoadError, Location, ReleaseError
from ..model import Document
from .changes import ChangeSet, compare
from .manifest import SOURCE_DIR

_AT_REV = re.compile(r"^(?P<path>.+\.xml)@(?P<rev>.+)$")


@dataclass
class Operand:
    """One side of a diff: its label, its language versions, and the language named (if any)."""

    label: str
    docs: dict[str, Document]
    focus: str | None = None


def resolve_operand(spec: str) -> Operand:
    """Load one diff operand (see the module docstring).

    Raises:
        ReleaseError: the operand is not a release, a corpus file, or FILE@REV; git fails.
        LoadError: a file cannot be read.
    """
    path = Path(spec)
    match = _AT_REV.match(spec)
    if match and not path.exists():
        return _at_revision(Path(match["path"]), match["rev"], spec)
    if path.is_dir():
        if (path / "bagit.txt").is_file() and (path / "data" / SOURCE_DIR).is_dir():
            return _release(path, spec)
        raise ReleaseError(f"not a release folder (no bagit.txt and data/{SOURCE_DIR}/)", Location(spec))
    if path.is_file():
        return _corpus_file(path, spec)
    raise ReleaseError("no such release folder or corpus file (use FILE@REV for a git revision)", Location(spec))


def _load(path: Path, display: str) -> Document:
    from ..load import load_document

    doc, _ = load_document(path, display)
    return doc


def _release(path: Path, spec: str) -> Operand:
    docs = {}
    for xml in sorted((path / "data" / SOURCE_DIR).glob("*.xml")):
        doc = _load(xml, f"{spec.rstrip('/')}/data/{SOURCE_DIR}/{xml.name}")
        docs[doc.lang] = doc
    if not docs:
        raise ReleaseError(f"the release holds no XML source in data/{SOURCE_DIR}/", Location(spec))
    return Operand(spec, docs)


def _siblings(path: Path) -> list[Path]:
    corpus = path.parent.parent
    return sorted(p for p in corpus.glob(f"*/{path.name}") if p.parent != path.parent)


def _corpus_file(path: Path, spec: str) -> Operand:
    doc = _load(path, spec)
    docs = {doc.lang: doc}
    for sib in _siblings(path):
        try:
            other = _load(sib, str(sib))
        except LoadError:
            continue  # a broken counterpart only loses the counterpart column
        docs.setdefault(other.lang, other)
    return Operand(spec, docs, focus=doc.lang)


#: A corpus received from elsewhere comes with its ``.git/config``, and git runs commands
#: named there (``core.fsmonitor`` on every ``status``, ``gpg.program`` for signatures,
#: ``core.hooksPath`` hooks, an ssh command, a pager): each is turned
#: off on the command line, which takes precedence over every configuration file.
GIT_SAFETY = (
    "-c", "core.fsmonitor=false",
    "-c", "core.hooksPath=/dev/null",
    "-c", "core.pager=cat",
    "-c", "core.untrackedCache=false",
    "-c", "log.showSignature=false",
    "-c", "gpg.program=false",
    "-c", "core.sshCommand=false",
    "-c", "protocol.allow=never",
)


def git_command(cwd: Path, *args: str) -> list[str]:
    """``git -C cwd <safety options> args``: git run without any command from the repository's config."""
    return ["git", "-C", str(cwd), *GIT_SAFETY, *args]


def git_env() -> dict[str, str]:
    """The environment for git: no pager, no prompt, no external diff, no optional locks."""
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") or k in ("GIT_CONFIG_NOSYSTEM",)}
    env.update(GIT_TERMINAL_PROMPT="0", GIT_PAGER="cat", GIT_OPTIONAL_LOCKS="0")
    return env


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(git_command(cwd, *args), capture_output=True, timeout=60, env=git_env())
    except (OSError, subprocess.SubprocessError) as exc:
        raise ReleaseError(f"cannot run git: {exc}") from None


def _check_rev(rev: str, spec: str) -> None:
    if not rev or rev.startswith("-") or any(ch.isspace() or ch in ":\0" for ch in rev):
        raise ReleaseError(f"invalid git revision {rev!r} (it must not start with '-' or contain ':' or spaces)",
                           Location(spec))


def _show(toplevel: Path, rev: str, rel: str) -> bytes | None:
    done = _git(["show", "--end-of-options", f"{rev}:{rel}"], toplevel)
    return done.stdout if done.returncode == 0 else None


def _at_revision(path: Path, rev: str, spec: str) -> Operand:
    _check_rev(rev, spec)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ReleaseError("the folder of this corpus file does not exist", Location(spec))
    top = _git(["rev-parse", "--show-toplevel"], folder)
    if top.returncode != 0:
        raise ReleaseError("not inside a git repository", Location(spec))
    toplevel = Path(top.stdout.decode().strip()).resolve()
    try:
        rel = (folder.resolve() / path.name).relative_to(toplevel).as_posix()
    except ValueError:
        raise ReleaseError("the file is outside the git repository", Location(spec)) from None
    verify = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], toplevel)
    if verify.returncode != 0:
        raise ReleaseError(f"unknown git revision {rev!r}", Location(spec))
    blob = _show(toplevel, rev, rel)
    if blob is None:
        raise ReleaseError(f"{rel} does not exist at revision {rev!r}", Location(spec))
    with tempfile.TemporaryDirectory(prefix="jpfr-diff-") as tmp:
        target = Path(tmp) / path.name
        target.write_bytes(blob)
        doc = _load(target, spec)
        docs = {doc.lang: doc}
        for sib in _siblings(path):
            sib_rel = (sib.parent.resolve() / sib.name).relative_to(toplevel).as_posix()
            data = _show(toplevel, rev, sib_rel)
            if data is None:
                continue
            sib_tmp = Path(tmp) / f"{sib.parent.name}-{sib.name}"
            sib_tmp.write_bytes(data)
            try:
                other = _load(sib_tmp, f"{sib}@{rev}")
            except LoadError:
                continue
            docs.setdefault(other.lang, other)
    return Operand(spec, docs, focus=doc.lang)


def diff_versions(a: str, b: str) -> ChangeSet:
    """Clause-level changes from operand ``a`` to operand ``b``.

    When an operand names one language file, only that language is compared; the
    other languages provide the counterparts shown beside each change.

    Raises:
        ReleaseError: an operand cannot be resolved, or the two are different documents.
        LoadError: a file cannot be read.
    """
    old, new = resolve_operand(a), resolve_operand(b)
    ids = {d.id for d in old.docs.values()} | {d.id for d in new.docs.values()}
    doc_id = sorted(ids)[0]
    if len(ids) > 1:
        doc_id = " / ".join(sorted(ids))
    focus = {f for f in (old.focus, new.focus) if f}
    if len(focus) > 1:
        # name the second file: it is the one compared against the first (and a broken xml:lang is usually there)
        raise ReleaseError(
            f"the two files are different languages ({old.focus} in {a}, {new.focus} here); compare one language at a time",
            Location(b),
        )
    if focus:
        languages = sorted(focus)
    else:
        common = set(old.docs) & set(new.docs)
        languages = sorted(common or (set(old.docs) | set(new.docs)))
        source = next((d.lang for d in new.docs.values() if d.source_lang is None), None)
        languages.sort(key=lambda lang: (lang != source, lang))
    return compare(old.docs, new.docs, doc_id=doc_id, old_label=old.label, new_label=new.label, languages=languages)
