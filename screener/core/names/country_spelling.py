"""A country appended to an organisation's name with a typo ("..., Russian Fedrration",
"... RUSSIAA") is still the country: read in its spelling, it weighs as a country, not as a
distinctive word the listed name lacks."""

from __future__ import annotations

from functools import cache

from rapidfuzz.distance import OSA
from rapidfuzz.process import extractOne

from screener.core.names.memo import word_memo
from screener.core.names.tokens import Role
from screener.core.names.word_tables import classify, word_tables

_MIN_LETTERS = 7  # a shorter word one edit from a country name is too often another word
_TAIL = 2  # words at the end of a name where an appended country is looked for
_MIN_REST = 2  # words the name keeps before it


@cache
def _country_words() -> tuple[str, ...]:
    """Every long word of a country name ("russia", "federation", "kazakhstan")."""
    words = {
        w
        for phrases in word_tables().words.values()
        for phrase, role in phrases
        if role is Role.COUNTRY
        for w in phrase
    }
    return tuple(sorted(w for w in words if len(w) >= _MIN_LETTERS and w.isalpha()))


@word_memo(1 << 14)
def _country_spelling(word: str) -> str:
    if len(word) < _MIN_LETTERS or not word.isalpha() or word in word_tables().words:
        return word
    found = extractOne(word, _country_words(), scorer=OSA.distance, score_cutoff=1)
    return found[0] if found is not None else word


def respell_country(toks: tuple[str, ...]) -> tuple[str, ...]:
    """The last words of a name in a country's spelling where, so spelt, they name a country."""
    if len(toks) < _MIN_REST + 1:
        return toks
    start = max(_MIN_REST, len(toks) - _TAIL)
    tail = [_country_spelling(t) for t in toks[start:]]
    if tail == list(toks[start:]):
        return toks
    if any(t.role is not Role.COUNTRY for t in classify(tail, allowed={Role.COUNTRY})):
        return toks
    return (*toks[:start], *tail)
