"""Two versions written apart -> one aligned pair of corpus documents (``jpfr align``).

Stage: import. Imports ``errors``, ``model``, ``load`` (reading corpus files), ``checks.glossary``,
``imports.units``, ``imports.beads`` and ``imports.text`` (document building).

Each side is read on its own (a plain-text or Markdown file through its layout, or a
corpus XML file), its units paired into beads (``imports/beads.py``), and the two
documents built with shared ids from the beads: the title with the title, a heading
with its counterpart (one section id), a sentence group with its translation (one
clause id; a 1–2 bead is one clause on each side, the French clause holding both
sentences). A unit without counterpart keeps an id on its side only, which
``jpfr check`` reports. ``actor`` and ``acts`` are guessed on each side from its own
text, so the checks compare two readings. Nothing is written here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LoadError, Location
from ..model import Document
from .anchors import features
from .beads import Bead, Summary, align_body, align_title_block, summarize
from .text import IdPlan, build_document, check_status, id_num, read_source
from .units import Item, Layout, Unit, read_layout, units

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]")


@dataclass
class Side:
    lang: str
    display: str
    layout: Layout
    units: list[Unit]


@dataclass
class AlignResult:
    ja: Document
    fr: Document
    beads: list[Bead]
    sides: dict[str, Side]
    summary: Summary
    ids: list[str | None] = field(default_factory=list)  # the id each bead gets (None: title block)
    notes: list[str] = field(default_factory=list)


def detect_lang(text: str) -> str:
    """``ja`` when Japanese script dominates the letters of the text, else ``fr``."""
    sample = text[:20000]
    cjk, latin = len(_CJK.findall(sample)), len(_LATIN.findall(sample))
    return "ja" if cjk >= latin * 0.3 and cjk else "fr"


def layout_from_document(doc: Document) -> Layout:
    """The layout of a corpus document: its title block, sections and clauses as sentences."""
    items: list[Item] = [Item("title", 1, doc.meta.title)]
    if doc.meta.subtitle:
        items.append(Item("subtitle", 1, doc.meta.subtitle))
    if doc.meta.dateline:
        items.append(Item("dateline", 1, doc.meta.dateline))

    def paras(paragraphs) -> None:
        for p in paragraphs:
            if p.clauses:
                texts = [c.text for c in p.clauses]
                items.append(Item("para", 1, " ".join(texts), num=p.num, sentences=texts))

    if doc.preamble:
        paras(doc.preamble.paragraphs)
    for sec in doc.sections:
        body = sec.heading.text if sec.heading else ""
        text = f"{sec.num} {body}".strip()
        items.append(Item("heading", 1, text, num=sec.num or None, body=body, style="xml", level=sec.level))
        paras(sec.paragraphs)
    return Layout(doc.lang, items, date=doc.meta.date, place=doc.meta.place)


def read_side(path: Path, lang: str, title: str | None = None) -> Side:
    """One version, read as a corpus XML file (``.xml``) or as a text.

    Raises:
        LoadError: unreadable, empty, hostile, or not in ``lang``.
    """
    display = str(path)
    if path.suffix.lower() == ".xml":
        from ..load import load_document

        doc, findings = load_document(path)
        if findings:
            f = findings[0]
            raise LoadError(f"not a valid corpus file: {f.message}", Location(display, f.line))
        layout = layout_from_document(doc)
        sample = " ".join(c.text for c in doc.clauses()) or doc.meta.title
    else:
        text = read_source(path)
        layout = read_layout(text, lang, title=title)
        sample = text
    found = detect_lang(sample)
    if found != lang:
        name = {"ja": "Japanese", "fr": "French"}
        raise LoadError(f"expected the {name[lang]} version here, but the text is in {name[found]}", Location(display, 1))
    us = units(layout)
    if not any(u.kind in ("heading", "sentence") for u in us):
        raise LoadError("no text to align (only a title)", Location(display, 1))
    return Side(lang, display, layout, us)


def _nums(layout: Layout) -> dict[int, str | None]:
    return {i: it.num for i, it in enumerate(layout.items)}


def align_sides(ja: Side, fr: Side, glossary=None) -> tuple[list[Bead], Summary]:
    """Beads over the units of both sides (indices into ``ja.units`` and ``fr.units``)."""
    mj = sum(1 for u in ja.units if u.kind in ("title", "subtitle", "dateline"))
    mf = sum(1 for u in fr.units if u.kind in ("title", "subtitle", "dateline"))
    beads = align_title_block(ja.units[:mj], fr.units[:mf])
    fj = features(ja.units[mj:], _nums(ja.layout), "ja", glossary)
    ff = features(fr.units[mf:], _nums(fr.layout), "fr", glossary)
    body = align_body(fj, ff)
    shifted = [Bead(tuple(i + mj for i in b.ja), tuple(j + mf for j in b.fr), b.confidence, b.cost, b.matched, b.unmatched)
               for b in body]
    return beads + shifted, summarize(shifted)


class _Ids:
    """Shared ids from the beads: sections, paragraphs, clauses, on both sides at once."""

    def __init__(self, ja: Side, fr: Side) -> None:
        self.sides = {"ja": ja, "fr": fr}
        self.plans = {"ja": IdPlan(), "fr": IdPlan()}
        self.used: set[str] = set()
        self.stack: list[tuple[int, str, bool]] = []
        self.unnumbered = 0
        self.section = {"ja": "preamble", "fr": "preamble"}
        self.para_count: dict[str, int] = {}
        self.para_of: dict[tuple[str, int], str] = {}  # (lang, item) -> paragraph id
        self.taken: dict[str, set[str]] = {"ja": set(), "fr": set()}
        self.next_clause: dict[tuple[str, str], int] = {}

    def heading(self, langs: list[str], item: Item) -> str:
        while self.stack and self.stack[-1][0] >= item.level:
            self.stack.pop()
        parent = self.stack[-1][1] + "__" if self.stack else ""
        num = id_num(item.num)
        if num:
            name = "subsec" if any(numbered for *_, numbered in self.stack) else "sec"
            base = f"{parent}{name}_{num}"
        else:
            self.unnumbered += 1
            base = f"{parent}hcontainer_{self.unnumbered}"
        sid, k = base, 1
        while sid in self.used:
            k += 1
            sid = f"{base}x{k}"
        self.used.add(sid)
        self.stack.append((item.level, sid, bool(num)))
        for lang in langs:
            self.section[lang] = sid
        return sid

    def _new_para(self, lang: str) -> str:
        sec = self.section[lang]
        while True:
            self.para_count[sec] = self.para_count.get(sec, 0) + 1
            pid = f"{sec}__para_{self.para_count[sec]}"
            if pid not in self.taken["ja"] and pid not in self.taken["fr"]:
                return pid

    def paragraph(self, where: dict[str, int]) -> dict[str, str]:
        """The paragraph id of each side's item: shared when both sides start or continue one."""
        known = [self.para_of[(lang, it)] for lang, it in where.items() if (lang, it) in self.para_of]
        out = {}
        for lang, it in where.items():
            if (lang, it) in self.para_of:
                out[lang] = self.para_of[(lang, it)]
                continue
            candidate = next((p for p in known if p not in self.taken[lang] and p.startswith(self.section[lang] + "__")), None)
            if candidate is None:
                candidate = next((out[o] for o in out if out[o] not in self.taken[lang]
                                  and out[o].startswith(self.section[lang] + "__")), None)
            pid = candidate or self._new_para(lang)
            self.para_of[(lang, it)] = pid
            self.taken[lang].add(pid)
            self.plans[lang].paragraphs[it] = pid
            out[lang] = pid
        return out

    def clause(self, pids: dict[str, str], parts: dict[str, list[int]], items: dict[str, int]) -> str:
        shared = len(set(pids.values())) == 1
        if shared:
            pid = next(iter(pids.values()))
            k = max(self.next_clause.get((lang, pid), 1) for lang in pids)
            ids = {lang: f"{pid}__cl_{k}" for lang in pids}
            for lang in pids:
                self.next_clause[(lang, pid)] = k + 1
        else:
            ids = {}
            for lang, pid in pids.items():
                k = self.next_clause.get((lang, pid), 1)
                ids[lang] = f"{pid}__cl_{k}"
                self.next_clause[(lang, pid)] = k + 1
        for lang, cid in ids.items():
            self.plans[lang].clauses.setdefault(items[lang], []).append((cid, parts[lang]))
        return ids.get("ja") or ids["fr"]


