"""Record reviews of translated clauses and headings (``jpfr accept``).

Stage: revision. Imports ``errors``, ``model``, ``load``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .errors import LoadError, Location
from .load import edit_clauses
from .load.lock import locked_for_edit, reload_pair
from .model import AlignedDocument, Heading, Section, text_hash

#: A heading is named like a clause: its section's eId and this suffix.
HEADING_SUFFIX = "__heading"


def heading_pairs(pair: AlignedDocument) -> dict[str, tuple[Heading, Heading]]:
    """(source heading, translated heading) by ``<section eId>__heading``, for the
    sections that have a heading in both languages."""
    out: dict[str, tuple[Heading, Heading]] = {}
    for sec_id, a, b in pair.pairs():
        if isinstance(a, Section) and isinstance(b, Section) and a.heading is not None and b.heading is not None:
            out[sec_id + HEADING_SUFFIX] = (a.heading, b.heading)
    return out


def accept_clauses(pair: AlignedDocument, ids: Iterable[str] | None = None) -> list[str]:
    """Write the current source hash into ``src`` of the given translated clauses
    and headings (a heading named ``<section eId>__heading``; all paired clauses
    and headings when ``ids`` is None), after a person has reviewed them.

    The translation is locked, read again and rewritten in one read-modify-write
    (``load.lock``): two reviewers accepting at once both keep their change.

    Returns:
        The ids whose hash changed (already current ones are left alone).

    Raises:
        LoadError: an id is not a clause or heading present in both languages, or the file cannot be written.
    """
    if pair.target.loc is None:
        raise LoadError("the translation was not read from a file")
    with locked_for_edit(Path(pair.target.path), pair.target.path):
        pair = reload_pair(pair)  # under the lock: from what the file holds now
        pairs = {b.id: (a.text, b.src) for a, b in pair.clause_pairs()}
        heads = {eid: (a.text, b.src) for eid, (a, b) in heading_pairs(pair).items()}
        known = {**pairs, **heads}
        wanted = list(known) if ids is None else list(dict.fromkeys(ids))
        for eid in wanted:
            if eid not in known:
                raise LoadError(f"no clause or heading {eid!r} present in both languages", Location(pair.target.path))
        stale = [eid for eid in wanted if known[eid][1] != text_hash(known[eid][0])]
        updates = {eid: {"src": text_hash(pairs[eid][0])} for eid in stale if eid in pairs}
        head_updates = {
            eid[: -len(HEADING_SUFFIX)]: {"src": text_hash(heads[eid][0])} for eid in stale if eid not in pairs
        }
        if not updates and not head_updates:
            return []
        return edit_clauses(
            Path(pair.target.path), attributes=updates, heading_attributes=head_updates, display=pair.target.path
        )
