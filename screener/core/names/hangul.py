"""Korean names in Hangul, romanised as the sanctions lists romanise them.

The lists' Korean names are North Korean, written after McCune-Reischauer as the DPRK uses it:
김정은 "Kim Jong Un", 최룡해 "Choe Ryong Hae", 박봉주 "Pak Pong Ju", 리만건 "Ri Man Gon".
Revised Romanisation (anyascii's, and South Korea's) writes "Gim Jeong Eun": another word for
every syllable. So a syllable is decomposed into its letters (jamo, by Unicode arithmetic) and
each written as the lists write it: ㅓ and ㅗ both "o", ㅡ and ㅜ both "u", an initial ㄹ "r",
the family name and the given name's first syllable unvoiced ("Pak Pong"), a later syllable's
ㄱ ㄷ ㅂ voiced after a vowel or a voiced final ("Man Gon", "Se Bong"). A name's syllables
are words of their own, as the lists print them.
"""

from __future__ import annotations

import re

_FIRST, _LAST = 0xAC00, 0xD7A3
_PER_INITIAL, _PER_VOWEL = 21 * 28, 28
_INITIALS = ("k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "j", "jj", "ch",
             "kh", "th", "p", "h")  # fmt: skip
_VOICED = {"k": "g", "t": "d", "p": "b"}  # ㄱ ㄷ ㅂ between voiced sounds
_VOWELS = ("a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo",
           "we", "wi", "yu", "u", "ui", "i")  # fmt: skip
_FINALS = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m",
           "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t")  # fmt: skip
_VOICING_FINALS = frozenset({"", "n", "m", "ng", "l"})
_UNVOICED_SYLLABLES = 2  # the family name and the given name's first syllable start a word
MAX_NAME_SYLLABLES = 4  # longer words are an organisation's: kept one word
HANGUL_WORD = re.compile(f"[{chr(_FIRST)}-{chr(_LAST)}]+")


def romanize_hangul_word(word: str) -> str:
    """A run of Hangul syllables in Latin: a name's syllables apart, a longer word joined."""
    out: list[str] = []
    final = "k"  # a word's start: unvoiced
    for i, ch in enumerate(word):
        index = ord(ch) - _FIRST
        initial = _INITIALS[index // _PER_INITIAL]
        vowel = _VOWELS[index % _PER_INITIAL // _PER_VOWEL]
        if i >= _UNVOICED_SYLLABLES and final in _VOICING_FINALS:
            initial = _VOICED.get(initial, initial)
        final = _FINALS[index % _PER_VOWEL]
        out.append(initial + vowel + final)
    joiner = " " if len(word) <= MAX_NAME_SYLLABLES else ""
    return f" {joiner.join(out)} "
