"""What the name index keeps where in its cache file (`index_file` sections), and the views
that read it back without building anything per name.

Per row (one per listed name, and one per name read out of it): the store's key, the kind, the
listed text, the text it was read as (when it differs), its range of tokens and its reach shape
(`index_shapes`, one string per distinct shape); per token the ids of its text and source in
one table of token strings, and its role. Then every blocking table of `BlockingTables` under
its field name (a "string -> rows" table, a list of strings or an integer `array`: a new table
of any of these shapes is stored without changes here), and per listed name the entry data a
hit needs (entry row id, list version, entry type). A normalised name is built from its row
when first met and kept in a bounded memo.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar, overload

from screener.core.names.index_file import MappedFile, StringTable
from screener.core.names.normalize import NormalizedName, Role, Token

V = TypeVar("V")
EntryRef = tuple[int, int, str]  # entry row id, list version id, entry type
_KINDS: list[str | None] = [None, "person", "organization", "vessel"]
KIND_CODES = {kind: i for i, kind in enumerate(_KINDS)}
_ROLES = list(Role)
ROLE_CODES = {role: i for i, role in enumerate(_ROLES)}
# Reach shapes worked out by the search (a built index's, before it is written; a mapped one
# reads them from its file: `index_shapes`) kept per generation: a search meets a few
# hundred rows, and the rows met again (common names) are what is worth keeping; an exhaustive
# search meets all. At 25,000 a process holding a 450,000-name index grew 133 MB in 200
# searches, at 8,000 101 MB (searching 16% slower; 3,000: 92 MB, 26% slower). Since a search
# takes candidates until the last ones stop hitting, it meets many more rows: searching the
# eval companies over the official lists ran 106 q per CPU-s at 8,000, 185 at 25,000 and
# 320 at 50,000 (+40 MB of the process's own memory over 8,000).
MEMO_ROWS = 50_000
# Normalised names kept: only the rows a search scores in full are read as names (a few a
# search), and reading one again costs a fraction of scoring it.
MEMO_NAMES = 1 << 12


class RowMemo(dict[int, V], Generic[V]):
    """Values derived per row, for the rows met lately; a missing row reads as None.

    Two generations: when this one is full it becomes the old one, and a row met again is
    taken back from it, so rows in use survive and at most twice `limit` are held.
    """

    def __init__(self, limit: int = 0) -> None:
        """`limit`: rows a generation holds (0: MEMO_ROWS)."""
        super().__init__()
        self._old: dict[int, V] = {}
        self._limit = limit

    def __missing__(self, row: int) -> V | None:
        value = self._old.get(row)
        if value is not None:
            self[row] = value
        return value

    def __setitem__(self, row: int, value: V) -> None:
        if len(self) >= (self._limit or MEMO_ROWS):
            self._old = dict(self)
            self.clear()
        super().__setitem__(row, value)


@dataclass(frozen=True, slots=True)
class IndexParts:
    """An index as read from its file: every part a view on the map."""

    keys: Sequence[int]
    names: Sequence[str]
    kinds: Sequence[str | None]
    normalized: StoredNames
    blocking: dict[str, Mapping[str, Sequence[int]] | Sequence[str] | Sequence[int]]
    entries: Mapping[int, EntryRef]
    fingerprint: str  # of the file mapped (`index_file.fingerprint`)
    shapes: tuple[Sequence[int], StringTable]  # each row's reach shape (`index_shapes`)


class Idf(Mapping[str, float]):
    """Word -> rarity weight, from its posting list's length when asked (not for every word)."""

    def __init__(self, postings: Mapping[str, Sequence[int]], names: int) -> None:
        self._postings = postings
        self._names = names

    def __getitem__(self, key: str) -> float:
        return math.log(1 + self._names / len(self._postings[key]))

    def __len__(self) -> int:
        return len(self._postings)

    def __iter__(self) -> Iterator[str]:
        return iter(self._postings)


