"""What every exporter shares: the ``Exporter`` base class and safe output writing.

Stage: export. Imports ``errors``, ``model``.

An exporter turns an ``AlignedDocument`` into named byte strings in memory
(``build``); ``write`` then puts them on disk all at once: every file is first
written to a temporary file beside its destination, and only when all of them
are complete are they renamed into place, so a failure leaves no half-written
output behind.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar, NamedTuple

from lxml import etree

from ..errors import ExportError, LoadError, Location
from ..load.write import atomic_write_many
from ..model import AlignedDocument, Clause, Document, Finding, Section


class Exporter:
    """One interchange format.

    Attributes:
        name: the format name used on the command line (``--to NAME``).
        suffix: file name suffix of each output file.
        media_type: IANA media type of the output.
        per_language: True when the format writes one file per language into a
            folder; False for a bilingual file.
    """

    name: ClassVar[str]
    suffix: ClassVar[str]
    media_type: ClassVar[str]
    per_language: ClassVar[bool] = False

    def __init__(self, findings: list[Finding] | None = None) -> None:
        #: diagnostics from ``jpfr check``, for the formats that can carry them
        self.findings = list(findings or ())

    def build(self, pair: AlignedDocument) -> dict[str, bytes]:
        """The output files, by file name, in memory (per-language formats:
        ``<doc-id>.<lang><suffix>`` for each version, from :meth:`build_language`)."""
        if self.per_language:
            return {
                f"{pair.id}.{doc.lang}{self.suffix}": self.build_language(pair, doc)
                for doc in (pair.source, pair.target)
            }
        raise NotImplementedError

    def build_language(self, pair: AlignedDocument, doc: Document) -> bytes:
        """The file of one language version ``doc`` of ``pair`` (per-language formats)."""
        raise NotImplementedError

    def write(self, pair: AlignedDocument, dest: str | Path) -> list[Path]:
        """Export ``pair`` to ``dest`` and return the files written.

        ``dest`` is a folder for per-language formats. For bilingual formats it
        is the output file, unless it is an existing folder, ends with a path
        separator or has no file suffix (``build/release``, ``releases/1.2.0``:
        a numeric suffix is a version, not a file type), in which case
        ``<doc-id><suffix>`` is written inside it.

        Raises:
            ExportError: the document cannot be expressed in the format, or the
                output cannot be written.
        """
        files = self.build(pair)
        dest_str = str(dest)
        dest = Path(dest)
        if self.per_language or dest.is_dir() or dest_str.endswith(("/", os.sep)) or not _has_file_suffix(dest):
            if dest.exists() and not dest.is_dir():
                raise ExportError(f"{self.name} writes one file per language; -o must be a folder", Location(dest_str))
            targets = {dest / name: data for name, data in files.items()}
        else:
            (data,) = files.values()
            targets = {dest: data}
        return write_files(targets)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while an export builds.

    Building a large export allocates hundreds of thousands of small acyclic
    objects (element proxies, tuples); each allocation burst makes the
    collector walk every live object, the whole model included, which made a
    100,000-clause export several times slower (bench/export_bench.py).
    Reference counting still frees everything at once; the collector is
    switched back on, if it was on, when the block ends, even on error.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _has_file_suffix(path: Path) -> bool:
    return bool(path.suffix) and not path.suffix[1:].isdigit()


def write_files(files: dict[Path, bytes]) -> list[Path]:
    """Write several files all-or-nothing (``load.atomic_write_many``): every file
    is fully written before any is put in place.

    Raises:
        ExportError: a file cannot be written (nothing is left behind).
    """
    for dest in files:
        if dest.is_dir():
            raise ExportError("is a folder, expected a file name", Location(str(dest)))
    try:
        return atomic_write_many(files)
    except LoadError as exc:
        raise ExportError(exc.message, exc.loc) from None


XML_PROLOG = b'<?xml version="1.0" encoding="UTF-8"?>\n'


def xml_bytes(root: etree._Element, inline: frozenset[str] = frozenset()) -> bytes:
    """Serialise an export tree once: UTF-8, XML declaration, two-space indent.

    ``etree.indent`` only adds whitespace to elements that have children; in
    the elements whose qualified tag is in ``inline`` (mixed content, such as
    an AKN ``p`` holding a ``docTitle``), that whitespace would change the
    text, so it is taken out again.
    """
    etree.indent(root, space="  ")
    if inline:
        for el in root.iter(*inline):
            if len(el):
                _unindent(el)
    return XML_PROLOG + etree.tostring(root, encoding="UTF-8") + b"\n"


def _unindent(el: etree._Element) -> None:
    if el.text is not None and not el.text.strip():
        el.text = None
    for child in el.iterdescendants():
        if child.text is not None and not child.text.strip() and len(child):
            child.text = None
        if child.tail is not None and not child.tail.strip():
            child.tail = None


class TextUnit(NamedTuple):
    """A translatable text and its counterpart: the title, a heading or a clause."""

    kind: str  # "title" | "heading" | "clause"
    id: str
    source: str | None
    target: str | None
    source_clause: Clause | None = None
    target_clause: Clause | None = None


def paired_units(pair: AlignedDocument) -> Iterator[TextUnit]:
    """The title, headings and clauses present in both languages, in source
    order, paired by id (never by position); the first of duplicated ids wins."""
    from .namespaces import HEADING_SUFFIX, TITLE_ID

    src, tgt = pair.source, pair.target
    yield TextUnit("title", TITLE_ID, src.meta.title, tgt.meta.title)
    index = tgt.index()
    seen: set[str] = set()
    for node in src.iter_nodes():
        node_id = node.id
        if node_id in seen:
            continue
        seen.add(node_id)
        other = index.get(node_id)
        if isinstance(node, Clause):
            if isinstance(other, Clause):
                yield TextUnit("clause", node_id, node.text, other.text, node, other)
        elif isinstance(node, Section) and isinstance(other, Section) and node.heading and other.heading:
            yield TextUnit("heading", node_id + HEADING_SUFFIX, node.heading.text, other.heading.text)


def paired_clauses(pair: AlignedDocument) -> list[tuple[Clause, Clause]]:
    """Clauses present in both languages, in source order, paired by id (the
    first of duplicated ids wins): ``AlignedDocument.clause_pairs`` in one
    direct walk of each document, for the exporters that run once per clause."""
    index: dict[str, Clause] = {}
    for para in pair.target.paragraphs:
        for clause in para.clauses:
            index.setdefault(clause.id, clause)
    out: list[tuple[Clause, Clause]] = []
    seen: set[str] = set()
    for para in pair.source.paragraphs:
        for clause in para.clauses:
            if clause.id not in seen:
                seen.add(clause.id)
                other = index.get(clause.id)
                if other is not None:
                    out.append((clause, other))
    return out


def joiner(lang: str) -> str:
    """What separates two clauses of one paragraph in running text: nothing in
    Japanese and Chinese (no spaces between sentences), a space elsewhere."""
    return "" if lang in ("ja", "zh") else " "
