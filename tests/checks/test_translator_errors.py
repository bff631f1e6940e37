"""Realistic translator errors on the bundled declaration (the kinds issue #12 saw slip
through), each caught by the rule that names it, at the severity that protects a
release: what changes who commits to what is an error (``jpfr check`` exits 1)."""

from __future__ import annotations

import json

import pytest

from test_rule_cases import apply

ERRORS = [
    # (what, case, code, severity)
    ("a negation added", {"edits": [{"file": "fr", "old": "est susceptible d’apporter des avantages", "new": "n’est pas susceptible d’apporter des avantages"}]}, "CMT006", "error"),
    ("the agreement negated", {"edits": [{"file": "fr", "old": "Les deux dirigeants ont reconnu que l’utilisation", "new": "Les deux dirigeants n’ont pas reconnu que l’utilisation"}]}, "CMT006", "error"),
    ("necessity made a wish", {"edits": [{"file": "fr", "old": "ont souligné la nécessité d’approfondir", "new": "ont souligné qu’il serait souhaitable d’approfondir"}]}, "CMT007", "error"),
    ("enumerated items exchanged", {"edits": [{"file": "fr", "old": "(i) de la diversification des modèles et systèmes d’IA, en particulier dans le domaine du multilinguisme, et (ii) du soutien à l’accès des acteurs industriels de chaque pays au marché de l’autre.", "new": "(i) du soutien à l’accès des acteurs industriels de chaque pays au marché de l’autre, et (ii) de la diversification des modèles et systèmes d’IA, en particulier dans le domaine du multilinguisme."}]}, "ENT008", "error"),
    ("a list item dropped", {"edits": [{"file": "fr", "old": "l’informatique quantique, les communications quantiques, les semi-conducteurs", "new": "l’informatique quantique, les semi-conducteurs"}]}, "ENT009", "error"),
    ("a quotation shortened", {"edits": [{"file": "fr", "old": "«\u202fIA sûre, sécurisée et digne de confiance\u202f»", "new": "«\u202fIA sûre\u202f»"}]}, "ENT007", "warning"),
    ("a sentence added", {"edits": [{"file": "fr", "old": "et des échanges de chercheurs.", "new": "et des échanges de chercheurs. Cette coopération est ancienne."}]}, "LEN002", "warning"),
    ("a heading copied from another section", {"edits": [{"file": "fr", "old": ">L’IA au service du bien commun (", "new": ">L’IA au service de la sécurité (sécurité économique, recherche, innovation)</heading><!--"}, {"file": "fr", "old": "réponse aux défis sociétaux)</heading>", "new": "-->"}]}, "ALN007", "warning"),
    ("a heading left in Japanese", {"edits": [{"file": "fr", "old": ">L’IA au service de la sécurité (sécurité économique, recherche, innovation)</heading>", "new": ">安全保障のための AI(経済安全保障、研究、イノベーション)</heading>"}]}, "ALN006", "error"),
    ("a heading changed in the source after review", {"edits": [{"file": "ja", "old": "<heading>AI の安全性(国際的ガバナンス)</heading>", "new": "<heading>AI の安全・安心(国際的ガバナンス)</heading>"}]}, "REV001", "error"),
    ("a wrong country in a compound", {"edits": [{"file": "fr", "old": "les actions conjointes franco-japonaises", "new": "les actions conjointes franco-allemandes"}]}, "ENT010", "error"),
    ("English quotation marks", {"edits": [{"file": "fr", "old": "conformément au «\u202fprocessus d’Hiroshima sur l’IA\u202f»", "new": "conformément au “processus d’Hiroshima sur l’IA”"}]}, "TYP007", "warning"),
    ("« 1ère »", {"edits": [{"file": "fr", "old": "ont salué la première session du Dialogue", "new": "ont salué la 1ère session du Dialogue"}]}, "TYP008", "warning"),
    ("the two leaders exchanged", {"edits": [{"file": "fr", "old": "M. Emmanuel Macron, Président de la République, a salué et a soutenu l’intention exprimée par Mme TAKAICHI Sanae, Première ministre du Japon,", "new": "Mme TAKAICHI Sanae, Première ministre du Japon, a salué et a soutenu l’intention exprimée par M. Emmanuel Macron, Président de la République,"}]}, "CMT005", "error"),
    ("OCDE → OSCE", {"edits": [{"file": "fr", "old": "l’OCDE", "new": "l’OSCE"}]}, "ENT006", "error"),
    ("a clause left in Japanese", {"texts": [{"file": "fr", "eId": "sec_2__para_4__cl_1", "new": "両首脳は、共同研究プロジェクトの推進や研究者の交流促進を含め、AI 分野における研究協力の深化が戦略的に重要であることを再確認した。"}]}, "ALN006", "error"),
    ("a Cyrillic letter in a name", {"edits": [{"file": "fr", "old": "l’OCDE", "new": "l’OСDE"}]}, "TYP010", "error"),
    ("welcome for agree", {"edits": [{"file": "fr", "old": "sont convenus d’examiner", "new": "ont salué l’idée d’examiner"}]}, "CMT003", "error"),
]


@pytest.mark.parametrize(("what", "case", "code", "severity"), ERRORS, ids=[e[0] for e in ERRORS])
def test_translator_error_is_caught_at_its_severity(jpfr, corpus_copy, what, case, code, severity):
    apply(corpus_copy, case)
    run = jpfr("check", "corpus", "--format", "json", cwd=corpus_copy.parent)
    found = {(f["code"], f["severity"]) for f in json.loads(run.stdout)["findings"]}
    assert (code, severity) in found, (what, sorted(found))
    assert run.exit_code == (1 if any(s == "error" for _, s in found) else 0)
    if severity == "error":
        assert run.exit_code == 1
