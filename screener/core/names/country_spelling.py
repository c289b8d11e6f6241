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
from screener.core.names.legal_forms import find_legal_forms
from screener.core.names.memo import word_memo
from screener.core.names.tokens import Role
from screener.core.names.word_tables import classify, word_tables

_MIN_LETTERS = 7  # a shorter word one edit from a country name is too often another word
_TAIL = 2  # words at the end of a name where an appended country is looked for
_MIN_REST = 2  # words the name keeps before it
_APPENDED_MAX = 3  # words of an appended country: "peoples republic of china" is not looked for
_PHRASE_MIN = 4  # letters of an appended country read with one slip: "iarn", not "uad"
_SEPARATOR = re.compile(r"[,(\[]|\s[-–—]+\s*")
_MARKS = re.compile(r"[,(\[–—-]")


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


@cache
def _phrases_by_size() -> dict[int, tuple[str, ...]]:
    """Country phrases by length: one slip changes a length by one at most."""
    out: dict[int, list[str]] = {}
    for p in _country_phrases():
        out.setdefault(len(p), []).append(p)
    return {k: tuple(v) for k, v in out.items()}


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
    by_size = _phrases_by_size()
    near = [p for k in (len(text) - 1, len(text), len(text) + 1) for p in by_size.get(k, ())]
    found = extract(text, near, scorer=OSA.distance, score_cutoff=1, limit=2)
    phrases = {p for p, _, _ in found if len(p.replace(" ", "")) >= _PHRASE_MIN}
    return phrases.pop() if len(phrases) == 1 else ""


@cache
def _known() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Every word the tables know, the last words of countries of several words, and the
    words of legal forms."""
    tables = word_tables()
    words = {w for phrases in tables.words.values() for phrase, _ in phrases for w in phrase}
    legal = {w for phrases in tables.legal.values() for p in phrases for w in p.tokens}
    ends = {p.split()[-1] for p in _country_phrases() if " " in p}
    return frozenset(words | legal | set(tables.abbreviations)), frozenset(ends), frozenset(legal)


@cache
def _phrase_words() -> frozenset[str]:
    return frozenset(w for p in _country_phrases() for w in p.split())


def _settled(toks: Sequence[str]) -> bool:
    """Whether a name's end leaves nothing to respell: nearly every name ends with a word the
    tables know that ends no country of several words ("kong" may follow "Hon")."""
    known, ends, _ = _known()
    return toks[-1] in known and toks[-1] not in ends


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


def respell_country(toks: tuple[str, ...], *, text: str = "") -> tuple[str, ...]:
    """The last words of a name in a country's spelling where, so spelt, they name a country.

    `text`: the name as written, where separators tell an appended country; a legal form ends
    the name too. The name keeps a word of its own before the country ("OOO DGRK" is a name).
    """
    n = len(toks)
    if n < 2 or _settled(toks):
        return toks
    words = _phrase_words()
    known, _, legal = _known()
    last = toks[-1]
    found: list[tuple[int, str]] = []
    # One word, only after a separator or a legal form ("..., Iarn", "... Ltd Chin").
    appendable = toks[-2] in legal or _MARKS.search(text) is not None
    if last.isalpha() and last not in known and appendable and (one := _appended_spelling(last)):
        found.append((n - 1, one))
    for start in range(max(1, n - _APPENDED_MAX), n - 1):
        # One slip: a country of several words keeps all its words but one as written, and
        # is told by them all ("Hong Kng"), appended or not.
        if sum(w not in words for w in toks[start:]) <= 1:
            phrase = _appended_spelling(" ".join(toks[start:]))
            if " " in phrase:
                found.append((start, phrase))
    if found:
        forms = find_legal_forms(toks)
        in_form = {i for form in forms for i in range(form.start, form.end)}
        own = next((i for i in range(n) if i not in in_form), n)
        if any(" " not in phrase for _, phrase in found):
            appended = appended_start(text, toks) if text else None
            ends = {s for s in (appended, *(f.end for f in forms)) if s is not None}
        else:
            ends = set()
        for start, phrase in sorted(found):
            if start > own and (start in ends or " " in phrase):
                return (*toks[:start], *phrase.split())
    if n < _MIN_REST + 1:
        return toks
    start = max(_MIN_REST, n - _TAIL)
    tail = [_country_spelling(t) for t in toks[start:]]
    if tail == list(toks[start:]):
        return toks
    if any(t.role is not Role.COUNTRY for t in classify(tail, allowed={Role.COUNTRY})):
        return toks
    return (*toks[:start], *tail)
