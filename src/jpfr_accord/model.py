"""The model: the single in-memory truth of a bilingual declaration.

Stage: model. Imports only ``errors``; no lxml, no I/O.

``Document`` is one language version; ``AlignedDocument`` is the pair, keyed by
language, with its nodes paired by ``eId`` only (never by position). Unpaired
nodes stay in the model so that checks can report them. The JSON dump of these
models is the toolkit's native format (``jpfr dump``) and is described by
``schema/declaration.schema.json``, generated from them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from typing import Annotated, Literal, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

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
)
Act = Literal[
    "recognize", "note", "confirm", "reaffirm", "stress", "agree", "welcome",
    "support", "call-for", "express", "commit", "decide", "intend", "share",
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

def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _one_line(text: str) -> str:
    """Escape line breaks and other control characters (``\\n``, ``\\x85``, ``\\u2028``): a
    message quoting a value from the corpus stays one grep-able line."""
    return "".join(
        c.encode("unicode_escape").decode("ascii") if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c
        for c in text
    )


#: Text as the authority wrote it, in Unicode NFC (the one normalisation ever applied).
Text = Annotated[str, AfterValidator(_nfc)]
EId = Annotated[str, StringConstraints(pattern=EID_PATTERN)]
Lang = Annotated[str, StringConstraints(pattern=LANG_PATTERN)]
NonEmpty = Annotated[str, StringConstraints(min_length=1), AfterValidator(_nfc)]

# defer_build: validators are built on first validation, which `jpfr check` never
# needs (the loader constructs validated values); start-up stays short.
_FROZEN = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class SourceLoc(BaseModel):
    """Where a node was read from: the path as given, and its 1-based line."""

    model_config = _FROZEN
    path: str
    line: int | None = None

    def location(self) -> Location:
        return Location(self.path, self.line)


class Node(BaseModel):
    model_config = _FROZEN
    loc: SourceLoc | None = Field(default=None, description="source position, not part of the content")


class Clause(Node):
    """One sentence-level statement or commitment."""

    kind: Literal["clause"] = "clause"
    id: EId
    text: Text
    actor: Annotated[str, StringConstraints(pattern=ACTOR_PATTERN)] | None = None
    acts: tuple[Act, ...] = ()
    src: Annotated[str, StringConstraints(pattern=HASH_PATTERN)] | None = None
    ignore: tuple[Annotated[str, StringConstraints(pattern=CODE_PATTERN)], ...] = ()
    ignore_reason: str | None = None

    @property
    def is_commitment(self) -> bool:
        return bool(self.acts)


class Paragraph(Node):
    kind: Literal["para"] = "para"
    id: EId
    clauses: tuple[Clause, ...] = ()


class Heading(Node):
    text: Text


class Section(Node):
    kind: Literal["section"] = "section"
    id: EId
    num: str
    heading: Heading | None = None
    paragraphs: tuple[Paragraph, ...] = ()


class Preamble(Node):
    paragraphs: tuple[Paragraph, ...] = ()


class Meta(Node):
    """Descriptive metadata. Everything but the title is optional and never invented."""

    title: NonEmpty
    title_loc: SourceLoc | None = None
    date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    place: Text | None = None
    parties: tuple[Text, ...] = ()
    signatories: tuple[Text, ...] = ()
    provenance: Text | None = None


class Document(Node):
    """One language version of a declaration."""

    id: Annotated[str, StringConstraints(pattern=DOC_ID_PATTERN)]
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


class AlignedDocument(BaseModel):
    """A source document and its translation, paired by ``eId``."""

    model_config = _FROZEN
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


class Finding(BaseModel):
    """One diagnostic about the corpus (the *data* channel; exceptions are the other)."""

    model_config = _FROZEN
    code: Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
    name: str
    severity: Severity
    file: str
    line: int | None = None
    eId: str | None = None
    lang: str | None = None
    message: Annotated[str, AfterValidator(_one_line)]

    @property
    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.code, self.eId or "")

    def format_text(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity.value} {self.code} {self.message} [{self.name}]"


Diagnostic = Finding


def normalize_text(text: str) -> str:
    """The normalisation a source hash is taken on: NFC, whitespace runs folded, trimmed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def text_hash(text: str) -> str:
    """``sha256:<hex>`` of the normalised text, as stored in a translated clause's ``src``."""
    return "sha256:" + hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()
