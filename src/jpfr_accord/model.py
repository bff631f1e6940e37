"""The model: the single in-memory truth of a bilingual declaration.

Stage: model. Imports only ``errors``; no lxml, no I/O.

``Document`` is one language version; ``AlignedDocument`` is the pair, keyed by
language, with its nodes paired by ``eId`` only (never by position). Unpaired
nodes stay in the model so that checks can report them. The JSON dump of these
models is the toolkit's native format (``jpfr dump``) and is described by
``schema/declaration.schema.json``, generated from them.

The classes are frozen standard-library dataclasses described for Pydantic
(constraints in ``Annotated`` metadata, ``__pydantic_config__``): Pydantic
validates them wherever data comes from outside an XSD-validated file
(``validate``: text import, JSON) and writes their JSON and JSON Schema
(``dump_json``, ``adapter``), but it is imported only then. Building the model from
a schema-valid file needs no validation, so ``jpfr check`` neither imports
Pydantic's machinery nor pays a validator per clause.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from collections.abc import Callable
from typing import Any, Annotated, Literal, TypeVar, Union, dataclass_transform

from .errors import Location, Severity

#: Closed vocabulary of diplomatic acts a clause's predicate may express.
ACTS: tuple[str, ...] = (
    "recognize",
    "note",
    "confirm",
    "reaffirm",
    "stress",
    "agree",
    "welcome",
    "support",
    "call-for",
    "express",
    "commit",
    "decide",
    "intend",
    "share",
    # grown for official texts (issue #12): 確信する / « sont convaincus »,
    # 想起する / « rappellent », 採択する / « adoptent »
    "convinced",
    "recall",
    "adopt",
)
Act = Literal[
    "recognize", "note", "confirm", "reaffirm", "stress", "agree", "welcome",
    "support", "call-for", "express", "commit", "decide", "intend", "share",
    "convinced", "recall", "adopt",
]

STATUSES: tuple[str, ...] = ("authentic", "official-translation", "working-translation", "draft")
Status = Literal["authentic", "official-translation", "working-translation", "draft"]

#: Akoma Ntoso style eId: components ``name`` or ``name_num`` joined by ``__``.
EID_PATTERN = r"^[a-z][a-z0-9]*(_[A-Za-z0-9]+)?(__[a-z][a-z0-9]*(_[A-Za-z0-9]+)?)*$"
LANG_PATTERN = r"^[a-z]{2,3}$"
ACTOR_PATTERN = r"^(both|all|[a-z]{2,3})$"
HASH_PATTERN = r"^sha256:[0-9a-f]{64}$"
DOC_ID_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,99}$"
CODE_PATTERN = r"^[A-Z]{3}[0-9]{3}$"

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")  # Unicode Cc, Zl, Zp


def _one_line(text: str) -> str:
    """Escape line breaks and other control characters (``\\n``, ``\\x85``, ``\\u2028``): a
    message quoting a value from the corpus stays one grep-able line."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class _Str:
    """Constraints on a string field, for Pydantic: a pattern, a minimum length.
    They apply when Pydantic validates and appear in the JSON
    Schema; the lazy import keeps Pydantic out of a process that only reads XML."""

    __slots__ = ("pattern", "min_length")

    def __init__(self, pattern: str | None = None, *, min_length: int | None = None) -> None:
        self.pattern, self.min_length = pattern, min_length

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.str_schema(pattern=self.pattern, min_length=self.min_length)


class _Int:
    """Bounds on an integer field, for Pydantic (like ``_Str``: built only when Pydantic validates)."""

    __slots__ = ("ge",)

    def __init__(self, *, ge: int) -> None:
        self.ge = ge

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.int_schema(ge=self.ge, strict=True)


