"""The archivist's path end to end: `jpfr align` each official pair, then `jpfr check`.

Both versions are authentic; actors and acts are guessed on each side from its own
text. What `check` reports must be true of the texts: here, the French-only
introduction of the 2017 summary (ALN001), 確認しました against « ont décidé » in
2p2sum-2017 (CMT001, a warning between authentic texts), and the section the 2005
excerpt cuts after its heading (STR004). Anything else is a false alarm.
"""

from __future__ import annotations

import json

import pytest

from real_files import PAIRS, REAL
from jpfr_accord.imports.lexicon import guess_actor, guess_acts

EXPECTED = {
    ("error", "ALN001", "2p2sum-2017", "preamble__para_1"),
    ("error", "ALN001", "2p2sum-2017", "preamble__para_1__cl_1"),
    ("error", "ALN001", "2p2sum-2017", "preamble__para_1__cl_2"),
    ("warning", "CMT001", "2p2sum-2017", "sec_2__para_2__cl_1"),
    ("warning", "STR004", "decl-2005", "hcontainer_1__sec_1"),
}


@pytest.fixture(scope="module")
def findings(tmp_path_factory):
    from click.testing import CliRunner

    from jpfr_accord.cli import cli

    corpus = tmp_path_factory.mktemp("aligned") / "corpus"
    runner = CliRunner()
    for doc_id in PAIRS:
        result = runner.invoke(cli, ["align", str(REAL / f"{doc_id}.ja.txt"), str(REAL / f"{doc_id}.fr.txt"),
                                     "--id", doc_id, "--corpus", str(corpus), "--status-fr", "authentic"])
        assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["check", "--format", "json", "--no-cache", "--corpus", str(corpus)])
    return json.loads(result.stdout)["findings"]


def test_only_true_errors_and_warnings_after_align(findings):
    seen = {(f["severity"], f["code"], f["file"].rsplit("/", 1)[-1].removesuffix(".xml"), f["eId"])
            for f in findings if f["severity"] in ("error", "warning")}
    assert seen == EXPECTED


def test_findings_between_authentic_texts_say_so(findings):
    pairs = [f for f in findings if f["code"].startswith(("ALN", "CMT"))]
    assert pairs and all("discrepancy between authentic texts" in f["message"] for f in pairs)


@pytest.mark.parametrize("text, lang, acts, actor", [
    ("四大臣は、強い決意を確認しました。", "ja", ("confirm",), "both"),
    ("日本とフランスは、両国関係を発展させる意思をここに厳かに再確認する。", "ja", ("reaffirm",), "both"),
    ("Les quatre ministres se sont entendus pour renforcer leur coopération.", "fr", ("agree",), "both"),
    # no act: no actor guessed, whatever party the sentence names
    ("この訪問は、日本国及びフランス共和国間の特別な関係を示すものである。", "ja", (), None),
    ("Cette visite d'Etat témoigne du caractère exceptionnel de la relation franco-japonaise.", "fr", (), None),
])
def test_guesses_read_every_form_and_no_actor_without_an_act(text, lang, acts, actor):
    assert guess_acts(text, lang) == acts
    assert guess_actor(text, lang) == actor
