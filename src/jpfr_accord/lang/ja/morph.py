"""Japanese morphology: tokens with lemma, part of speech and reading; names with their romanisation.

Stage: lang. Imports the standard library; the analyser (fugashi, a MeCab wrapper,
with the UniDic-lite dictionary) is imported on the first question, never at
module import, and every analysis is cached per text.

Why fugashi + unidic-lite (measured here, see ``bench/morph_bench.py``): the
tagger loads in about 11 ms and tags a 70-character sentence in about 22 µs,
where SudachiPy + sudachidict-core takes about 70 ms and 41 µs; UniDic gives
the dictionary form of every inflected word (一致しました → 一致 + 為る + ます + た,
決定された → 決定 + 為る + れる + た), tags person and place names (名詞,固有名詞,人名)
and gives their katakana reading (小泉 → コイズミ), which is what the checks need.
Foreign names missing from the dictionary (マクロン is read マクロ + ン) are
katakana runs, merged back here; kana are romanised with a small Hepburn table
(a reading is kana already, so no second dictionary is needed).

Offsets are character offsets into the text as given (``start``, ``end``), so a
rule can report the ``span`` of the words it found.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["Token", "tokens", "name_readings", "romanize", "is_available", "proper_noun_spans"]


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a Japanese text."""

    surface: str
    lemma: str
    pos: str  # the UniDic POS fields joined by "," (名詞,固有名詞,人名,姓)
    reading: str  # katakana; the surface when the dictionary has none
    start: int
    end: int

    @property
    def pos1(self) -> str:
        return self.pos.split(",", 1)[0]

    def has_pos(self, *parts: str) -> bool:
        """The POS starts with these fields (``has_pos("名詞", "固有名詞")``)."""
        fields = self.pos.split(",")
        return tuple(fields[: len(parts)]) == parts

    @property
    def is_proper_noun(self) -> bool:
        return self.has_pos("名詞", "固有名詞")

    @property
    def is_name(self) -> bool:
        """A person's name (UniDic 人名) or a foreign name written in katakana."""
        return self.has_pos("名詞", "固有名詞", "人名") or self.pos == _KATAKANA_NAME


_KATAKANA_NAME = "名詞,固有名詞,一般,カタカナ"
_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]+")
_tagger: Any = None


def is_available() -> bool:
    """Whether the analyser and its dictionary are installed."""
    try:
        _get_tagger()
    except (ImportError, RuntimeError):
        return False
    return True


def _get_tagger() -> Any:
    global _tagger
    if _tagger is None:
        import fugashi  # noqa: PLC0415 (lazy: only a rule that reads Japanese pays for it)

        _tagger = fugashi.Tagger()
    return _tagger


def _field(feature: Any, name: str) -> str:
    value = getattr(feature, name, None)
    return value if isinstance(value, str) and value != "*" else ""


@lru_cache(maxsize=65536)
def tokens(text: str) -> tuple[Token, ...]:
    """The words of ``text``, in order, with their dictionary form (``lemma``), part
    of speech and reading. Runs of katakana the dictionary splits (マクロ + ン) are
    one word, tagged as a foreign name when the dictionary does not know the whole."""
    out: list[Token] = []
    pos = 0
    for word in _get_tagger()(text):
        surface = word.surface
        start = text.find(surface, pos)
        if start < 0:  # the analyser normalised something: keep the running offset
            start = pos
        end = start + len(surface)
        pos = end
        f = word.feature
        lemma = _field(f, "lemma") or surface
        lemma = lemma.split("-", 1)[0] or surface  # UniDic writes シラク-外国, マクロ-macro
        fields = [_field(f, n) for n in ("pos1", "pos2", "pos3", "pos4")]
        pos_tag = ",".join(x or "*" for x in fields).rstrip(",*") or "*"
        reading = _field(f, "kana") or surface
        out.append(Token(surface, lemma, pos_tag, reading, start, end))
    return tuple(_merge_katakana(text, out))


def _merge_katakana(text: str, toks: list[Token]) -> list[Token]:
    """Merge adjacent tokens that together form one katakana run of the text
    (マクロ + ン → マクロン): a foreign word the dictionary does not have whole."""
    merged: list[Token] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        j = i
        while j + 1 < len(toks) and toks[j + 1].start == toks[j].end and _KATAKANA.fullmatch(toks[j].surface) and _KATAKANA.fullmatch(toks[j + 1].surface):
            j += 1
        if j > i:
            surface = text[t.start : toks[j].end]
            merged.append(Token(surface, surface, _KATAKANA_NAME, surface, t.start, toks[j].end))
        else:
            merged.append(t)
        i = j + 1
    return merged


