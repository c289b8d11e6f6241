"""Abbreviations written with a dot ("PROD.", "INDL.", "Trd.", "MACHY.") and letters spelled out.

The table in `lists/name_words.csv` knows the common abbreviations (Intl, Engg, Svcs); order
files invent others. A word written with a trailing dot whose letters appear in order in a
generic company word, from its first letter on, is taken as that word abbreviated: "PROD." for
"Production", "Trd." for "Trading". Only generic words are abbreviated this way, so a dotted
distinctive word never stands for another name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

ABBREVIATION_CREDIT = 0.9
_DOTTED = re.compile(r"([a-z]{2,})\.")


def dotted_words(latin_text: str) -> frozenset[str]:
    """Words of a lower-case Latin text written with a trailing dot: {"prod", "indl"}."""
    return frozenset(_DOTTED.findall(latin_text))


@lru_cache(maxsize=1 << 16)
def abbreviates(short: str, long_: str) -> bool:
    """'trd' / 'trading', 'machy' / 'machinery': the first letter, then the rest in order."""
    if len(short) < 2 or len(long_) <= len(short) or short[0] != long_[0]:
        return False
    rest = iter(long_[1:])
    return all(ch in rest for ch in short[1:])


def join_spelled_letters(tokens: Sequence[str]) -> tuple[str, ...]:
    """Runs of two or more single letters as one word: "U A E" -> "uae"."""
    out: list[str] = []
    run: list[str] = []
    for tok in [*tokens, ""]:
        if len(tok) == 1 and tok.isalpha():
            run.append(tok)
            continue
        if run:
            out.extend(["".join(run)] if len(run) > 1 else run)
            run = []
        if tok:
            out.append(tok)
    return tuple(out)
