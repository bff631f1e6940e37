"""Record reviews of translated clauses (``jpfr accept``).

Stage: revision. Imports ``errors``, ``model``, ``load``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .errors import LoadError, Location
from .load import edit_clauses
from .load.lock import locked_for_edit, reload_pair
from .model import AlignedDocument, text_hash


def accept_clauses(pair: AlignedDocument, ids: Iterable[str] | None = None) -> list[str]:
    """Write the current source hash into ``src`` of the given translated clauses
    (all paired clauses when ``ids`` is None), after a person has reviewed them.

    The translation is locked, read again and rewritten in one read-modify-write
    (``load.lock``): two reviewers accepting at once both keep their change.

    Returns:
        The ids whose hash changed (already current ones are left alone).

    Raises:
        LoadError: an id is not a clause present in both languages, or the file cannot be written.
    """
    if pair.target.loc is None:
        raise LoadError("the translation was not read from a file")
    with locked_for_edit(Path(pair.target.path), pair.target.path):
        pair = reload_pair(pair)
        pairs = {b.id: (a, b) for a, b in pair.clause_pairs()}
        wanted = list(pairs) if ids is None else list(dict.fromkeys(ids))
        for eid in wanted:
            if eid not in pairs:
                raise LoadError(f"no clause {eid!r} present in both languages", Location(pair.target.path))
        updates = {eid: {"src": text_hash(pairs[eid][0].text)} for eid in wanted
                   if pairs[eid][1].src != text_hash(pairs[eid][0].text)}
        if not updates:
            return []
        return edit_clauses(Path(pair.target.path), attributes=updates, display=pair.target.path)