def plan_ids(ja: Side, fr: Side, beads: list[Bead]) -> tuple[IdPlan, IdPlan, list[str | None]]:
    """The ids of both documents, and the id each bead became."""
    ids = _Ids(ja, fr)
    bead_ids: list[str | None] = []
    first_unit: dict[str, dict[int, int]] = {}
    for lang, side in (("ja", ja), ("fr", fr)):
        first_unit[lang] = {}
        for k, u in enumerate(side.units):
            first_unit[lang].setdefault(u.item, k)
    last_item = {"ja": -1, "fr": -1}
    for bead in beads:
        indices = {"ja": bead.ja, "fr": bead.fr}
        for lang, side, idx in (("ja", ja, bead.ja), ("fr", fr, bead.fr)):
            if idx:
                last_item[lang] = max(last_item[lang], side.units[idx[-1]].item)
        members = {lang: [side.units[i] for i in idx] for lang, side, idx in (("ja", ja, bead.ja), ("fr", fr, bead.fr)) if idx}
        first = next(iter(members.values()))[0]
        if first.kind in ("title", "subtitle", "dateline"):
            bead_ids.append(None)
            continue
        if first.kind == "heading":
            lead = "ja" if "ja" in members else "fr"
            item = ids.sides[lead].layout.items[members[lead][0].item]
            sid = ids.heading(["ja", "fr"], item)
            for lang, us in members.items():
                ids.plans[lang].sections[us[0].item] = sid
            for lang in ("ja", "fr"):
                if lang not in members:  # the other side goes on under a section without heading
                    ids.plans[lang].headless.setdefault(last_item[lang] + 1, []).append((sid, item.num or "", item.level))
            bead_ids.append(sid)
            continue
        items = {lang: us[0].item for lang, us in members.items()}
        pids = ids.paragraph(items)
        parts = {}
        for lang, us in members.items():
            start = indices[lang][0] - first_unit[lang][items[lang]]
            parts[lang] = list(range(start, start + len(us)))
        bead_ids.append(ids.clause(pids, parts, items))
    return ids.plans["ja"], ids.plans["fr"], bead_ids


