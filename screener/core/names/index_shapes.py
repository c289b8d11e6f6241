"""The reach filter's shapes of the listed names (`reach_shapes.name_shape`), kept in the index
file: worked out once at build time, read back from the map when a search meets a row.

    text = encoded(name_shape(norm))       # at build time, beside the name's other readings
    shapes = StoredShapes(ids, texts)      # row -> NameShape, as `index_layout.RowMemo` reads

A shape worked out by every process that searches costs as much as the rest of the search, and
kept per process it was the larger part of a process's own memory. Here each is one string in
the file (shared by every process through the page cache), read with a few splits in C; only
the shapes met lately are kept, by their place in the file (names repeat: one object each, so
the filter bounds each once). A shape this encoding cannot give back exactly is not stored
(`encoded` checks): the search works it out as before.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from dataclasses import fields

from screener.core.names.index_file import StringTable
from screener.core.names.index_layout import RowMemo
from screener.core.names.reach_shapes import NameShape
from screener.core.names.tokens import Role

__all__ = ["NO_SHAPE", "StoredShapes", "decoded", "encoded"]

NO_SHAPE = ""  # a row whose shape is not stored (the search works it out)
_FIELD, _ITEM, _PART = "\x1e", "\x1f", "\x1d"
_ROLE_VALUES = {chr(ord("a") + i): role.value for i, role in enumerate(Role)}
_ROLE_CODES = {value: code for code, value in _ROLE_VALUES.items()}
_NAME = Role.NAME.value
# Shapes kept per process, by their place in the file: reading one again costs a few
# microseconds, so this holds the names common across searches, not every name met.
MEMO_SHAPES = 1 << 14


def encoded(shape: NameShape) -> str:
    """`shape` as one string, or NO_SHAPE when it would not read back exactly."""
    try:
        text = _FIELD.join(
            (
                _ITEM.join(shape.texts),
                "".join(_ROLE_CODES[role] for role in shape.roles),
                shape.joined_key,
                shape.joined_digits,
                _ITEM.join(shape.pair_texts),
                _ITEM.join(f"{j}{_PART}{short}" for j, short, _ in shape.shorts),
                _ITEM.join(shape.words[text] for text in shape.texts),
            )
        )
        back = decoded(text)
    except (KeyError, ValueError, TypeError, IndexError):
        return NO_SHAPE
    same = all(getattr(back, f.name) == getattr(shape, f.name) for f in fields(NameShape))
    return text if same and text != NO_SHAPE else NO_SHAPE


def decoded(text: str) -> NameShape:
    """The shape `encoded` wrote as `text`."""
    texts_, roles_, joined_key, joined_digits, pairs_, shorts_, words_ = text.split(_FIELD)
    texts = tuple(texts_.split(_ITEM)) if texts_ else ()
    roles, has_name, named, pair_named = _roles(roles_)
    pair_texts = tuple(pairs_.split(_ITEM)) if pairs_ else ()
    shorts: tuple[tuple[int, str, bool], ...] = ()
    if shorts_:
        found = []
        for item in shorts_.split(_ITEM):
            j, short = item.split(_PART)
            found.append((int(j), short, roles[int(j)] == _NAME))
        shorts = tuple(found)
    return NameShape(
        texts=texts,
        roles=roles,
        has_name=has_name,
        joined="".join([texts[k] for k in named]),
        joined_key=joined_key,
        joined_digits=joined_digits,
        pairs=tuple(zip(range(len(pair_texts)), pair_texts, pair_named, strict=False)),
        pair_texts=pair_texts,
        shorts=shorts,
        words=dict(zip(texts, words_.split(_ITEM), strict=True)) if texts else {},
    )


@functools.cache  # a few hundred patterns of roles: read once each
def _roles(codes: str) -> tuple[tuple[str, ...], bool, tuple[int, ...], tuple[bool, ...]]:
    """(roles, any distinctive, the distinctive words' places, whether each pair of
    neighbours holds a distinctive word)."""
    roles = tuple(map(_ROLE_VALUES.__getitem__, codes))
    named = tuple(k for k, role in enumerate(roles) if role == _NAME)
    pairs = tuple(_NAME in (roles[k], roles[k + 1]) for k in range(len(roles) - 1))
    return roles, bool(named), named, pairs


class StoredShapes(RowMemo[NameShape | None]):
    """Row -> its shape, read from the file; a row without one stored reads as None until the
    search files the shape it worked out (as in a `RowMemo`)."""

    def __init__(self, ids: Sequence[int], texts: StringTable) -> None:
        super().__init__()
        self._ids = ids  # per row: its shape's place in `texts`
        self._texts = texts
        self._read: dict[int, NameShape] = {}

    def __missing__(self, row: int) -> NameShape | None:
        at = self._ids[row]
        shape = self._read.get(at)
        if shape is None:
            text = str(self._texts.raw(at), "utf-8")  # not through the table's own memo
            if text == NO_SHAPE:
                return super().__missing__(row)
            if len(self._read) >= MEMO_SHAPES:
                # The older half goes: the shapes a run of similar queries meets stay.
                for old in list(itertools.islice(self._read, MEMO_SHAPES // 2)):
                    del self._read[old]
            shape = self._read[at] = decoded(text)
        return shape
