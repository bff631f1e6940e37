"""First guesses of a clause's actor and acts, for ``jpfr import``.

Stage: import. Imports ``checks.lexicon``: the guesses come from the same
language lexicons (``data/lexicons/<lang>.tsv``) that the commitment checks use,
so a wording the checks accept is a wording the importer recognises. A guess is
only a proposal, listed for a person to review.
"""

from __future__ import annotations

from ..checks.lexicon import find_acts, find_subject, prepare


def guess_acts(text: str, lang: str) -> tuple[str, ...]:
    """The acts whose wordings occur in ``text``, in the order they appear, once each."""
    return tuple(dict.fromkeys(m.value for m in find_acts(prepare(text), lang)))


def guess_actor(text: str, lang: str) -> str | None:
    """``both``, a party's code, or None when the sentence names no subject before its first act."""
    prepared = prepare(text)
    acts = find_acts(prepared, lang)
    subject = find_subject(prepared, lang, before=acts[0].start if acts else None)
    return subject.value if subject else None
