"""Every script the lists carry, in Latin letters: what the hand-made tables leave over.

`normalize.transliterate` romanises Cyrillic, Greek, Arabic, Armenian and Georgian with tables
that follow the schemes the lists use. Chinese, Japanese, Korean, Hebrew, Thai, Devanagari and
the rest go through anyascii (pure Python, per-character tables): Han characters come out as
Pinyin syllables, kana as romaji, Hangul by Revised Romanisation. Its romanisation of a name
may differ from the one a list prints, but two identical names always fold to the same words,
which is what makes a listed Chinese alias findable at all.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from anyascii import anyascii


def romanize_rest(text: str) -> str:
    """`text` with each character not ASCII, nor a Latin letter with marks, romanised.

    Run before marks are stripped: Japanese voicing marks (ダ = タ + ゛) are part of the sound.
    """
    if text.isascii():
        return text
    return "".join(ch if ch.isascii() else _one(ch) for ch in text)


@lru_cache(maxsize=8192)
def _one(ch: str) -> str:
    if unicodedata.normalize("NFKD", ch)[:1].isascii() or unicodedata.combining(ch):
        return ch  # "é", a combining accent: stripped later with the other marks
    out = anyascii(ch)
    # Han syllables come capitalised and run together ("BeiJing"); keep them one word, as the
    # characters of a name are written without spaces.
    return out.lower()
