"""The rule registry: every check rule, its code, name, severity and docs.

Stage: checks. Imports ``errors`` and ``model``.

A rule is a pure function decorated with :func:`rule`; it takes the model (and
the check context) and yields :class:`Hit`s, which the runner turns into
findings. Codes are a family prefix plus three digits and are never reused:
a renamed rule keeps its old code as an alias, retired codes stay in
:data:`RETIRED`.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from ..errors import Severity, UnknownFormatError
from ..model import CODE_PATTERN

#: Codes that existed once and must never be given to another rule.
RETIRED: dict[str, str] = {}

FAMILIES = {
    "XML": "schema validity of each file",
    "ALN": "alignment of the language versions",
    "STR": "structure of one language version",
    "NUM": "numbering of sections, paragraphs and clauses",
    "CMT": "commitments: acts and actors",
    "ENT": "entities: numbers, dates, names, symbols, quotations",
    "TRM": "terminology against the glossary",
    "REV": "revision: stale and unreviewed translations",
    "TYP": "typography",
    "LEN": "length of clauses",
    "SUP": "inline suppressions",
    "GRM": "French grammar through Grammalecte (off by default)",
    "UNI": "Unicode form of the stored text",
}

#: Said of a pair finding when both versions are authentic: neither can simply be
#: corrected to the other, so it is a discrepancy, not a translation error.
AUTHENTIC = "discrepancy between authentic texts"


def both_authentic(doc: Any) -> bool:
    """Whether both versions of an aligned pair are authentic (an official pair)."""
    return getattr(doc.source, "status", None) == "authentic" and getattr(doc.target, "status", None) == "authentic"


#: Families whose findings on an authentic text describe the authority's text: notices.
DESCRIPTIVE_ON_AUTHENTIC = ("TYP", "GRM")


def _framed(func: Callable[..., Iterable[Hit]], scope: str, code: str) -> Callable[..., Iterable[Hit]]:
    """The rule, with its pair findings named as discrepancies between authentic texts
    when both versions are authentic, and its typography findings on an authentic
    text made notices (that text is as the authority wrote it)."""
    if scope == "document" and code[:3] in DESCRIPTIVE_ON_AUTHENTIC:

        def describe(document: Any, *args: Any, **kwargs: Any) -> Iterator[Hit]:
            authentic = getattr(document, "status", None) == "authentic"
            for hit in func(document, *args, **kwargs):
                yield dataclasses.replace(hit, severity=Severity.INFO) if authentic and hit.severity is None else hit

        describe.__wrapped__ = func  # type: ignore[attr-defined]
        return describe
    if scope != "pair":
        return func

    def run(doc: Any, *args: Any, **kwargs: Any) -> Iterator[Hit]:
        if not both_authentic(doc):
            yield from func(doc, *args, **kwargs)
            return
        for hit in func(doc, *args, **kwargs):
            if AUTHENTIC not in hit.message:
                hit = dataclasses.replace(hit, message=f"{hit.message} ({AUTHENTIC})")
            yield hit

    run.__wrapped__ = func  # type: ignore[attr-defined]
    return run

LANG_NAMES = {"ja": "Japanese", "fr": "French", "en": "English"}


def lang_name(lang: str | None) -> str:
    return LANG_NAMES.get(lang or "", lang or "?")


@dataclass(frozen=True)
class Hit:
    """What a rule found: the node (or document) concerned, its language, the message.

    ``eid`` overrides the node's id (for findings on a document-level element);
    ``span`` is the (start, end) character offsets of the offending words in the
    node's stored text (a clause's or heading's), when the rule knows them.
    """

    lang: str
    node: Any
    message: str
    eid: str | None = None
    span: tuple[int, int] | None = None
    #: a severity for this finding only (a typography finding on an authentic text
    #: is a notice); a severity set in the configuration for the code still wins
    severity: Severity | None = None


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    func: Callable[..., Iterable[Hit]] | None
    scope: Literal["pair", "document", "load"]
    aliases: tuple[str, ...] = ()
    doc: str = field(default="", repr=False)
    #: What the rule's findings depend on (see :func:`rule`); the runner caches
    #: and splits the work accordingly. "document" is always safe.
    reads: Literal["clause", "document"] = "document"
    #: Bumped by hand when the rule's logic changes in a way the cache cannot see
    #: (the cache also keys on the checks package's own source and data).
    version: str = "1"

    @property
    def family(self) -> str:
        return self.code[:3]

    @property
    def summary(self) -> str:
        for line in self.doc.splitlines():
            if line.strip().lower().startswith("what:"):
                return line.split(":", 1)[1].strip()
        return self.doc.strip().splitlines()[0] if self.doc.strip() else ""

    def sections(self) -> dict[str, str]:
        """The What / Why / Example / Fix sections of the docstring."""
        out: dict[str, str] = {}
        current = None
        for line in self.doc.splitlines():
            m = re.match(r"\s*(What|Why|Example|Fix):\s*(.*)", line)
            if m:
                current = m.group(1)
                out[current] = m.group(2)
            elif current:
                out[current] += "\n" + line.strip()
        return {k: v.strip() for k, v in out.items()}


class Registry:
    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}
        self._names: dict[str, str] = {}

    def register(self, r: Rule) -> None:
        if not re.match(CODE_PATTERN, r.code) or r.family not in FAMILIES:
            raise ValueError(f"bad rule code {r.code!r}")
        for code in (r.code, *r.aliases):
            if code in self._rules or code in self._names or code in RETIRED:
                raise ValueError(f"rule code {code!r} is registered twice or retired")
        if r.name in self._names:
            raise ValueError(f"rule name {r.name!r} is registered twice")
        self._rules[r.code] = r
        self._names[r.name] = r.code
        for alias in r.aliases:
            self._names[alias] = r.code

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self._rules.values(), key=lambda r: r.code))

    def __len__(self) -> int:
        return len(self._rules)

    def get(self, key: str) -> Rule:
        """A rule by code, name or alias.

        Raises:
            UnknownFormatError: no such rule.
        """
        code = key if key in self._rules else self._names.get(key)
        if code is None:
            raise UnknownFormatError("rule", key, list(self._rules))
        return self._rules[code]

    def match(self, selector: str) -> list[Rule]:
        """Rules selected by a code, a code prefix (``ALN``, ``ALN0``), a name or ``ALL``."""
        if selector.upper() == "ALL":
            return list(self)
        if selector in self._names or selector in self._rules:
            return [self.get(selector)]
        found = [r for r in self if r.code.startswith(selector.upper())]
        if not found:
            raise UnknownFormatError("rule or prefix", selector, list(self._rules))
        return found


REGISTRY = Registry()


def rule(
    code: str,
    name: str,
    severity: Severity,
    *,
    aliases: tuple[str, ...] = (),
    reads: Literal["clause", "document"] = "document",
    version: str = "1",
) -> Callable:
    """Register a rule. The function's first parameter decides its scope: an
    ``AlignedDocument`` (``doc``) for pair rules, a ``Document`` (``document``)
    for rules about one language version.

    ``reads`` declares what its findings depend on, for the result cache and
    parallel checking (``checks.cache``):

    - ``"document"`` (the default, always safe): anything in the document or pair;
      the rule runs on the whole of it, and its cached result serves only while
      the whole document (or pair) is unchanged.
    - ``"clause"``: a finding about a clause depends only on that clause (for a
      pair rule: on the clause and its counterpart, both texts and attributes),
      the documents' own attributes (id, languages, status, path), the glossary
      and the configuration; a finding about anything else (the title, a
      heading, a section, a document) depends on no clause. The runner may then
      run the rule on a document (or pair) holding only some of the clauses, the
      title and the section headings, and cache each clause's findings on their
      own; findings on the rest come from a run without any clause. A rule
      reading its clauses through ``ctx.clause_pairs(doc)`` / ``doc.clause_pairs()``
      (or ``doc.pairs()``) and looking at one pair at a time qualifies; one that
      compares clauses with each other (numbering, distributions, counts over
      the document) does not. A finding on a paragraph or the preamble is not
      allowed: the runner notices it and runs the rule on whole documents.
    """

    def deco(func: Callable[..., Iterable[Hit]]) -> Callable[..., Iterable[Hit]]:
        first = next(iter(inspect.signature(func).parameters))
        scope: Literal["pair", "document"] = "document" if first == "document" else "pair"
        if reads not in ("clause", "document"):
            raise ValueError(f"rule {code}: reads must be 'clause' or 'document', not {reads!r}")
        REGISTRY.register(
            Rule(code, name, severity, _framed(func, scope, code), scope, aliases, inspect.getdoc(func) or "", reads=reads, version=version)
        )
        return func

    return deco


def load_rule(code: str, name: str, severity: Severity, doc: str) -> None:
    """Register a rule whose findings the loader produces while reading a file
    (schema validity, pairing of files): it has a code, docs, a severity and can
    be selected or ignored like any rule, but no function of its own."""
    REGISTRY.register(Rule(code, name, severity, None, "load", (), inspect.cleandoc(doc)))
