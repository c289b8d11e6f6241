"""Slips in legal forms that the respelling of `legal_forms` is too strict to read: an
abbreviated form with a letter dropped ("Fse" for FSUE, "Ojs" for OJSC), a short word of a
form of several words misspelt ("JOIN STOCK COMPANY"), and a form followed by an appended
country ("... JOINT STOCK COMPANY, RF"), which still ends the name."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from rapidfuzz.distance import OSA
from rapidfuzz.process import extractOne

from screener.core.names.memo import word_memo
from screener.core.names.tokens import Role
from screener.core.names.word_tables import classify, word_tables

_FORM_MIN = 4  # letters of an abbreviated form read with one letter dropped: "fsue", "gmbh"
_WORD_MIN = 4  # letters of a short word of a form of several words: "join" for "joint"
_APPENDED = frozenset({Role.COUNTRY, Role.PLACE, Role.STOP})


def name_end(toks: Sequence[str]) -> int:
    """Where a name ends before an appended country or place ("X JSC, Russian Federation",
    "X Ltd, HK"), keeping at least two words."""
    if toks[-1] not in _appended_words() and not _country_code(toks[-1]):
        return len(toks)  # nearly every name
    roles = [t.role for t in classify(toks, allowed=set(_APPENDED))]
    end = len(toks)
    while end > 2 and (roles[end - 1] in _APPENDED or _country_code(toks[end - 1])):
        end -= 1
    return end


@cache
def _appended_words() -> frozenset[str]:
    """Every word of a country, place or stopword phrase of the tables."""
    return frozenset(
        w
        for phrases in word_tables().words.values()
        for phrase, role in phrases
        if role in _APPENDED
        for w in phrase
    )


def _country_code(word: str) -> bool:
    """ "hk", "uae": an abbreviation the tables spell out as a country."""
    full = word_tables().abbreviations.get(word)
    if not full:
        return False
    return all(t.role is Role.COUNTRY for t in classify(full, allowed={Role.COUNTRY}))


# Where names put the legal form first ("FSUE Rosmorport", "PJSC X", "ChUP X"); a form that
# follows the name elsewhere ("X DMCC", "X SAOG") is not looked for in a name's first word.
_FORM_FIRST = frozenset({"RU", "BY", "UA", "KZ", "UZ", "INT"})


@cache
def _abbreviated_forms() -> frozenset[str]:
    """One-word legal forms of four or five letters written first ("fsue", "pjsc")."""
    return frozenset(
        p.tokens[0]
        for phrases in word_tables().legal.values()
        for p in phrases
        if p.jurisdiction in _FORM_FIRST
        and len(p.tokens) == 1
        and _FORM_MIN <= len(p.tokens[0]) <= 5
        and p.tokens[0].isalpha()
    )


@word_memo(1 << 16)
def dropped_letter_form(word: str) -> str:
    """ "fse" -> "fsue", "pjs" -> "pjsc": a short legal form with one letter left out, the only
    form it can be so read as ("" if none, or several)."""
    tables = word_tables()
    if len(word) < _FORM_MIN - 1 or not word.isalpha() or word in tables.words:
        return ""
    if word in tables.legal or word in tables.abbreviations:
        return ""
    found = {
        f
        for f in _abbreviated_forms()
        if len(f) == len(word) + 1 and any(f[:i] + f[i + 1 :] == word for i in range(len(f)))
    }
    return found.pop() if len(found) == 1 else ""


@cache
def _short_legal_words() -> tuple[str, ...]:
    """Words of legal forms of several words, short enough that `legal_forms` leaves their
    slips alone ("joint", "stock", "public")."""
    return tuple(
        sorted(
            {
                w
                for phrases in word_tables().legal.values()
                for p in phrases
                if len(p.tokens) > 1
                for w in p.tokens
                if _WORD_MIN <= len(w) <= 6 and w.isalpha()
            }
        )
    )


@word_memo(1 << 16)
def short_word_slip(word: str) -> str:
    """ "join" -> "joint", "stok" -> "stock": one edit from a short word of a legal form of
    several words ("" if none). Kept only where it then makes such a form."""
    tables = word_tables()
    if len(word) < _WORD_MIN or not word.isalpha() or word in tables.words:
        return ""
    words = _short_legal_words()
    if word in words or word in tables.legal or word in tables.abbreviations:
        return ""
    found = extractOne(word, words, scorer=OSA.distance, score_cutoff=1)
    return found[0] if found is not None else ""


def keeps_a_name(toks: Sequence[str], form_words: set[int]) -> bool:
    """Whether a name keeps a word outside its legal forms and stopwords: "Mcc Ltd" is not
    read as two legal forms and nothing else."""
    rest = [t for i, t in enumerate(toks) if i not in form_words]
    return any(t.role is not Role.STOP for t in classify(rest, allowed={Role.STOP}))
