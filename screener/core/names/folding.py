"""Folded text: lower-case ASCII words, and the spelling skeleton that bridges romanisations."""

from __future__ import annotations

import re
from functools import lru_cache

from screener.core.names.transliteration import transliterate

# Apostrophes and quote marks inside a word join it ("Int'l", "Ob'edinennaya").
_JOINERS = re.compile(r"['\u2018\u2019\u02bc\u02b9\u0060\u00b4]")
# "F.Z.E.", "L.L.C", "U.A.E." -> one token; a single dotted letter stays a letter.
_DOTTED_ACRONYM = re.compile(r"\b[a-z0-9](?:\.[a-z0-9])+\b\.?")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOUBLED = re.compile(r"(.)\1+")  # searched first: most words have no doubled letter
_INITIAL_DOT = re.compile(r"\b([^\W\d_])\.", re.UNICODE)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces. Idempotent: fold(fold(x)) == fold(x)."""
    text = transliterate(text).replace("&", " and ")
    text = _JOINERS.sub("", text)
    text = _DOTTED_ACRONYM.sub(lambda m: m.group(0).replace(".", ""), text)
    text = _NON_ALNUM.sub(" ", text)
    return " ".join(text.split())


def tokenize(text: str) -> tuple[str, ...]:
    return tuple(fold(text).split())


def reorder_last_first(text: str) -> str:
    """'SMITH, John A.' -> 'John A. SMITH'; anything without exactly one comma is unchanged."""
    parts = text.split(",")
    if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
        return text
    return f"{parts[1].strip()} {parts[0].strip()}"


def split_initials(text: str) -> str:
    """'V.V. Bakhirev' -> 'V V Bakhirev': dotted initials of a person are separate letters."""
    return _INITIAL_DOT.sub(r"\1 ", text)


@lru_cache(maxsize=262144)
def skeleton(token: str) -> str:
    """A spelling key that bridges romanisation schemes and doubled letters.

    BGN, ICAO, passport and informal romanisations of the same Cyrillic word differ in
    kh/h, shch/sch, ya/ia/ja, y/i/j and doubled letters; all of them share this key.
    """
    s = token
    for old, new in _SKELETON_STEPS:
        s = s.replace(old, new)
    return s if _DOUBLED.search(s) is None else _DOUBLED.sub(r"\1", s)


_SKELETON_STEPS = (
    ("x", "ks"), ("shch", "sh"), ("sch", "sh"), ("kh", "h"), ("zh", "z"), ("tz", "c"), ("ts", "c"),
    ("ck", "k"), ("ph", "f"), ("w", "v"), ("q", "k"),
    ("yu", "u"), ("ju", "u"), ("iu", "u"), ("ya", "a"), ("ja", "a"), ("ia", "a"),
    ("ye", "e"), ("je", "e"), ("yo", "o"), ("jo", "o"), ("j", "i"), ("y", "i"),
)  # fmt: skip
