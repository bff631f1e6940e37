"""Build aligned documents from the official Japan–France pairs of ``shared/real/``.

Each pair is given as sentence units (``<id>.{ja,fr}.sents``, one a line), a
hand-made alignment of them (``<id>.gold.tsv``) and a careful reading of each
aligned body unit (``<id>.acts.tsv``: actor, acts and their wording in each
language). This helper turns them into the model the checks read: the first
title bead is the title, the other title beads (subtitle, dateline) are
preamble clauses, a heading bead opens a section, a body bead is a clause of its
own paragraph, with the actor and the acts of the careful reading of the
Japanese (the project declares the source's acts on both files). Units with no
counterpart in the other excerpt (marked in the gold) are left out: they are
what one excerpt kept and the other cut, and are returned apart.

Both versions are authentic (``status="authentic"``), as the README of
``shared/real/`` says.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from jpfr_accord.model import (
    ACTS,
    AlignedDocument,
    Clause,
    Document,
    Heading,
    Meta,
    Paragraph,
    Preamble,
    Section,
    SourceLoc,
)

ROOT = Path(__file__).resolve().parents[2]


def real_dir() -> Path | None:
    """``shared/real/``: beside the checkout (``../shared``), or beside the folder of worktrees."""
    env = os.environ.get("JPFR_REAL_DIR")
    candidates = [Path(env)] if env else []
    candidates += [p / "shared" / "real" for p in (ROOT.parent, ROOT.parent.parent)]
    for c in candidates:
        if (c / "README.md").is_file():
            return c
    return None


REAL = real_dir()
PAIRS = sorted(p.name[: -len(".gold.tsv")] for p in REAL.glob("*.gold.tsv")) if REAL else []


@dataclass(frozen=True)
class Bead:
    ja: tuple[int, ...]
    fr: tuple[int, ...]
    kind: str = "body"
    actor: str | None = None
    acts_ja: tuple[str, ...] = ()
    acts_fr: tuple[str, ...] = ()
    wording_ja: str = ""
    wording_fr: str = ""
    note: str = ""


@dataclass
class RealPair:
    name: str
    pair: AlignedDocument
    beads: list[Bead]
    omitted: list[Bead] = field(default_factory=list)
    clause_beads: dict[str, Bead] = field(default_factory=dict)
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def n_clause_pairs(self) -> int:
        return len(self.clause_beads)


def _indices(cell: str) -> tuple[int, ...]:
    return tuple(int(x) for x in cell.split(",") if x.strip())


def _acts(cell: str) -> tuple[str, ...]:
    # « reaffirm [convinced] »: brackets mark a reading the old vocabulary lacked
    words = [w.strip("[]") for w in cell.split() if w.strip("[]-")]
    return tuple(w for w in words if w in ACTS)


def read_beads(name: str) -> list[Bead]:
    assert REAL is not None
    gold = [line.split("\t") for line in (REAL / f"{name}.gold.tsv").read_text(encoding="utf-8").splitlines() if line.strip("\n")]
    reading: dict[tuple[tuple[int, ...], tuple[int, ...]], list[str]] = {}
    acts_path = REAL / f"{name}.acts.tsv"
    if acts_path.is_file():
        rows = [line.split("\t") for line in acts_path.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
        for row in rows:
            row += [""] * (9 - len(row))
            reading[(_indices(row[0]), _indices(row[1]))] = row
    beads = []
    for cells in gold:
        cells += [""] * (2 - len(cells))
        ja, fr = _indices(cells[0]), _indices(cells[1])
        row = reading.get((ja, fr))
        if row is None:
            beads.append(Bead(ja, fr))
            continue
        actor = row[3] if row[3] not in ("", "-") else None
        beads.append(Bead(ja, fr, row[2] or "body", actor, _acts(row[4]), _acts(row[5]), row[6], row[7], row[8]))
    return beads


def _units(name: str, lang: str) -> list[str]:
    assert REAL is not None
    return (REAL / f"{name}.{lang}.sents").read_text(encoding="utf-8").splitlines()


_NUM = re.compile(r"^\s*(\d+)")


def build(name: str) -> RealPair:
    """The aligned pair ``name`` of ``shared/real/``, built from its units and gold beads."""
    beads = read_beads(name)
    units = {lang: _units(name, lang) for lang in ("ja", "fr")}
    omitted = [b for b in beads if not b.ja or not b.fr]
    kept = [b for b in beads if b.ja and b.fr]
    built: dict[str, dict] = {}
    clause_beads: dict[str, Bead] = {}
    texts: dict[str, tuple[str, str]] = {}
    for lang in ("ja", "fr"):
        path = f"real/{name}.{lang}.sents"
        sep = "" if lang == "ja" else " "

        def text(b: Bead, lang: str = lang, sep: str = sep) -> str:
            return sep.join(units[lang][i] for i in getattr(b, lang))

        def loc(b: Bead, lang: str = lang, path: str = path) -> SourceLoc:
            return SourceLoc(path=path, line=getattr(b, lang)[0] + 1)

        title = text(kept[0])
        pre_paras: list[Paragraph] = []
        sections: list[Section] = []
        current: list[Paragraph] = pre_paras
        n_sec = 0
        for i, b in enumerate(kept[1:], 1):
            if b.kind == "heading":
                n_sec += 1
                head = text(b)
                m = _NUM.match(units["ja"][b.ja[0]])
                num = m.group(1) if m else ""
                sid = f"sec_{num}" if num else f"grp_{n_sec}"
                sections.append(Section(id=sid, num=num, heading=Heading(text=head, loc=loc(b)), loc=loc(b)))
                current = []
                built.setdefault(lang, {}).setdefault("sec_paras", {})[n_sec] = current
                continue
            prefix = sections[-1].id if n_sec else "preamble"
            pid = f"{prefix}__para_{len(current) + 1}"
            cid = f"{pid}__cl_1"
            acts = b.acts_ja if b.kind == "body" else ()
            clause = Clause(id=cid, text=text(b), actor=b.actor if b.kind == "body" else None, acts=acts, loc=loc(b))
            current.append(Paragraph(id=pid, clauses=(clause,), loc=loc(b)))
            clause_beads[cid] = b
            if lang == "fr":
                texts[cid] = (texts[cid][0], clause.text)
            else:
                texts[cid] = (clause.text, "")
        sec_paras = built.get(lang, {}).get("sec_paras", {})
        # a section whose paragraphs the excerpt cut (decl-2005) is left out: the
        # pair in the store does not have it
        sections = [
            Section(id=s.id, num=s.num, heading=s.heading, paragraphs=tuple(sec_paras.get(i + 1, ())), loc=s.loc)
            for i, s in enumerate(sections)
            if sec_paras.get(i + 1)
        ]
        built[lang] = Document(
            id=name,
            lang=lang,
            status="authentic",
            meta=Meta(title=title, title_loc=loc(kept[0])),
            preamble=Preamble(paragraphs=tuple(pre_paras)) if pre_paras else None,
            sections=tuple(sections),
            loc=SourceLoc(path=path),
        )
    pair = AlignedDocument(source=built["ja"], target=built["fr"])
    return RealPair(name, pair, beads, omitted, clause_beads, texts)
