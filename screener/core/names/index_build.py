"""Building the name index: every listed name read once, straight into the arrays its file holds.

    rows, tables = build_tables(names, reuse=PreviousRows(old_file))

Per name the work is `normalize_name` and its blocking keys (read across cores for a large
build: `index_readings`) and a few integers appended to flat arrays (`EncodedRows`, the layout
of `index_layout`): no object per name outlives the pass, so a built index is written out as
it is and read through the same views as a mapped one. A name is not read twice: names repeat
within and across lists (a memo), and a rebuild after a list changed takes every name the
previous index file already holds from it (`PreviousRows`): its tokens and its blocking keys
(the file keeps each row's keys for this), so only new or changed names are normalised and
keyed.
The garbage collector is paused during the pass: the objects it makes form no cycles, and full
collections over the millions alive cost a quarter of the build.
"""

from __future__ import annotations

import contextlib
import gc
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from screener.core.names.index_file import MappedFile, SectionWriter
from screener.core.names.index_layout import KIND_CODES, EntryRef, StoredNames
from screener.core.names.index_readings import NameReaders, Reading


@dataclass(slots=True)
class EncodedRows:
    """Rows as the index file stores them; `names_view` reads them back as normalised names."""

    keys: array[int] = field(default_factory=lambda: array("q"))
    kinds: array[int] = field(default_factory=lambda: array("b"))
    normkinds: array[int] = field(default_factory=lambda: array("b"))
    names: list[str] = field(default_factory=list)
    read_at: array[int] = field(default_factory=lambda: array("i"))
    read_as: list[str] = field(default_factory=list)
    starts: array[int] = field(default_factory=lambda: array("i", [0]))
    texts: array[int] = field(default_factory=lambda: array("i"))
    sources: array[int] = field(default_factory=lambda: array("i"))
    roles: array[int] = field(default_factory=lambda: array("b"))
    strings: dict[str, int] = field(default_factory=dict)
    # Each row's blocking keys, for the next rebuild: a postings key's place, or -1 - the
    # place of a generic one.
    key_starts: array[int] = field(default_factory=lambda: array("i", [0]))
    key_ids: array[int] = field(default_factory=lambda: array("i"))

    def append(self, key: int, name: str, kind: int, normkind: int, read: Reading) -> None:
        original, tokens, _ = read
        self.keys.append(key)
        self.kinds.append(kind)
        self.normkinds.append(normkind)
        self.names.append(name)
        if original == name:
            self.read_at.append(-1)
        else:
            self.read_at.append(len(self.read_as))
            self.read_as.append(original)
        strings, texts, sources, roles = self.strings, self.texts, self.sources, self.roles
        for text, role, source in tokens:
            texts.append(strings.setdefault(text, len(strings)))
            sources.append(strings.setdefault(source, len(strings)))
            roles.append(role)
        self.starts.append(len(texts))

    def names_view(self) -> StoredNames:
        return StoredNames(
            self.names, self.normkinds, self.read_as, self.read_at, self.starts,
            (self.texts, self.sources, self.roles), list(self.strings),
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class BlockingTables:
    """The index's blocking keys: which rows hold which words, and which words are near (as
    built here, or read from the index file: each table is a section under its field name)."""

    postings: Mapping[str, Sequence[int]]
    generic: Mapping[str, Sequence[int]]
    words: Sequence[str]
    block: Mapping[str, Sequence[int]]


class PreviousRows:
    """The names an earlier index file holds, by (listed name, normalisation kind): each
    name's rows (itself and the names derived from it) taken from it instead of read anew.
    Raises ValueError for a file that cannot serve (another layout, damaged)."""

    def __init__(self, path: Path) -> None:
        f = MappedFile(path)
        keys, self._kinds = f.array("rows.key", "q"), f.array("rows.normkind", "b")
        self._read_at, self._read_as = f.array("rows.read_as", "i"), f.strings("read_as")
        self._starts = f.array("rows.tokens", "i")
        self._texts, self._sources = f.array("tokens.text", "i"), f.array("tokens.source", "i")
        self._roles = f.array("tokens.role", "b")
        self._strings = f.strings("tokens.strings").decoded()
        self._key_starts, self._key_ids = f.array("rows.keys", "i"), f.array("keys.ids", "i")
        self._postings = f.strings("blocking.postings.keys").decoded()
        self._generic = f.strings("blocking.generic.keys").decoded()
        names = self._names = f.strings("rows.name").decoded()
        count = len(keys)
        if not (
            len(names) == len(self._kinds) == len(self._read_at) == count
            and len(self._starts) == len(self._key_starts) == count + 1
            and self._starts[count] == len(self._texts) == len(self._sources) == len(self._roles)
            and self._key_starts[count] == len(self._key_ids)
        ):
            raise ValueError(f"{path} is truncated or damaged")
        self._at: dict[tuple[str, int], tuple[int, int]] = {}
        row = 0
        while row < count:
            end = row + 1
            while end < count and keys[end] == keys[row]:
                end += 1
            self._at.setdefault((names[row], self._kinds[row]), (row, end))
            row = end

    def get(self, name: str, normkind: int) -> list[Reading] | None:
        found = self._at.get((name, normkind))
        return None if found is None else [self._row(row) for row in range(*found)]

    def _row(self, row: int) -> Reading:
        strings, texts, sources, roles = self._strings, self._texts, self._sources, self._roles
        at = self._read_at[row]
        tokens = [
            (strings[texts[t]], roles[t], strings[sources[t]])
            for t in range(self._starts[row], self._starts[row + 1])
        ]
        postings, generic = self._postings, self._generic
        keys = [
            (postings[i], True) if i >= 0 else (generic[-1 - i], False)
            for i in self._key_ids[self._key_starts[row] : self._key_starts[row + 1]]
        ]
        return (self._names[row] if at < 0 else self._read_as[at], tokens, keys)


def build_tables(
    names: Iterable[tuple[int, str, str | None, str | None]],
    reuse: PreviousRows | None = None,
    *,
    workers: int | None = None,
) -> tuple[EncodedRows, BlockingTables]:
    """Rows and blocking tables of (key, listed name, kind, normalisation kind) items;
    `workers`: processes reading the names (`index_readings.NameReaders`; None: a core each)."""
    rows = EncodedRows()
    key_ids = rows.key_ids
    ids: tuple[dict[str, int], dict[str, int]] = ({}, {})  # generic, postings: key -> place
    held: tuple[list[array[int]], list[array[int]]] = ([], [])
    row = 0
    with _collector_paused(), NameReaders(workers) as readers:
        for (key, name, kind, _), code, read in readers.read(names, reuse):
            for one in read:
                rows.append(key, name, KIND_CODES[kind], code, one)
                for word, distinctive in one[2]:
                    places, lists = ids[distinctive], held[distinctive]
                    at = places.get(word)
                    if at is None:
                        at = places[word] = len(lists)
                        lists.append(_one(row))
                    else:
                        lists[at].append(row)
                    key_ids.append(at if distinctive else -1 - at)
                rows.key_starts.append(len(key_ids))
                row += 1
        postings, generic = _arrays(ids[True], held[True]), _arrays(ids[False], held[False])
        words = list(postings)
        near_places: dict[str, int] = {}
        near_words: list[array[int]] = []
        for at, keys in enumerate(readers.near_keys(words)):
            for near in keys:
                place = near_places.get(near)
                if place is None:
                    near_places[near] = len(near_words)
                    near_words.append(_one(at))
                else:
                    near_words[place].append(at)
        block = _arrays(near_places, near_words)
    return rows, BlockingTables(postings, generic, words, block)


def _arrays(places: dict[str, int], lists: list[array[int]]) -> dict[str, array[int]]:
    """Key -> rows, as compact arrays: a list per key would also be one more object for the
    garbage collector to walk on every full collection while the index is in memory."""
    return dict(zip(places, lists, strict=True))


def _one(value: int) -> array[int]:
    out = array("i")
    out.append(value)
    return out


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def write_index(
    path: Path,
    *,
    rows: EncodedRows,
    blocking: Mapping[str, Mapping[str, Sequence[int]] | Sequence[str] | array[int]],
    entries: Mapping[int, EntryRef],
) -> None:
    out = SectionWriter()
    out.array("rows.key", rows.keys)
    out.array("rows.kind", rows.kinds)
    out.array("rows.normkind", rows.normkinds)
    out.strings("rows.name", rows.names)
    out.array("rows.read_as", rows.read_at)
    out.strings("read_as", rows.read_as)
    out.array("rows.tokens", rows.starts)
    out.array("tokens.text", rows.texts)
    out.array("tokens.source", rows.sources)
    out.array("tokens.role", rows.roles)
    out.strings("tokens.strings", rows.strings)
    out.array("rows.keys", rows.key_starts)  # read only by a rebuild (`PreviousRows`)
    out.array("keys.ids", rows.key_ids)
    for section, table in blocking.items():
        if isinstance(table, Mapping):
            out.table(f"blocking.{section}", table)
        elif isinstance(table, array):
            out.array(f"blocking.{section}", table)
        else:
            out.strings(f"blocking.{section}", table)
    listed = sorted(entries)
    out.array("entries.key", array("q", listed))
    out.array("entries.entry", array("q", (entries[k][0] for k in listed)))
    out.array("entries.version", array("q", (entries[k][1] for k in listed)))
    types = list(dict.fromkeys(entries[k][2] for k in listed))
    codes = {t: i for i, t in enumerate(types)}
    out.array("entries.type", array("i", (codes[entries[k][2]] for k in listed)))
    out.strings("entries.types", types)
    out.write(path)