def proper_noun_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every proper noun (names of persons, places, bodies) in ``text``,
    adjacent ones joined: 安倍晋三 is one span, so its 三 is never read as a number."""
    spans: list[tuple[int, int]] = []
    for t in tokens(text):
        if t.is_proper_noun:
            if spans and spans[-1][1] == t.start:
                spans[-1] = (spans[-1][0], t.end)
            else:
                spans.append((t.start, t.end))
    return spans


#: Words after which a katakana word is a person's name (オランド大統領, ブルトン欧州委員).
_TITLES = frozenset("大統領 大臣 首相 総理 外相 氏 長官 議長 委員 事務総長 夫人 国王 女王 皇太子 首脳".split())


@lru_cache(maxsize=16384)
def name_readings(text: str) -> list[tuple[str, str]]:
    """(surface, romaji) for every person's name in ``text``, in order: kanji names
    by their dictionary reading (小泉 → ``koizumi``), katakana names as written
    (マクロン → ``makuron``; ジャック・シラク → ``jakku``, ``shiraku``). A katakana word
    the dictionary does not tag as a person is one when it is joined to a name by
    ・ or followed by a title (オランド大統領)."""
    toks = tokens(text)
    out: list[tuple[str, str]] = []
    for i, t in enumerate(toks):
        person = t.has_pos("名詞", "固有名詞", "人名")
        if not person and _KATAKANA.fullmatch(t.surface) and t.pos1 == "名詞" and not t.has_pos("名詞", "固有名詞", "地名"):
            before = toks[i - 1].surface if i else ""
            after = toks[i + 1].surface if i + 1 < len(toks) else ""
            after2 = "".join(x.surface for x in toks[i + 1 : i + 4])
            person = before == "・" or after == "・" or after in _TITLES or any(after2.startswith(x) for x in _TITLES)
        if person:
            out.append((t.surface, romanize(t.reading)))
    return out


# -- kana to Hepburn romaji -------------------------------------------------------

_BASE = {
    "ア": "a", "イ": "i", "ウ": "u", "エ": "e", "オ": "o",
    "カ": "ka", "キ": "ki", "ク": "ku", "ケ": "ke", "コ": "ko",
    "ガ": "ga", "ギ": "gi", "グ": "gu", "ゲ": "ge", "ゴ": "go",
    "サ": "sa", "シ": "shi", "ス": "su", "セ": "se", "ソ": "so",
    "ザ": "za", "ジ": "ji", "ズ": "zu", "ゼ": "ze", "ゾ": "zo",
    "タ": "ta", "チ": "chi", "ツ": "tsu", "テ": "te", "ト": "to",
    "ダ": "da", "ヂ": "ji", "ヅ": "zu", "デ": "de", "ド": "do",
    "ナ": "na", "ニ": "ni", "ヌ": "nu", "ネ": "ne", "ノ": "no",
    "ハ": "ha", "ヒ": "hi", "フ": "fu", "ヘ": "he", "ホ": "ho",
    "バ": "ba", "ビ": "bi", "ブ": "bu", "ベ": "be", "ボ": "bo",
    "パ": "pa", "ピ": "pi", "プ": "pu", "ペ": "pe", "ポ": "po",
    "マ": "ma", "ミ": "mi", "ム": "mu", "メ": "me", "モ": "mo",
    "ヤ": "ya", "ユ": "yu", "ヨ": "yo",
    "ラ": "ra", "リ": "ri", "ル": "ru", "レ": "re", "ロ": "ro",
    "ワ": "wa", "ヰ": "i", "ヱ": "e", "ヲ": "o", "ン": "n", "ヴ": "vu",
    "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o",
}
_SMALL = {"ャ": "ya", "ュ": "yu", "ョ": "yo"}
_FOREIGN = {  # small vowels after a consonant kana: ファ fa, ティ ti, ウィ wi, ヴィ vi, シェ she
    "a": "a", "i": "i", "e": "e", "o": "o", "u": "u",
}


def romanize(kana: str) -> str:
    """Hepburn romaji of a kana string (hiragana or katakana), lower case:
    コイズミ → ``koizumi``, シンゾウ → ``shinzou``, マクロン → ``makuron``; other
    characters are kept (a middle dot ・ becomes a space)."""
    text = "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in unicodedata.normalize("NFKC", kana))
    out: list[str] = []
    double = False
    for c in text:
        if c == "ッ":
            double = True
            continue
        if c == "ー":
            if out and out[-1]:
                out.append(out[-1][-1])
            continue
        if c in ("・", "･", "=", "＝"):
            out.append(" ")
            continue
        if c in _SMALL and out and out[-1].endswith("i") and len(out[-1]) >= 2:
            prev = out.pop()
            stem = prev[:-1] if prev[-2:] in ("hi",) and prev[:-2] in ("s", "c") else prev[:-1]
            if prev in ("shi", "chi", "ji"):
                out.append(prev[:-1] + _SMALL[c][1:])
            else:
                out.append(stem + _SMALL[c])
            continue
        if c in "ァィゥェォ" and out and len(out[-1]) >= 2:
            prev = out.pop()
            out.append(prev[:-1] + _FOREIGN[_BASE[c]])
            continue
        roman = _BASE.get(c, c.lower())
        if double and roman and roman[0].isalpha():
            roman = ("t" if roman.startswith("ch") else roman[0]) + roman
        double = False
        out.append(roman)
    return "".join(out)
