"""Names romanised from Arabic or Persian script letter by letter, without short vowels.

Arabic and Persian write only long vowels: محمد becomes "mhmd", حسین "hsyn", where a list
romanises "Mohammad" and "Hossein". Such a word and a fully voweled one are compared on their
consonants, when one of them plainly lacks the vowels the other has.
"""

from __future__ import annotations

import re

from rapidfuzz.fuzz import ratio

from screener.core.names.memo import word_memo

_WEAK = frozenset("aeiouwy")  # vowels, and the letters long vowels are written with (و ی)
_VOWELS_ONLY = str.maketrans("", "", "aeiouwy")
_MIN_CONSONANTS = 3
_NEAR = 80.0  # similarity (0-100) of two consonant skeletons that may be one word


_DROP = str.maketrans("", "", "aeiouwy0123456789")
_DOUBLED = re.compile(r"(.)\1+")


@word_memo(1 << 16)
def _shape(word: str) -> tuple[str, int]:
    """(consonants, doubled letters collapsed; how many vowel letters the word has)."""
    # Hot (every word pair of a person search): str methods, not a loop over letters.
    text = word.replace("kh", "h").replace("q", "k").replace("ph", "f")
    consonants = text.translate(_DROP)
    collapsed = (
        consonants if _DOUBLED.search(consonants) is None else _DOUBLED.sub(r"\1", consonants)
    )
    return collapsed, len(word) - len(word.translate(_VOWELS_ONLY))


def unvoweled_match(a: str, b: str) -> bool:
    """'mhmd' and 'mohammad': the same consonants, one side written without its vowels."""
    ka, va = _shape(a)
    kb, vb = _shape(b)
    return len(ka) >= _MIN_CONSONANTS and ka == kb and 2 * min(va, vb) < max(va, vb)


def consonant_key(word: str) -> str:
    """What `unvoweled_match` compares: the reach filter finds partners by it."""
    return _shape(word)[0]


def unvoweled_near(a: str, b: str) -> bool:
    """Like `unvoweled_match`, but the consonants need only be close ("chshmh", "chesmeh")."""
    ka, va = _shape(a)
    kb, vb = _shape(b)
    return 2 * min(va, vb) < max(va, vb) and ratio(ka, kb) >= _NEAR
