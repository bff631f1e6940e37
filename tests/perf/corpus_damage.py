"""A corpus with many findings of every family, for comparing ways of checking it.

The bundled corpus is nearly clean (three findings), so comparing two ways of
checking it proves little. :func:`damaged_corpus` copies it and damages the
French translation in the ways a translator does, clause by clause: figures
changed, acts and actors changed, review hashes dropped, spaces doubled,
apostrophes mixed, a clause removed, an id duplicated, a suppression added; and
adds a second pair of documents so that several targets are checked.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from lxml import etree

from jpfr_testing import CORPUS, DOC_ID

NS = "{urn:jpfr-accord:declaration:1}"


def damage(path: Path, doc_id: str | None = None) -> None:
    tree = etree.parse(str(path))
    root = tree.getroot()
    if doc_id:
        root.set("id", doc_id)
    clauses = list(root.iter(f"{NS}clause"))
    for i, cl in enumerate(clauses):
        text = cl.text or ""
        if i % 7 == 1:
            cl.text = text.replace("deux", "trois", 1).replace("2", "3", 1)
        if i % 5 == 2:
            cl.set("acts", "welcome")
        if i % 6 == 3:
            cl.set("actor", "fr")
        if i % 4 == 0 and "src" in cl.attrib:
            del cl.attrib["src"]
        if i % 9 == 4:
            cl.text = (cl.text or "").replace(" ", "  ", 2).replace("’", "'", 1)
        if i % 11 == 5:
            cl.set("ignore", "ENT001 TYP003")
        if i % 13 == 6:
            cl.text = (cl.text or "") + " ; (OTAN)"
    clauses[-1].getparent().remove(clauses[-1])  # ALN001 on the Japanese side
    clauses[3].set("eId", clauses[2].get("eId"))  # a duplicate id
    headings = list(root.iter(f"{NS}heading"))
    headings[0].text = (headings[0].text or "") + " :"
    headings[1].attrib.pop("src", None)  # REV002 on a heading
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def damaged_corpus(dest: Path) -> Path:
    """Copy the bundled corpus to ``dest``, damage it, add a second damaged pair."""
    shutil.copytree(CORPUS, dest)
    for lang in ("ja", "fr"):
        shutil.copy(dest / lang / f"{DOC_ID}.xml", dest / lang / "second-copy.xml")
    damage(dest / "fr" / f"{DOC_ID}.xml")
    source = etree.parse(str(dest / "ja" / f"{DOC_ID}.xml"))
    heading = list(source.getroot().iter(f"{NS}heading"))[2]
    heading.text = (heading.text or "") + "(改)"  # REV001: the French heading is now stale
    source.write(str(dest / "ja" / f"{DOC_ID}.xml"), xml_declaration=True, encoding="UTF-8")
    damage(dest / "fr" / "second-copy.xml", "second-copy")
    src = etree.parse(str(dest / "ja" / "second-copy.xml"))
    src.getroot().set("id", "second-copy")
    src.write(str(dest / "ja" / "second-copy.xml"), xml_declaration=True, encoding="UTF-8")
    return dest
