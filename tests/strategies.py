"""Hypothesis strategies for the model: valid ``Document``s and ``AlignedDocument``s.

Imported by tests as ``from strategies import …`` (``tests/`` is on the path, like
``jpfr_testing``). One generator for every property test, so that a new field of
the model is exercised everywhere at once.

Texts mix a realistic alphabet (Japanese with full-width digits and brackets,
French with « », U+202F and apostrophes, digits, dates, Latin acronyms, the
characters that matter to XML and Markdown) with any character XML 1.0 allows,
controls such as TAB, CR and U+0085 included.

``mutations(data)`` breaks a corpus file the ways hand edits, bad merges, wrong
encodings and hostile senders do (see ``tests/hostile/test_mutations.py``).
"""

from __future__ import annotations

import datetime
import re

from hypothesis import strategies as st

from jpfr_accord.model import (
    ACTS,
    STATUSES,
    AlignedDocument,
    Clause,
    Document,
    Heading,
    Meta,
    Paragraph,
    Preamble,
    Section,
    SourceLoc,
    text_hash,
)

#: Characters a Japanese or French declaration is made of, and those that matter to
#: XML, HTML and Markdown escaping and to the typography and entity checks.
REALISTIC = (
    "両首脳は、日本国フランス共和国首相大統領人工知能の安全性協力を確認し一致した。歓迎する支持"
    "年月日第回目〇一二三十令和「」『』（）()［］０１２３４５６７８９ 　・…"
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    "éèêàâçôûîïÉÀœ«»\u202f\u00a0’'\":;!?/-.–—,"
    "&<>*#_[]`|~\\{}"
)
#: Whole words and entities, so that the entity and commitment checks see real matches.
TOKENS = (
    "両首脳は", "一致した", "歓迎した", "再確認した", "2026年3月31日", "2025 年 2 月", "2023-2027",
    "G7", "OECD", "OCDE", "AI", "Sakana AI", "UNEP/EA.7/Res.9", "(i)", "(ii)", "「広島AIプロセス」",
    "sont convenus de", "se félicitent de", "réaffirment", "31 mars 2026", "février 2025",
    "« processus d’Hiroshima »", "le Premier ministre", "l\u2019IA\u202f;", " ", "\n",
    # stored as written, never normalised: CJK compatibility ideographs (NFC would
    # rewrite them) and a letter with its accent written apart
    "\ufa19奈川", "\uf900", "\ufa10", "cafe\u0301",
)


def _is_xml_char(c: str) -> bool:
    o = ord(c)
    return o in (0x9, 0xA, 0xD) or 0x20 <= o <= 0xD7FF or 0xE000 <= o <= 0xFFFD or o >= 0x10000


#: Any character XML 1.0 allows (§2.2 Char): no C0 controls but TAB, LF, CR; no surrogates, no U+FFFE/U+FFFF.
XML_CHARS = st.characters(exclude_categories=("Cs",)).filter(_is_xml_char)


def texts(*, min_size: int = 1, max_size: int = 40, any_xml_char: bool = True, blank: bool = False) -> st.SearchStrategy[str]:
    """Clause-like text: realistic characters and words, plus (by default) any XML character.

    Args:
        min_size: fewest pieces (characters or words).
        max_size: most pieces.
        any_xml_char: also draw from every character XML 1.0 allows.
        blank: allow texts that are empty or only whitespace.
    """
    pieces = [st.sampled_from(REALISTIC), st.sampled_from(TOKENS)]
    if any_xml_char:
        pieces.append(XML_CHARS)
    out = st.lists(st.one_of(*pieces), min_size=min_size, max_size=max_size).map("".join)
    return out if blank else out.filter(lambda s: s.strip())


