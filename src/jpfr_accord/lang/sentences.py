"""Sentence splitting, one entry point for every language (import, align and checks ask here).

Stage: lang. Imports ``lang.ja.sentences`` and ``lang.fr.sentences`` only.

``split_sentences(text, lang)`` cuts one paragraph into sentences, keeping every
character (only the spaces between sentences are dropped); ``ends_sentence`` says
whether a line closes a sentence (a heading or a page-broken paragraph does not).
Japanese (and Chinese) use the full-stop rules of ``lang/ja``; French and other
Latin-script languages those of ``lang/fr``. Both run in time linear in the text.
"""

from __future__ import annotations

from .fr import sentences as _fr
from .ja import sentences as _ja

_CJK = ("ja", "zh")


def split_sentences(text: str, lang: str) -> list[str]:
    """The sentences of one paragraph, in order, each stripped."""
    return _ja.split(text) if lang in _CJK else _fr.split(text)


def ends_sentence(text: str, lang: str) -> bool:
    """Whether ``text`` ends with a sentence end (not a heading, nor a paragraph a page break cut)."""
    return _ja.ends_sentence(text) if lang in _CJK else _fr.ends_sentence(text)


def joiner(lang: str) -> str:
    """What joins two lines of one paragraph: nothing in Japanese, a space in French."""
    return "" if lang in _CJK else " "
