"""Every script the lists carry, in Latin letters: what the hand-made tables leave over.

`normalize.transliterate` romanises Cyrillic, Greek, Arabic, Armenian and Georgian with tables
that follow the schemes the lists use. Chinese, Japanese, Korean, Hebrew, Thai, Devanagari and
the rest go through anyascii (pure Python, per-character tables): Han characters come out as
Pinyin syllables, kana as romaji, Hangul by Revised Romanisation. Its romanisation of a name
may differ from the one a list prints, but two identical names always fold to the same words,
which is what makes a listed Chinese alias findable at all. A Chinese or Korean name (a run
of at most four characters) is written a syllable per word, as the lists print it ("Zhao Wei",
"Kim Jong Un"), so its family name can stand first or last; Hangul by `hangul`. A Chinese
organisation's name is cut at the words `han_words` knows (有限公司, 科技, 深圳).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

from screener.core.names.han_words import cut_han_words
from screener.core.names.hangul import HANGUL_WORD, MAX_NAME_SYLLABLES, romanize_hangul_word

_HAN_WORD = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")


def romanize_rest(text: str) -> str:
    """`text` with each character not ASCII, nor a Latin letter with marks, romanised.

    Run before marks are stripped: Japanese voicing marks (ダ = タ + ゛) are part of the sound.
    """
    if text.isascii():
        return text
    text = HANGUL_WORD.sub(lambda m: romanize_hangul_word(m.group(0)), text)
    text = _HAN_WORD.sub(_han_word, text)
    return "".join(ch if ch.isascii() else _one(ch) for ch in text)


def _han_word(match: re.Match[str]) -> str:
    word = match.group(0)
    cut = cut_han_words(word, _one)
    if cut is not None:
        return cut  # an organisation's: its words apart
    if len(word) > MAX_NAME_SYLLABLES:
        return "".join(_one(ch) for ch in word)  # one word, as written
    return " " + " ".join(_one(ch) for ch in word) + " "


@lru_cache(maxsize=8192)
def _one(ch: str) -> str:
    if unicodedata.normalize("NFKD", ch)[:1].isascii() or unicodedata.combining(ch):
        return ch  # "é", a combining accent: stripped later with the other marks
    out = anyascii(ch)
    return out.lower()  # Han syllables come capitalised ("Bei")
