"""Find the language versions of each document and pair them.

Stage: load. Imports ``errors``, ``model`` and ``load.xml``.

The corpus layout is ``<corpus>/<lang>/<doc-id>.xml``. The version whose root has
no ``source-lang`` is the source; every other language version is a translation
of it, and makes one ``AlignedDocument`` with it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LoadError, Location, SchemaError, Severity
from ..model import AlignedDocument, Document, Finding
from .reader import check_language_folders
from .xml import load_document


@dataclass
class LoadedCorpus:
    """What loading a set of paths gave: the pairs, lone documents and load findings."""

    pairs: list[AlignedDocument] = field(default_factory=list)
    singles: list[Document] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def _display(path: Path) -> str:
    """The path to show: relative to the working folder when inside it (links not followed)."""
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(Path(os.path.abspath(Path.cwd()))))
    except ValueError:
        return str(path)


def discover(paths: list[str | Path]) -> list[list[Path]]:
    """Group the XML files under ``paths`` by document: the files sharing a name
    in sibling language folders of one corpus. A file named directly brings its
    siblings along, so that ``jpfr check corpus/fr/X.xml`` still checks the pair.

    Raises:
        LoadError: a path does not exist.
    """
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            check_language_folders(p)
            files.extend(sorted(p.glob("*/*.xml")) or sorted(p.glob("*.xml")))
        elif p.exists() or p.is_symlink():
            files.append(p)
            root = p.parent.parent
            if p.parent.name and root.is_dir():
                check_language_folders(root)
                files.extend(sorted(root.glob(f"*/{p.name}")))
        else:
            raise LoadError("no such file or directory", Location(str(raw)))
    groups: dict[tuple[Path, str], list[Path]] = {}
    for f in files:
        _refuse_escape(f)
        key = (f.parent.parent.resolve(), f.name)
        group = groups.setdefault(key, [])
        if all(f.resolve() != g.resolve() for g in group):
            group.append(f)
    return [sorted(g, key=lambda p: p.parent.name) for _, g in sorted(groups.items(), key=lambda kv: str(kv[0]))]


def _refuse_escape(f: Path) -> None:
    """A corpus file that resolves outside its corpus folder (the file, or its language
    folder, is a link pointing elsewhere) is refused: the toolkit reads nothing
    outside the project it is pointed at."""
    root = f.parent.parent.resolve()
    target = f.resolve()
    if not target.is_relative_to(root):
        raise LoadError("symbolic link points outside the corpus; refused", Location(_display(f)))


def _pair_group(docs: list[Document], out: LoadedCorpus) -> None:
    sources = [d for d in docs if d.source_lang is None]
    targets = [d for d in docs if d.source_lang is not None]
    if len(sources) != 1:
        what = "no source version (every file has source-lang)" if not sources else "several source versions"
        for d in docs:
            out.findings.append(
                Finding(code="ALN010", name="no-source-version", severity=Severity.ERROR, file=d.path,
                        line=d.loc.line if d.loc else None, lang=d.lang,
                        message=f"document {d.id!r} has {what}; exactly one file must omit source-lang")
            )
        out.singles.extend(docs)
        return
    source = sources[0]
    if not targets:
        out.singles.append(source)
    for t in targets:
        out.pairs.append(AlignedDocument(source=source, target=t))


def load_aligned(paths: list[str | Path]) -> LoadedCorpus:
    """Load and pair every document under ``paths``.

    Raises:
        LoadError: a file cannot be read (the first one met).
    """
    out = LoadedCorpus()
    for group in discover(paths):
        docs = []
        for f in group:
            doc, findings = load_document(f, _display(f))
            out.findings.extend(findings)
            docs.append(doc)
        _pair_group(docs, out)
    return out


def known_documents(corpus: str | Path) -> list[str]:
    """The document ids that have at least one language version under ``corpus``."""
    root = Path(corpus)
    try:
        return sorted({f.stem for f in root.glob("*/*.xml") if f.parent.name.isascii()})
    except OSError:
        return []


def _unknown_document(doc_id: str, corpus: Path, missing: str) -> str:
    import difflib

    known = known_documents(corpus)
    if not known:
        return f"{missing}: the corpus {str(corpus)!r} holds no document (corpus/<lang>/<DOC_ID>.xml)"
    near = difflib.get_close_matches(doc_id, known, n=1, cutoff=0.6)
    hint = f"; did you mean {near[0]!r}?" if near else ""
    listed = ", ".join(repr(k) for k in known[:10]) + (f" and {len(known) - 10} more" if len(known) > 10 else "")
    return f"{missing} (known: {listed}){hint}"


def load_pair(doc_id: str, corpus: str | Path = "corpus", target_lang: str = "fr") -> AlignedDocument:
    """Load ``<corpus>/<source>/<doc_id>.xml`` and ``<corpus>/<target_lang>/<doc_id>.xml``.

    A version that breaks the schema is refused (its model could not be trusted):
    to get every finding, schema errors included, use ``jpfr_accord.check``.

    Raises:
        LoadError: the document or one of its versions is missing or unreadable
            (the message lists the known ids and suggests the nearest).
        SchemaError: a version breaks the corpus schema (the first problem, with its line).
    """
    from ..model import DOC_ID_PATTERN
    import re

    if not re.fullmatch(DOC_ID_PATTERN.strip("^$"), doc_id):
        raise LoadError(f"invalid document id {doc_id!r} (lowercase letters, digits, '.', '_' and '-' only)")
    corpus = Path(corpus)
    target_file = corpus / target_lang / f"{doc_id}.xml"
    if not target_file.exists():
        others = [p for p in corpus.glob(f"*/{doc_id}.xml") if p.parent.name != target_lang]
        if others:
            raise LoadError(f"no {target_lang} version of document {doc_id!r}", Location(_display(target_file)))
        raise LoadError(_unknown_document(doc_id, corpus, f"no document {doc_id!r} in the corpus"), Location(_display(corpus)))
    loaded = load_aligned([target_file])
    schema = [f for f in loaded.findings if f.severity is Severity.ERROR]
    if schema:
        first = schema[0]
        more = f" (and {len(schema) - 1} more; 'jpfr check' lists them)" if len(schema) > 1 else ""
        raise SchemaError(f"{first.message}{more}", Location(first.file, first.line))
    for pair in loaded.pairs:
        if pair.target.lang == target_lang or pair.source.lang == target_lang:
            return pair
    raise LoadError(f"document {doc_id!r} has no source version to pair with", Location(_display(target_file)))
