"""A small memo for hot word functions, kept as one plain dict.

`functools.lru_cache` keeps a linked node per entry, each an object the garbage collector
walks on every full collection; a few hundred thousand of them made every search slower.
A plain dict, emptied when full, costs the collector one object.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def word_memo(limit: int) -> Callable[[Callable[[str], T]], Callable[[str], T]]:
    """Decorate a function of one string; results are kept until `limit` are held."""

    def wrap(fn: Callable[[str], T]) -> Callable[[str], T]:
        table: dict[str, T] = {}

        def cached(word: str) -> T:
            try:
                return table[word]
            except KeyError:
                if len(table) >= limit:
                    table.clear()
                value = table[word] = fn(word)
                return value

        cached.__doc__ = fn.__doc__
        cached.__name__ = fn.__name__
        return cached

    return wrap