class _Described:
    """A description for the JSON Schema of a field."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> Any:
        return {**handler(schema), "description": self.text}


#: Text exactly as the authority wrote it: never normalised in storage (NFC would
#: rewrite CJK compatibility ideographs such as 神 U+FA19 used in names); comparison,
#: hashing and display normalise (``normalize_text``), and rule UNI001 reports it.
Text = Annotated[str, _Str()]
EId = Annotated[str, _Str(EID_PATTERN)]
Lang = Annotated[str, _Str(LANG_PATTERN)]
NonEmpty = Annotated[str, _Str(min_length=1)]
Code = Annotated[str, _Str(CODE_PATTERN)]

#: Frozen, slotted (a 100,000-clause corpus is 100,000 objects a language),
#: keyword-only (a subclass adds required fields after the base's optional ``loc``).
_FROZEN = dict(frozen=True, slots=True, kw_only=True)
_T = TypeVar("_T")


@dataclass_transform(frozen_default=True, kw_only_default=True)
def _model(cls: type[_T]) -> type[_T]:
    """``@dataclass(**_FROZEN)``, spelled so that type checkers know it (PEP 681)."""
    return dataclass(**_FROZEN)(cls)


#: What Pydantic reads on a standard dataclass: unknown keys are refused.
_PYDANTIC = {"extra": "forbid"}


@_model
class SourceLoc:
    """Where a node was read from: the path as given, and its 1-based line."""

    __pydantic_config__ = _PYDANTIC
    path: str
    line: int | None = None

    def location(self) -> Location:
        return Location(self.path, self.line)


@_model
class Node:
    __pydantic_config__ = _PYDANTIC
    loc: Annotated[SourceLoc | None, _Described("source position, not part of the content")] = None


@_model
class Clause(Node):
    """One sentence-level statement or commitment."""

    kind: Literal["clause"] = "clause"
    id: EId
    text: Text
    actor: Annotated[str, _Str(ACTOR_PATTERN)] | None = None
    acts: tuple[Act, ...] = ()
    src: Annotated[str, _Str(HASH_PATTERN)] | None = None
    ignore: tuple[Code, ...] = ()
    ignore_reason: str | None = None

    @property
    def is_commitment(self) -> bool:
        return bool(self.acts)


@_model
class Paragraph(Node):
    """A paragraph; ``num`` is its own number when the text numbers it (``1.``, ``(2)``):
    the number as a reader cites it (``1``, ``(2)``), while the clause text keeps it as written."""

    kind: Literal["para"] = "para"
    id: EId
    num: Annotated[str, _Str(min_length=1)] | None = None
    clauses: tuple[Clause, ...] = ()


@_model
class Heading(Node):
    """A section's heading. ``src``, on a translated heading, is the hash of the
    normalised source-language heading it was last reviewed against, as on a clause."""

    text: Text
    src: Annotated[str, _Str(HASH_PATTERN)] | None = None


@_model
class Section(Node):
    """A heading and the paragraphs under it. Sections are listed flat, in document
    order; ``level`` says how deep the heading is (1 for ``1.``, 2 for a ``(1)`` under
    it…), so a sub-section is the next section with a greater level. ``num`` is empty
    for an unnumbered heading."""

    kind: Literal["section"] = "section"
    id: EId
    num: str
    level: Annotated[int, _Int(ge=1)] = 1
    heading: Heading | None = None
    paragraphs: tuple[Paragraph, ...] = ()


@_model
class Preamble(Node):
    paragraphs: tuple[Paragraph, ...] = ()


@_model
class Meta(Node):
    """Descriptive metadata. Everything but the title is optional and never invented."""

    title: NonEmpty
    title_loc: SourceLoc | None = None
    subtitle: Text | None = None
    #: the date line as written (``2014年1月9日、パリ``); ``date`` and ``place`` hold what it states
    dateline: Text | None = None
    date: Annotated[str, _Str(r"^\d{4}-\d{2}-\d{2}$")] | None = None
    place: Text | None = None
    parties: tuple[Text, ...] = ()
    signatories: tuple[Text, ...] = ()
    provenance: Text | None = None


@_model
class Document(Node):
    """One language version of a declaration."""

    id: Annotated[str, _Str(DOC_ID_PATTERN)]
    lang: Lang
    status: Status
    source_lang: Lang | None = None
    version: str | None = None
    meta: Meta
    preamble: Preamble | None = None
    sections: tuple[Section, ...] = ()

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        pre = self.preamble.paragraphs if self.preamble else ()
        return pre + tuple(p for s in self.sections for p in s.paragraphs)

    def iter_nodes(self) -> Iterator[Section | Paragraph | Clause]:
        """Every node with an id, in document order (sections, paragraphs, clauses)."""
        if self.preamble:
            for para in self.preamble.paragraphs:
                yield para
                yield from para.clauses
        for sec in self.sections:
            yield sec
            for para in sec.paragraphs:
                yield para
                yield from para.clauses

    def clauses(self) -> Iterator[Clause]:
        for node in self.iter_nodes():
            if isinstance(node, Clause):
                yield node

    def index(self) -> dict[str, Section | Paragraph | Clause]:
        """Nodes by id; the first one wins when ids are duplicated (a check reports it)."""
        out: dict[str, Section | Paragraph | Clause] = {}
        for node in self.iter_nodes():
            out.setdefault(node.id, node)
        return out

    @property
    def path(self) -> str:
        return self.loc.path if self.loc else f"<{self.lang}>"


AnyNode = Union[Section, Paragraph, Clause]


@_model
class AlignedDocument:
    """A source document and its translation, paired by ``eId``."""

    __pydantic_config__ = _PYDANTIC
    source: Document
    target: Document

    @property
    def id(self) -> str:
        return self.source.id

    @property
    def languages(self) -> tuple[str, str]:
        return (self.source.lang, self.target.lang)

    def __getitem__(self, lang: str) -> Document:
        for doc in (self.source, self.target):
            if doc.lang == lang:
                return doc
        raise KeyError(lang)

    def other(self, lang: str) -> Document:
        return self.target if lang == self.source.lang else self.source

    def pairs(self) -> Iterator[tuple[str, AnyNode | None, AnyNode | None]]:
        """(id, source node, target node) in source order, then target-only nodes."""
        src_index, tgt_index = self.source.index(), self.target.index()
        for node_id, node in src_index.items():
            yield node_id, node, tgt_index.get(node_id)
        for node_id, node in tgt_index.items():
            if node_id not in src_index:
                yield node_id, None, node

    def clause_pairs(self) -> Iterator[tuple[Clause, Clause]]:
        """Clauses present on both sides, in source order."""
        for _, a, b in self.pairs():
            if isinstance(a, Clause) and isinstance(b, Clause):
                yield a, b

    def counterpart(self, node: AnyNode, lang: str) -> AnyNode | None:
        """The node with the same id in the other language than ``lang``."""
        return self.other(lang).index().get(node.id)

    def unpaired(self, lang: str) -> Iterator[AnyNode]:
        """Nodes of ``lang`` whose id does not exist in the other language."""
        mine, theirs = self[lang].index(), self.other(lang).index()
        for node_id, node in mine.items():
            if node_id not in theirs:
                yield node


@_model
class Finding:
    """One diagnostic about the corpus (the *data* channel; exceptions are the other).

    The message is kept on one line (control characters escaped) and the severity
    is a ``Severity`` whatever was passed (``"error"`` is accepted). ``span``, when a
    rule knows it, is the (start, end) character offsets of the offending words in
    the stored text of the clause (or heading) ``eId`` names: renderers highlight it."""

    __pydantic_config__ = _PYDANTIC
    code: Code
    name: str
    severity: Severity
    file: str
    line: int | None = None
    eId: str | None = None
    lang: str | None = None
    message: str
    span: Annotated[
        tuple[int, int] | None,
        _Described("(start, end) character offsets of the offending words in the stored text of the clause or heading"),
    ] = None

    def __post_init__(self) -> None:
        if not isinstance(self.severity, Severity):
            object.__setattr__(self, "severity", Severity(self.severity))
        if _CONTROL.search(self.message):
            object.__setattr__(self, "message", _one_line(self.message))

    def to_json(self) -> dict[str, Any]:
        """The finding as JSON-ready values (the ``--format json`` record)."""
        out = {**{f.name: getattr(self, f.name) for f in dataclasses.fields(self)}, "severity": self.severity.value}
        out["span"] = list(self.span) if self.span is not None else None
        return out

    @property
    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.code, self.eId or "")

    def format_text(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity.value} {self.code} {self.message} [{self.name}]"


Diagnostic = Finding

M = TypeVar("M")


def _adapter(cls: Any) -> Any:
    """Pydantic's ``TypeAdapter`` for a model class (or a union of them), built once."""
    from pydantic import TypeAdapter

    return TypeAdapter(cls)


