"""Blocking tables read through plain-dict memos: the keys searches meet, each read once.

A table mapped from the index file answers every look-up with several Python calls, and a
search asks a few hundred keys, many of them more than once (whether the lists hold a key,
its rarity, its rows); an order file's queries repeat words. A key met again here is one dict
look-up in C, for a built index and a mapped one alike. Bounded: emptied when full.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

__all__ = ["Rarity", "Rows", "Words"]

_LIMIT = 1 << 15  # keys held: a search meets a few hundred


class Rows(dict[str, Sequence[int] | None]):
    """Key -> its rows in `table`, or None when the table lacks it: `rows[key] is not None`
    is the fast way to ask whether the table holds a key (`in` is right, but slower)."""

    def __init__(self, table: Mapping[str, Sequence[int]]) -> None:
        super().__init__()
        self._table = table

    def __missing__(self, key: str) -> Sequence[int] | None:
        if len(self) >= _LIMIT:
            self.clear()
        rows = self[key] = self._table.get(key)
        return rows

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self[key] is not None


class Rarity(dict[str, float]):
    """Key -> rarity weight, log(1 + names / its rows), as `index_layout.Idf` computes it;
    KeyError for a key the table lacks."""

    def __init__(self, rows: Rows, names: int) -> None:
        super().__init__()
        self._rows = rows
        self._names = names

    def __missing__(self, key: str) -> float:
        rows = self._rows[key]
        if rows is None:
            raise KeyError(key)
        if len(self) >= _LIMIT:
            self.clear()
        weight = self[key] = math.log(1 + self._names / len(rows))
        return weight

    def get(self, key: str, default: float) -> float:  # type: ignore[override]
        try:
            return self[key]
        except KeyError:
            return default


class Words(dict[int, str]):
    """Place -> word of a list of words read from the map (a built index's is a list)."""

    def __init__(self, words: Sequence[str]) -> None:
        super().__init__()
        self._words = words

    def __missing__(self, at: int) -> str:
        if len(self) >= _LIMIT:
            self.clear()
        word = self[at] = self._words[at]
        return word
