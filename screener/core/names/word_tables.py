"""The word tables of `lists/`: legal forms, generic words, stopwords, abbreviations, country
names and places, read once; and the roles they give a name's words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from screener.core.names.folding import tokenize
from screener.core.names.tokens import Role, Token
from screener.core.resources import lists_dir, read_table


@dataclass(frozen=True, slots=True)
class _Phrase:
    tokens: tuple[str, ...]
    canonical: str
    edge_only: bool
    jurisdiction: str = ""  # ISO country, or INT


@dataclass(frozen=True, slots=True)
class Tables:
    legal: dict[str, tuple[_Phrase, ...]]  # first token -> phrases, longest first
    abbreviations: dict[str, tuple[str, ...]]
    words: dict[str, tuple[tuple[tuple[str, ...], Role], ...]]  # first token -> phrases
    places: dict[str, str]  # folded place -> ISO country code


@cache
def word_tables() -> Tables:
    legal: dict[str, list[_Phrase]] = {}
    legal_columns = ("variant", "canonical", "position", "jurisdiction")
    for _, row in read_table(lists_dir() / "legal_forms.csv", legal_columns):
        toks = tokenize(row["variant"])
        if toks:
            phrase = _Phrase(toks, row["canonical"], row["position"] == "edge", row["jurisdiction"])
            legal.setdefault(toks[0], []).append(phrase)
    abbreviations: dict[str, tuple[str, ...]] = {}
    words: dict[str, list[tuple[tuple[str, ...], Role]]] = {}
    for _, row in read_table(lists_dir() / "name_words.csv", ("word", "expansion", "category")):
        toks = tokenize(row["word"])
        if not toks:
            continue
        if row["category"] == "abbrev":
            abbreviations[toks[0]] = tokenize(row["expansion"])
        else:
            words.setdefault(toks[0], []).append((toks, Role(row["category"])))
    places: dict[str, str] = {}
    for _, row in read_table(lists_dir() / "places.csv", ("place", "country", "kind")):
        toks = tokenize(row["place"])
        if toks:
            places[" ".join(toks)] = row["country"].upper()
            words.setdefault(toks[0], []).append((toks, Role.PLACE))
    return Tables(
        legal={k: tuple(sorted(v, key=lambda p: -len(p.tokens))) for k, v in legal.items()},
        abbreviations=abbreviations,
        words={k: tuple(sorted(v, key=lambda p: -len(p[0]))) for k, v in words.items()},
        places=places,
    )


def place_country(phrase: str) -> str | None:
    """The ISO country of a folded place phrase ("tsuen wan" -> "HK"), None if not a place."""
    return word_tables().places.get(phrase)


def classify(toks: Sequence[str], *, allowed: set[Role]) -> list[Token]:
    table = word_tables().words
    out: list[Token] = []
    i, n = 0, len(toks)
    while i < n:
        for phrase, role in table.get(toks[i], ()):
            end = i + len(phrase)
            if role in allowed and tuple(toks[i:end]) == phrase:
                out.extend(Token(t, role, t) for t in phrase)
                i = end
                break
        else:
            out.append(Token(toks[i], Role.NAME, toks[i]))
            i += 1
    return out