def stripped(text: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Texts without surrounding whitespace (metadata lines are stored stripped)."""
    return text.map(str.strip).filter(bool)


ACT_TUPLES = st.lists(st.sampled_from(ACTS), max_size=3, unique=True).map(tuple)
ACTORS = st.one_of(st.none(), st.sampled_from(["both", "all", "ja", "fr", "deu"]))
HASHES = st.text("0123456789abcdef", min_size=64, max_size=64).map(lambda h: "sha256:" + h)
DOC_IDS = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,20}", fullmatch=True)
DATES = st.dates(datetime.date(1000, 1, 1), datetime.date(9999, 12, 31)).map(datetime.date.isoformat)


class _Lines:
    """Hands out increasing line numbers, so generated nodes look read from a file."""

    def __init__(self, path: str | None) -> None:
        self.path, self.line = path, 1

    def __call__(self) -> SourceLoc | None:
        if self.path is None:
            return None
        self.line += 1
        return SourceLoc(path=self.path, line=self.line)


@st.composite
def skeletons(draw, *, min_sections: int = 0, max_sections: int = 3, min_paras: int = 0, max_paras: int = 3,
              min_clauses: int = 0, max_clauses: int = 3, preamble: bool | None = None):
    """The shape of a document: ``(preamble paragraphs or None, [(section id, num, paragraphs)])``,
    each paragraph ``(para id, [clause ids])``, with Akoma Ntoso style ids."""

    def paras(prefix: str) -> list[tuple[str, list[str]]]:
        out = []
        for p in range(1, draw(st.integers(min_paras, max_paras)) + 1):
            pid = f"{prefix}para_{p}"
            out.append((pid, [f"{pid}__cl_{c}" for c in range(1, draw(st.integers(min_clauses, max_clauses)) + 1)]))
        return out

    has_pre = draw(st.booleans()) if preamble is None else preamble
    pre = paras("preamble__") if has_pre else None
    sections = [(f"sec_{n}", str(n), paras(f"sec_{n}__")) for n in range(1, draw(st.integers(min_sections, max_sections)) + 1)]
    return pre, sections


def _build(draw, *, doc_id, lang, status, source_lang, skeleton, text, clause_fields, path, meta_text):
    """One ``Document`` of the given shape; ``clause_fields(cid)`` gives the clause's attributes."""
    lines = _Lines(path)
    doc_loc, meta_loc, title_loc = lines(), lines(), lines()

    def paras(spec):
        out = []
        for pid, cids in spec:
            ploc = lines()
            clauses = tuple(Clause(id=cid, loc=lines(), **clause_fields(cid)) for cid in cids)
            num = draw(st.one_of(st.none(), st.sampled_from(["1", "(2)", "３", "ii"])))
            out.append(Paragraph(id=pid, num=num, clauses=clauses, loc=ploc))
        return tuple(out)

    meta = Meta(
        title=draw(text.filter(bool)),
        title_loc=title_loc,
        subtitle=draw(st.one_of(st.none(), stripped(meta_text))),
        dateline=draw(st.one_of(st.none(), stripped(meta_text))),
        date=draw(st.one_of(st.none(), DATES)),
        place=draw(st.one_of(st.none(), stripped(meta_text))),
        parties=tuple(draw(st.lists(stripped(meta_text), max_size=2))),
        signatories=tuple(draw(st.lists(stripped(meta_text), max_size=2))),
        provenance=draw(st.one_of(st.none(), stripped(meta_text))),
        loc=meta_loc,
    )
    pre_spec, sec_specs = skeleton
    preamble = None
    if pre_spec is not None:
        pre_loc = lines()
        preamble = Preamble(paragraphs=paras(pre_spec), loc=pre_loc)
    sections = []
    for sid, num, spec in sec_specs:
        sloc = lines()
        heading = draw(st.one_of(st.none(), st.builds(
            lambda t, src, loc=lines(): Heading(text=t, src=src, loc=loc), text, st.one_of(st.none(), HASHES)
        )))
        level = draw(st.integers(1, 4))
        sections.append(Section(id=sid, num=num, level=level, heading=heading, paragraphs=paras(spec), loc=sloc))
    return Document(
        id=doc_id, lang=lang, status=status, source_lang=source_lang, version=draw(st.one_of(st.none(), st.just("1.0.0"))),
        meta=meta, preamble=preamble, sections=tuple(sections), loc=doc_loc,
    )


@st.composite
def documents(draw, *, text: st.SearchStrategy[str] | None = None, langs=("ja", "fr", "en", "deu"),
              with_locs: bool = False, **shape) -> Document:
    """A valid single-language ``Document`` (any status, actors, acts and source hashes).

    Args:
        text: strategy for clause, heading and title texts (default: ``texts()``).
        langs: languages to choose from.
        with_locs: give every node a ``SourceLoc`` in ``corpus/<lang>/<id>.xml``.
        **shape: bounds passed to :func:`skeletons`.
    """
    text = texts() if text is None else text
    lang = draw(st.sampled_from(langs))
    doc_id = draw(DOC_IDS)

    def fields(cid):
        return dict(text=draw(text), actor=draw(ACTORS), acts=draw(ACT_TUPLES), src=draw(st.one_of(st.none(), HASHES)))

    return _build(
        draw, doc_id=doc_id, lang=lang, status=draw(st.sampled_from(STATUSES)),
        source_lang=draw(st.one_of(st.none(), st.just("ja"))), skeleton=draw(skeletons(**shape)), text=text,
        clause_fields=fields, path=f"corpus/{lang}/{doc_id}.xml" if with_locs else None, meta_text=text,
    )


@st.composite
def aligned_documents(draw, *, text: st.SearchStrategy[str] | None = None, doc_id: str | None = None,
                      source_lang: str = "ja", target_lang: str = "fr", with_locs: bool = False,
                      same_acts: bool = True, **shape) -> AlignedDocument:
    """A valid ``AlignedDocument``: the same ids on both sides, the source ``authentic``, the
    target a ``working-translation`` whose clauses carry a ``src`` hash that matches the
    source text, is stale, or is missing.

    Args:
        text: strategy for texts (default: ``texts()``).
        doc_id: the document id (default: drawn).
        source_lang: language of the source.
        target_lang: language of the translation.
        with_locs: give every node a ``SourceLoc`` in ``corpus/<lang>/<id>.xml``.
        same_acts: the two sides declare the same ``actor`` and ``acts`` for each clause.
        **shape: bounds passed to :func:`skeletons`.
    """
    text = texts() if text is None else text
    doc_id = doc_id or draw(DOC_IDS)
    skeleton = draw(skeletons(**shape))
    pre, secs = skeleton
    cids = [c for _, cs in (pre or []) for c in cs] + [c for *_, spec in secs for _, cs in spec for c in cs]
    commitments = {cid: (draw(ACTORS), draw(ACT_TUPLES)) for cid in cids}
    source_texts = {cid: draw(text) for cid in cids}
    # how the translation was checked: against this source text, an older one, or never
    hash_kinds = {cid: draw(st.sampled_from(["match", "stale", "none"])) for cid in cids}

    def source_fields(cid):
        actor, acts = commitments[cid]
        return dict(text=source_texts[cid], actor=actor, acts=acts)

    def target_fields(cid):
        actor, acts = commitments[cid] if same_acts else (draw(ACTORS), draw(ACT_TUPLES))
        kind = hash_kinds[cid]
        src = text_hash(source_texts[cid]) if kind == "match" else draw(HASHES) if kind == "stale" else None
        return dict(text=draw(text), actor=actor, acts=acts, src=src)

    def path(lang):
        return f"corpus/{lang}/{doc_id}.xml" if with_locs else None

    source = _build(draw, doc_id=doc_id, lang=source_lang, status="authentic", source_lang=None, skeleton=skeleton,
                    text=text, clause_fields=source_fields, path=path(source_lang), meta_text=text)
    target = _build(draw, doc_id=doc_id, lang=target_lang, status="working-translation", source_lang=source_lang,
                    skeleton=skeleton, text=text, clause_fields=target_fields, path=path(target_lang), meta_text=text)
    return AlignedDocument(source=source, target=target)


# -- mutations of corpus files -------------------------------------------------

#: Markup a hand edit or a bad merge may leave in a file.
MARKUP = (
    "<clause>", "</clause>", "</para>", "<para eId=\"sec_1__para_1\">", "<section eId=\"sec_1\" num=\"1\"/>",
    "<clause eId=\"sec_1__para_1__cl_1\" acts=\"agree\">x</clause>", "<x:y xmlns:x=\"urn:other\"/>", "<b>gras</b>",
    "<!-- comment -->", "<!-- -- -->", "<![CDATA[<script>alert(1)</script>]]>", "<?pi data?>",
    "<?xml-stylesheet href=\"http://127.0.0.1:9/x.xsl\"?>", "<?xml version=\"1.0\"?>", "<?xml version=\"1.1\"?>",
    "<!DOCTYPE d>", "<<<<<<< HEAD\n", "\n=======\n", ">>>>>>> translation\n",
    "&amp;", "&lt;", "&foo;", "&#0;", "&#xD800;", "&#x110000;", "&#65;", "<", ">", "&", "\"", "'", "]]>",
    "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"/etc/passwd\"/>",
    "xml:lang=\"fr\"", "eId=\"sec_1\"", " acts=\"applaud\"", " src=\"sha256:0\"",
)
PROLOGS = (
    b"", b"\xef\xbb\xbf", b'<?xml version="1.1" encoding="UTF-8"?>', b'<?xml version="1.0" encoding="ISO-8859-1"?>',
    b'<?xml version="1.0" encoding="UTF-16"?>', b'<?xml version="1.0" standalone="yes"?>', b'<?xml version="2.0"?>',
    b"\xef\xbb\xbf\xef\xbb\xbf", b"  \n", b'<?xml version="1.0" encoding="UTF-8"?>\r',
)
_ATTRIBUTE = re.compile(rb'([A-Za-z:-]+)="([^"]*)"')


def _char_ref(c: int) -> bytes:
    return b"&#x%X;" % c


@st.composite
def _mutation(draw, data: bytes) -> bytes:
    n = len(data)
    lines = data.split(b"\n")
    kind = draw(st.sampled_from(
        ["flip", "truncate", "delete-line", "duplicate-line", "markup", "swap-attributes", "char-refs",
         "raw-chars", "huge-attribute", "attribute-text", "splice", "prolog"]
    ))
    pos = draw(st.integers(0, max(n - 1, 0)))
    if kind == "flip":
        return data[:pos] + bytes([data[pos] ^ draw(st.integers(1, 255))]) + data[pos + 1:] if n else b"\x00"
    if kind == "truncate":
        return data[:pos]
    if kind in ("delete-line", "duplicate-line"):
        i = draw(st.integers(0, len(lines) - 1))
        lines[i:i + 1] = [] if kind == "delete-line" else [lines[i], lines[i]]
        return b"\n".join(lines)
    if kind == "prolog":  # another XML declaration (or none, or a BOM) in place of the first line
        lines[0] = draw(st.sampled_from(PROLOGS))
        return b"\n".join(lines)
    if kind == "markup":
        return data[:pos] + draw(st.sampled_from(MARKUP)).encode() + data[pos:]
    if kind == "char-refs":  # any code point as a character reference: controls, surrogates, U+FFFE, beyond
        cps = draw(st.lists(st.one_of(st.integers(0, 0x1F), st.integers(0xD800, 0xDFFF), st.integers(0, 0x10FFFF),
                                      st.sampled_from([0x7F, 0x85, 0x202E, 0xFEFF, 0xFFFE, 0xFFFF])), min_size=1, max_size=5))
        return data[:pos] + b"".join(map(_char_ref, cps)) + data[pos:]
    if kind == "raw-chars":  # any Unicode text, controls included, as UTF-8 (surrogates as CESU-like bytes)
        cps = st.one_of(st.integers(0, 0x1F), st.integers(0xD800, 0xDFFF), st.integers(0, 0x10FFFF))
        text = "".join(map(chr, draw(st.lists(cps, min_size=1, max_size=8))))
        return data[:pos] + text.encode("utf-8", "surrogatepass") + data[pos:]
    if kind == "splice":  # a piece of the file copied elsewhere
        start = draw(st.integers(0, max(n - 1, 0)))
        return data[:pos] + data[start:start + draw(st.integers(1, 200))] + data[pos:]
    attrs = list(_ATTRIBUTE.finditer(data))
    if len(attrs) < 2:
        return data
    if kind == "swap-attributes":
        i, j = sorted(draw(st.lists(st.integers(0, len(attrs) - 1), min_size=2, max_size=2, unique=True)))
        a, b = attrs[i], attrs[j]
        return (data[:a.start(2)] + b.group(2) + data[a.end(2):b.start(2)] + a.group(2) + data[b.end(2):])
    m = draw(st.sampled_from(attrs))
    if kind == "huge-attribute":
        unit = draw(st.sampled_from([b"a", b"sec_1", b"\xe4\xb8\xa1", b"&#x202E;", b"agree "]))
        value = unit * (draw(st.sampled_from([10_000, 100_000, 1_000_000])) // len(unit))
    else:  # attribute-text: any text, escaped as XML would
        raw = draw(texts(min_size=0, max_size=10, blank=True))
        value = raw.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;").encode()
    return data[:m.start(2)] + value + data[m.end(2):]


def mutations(data: bytes, *, max_steps: int = 3) -> st.SearchStrategy[bytes]:
    """``data`` (a corpus file) after one to ``max_steps`` random mutations: byte flips,
    truncations, deleted or duplicated lines, inserted markup, swapped attribute values,
    any code point as a character reference (surrogates and controls included), raw
    Unicode and control characters, huge or arbitrary attribute values, spliced pieces."""

    @st.composite
    def chain(draw) -> bytes:
        out = data
        for _ in range(draw(st.integers(1, max_steps))):
            out = draw(_mutation(out))
        return out

    return chain()
