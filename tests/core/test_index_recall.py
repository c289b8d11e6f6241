"""The index finds what scoring every listed name finds, for the ways order files misspell.

Each case is a listed name after a crowd of others sharing its common words (so the crowd,
not the listed name, fills the best-ranked candidates unless the blocking keys find it), and
a query an order file might hold: the blocking keys must put the listed name among the
candidates scored, and the index must keep every hit scoring every name finds.
"""

from __future__ import annotations

import random

import pytest

from screener.core.names.name_index import DEFAULT_CANDIDATES, IndexedName, NameIndex

_LETTERS = "bcdfghklmnprstvz"
_VOWELS = "aeiou"


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_LETTERS) + rng.choice(_VOWELS) for _ in range(rng.randint(3, 4)))


def _crowd(common: str, kind: str | None, n: int = 400) -> list[IndexedName]:
    """`n` listed names sharing the word `common` and two invented ones."""
    rng = random.Random(common)
    return [
        IndexedName(1000 + i, f"{common} {_word(rng).title()} {_word(rng).title()}", kind)
        for i in range(n)
    ]


CASES = [
    # (listed name, its kind, the crowd's common word, the query)
    ("OOO ZARNITSA", "organization", "Zarnitsa", "OOOZARNITSA"),  # a legal form glued on
    ("VEB ENGINEERING LLC", "organization", "Veb", "OOO VEBINZHINIRING"),  # run together
    ("GAZPROM BANK", "organization", "Gazprom", "GAZPROMBANK"),
    ("GAZPROMBANK", "organization", "Gazprom", "GAZPROM BANK"),  # split
    ("MARJORIE", "person", "Marj", "MARJ ORIE"),  # a first name split
    ("SA-ID", "person", "Said", "FARMAND, Said"),  # a short listed pair, one query word
    ("Abu Khalil", "person", "Khalil", "Issam-KHALIL"),  # hyphenated, the crowd shares KHALIL
    ("Abu JAMAL", "person", "Jamal", "Jamal Schmidt"),  # a one-word name among long ones
    # A surname two letters off (vowels, one letter more), the first name common.
    ("PAULICHENKA, Dmitry Vasilyevich", "person", "Dmitry", "Dzmitry PAVLICHENKO"),
    ("Altukhov Sergei Viktorovich", "person", "Sergei", "Sergei Georgievich KOLTUKHOV"),
    ("Koltukhov Sergei", "person", "Sergei", "Kaltukhav Sergei"),  # two vowels changed
    # A split common name spelt another way, among the crowd holding it spelt as the query.
    ("SA'ID, Mohamed", "person", "Mohammad", "Moh ammad SAYED"),
    # One name in two romanisations, two letters apart ("Ziad" / "Sayed"), the other common.
    ("Mohammad Ziad GHRIWATI", "person", "Mohammad", "Mohammad SAYED"),
    ("ZAYD, Hasan", "person", "Hasan", "Hasan SAYED"),
    ("MOHAMMAD, Yahia ElSayed", "person", "Yahia", "Yahia SAYED"),  # an article run on
    ("Abd ALLAH", "person", "Abd", "AL-HAQ, Haj-'Abd"),  # two short words, one listed word
]


@pytest.mark.parametrize(("listed", "kind", "common", "query"), CASES)
def test_index_finds_the_listed_name_as_exhaustive_scoring_does(
    listed: str, kind: str | None, common: str, query: str
) -> None:
    index = NameIndex.build([*_crowd(common, kind), IndexedName(1, listed, kind)])
    _assert_found(index, query, 1)


def _assert_found(index: NameIndex, query: str, key: int) -> None:
    """The listed name is among the best-ranked candidates, and every hit of exhaustive
    scoring is found (rarity weighting may score a word the crowd shares below the threshold)."""
    rows, _ = next(index._ranked_chunks(query, kind=None, limit=DEFAULT_CANDIDATES))
    assert key in {index._keys[r] for r in rows}
    full = {c.key for c in index.search_exhaustive(query, limit=1000)}
    assert full <= {c.key for c in index.search(query, limit=1000)}


def _near(word: str) -> list[str]:
    """Words one letter off `word` (each a rare listed name of its own)."""
    return sorted({word[:i] + c + word[i + 1 :] for i in range(1, len(word)) for c in _LETTERS})


def test_a_split_common_name_finds_the_names_holding_it_whole() -> None:
    # "MOH" and "AMMAD" are rare listed words in their own right, with hundreds of rare
    # near words: none may outrank the names holding "Mohammad", nor raise the share needed.
    rare = ["MOH", "AMMAD", *_near("ammad"), *_near("sayed"), *_near("mohx")]
    crowd = [IndexedName(5000 + i, w.upper(), "person") for i, w in enumerate(rare)]
    listed = IndexedName(1, "SEYAM, Said Mohammad", "person")
    index = NameIndex.build([*crowd, *_crowd("Mohammad", "person"), listed])
    _assert_found(index, "Moh ammad SAYED", 1)


def test_a_pasted_paragraph_as_one_word_is_searched_without_running_out_of_memory() -> None:
    index = NameIndex.build([IndexedName(1, "ZARNITSA", "organization")])
    assert index.search("z" + "a" * 20_000) == []