adapter: Callable[[Any], Any] = functools.cache(_adapter)


def validate(cls: type[M], data: Any) -> M:
    """``data`` (a dict from JSON, or a model object built in code) validated by
    Pydantic into a ``cls``: patterns, closed vocabularies, NFC text; raises
    ``pydantic.ValidationError``."""
    if dataclasses.is_dataclass(data) and not isinstance(data, type):
        data = _as_dict(data)
    return adapter(cls).validate_python(data)


def _as_dict(obj: Any) -> Any:
    """``dataclasses.asdict`` keeping tuples as tuples and enums as they are."""
    if dataclasses.is_dataclass(obj):
        return {f.name: _as_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, tuple):
        return tuple(_as_dict(x) for x in obj)
    return obj


def dump_python(obj: Any, *, mode: str = "python", exclude: Any = None) -> Any:
    """The model object as plain values (``mode="json"``: JSON-ready)."""
    return adapter(type(obj)).dump_python(obj, mode=mode, exclude=exclude)


def dump_json(obj: Any, *, indent: int | None = None, exclude: Any = None) -> str:
    """The model object as JSON text (UTF-8 characters kept, not escaped)."""
    return adapter(type(obj)).dump_json(obj, indent=indent, exclude=exclude).decode("utf-8")


replace = dataclasses.replace


def normalize_text(text: str) -> str:
    """The normalisation a source hash is taken on: NFC, whitespace runs folded, trimmed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def text_hash(text: str) -> str:
    """``sha256:<hex>`` of the normalised text, as stored in a translated clause's ``src``."""
    return "sha256:" + hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()
