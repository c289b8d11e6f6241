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


def _sounds(word: str) -> str:
    """Letters for one Arabic sound alike: خ "kh" or "h", ق "q" or "k"."""
    return word.replace("kh", "h").replace("q", "k").replace("ph", "f")


@word_memo(1 << 16)
def _shape(word: str) -> tuple[str, int]:
    """(consonants, doubled letters collapsed; how many vowel letters the word has)."""
    # Hot (every word pair of a person search): str methods, not a loop over letters.
    text = _sounds(word)
    # An initial y or w is a consonant ("yusf" / "yousef", "wli" / "wali").
    consonants = text[0] + text[1:].translate(_DROP) if text[:1] in "yw" else text.translate(_DROP)
    collapsed = (
        consonants if _DOUBLED.search(consonants) is None else _DOUBLED.sub(r"\1", consonants)
    )
    vowels = len(word) - len(word.translate(_VOWELS_ONLY))
    return collapsed, vowels - 1 if text[:1] in "yw" else vowels


def unvoweled_match(a: str, b: str) -> bool:
    """'mhmd' and 'mohammad', 'slman' and 'salman': the same consonants, one side written
    without some vowels, and each vowel it writes where the other writes a like one ("Mahmud"
    and "Muhammad", "Hassan" and "Husayn" put theirs elsewhere: two names)."""
    ka, va = _shape(a)
    kb, vb = _shape(b)
    if len(ka) < _MIN_CONSONANTS or ka != kb or va == vb:
        return False
    few, many = (_slots(a), _slots(b)) if va < vb else (_slots(b), _slots(a))
    last = len(few) - 1
    pairs = list(enumerate(zip(few, many, strict=True)))
    # Vowels left out before the end: "Kotwal" / "Kootwal", "Mukand" / "Mukanda" are not that.
    return any(not x and y and i < last for i, (x, y) in pairs) and all(
        not x or _alike(x, y, final=i == last) for i, (x, y) in pairs
    )


def _alike(written: str, other: str, *, final: bool) -> bool:
    """A long vowel as Arabic script writes it ('a', 'i', 'u'; 'w', 'y') and another
    romanisation's vowels in the same place: 'a' may be 'e' ("Belkalem", "Hicham"), 'i' is
    'ee', 'ei' or 'y', 'u' is 'o' or 'ou'; a final 'i' and 'a' may be the other: ی and ى end
    names either way (مصطفی "Mustafa", حقانى "Haqqani")."""
    return any(
        not set(_LIKE[ch]).isdisjoint(other)
        or (final and ch in "aiy" and not set("aiy").isdisjoint(other))
        for ch in written
    )


_LIKE = {"a": "ae", "e": "eia", "i": "iey", "y": "iey", "o": "ouw", "u": "uow", "w": "uow"}


@word_memo(1 << 16)
def _slots(word: str) -> tuple[str, ...]:
    """The vowels before the first consonant and after each one of `_shape`'s consonants."""
    text = _sounds(word)
    if "llah" in text:  # "Hamdullah", "Habibollah": الله written onto a name, as "allah"
        text = text.replace("ullah", "allah").replace("ollah", "allah")
    slots = [""]
    last = ""
    for i, ch in enumerate(text):
        if ch in _WEAK and not (i == 0 and ch in "yw"):
            slots[-1] += ch
        elif ch.isalpha() and ch != last:
            slots.append("")
            last = ch
    return tuple(slots)


def consonant_key(word: str) -> str:
    """What `unvoweled_match` compares: the reach filter finds partners by it."""
    return _shape(word)[0]


def unvoweled_near(a: str, b: str) -> bool:
    """Like `unvoweled_match`, but the consonants need only be close ("chshmh", "chesmeh")."""
    ka, va = _shape(a)
    kb, vb = _shape(b)
    return 2 * min(va, vb) < max(va, vb) and ratio(ka, kb) >= _NEAR
