"""First guesses of a clause's actor and acts, for ``jpfr import`` and ``jpfr align``.

Stage: import. Imports ``checks.commitments``: the guesses are the commitment
checks' own reading of a clause (by lemma through ``lang/`` where the language's
analyser is installed, by the wordings of ``data/lexicons/<lang>.tsv`` otherwise),
so a wording the checks accept is a wording the importer recognises, in every
form (一致しました, « se sont entendus »). A guess is only a proposal, listed for a
person to review.
"""

from __future__ import annotations

from functools import lru_cache

from ..checks.commitments import read_clause


@lru_cache(maxsize=4096)
def _read(text: str, lang: str):
    return read_clause(text, lang)


def guess_acts(text: str, lang: str) -> tuple[str, ...]:
    """The acts the clause expresses, in the order they appear, once each."""
    acts, _ = _read(text, lang)
    return tuple(dict.fromkeys(m.value for m in acts if m.value))


def guess_actor(text: str, lang: str) -> str | None:
    """``both``, a party's code, or None when the sentence expresses no act or names
    no subject before its first act. The actor is who performs the clause's acts: a
    sentence without one (« Cette visite témoigne… », 国賓として訪日した) gets no guess,
    rather than the first party it happens to name."""
    acts, subject = _read(text, lang)
    if not acts or subject is None:
        return None
    return subject.value or None
