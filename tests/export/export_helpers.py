"""Helpers of the interchange tests: fixtures' paths, schema loaders, corpus copies."""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

from lxml import etree

from jpfr_accord.load import load_pair

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
SCHEMAS = TESTS / "schemas"
FIXTURE_CORPUS = TESTS / "fixtures" / "export" / "corpus"
MINI = "mini-statement"
REAL = "ai-cooperation-2026"


def mini_pair():
    return load_pair(MINI, FIXTURE_CORPUS)


def real_pair():
    return load_pair(REAL, ROOT / "corpus")


def copy_corpus(src: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "corpus"
    shutil.copytree(src, dest)
    return dest


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, to prove nothing changed."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@cache
def akn_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "akn" / "akomantoso30.xsd")))


@cache
def xliff_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff21" / "xliff_core_2.0.xsd")))


@cache
def tmx_dtd() -> etree.DTD:
    return etree.DTD(str(SCHEMAS / "tmx" / "tmx14.dtd"))


def assert_valid(validator, data: bytes) -> etree._Element:
    root = etree.fromstring(data)
    if not validator.validate(root):
        raise AssertionError("\n".join(str(e) for e in validator.error_log))
    return root