def align_texts(
    ja_path: Path,
    fr_path: Path,
    *,
    doc_id: str,
    status_ja: str = "authentic",
    status_fr: str = "authentic",
    glossary=None,
    title_ja: str | None = None,
    title_fr: str | None = None,
) -> AlignResult:
    """Align two versions and build the two corpus documents (nothing is written).

    Raises:
        LoadError: a file cannot be read, both are in one language, or the two texts are
            not versions of the same document.
    """
    for status in (status_ja, status_fr):
        check_status(status)
    ja = read_side(Path(ja_path), "ja", title_ja)
    fr = read_side(Path(fr_path), "fr", title_fr)
    beads, summary = align_sides(ja, fr, glossary)
    if not summary.is_same_document:
        raise LoadError(
            f"the two texts do not read as versions of one document ({summary.low} of {summary.paired} pairs of low "
            f"confidence, mean {summary.mean_confidence:.2f}; {summary.omitted} of {summary.units} units without "
            f"counterpart; {summary.anchors_matched} numbers, dates and names shared, {summary.anchors_unmatched} not); "
            "nothing written",
            Location(fr.display),
        )
    plan_ja, plan_fr, bead_ids = plan_ids(ja, fr, beads)
    notes: list[str] = [f"{ja.display}: {n}" for n in ja.layout.notes] + [f"{fr.display}: {n}" for n in fr.layout.notes]
    # the corpus pairs a document's versions through exactly one source (ALN010): the
    # Japanese one here; with both authentic, the checks read a finding as a discrepancy
    source = "ja"
    ja_doc = build_document(ja.layout, plan_ja, doc_id=doc_id, status=status_ja, title=title_ja, display=ja.display, notes=[])
    fr_doc = build_document(fr.layout, plan_fr, doc_id=doc_id, status=status_fr, source_lang=source, title=title_fr,
                            display=fr.display, notes=[])
    return AlignResult(ja_doc, fr_doc, beads, {"ja": ja, "fr": fr}, summary, bead_ids, notes)


def corpus_glossary(corpus: Path | None):
    """The shipped glossary and the corpus's own (``glossary.tsv`` or ``.tbx`` in ``corpus``), as anchors.

    Raises:
        ConfigError: a glossary file cannot be read.
    """
    from ..checks.glossary import default_glossary, read_glossary

    merged = default_glossary()
    for name in ("glossary.tsv", "glossary.tbx"):
        candidate = Path(corpus) / name if corpus is not None else None
        if candidate is not None and candidate.is_file():
            merged.extend(read_glossary(candidate, str(candidate)))
    return merged


def bead_texts(result: AlignResult) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Each bead as the texts of its units (what the scorer compares)."""
    ja, fr = result.sides["ja"].units, result.sides["fr"].units
    return [(tuple(ja[i].text for i in b.ja), tuple(fr[j].text for j in b.fr)) for b in result.beads]
