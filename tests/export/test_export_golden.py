"""Golden files: the exports of the mini fixture, compared after C14N (XML) or
byte for byte (text). To accept an intended change, rerun with
``JPFR_UPDATE_GOLDEN=1 .venv/bin/pytest tests/export/test_export_golden.py``
and review the diff of tests/fixtures/export/golden/."""

from __future__ import annotations

import os

import pytest
from export_helpers import TESTS, mini_pair
from lxml import etree

from jpfr_accord.export import EXPORTERS

GOLDEN = TESTS / "fixtures" / "export" / "golden"
UPDATE = os.environ.get("JPFR_UPDATE_GOLDEN") == "1"


def _canonical(name: str, data: bytes) -> bytes:
    if name.endswith((".xml", ".tmx", ".xlf")):
        return etree.tostring(etree.fromstring(data), method="c14n2")
    return data


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_export_matches_its_golden_file(fmt):
    for name, data in EXPORTERS[fmt]().build(mini_pair()).items():
        golden = GOLDEN / name
        if UPDATE:
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_bytes(data)
            continue
        assert golden.exists(), f"no golden file {golden}; create it with JPFR_UPDATE_GOLDEN=1"
        assert _canonical(name, data) == _canonical(name, golden.read_bytes()), (
            f"{name} differs from {golden}; if the change is intended, rerun with JPFR_UPDATE_GOLDEN=1 "
            "and review the diff"
        )
