"""String -> rows tables filed as flat arrays while the index is built, grouped once at the end.

    places = Places()                            # key -> its place, first seen first
    ids.extend(map(places.__getitem__, keys))    # a row's keys, filed in C
    starts.append(len(ids))
    table = FlatTable(places, *grouped(ids, starts, len(places)))

A build files millions of keys, most of them held by one name (the deletion keys): a Python
list or array per key costs an object each and a Python step per key. Here a row's keys are
filed with `map` (a new key takes the next place in `Places.__missing__`), and the rows of
each key are put together at the end by a counting sort, already in the layout the index file
stores (`index_file.SectionWriter.flat_table`): every key's rows in ascending order.
"""

from __future__ import annotations

import itertools
import operator
from array import array
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence


class Places(dict[str, int]):
    """Key -> its place: a key met for the first time takes the next one."""

    def __missing__(self, key: str) -> int:
        at = self[key] = len(self)
        return at


class FlatTable(Mapping[str, Sequence[int]]):
    """Key -> its rows, as `grouped` put them together: rows are views, nothing is copied."""

    def __init__(self, places: Mapping[str, int], values: array[int], ends: array[int]) -> None:
        if len(ends) != len(places) + 1:
            raise ValueError("a table's offsets do not match its keys")
        self.places = places
        self.flat = values
        self.ends = ends
        self._view = memoryview(values)

    def __getitem__(self, key: str) -> memoryview:
        at = self.places.get(key)  # never `[key]`: a `Places` would take the key in
        if at is None:
            raise KeyError(key)
        return self._view[self.ends[at] : self.ends[at + 1]]

    def get(self, key: str, default: object = None) -> object:  # type: ignore[override]
        at = self.places.get(key)
        return default if at is None else self._view[self.ends[at] : self.ends[at + 1]]

    def __contains__(self, key: object) -> bool:
        return key in self.places

    def __len__(self) -> int:
        return len(self.places)

    def __iter__(self) -> Iterator[str]:
        return iter(self.places)


def grouped(ids: array[int], starts: Sequence[int], size: int) -> tuple[array[int], array[int]]:
    """Owner `o`'s places are `ids[starts[o]:starts[o + 1]]`: each of the `size` places'
    owners, in ascending order (an owner filed twice under a place is listed twice), one
    place after the other; and where each place's owners end."""
    counts = Counter(ids)  # every place up to `size` is held at least once
    ends: array[int] = array("q", [0])
    ends.extend(itertools.accumulate(map(counts.__getitem__, range(size))))
    del counts
    owners = itertools.chain.from_iterable(
        map(itertools.repeat, itertools.count(), map(operator.sub, starts[1:], starts))
    )
    values: array[int] = array("i", bytes(4 * len(ids)))
    at = ends[:-1]
    for place, owner in zip(ids, owners, strict=True):
        i = at[place]
        values[i] = owner
        at[place] = i + 1
    return values, ends
