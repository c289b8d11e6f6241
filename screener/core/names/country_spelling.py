"""A country appended to an organisation's name with a typo ("..., Russian Fedrration",
"... RUSSIAA", "... Ltd (Hongg Kong)", "..., Iarn") is still the country: read in its
spelling, it weighs as a country, not as a distinctive word the listed name lacks.

A country of several words with one slip ("Hong Kng", "Russian Fedrration") is read so at
the end of any name; one word ("Iarn", "Singaporre") and a code with a letter doubled ("RRF",
"PRCC") only where a country is appended: after a comma, a bracket or a dash, or after the
name's legal form ("Devta Ltd Ifan")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from rapidfuzz.distance import OSA
from rapidfuzz.process import extract, extractOne

from screener.core.names.abbreviations import join_spelled_letters
from screener.core.names.folding import tokenize
from screener.core.names.memo import word_memo
from screener.core.names.tokens import Role
from screener.core.names.word_tables import classify, word_tables

_MIN_LETTERS = 7  # a shorter word one edit from a country name is too often another word
_TAIL = 2  # words at the end of a name where an appended country is looked for
_MIN_REST = 2  # words the name keeps before it
_APPENDED_MAX = 3  # words of an appended country: "peoples republic of china" is not looked for
_PHRASE_MIN = 4  # letters of an appended country read with one slip: "iarn", not "uad"
_SEPARATOR = re.compile(r"[,(\[]|\s[-–—]+\s*")


@cache
def _country_words() -> tuple[str, ...]:
    """Every long word of a country name ("russia", "federation", "kazakhstan")."""
    words = {w for phrase in _country_phrases() for w in phrase.split()}
    return tuple(sorted(w for w in words if len(w) >= _MIN_LETTERS and w.isalpha()))


@cache
def _country_phrases() -> tuple[str, ...]:
    """Every country name and code of the tables as folded text ("hong kong", "rf")."""
    return tuple(
        sorted(
            {
                " ".join(phrase)
                for phrases in word_tables().words.values()
                for phrase, role in phrases
                if role is Role.COUNTRY
            }
        )
    )


@cache
def _codes() -> frozenset[str]:
    """Country codes and short names ("rf", "prc", "uae", "hk") a doubled letter may hide."""
    short = {p for p in _country_phrases() if len(p) <= 4 and p.isalpha()}
    countries = set(_country_phrases())
    short |= {
        k
        for k, full in word_tables().abbreviations.items()
        if len(k) <= 4 and " ".join(full) in countries
    }
    return frozenset(short)


@word_memo(1 << 14)
def _country_spelling(word: str) -> str:
    if len(word) < _MIN_LETTERS or not word.isalpha() or word in word_tables().words:
        return word
    found = extractOne(word, _country_words(), scorer=OSA.distance, score_cutoff=1)
    return found[0] if found is not None else word


@word_memo(1 << 14)
def _appended_spelling(text: str) -> str:
    """An appended country's words, joined by spaces, in the spelling of the one country they
    are one slip from ("iarn" -> "iran", "hong kng" -> "hong kong", "rrf" -> "rf"), or ""."""
    tables = word_tables()
    if text in _country_phrases() or not text.replace(" ", "").isalpha():
        return ""
    if " " not in text and (text in tables.words or text in tables.abbreviations
                            or text in tables.legal):  # fmt: skip
        return ""  # a word the tables know as something else ("corp", "intl")
    undoubled = re.sub(r"(.)\1+", r"\1", text)
    if undoubled != text and undoubled in _codes():
        return undoubled
    if len(text.replace(" ", "")) < _PHRASE_MIN:
        return ""
    found = extract(text, _country_phrases(), scorer=OSA.distance, score_cutoff=1, limit=2)
    phrases = {p for p, _, _ in found if len(p.replace(" ", "")) >= _PHRASE_MIN}
    return phrases.pop() if len(phrases) == 1 else ""


def appended_start(text: str, toks: Sequence[str]) -> int | None:
    """The first token of what follows a name's last comma, bracket or dash, if those are at
    most three words and the name keeps one before them ("X Ltd, Hong Kong" -> 2)."""
    marks = list(_SEPARATOR.finditer(text))
    for mark in reversed(marks):
        tail = join_spelled_letters(tokenize(text[mark.end() :]))
        if not tail:
            continue
        n = len(tail)
        if n <= _APPENDED_MAX and n < len(toks) and tuple(toks[-n:]) == tail:
            return len(toks) - n
        return None
    return None


def respell_country(
    toks: tuple[str, ...],
    *,
    appended: int | None = None,
    forms: Sequence[tuple[int, int]] = (),
) -> tuple[str, ...]:
    """The last words of a name in a country's spelling where, so spelt, they name a country.

    `appended`: where words after a separator begin; `forms`: the (start, end) of the name's
    legal forms. The name keeps a word of its own before the country ("OOO DGRK" is a name).
    """
    n = len(toks)
    if n < 2:
        return toks
    in_form = {i for start, end in forms for i in range(start, end)}
    own = next((i for i in range(n) if i not in in_form), n)
    starts = {s for s in (appended, *(end for _, end in forms)) if s is not None and own < s < n}
    for start in range(max(own + 1, n - _APPENDED_MAX), n):
        found = _appended_spelling(" ".join(toks[start:]))
        # A country of several words is told by them all ("Hong Kng"), appended or not.
        if found and (start in starts or (" " in found and n - start > 1)):
            return (*toks[:start], *found.split())
    if n < _MIN_REST + 1:
        return toks
    start = max(_MIN_REST, n - _TAIL)
    tail = [_country_spelling(t) for t in toks[start:]]
    if tail == list(toks[start:]):
        return toks
    if any(t.role is not Role.COUNTRY for t in classify(tail, allowed={Role.COUNTRY})):
        return toks
    return (*toks[:start], *tail)