def read_index(path: Path, blocking_fields: Iterable[str]) -> IndexParts:
    """Map `path`; raises ValueError when it is not a complete index of this layout."""
    f = MappedFile(path)
    keys = f.array("rows.key", "q")
    rows = len(keys)
    names = f.strings("rows.name")
    kinds = f.array("rows.kind", "b")
    normkinds = f.array("rows.normkind", "b")
    read_at = f.array("rows.read_as", "i")
    starts = f.array("rows.tokens", "i")
    texts, sources = f.array("tokens.text", "i"), f.array("tokens.source", "i")
    roles = f.array("tokens.role", "b")
    if not (
        len(names) == len(kinds) == len(normkinds) == len(read_at) == rows == len(starts) - 1
        and len(texts) == len(sources) == len(roles) == (starts[rows] if rows else 0)
    ):
        raise ValueError(f"{path} is truncated or damaged")
    strings = f.strings("tokens.strings")
    shape_ids, shapes = f.array("rows.shape", "i"), f.strings("shapes")
    if len(shape_ids) != rows:
        raise ValueError(f"{path} is truncated or damaged")
    blocking: dict[str, Mapping[str, Sequence[int]] | Sequence[str] | Sequence[int]] = {}
    for field in blocking_fields:
        if f.has(f"blocking.{field}.slots"):
            blocking[field] = f.table(f"blocking.{field}")
        elif f.has(f"blocking.{field}.ends"):
            blocking[field] = f.strings(f"blocking.{field}")
        elif f.has(f"blocking.{field}"):
            blocking[field] = f.array(f"blocking.{field}", f.typecode(f"blocking.{field}"))
        else:
            raise ValueError(f"{path} has no blocking table {field}: built by another version")
    normalized = StoredNames(
        names, normkinds, f.strings("read_as"), read_at, starts, (texts, sources, roles), strings
    )
    return IndexParts(
        keys=keys,
        names=names,
        kinds=KindCodes(kinds),
        normalized=normalized,
        blocking=blocking,
        entries=_Entries(f),
        fingerprint=f.fingerprint,
        shapes=(shape_ids, shapes),
    )


class StoredNames(Sequence[NormalizedName]):
    """Normalised names read from the map, each built when first asked for."""

    def __init__(
        self, names: Sequence[str], kinds: Sequence[int], read_as: Sequence[str],
        read_at: Sequence[int], starts: Sequence[int],
        tokens: tuple[Sequence[int], Sequence[int], Sequence[int]], strings: Sequence[str],
    ) -> None:  # fmt: skip
        self._names, self._kinds, self._read_as, self._read_at = names, kinds, read_as, read_at
        self._starts, self._tokens, self._strings = starts, tokens, strings
        self._built: RowMemo[NormalizedName | None] = RowMemo(MEMO_NAMES)

    @property
    def listed(self) -> Sequence[str]:
        """Each row's name as listed."""
        return self._names

    @property
    def kinds(self) -> Sequence[int]:
        """Each row's normalisation kind, as its code."""
        return self._kinds

    def decode(self, i: int) -> NormalizedName:
        """Row `i` read back, not kept."""
        texts, sources, roles = self._tokens
        strings = self._strings
        at = self._read_at[i]
        return NormalizedName(
            self._names[i] if at < 0 else self._read_as[at],
            _KINDS[self._kinds[i]],
            tuple(
                Token(strings[texts[t]], _ROLES[roles[t]], strings[sources[t]])
                for t in range(self._starts[i], self._starts[i + 1])
            ),
        )

    def __len__(self) -> int:
        return len(self._names)

    @overload
    def __getitem__(self, i: int) -> NormalizedName: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[NormalizedName]: ...
    def __getitem__(self, i: int | slice) -> NormalizedName | Sequence[NormalizedName]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        built = self._built[i]
        if built is None:
            built = self._built[i] = self.decode(i)
        return built


class KindCodes(Sequence[str | None]):
    """Row kinds, one byte each."""

    def __init__(self, codes: Sequence[int]) -> None:
        self._codes = codes

    def __len__(self) -> int:
        return len(self._codes)

    @overload
    def __getitem__(self, i: int) -> str | None: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[str | None]: ...
    def __getitem__(self, i: int | slice) -> str | Sequence[str | None] | None:
        if isinstance(i, slice):
            return [_KINDS[c] for c in self._codes[i]]
        return _KINDS[self._codes[i]]


class _Entries(Mapping[int, EntryRef]):
    """Listed name key -> its entry, found by binary search over the sorted keys."""

    def __init__(self, f: MappedFile) -> None:
        self._keys = f.array("entries.key", "q")
        self._entry = f.array("entries.entry", "q")
        self._version = f.array("entries.version", "q")
        self._type = f.array("entries.type", "i")
        self._types = f.strings("entries.types")
        if not len(self._keys) == len(self._entry) == len(self._version) == len(self._type):
            raise ValueError("a damaged entry section")

    def __getitem__(self, key: int) -> EntryRef:
        at = bisect.bisect_left(self._keys, key)
        if at == len(self._keys) or self._keys[at] != key:
            raise KeyError(key)
        return (self._entry[at], self._version[at], self._types[self._type[at]])

    def __len__(self) -> int:
        return len(self._keys)

    def __iter__(self) -> Iterator[int]:
        return iter(self._keys.tolist())
