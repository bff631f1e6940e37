"""Glossaries of required equivalents, read from TSV or TBX (ISO 30042).

Stage: checks. Imports ``errors``, ``resources``; lxml only inside the TBX reader.

A glossary entry maps a term in one language to its accepted equivalents in the
others, and may list *forbidden* variants (deprecated terms). Three glossaries
are merged for a document: the default one shipped in ``data/glossary/``, the
corpus's own (``<corpus>/glossary.tsv`` or ``glossary.tbx``) and any named by
``glossary = "…"`` in ``[tool.jpfr]``.

TSV format (tab-separated, ``#`` lines are comments): a header naming the
columns; language columns are language codes (``ja``, ``fr``); ``<lang>_forbidden``
lists forbidden variants; ``id``, ``kind`` and ``note`` are optional. Inside a
cell, alternatives are separated by `` / `` and text in parentheses is
explanation, not part of the term (the format of ``reference/glossary.tsv``).

TBX: ``conceptEntry``/``langSec``/``termSec`` (TBX 2019) or
``termEntry``/``langSet``/``tig`` (TBX 2008); a term whose
``administrativeStatus`` (or ``normativeAuthorization``) is deprecated or
superseded is a forbidden variant.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import ConfigError, LoadError, Location
from ..load.xml import parse_xml, read_bytes, strip_external_doctype
from ..resources import data_dir
from .textnorm import drop_spaces_near_cjk

_PARENS = re.compile(r"\s*[(（][^()（）]*[)）]")
_LANG_COLUMN = re.compile(r"^[a-z]{2,3}$")
_FORBIDDEN_COLUMN = re.compile(r"^([a-z]{2,3})_forbidden$")
_NON_LATIN = r"[^\x00-\u024f\s]"
_DEPRECATED = ("deprecated", "superseded", "forbidden")


@lru_cache(maxsize=65536)
def match_form(text: str) -> str:
    """The form terms are matched in: NFKC, ``’`` folded to ``'``, case folded,
    whitespace runs folded, and no space next to a CJK character (so that the
    glossary's ``AIの安全性`` finds the text's ``AI の安全性``)."""
    return drop_spaces_near_cjk(" ".join(unicodedata.normalize("NFKC", text).replace("\u2019", "'").casefold().split()))


_NON_LATIN_RE = re.compile(_NON_LATIN)


def is_latin(term: str) -> bool:
    """True when the term has no character outside Latin script (``OECD``, ``Sakana AI``)."""
    return term.isascii() or _NON_LATIN_RE.search(term) is None


@dataclass(frozen=True)
class Entry:
    """One concept: its terms per language (alternatives) and forbidden variants."""

    id: str
    terms: dict[str, tuple[str, ...]]
    forbidden: dict[str, tuple[str, ...]] = field(default_factory=dict)
    loc: Location | None = None
    _forms: dict[str, tuple[str, ...]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _forbidden_forms: dict[str, tuple[str, ...]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # computed once: the checks ask for them for every clause
        self._forms.update({lang: tuple(match_form(t) for t in terms) for lang, terms in self.terms.items()})
        self._forbidden_forms.update({lang: tuple(match_form(t) for t in terms) for lang, terms in self.forbidden.items()})

    def forms(self, lang: str) -> tuple[str, ...]:
        return self._forms.get(lang, ())

    def forbidden_forms(self, lang: str) -> tuple[str, ...]:
        return self._forbidden_forms.get(lang, ())


def contains(form_text: str, form_term: str) -> bool:
    """Whether ``form_term`` occurs in ``form_text`` (both in :func:`match_form`),
    as whole words when the term starts or ends with a word character of Latin script."""
    if not form_term:
        return False
    start = form_text.find(form_term)
    while start != -1:
        end = start + len(form_term)
        before_ok = start == 0 or not _joined(form_term[0], form_text[start - 1])
        after_ok = end == len(form_text) or not _joined(form_term[-1], form_text[end])
        if before_ok and after_ok:
            return True
        start = form_text.find(form_term, start + 1)
    return False


def _joined(a: str, b: str) -> bool:
    # Two Latin-script word characters side by side belong to one word.
    return a <= "\u024f" and b <= "\u024f" and a.isalnum() and b.isalnum()


@dataclass
class Glossary:
    """Entries merged from several files, in order."""

    entries: list[Entry] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    _by_form: dict[str, list[tuple[str, list[Entry]]]] = field(default_factory=dict, repr=False)

    def extend(self, other: Glossary) -> None:
        self.entries.extend(other.entries)
        self._by_form.clear()
        self.sources.extend(other.sources)

    def _forms(self, lang: str, latin: bool) -> list[tuple[str, list[Entry]]]:
        key = f"{lang}:{latin}"
        if key not in self._by_form:
            by_form: dict[str, list[Entry]] = {}
            for e in self.entries:
                for form in e.forms(lang):
                    if form and (latin or not is_latin(form)):
                        by_form.setdefault(form, []).append(e)
            self._by_form[key] = list(by_form.items())
        return self._by_form[key]

    def entries_in(self, form_text: str, lang: str, *, latin: bool = True) -> list[Entry]:
        """The entries with a term of ``lang`` occurring in ``form_text`` (whole
        words for Latin terms); ``latin=False`` ignores Latin-script terms."""
        out: dict[int, Entry] = {}
        for form, entries in self._forms(lang, latin):
            if form in form_text and contains(form_text, form):
                for e in entries:
                    out.setdefault(id(e), e)
        return list(out.values())


def read_glossary(path: Path, display: str | None = None) -> Glossary:
    """Read a TSV or TBX glossary.

    Raises:
        ConfigError: the file cannot be read or is not a glossary.
    """
    display = display or str(path)
    if not path.is_file():
        raise ConfigError("glossary not found", Location(display))
    if path.suffix.lower() in (".tbx", ".xml"):
        entries = _read_tbx(path, display)
    else:
        entries = _read_tsv(path, display)
    return Glossary(entries, [display])


def _alternatives(cell: str | None) -> tuple[str, ...]:
    out = []
    for alt in (cell or "").split(" / "):
        alt = _PARENS.sub("", alt).strip().strip(",;")
        if alt:
            out.append(alt)
    return tuple(out)


def _read_tsv(path: Path, display: str) -> list[Entry]:
    try:
        text = read_bytes(path, display).decode("utf-8")
    except LoadError as exc:
        raise ConfigError(f"cannot read glossary: {exc.message}", exc.loc) from None
    except UnicodeDecodeError:
        raise ConfigError("cannot read glossary: not valid UTF-8", Location(display)) from None
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")]
    if not lines:
        return []
    header_line, header = lines[0]
    columns = header.split("\t")
    langs = [c for c in columns if _LANG_COLUMN.match(c) and c != "id"]
    if len(langs) < 2:
        raise ConfigError("a glossary header needs at least two language columns (e.g. 'ja<TAB>fr')", Location(display, header_line))
    entries = []
    for n, line in lines[1:]:
        row = dict(zip(columns, line.split("\t")))
        terms = {c: _alternatives(row.get(c)) for c in langs}
        forbidden = {}
        for c in columns:
            m = _FORBIDDEN_COLUMN.match(c)
            if m:
                forbidden[m.group(1)] = _alternatives(row.get(c))
        entries.append(Entry(row.get("id") or f"line {n}", {k: v for k, v in terms.items() if v}, forbidden, Location(display, n)))
    return entries


def _read_tbx(path: Path, display: str) -> list[Entry]:
    from lxml import etree

    # the corpus's own secure parser (size limit, UTF-8, DOCTYPE refused), after
    # blanking the one harmless DOCTYPE terminology tools write
    try:
        data = strip_external_doctype(read_bytes(path, display), ("martif", "tbx"))
        root = parse_xml(data, display).getroot()
    except LoadError as exc:
        raise ConfigError(f"cannot read TBX glossary: {exc.message}", exc.loc) from None
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    entries = []
    for concept in root.iter():
        if not isinstance(concept.tag, str) or etree.QName(concept).localname not in ("conceptEntry", "termEntry"):
            continue
        terms: dict[str, list[str]] = {}
        forbidden: dict[str, list[str]] = {}
        for lang_sec in concept:
            if not isinstance(lang_sec.tag, str) or etree.QName(lang_sec).localname not in ("langSec", "langSet"):
                continue
            lang = (lang_sec.get(xml_lang) or "").split("-")[0].lower()
            for term in lang_sec.iter():
                if not isinstance(term.tag, str) or etree.QName(term).localname != "term":
                    continue
                status = " ".join(
                    (n.text or "")
                    for n in term.getparent()
                    if isinstance(n.tag, str) and etree.QName(n).localname == "termNote" and n.get("type") in ("administrativeStatus", "normativeAuthorization")
                ).lower()
                text = "".join(term.itertext()).strip()
                if text:
                    (forbidden if any(d in status for d in _DEPRECATED) else terms).setdefault(lang, []).append(text)
        entries.append(
            Entry(
                concept.get("id") or f"line {concept.sourceline}",
                {k: tuple(v) for k, v in terms.items()},
                {k: tuple(v) for k, v in forbidden.items()},
                Location(display, concept.sourceline),
            )
        )
    if etree.QName(root).localname not in ("tbx", "martif"):
        raise ConfigError("not a TBX file (root element is neither <tbx> nor <martif>)", Location(display, root.sourceline))
    return entries


def default_glossary() -> Glossary:
    """The glossary shipped with the tool (``data/glossary/default.tsv``)."""
    path = data_dir() / "glossary" / "default.tsv"
    return read_glossary(path, "data/glossary/default.tsv") if path.is_file() else Glossary()


def glossary_for(path: str, ctx_data: dict) -> Glossary:
    """The merged glossary for a document read from ``path``: the default one,
    the corpus's own (``glossary.tsv``/``glossary.tbx`` beside the language
    folders) and the files named by ``glossary`` in ``[tool.jpfr]``
    (``default-glossary = false`` leaves out the shipped one). Cached in ``ctx_data``.

    Raises:
        ConfigError: a glossary file cannot be read.
    """
    corpus_dir = Path(path).parent.parent
    cache = ctx_data.setdefault("_glossaries", {})
    if corpus_dir in cache:
        return cache[corpus_dir]
    table = ctx_data.get("table") or {}
    merged = Glossary()
    if table.get("default-glossary", True):
        merged.extend(default_glossary())
    for name in ("glossary.tsv", "glossary.tbx"):
        candidate = corpus_dir / name
        if candidate.is_file():
            if not candidate.resolve().is_relative_to(corpus_dir.resolve()):  # the rule of corpus files
                raise ConfigError("symbolic link points outside the corpus; refused", Location(str(candidate)))
            merged.extend(read_glossary(candidate, str(candidate)))
    configured = table.get("glossary", ())
    if isinstance(configured, str):
        configured = (configured,)
    base = Path(ctx_data["config_path"]).parent if ctx_data.get("config_path") else Path.cwd()
    for name in configured:
        merged.extend(read_glossary(base / name, str(name)))
    cache[corpus_dir] = merged
    return merged
