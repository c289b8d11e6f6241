"""Building the name index: every listed name read once, straight into the arrays its file holds.

    rows, tables = build_tables(names, reuse=PreviousRows(old_file))

Per name the work is `normalize_name` and its blocking keys (read across cores for a large
build: `index_readings`) and a few integers appended to flat arrays (`EncodedRows`, the layout
of `index_layout`), each key's rows grouped once at the end (`index_tables`): no object per
name or key outlives the pass, so a built index is written out as it is and read through the
same views as a mapped one. A name is not read twice: names repeat
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
import itertools
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from screener.core.names.index_file import MappedFile, SectionWriter
from screener.core.names.index_layout import KIND_CODES, EntryRef, StoredNames
from screener.core.names.index_readings import NameReaders, Reading
from screener.core.names.index_tables import FlatTable, Places, grouped


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
    strings: Places = field(default_factory=Places)
    # Each row's blocking keys (their places in the postings and the generic table): the
    # tables are grouped from these, and the next rebuild reads them (`PreviousRows`).
    postings: Places = field(default_factory=Places)
    generic: Places = field(default_factory=Places)
    post_starts: array[int] = field(default_factory=lambda: array("i", [0]))
    post_ids: array[int] = field(default_factory=lambda: array("i"))
    generic_starts: array[int] = field(default_factory=lambda: array("i", [0]))
    generic_ids: array[int] = field(default_factory=lambda: array("i"))
    shapes: Places = field(default_factory=Places)  # each row's reach shape (`index_shapes`)
    shape_ids: array[int] = field(default_factory=lambda: array("i"))

    def append(self, key: int, name: str, kind: int, normkind: int, read: Reading) -> None:
        original, texts, roles, sources, post, generic, shape = read
        self.keys.append(key)
        self.kinds.append(kind)
        self.normkinds.append(normkind)
        self.names.append(name)
        if original == name:
            self.read_at.append(-1)
        else:
            self.read_at.append(len(self.read_as))
            self.read_as.append(original)
        string = self.strings.__getitem__
        self.texts.extend(map(string, texts))
        self.sources.extend(map(string, sources))
        self.roles.extend(roles)
        self.starts.append(len(self.texts))
        self.post_ids.extend(map(self.postings.__getitem__, post))
        self.post_starts.append(len(self.post_ids))
        self.generic_ids.extend(map(self.generic.__getitem__, generic))
        self.generic_starts.append(len(self.generic_ids))
        self.shape_ids.append(self.shapes[shape])

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
        self._post_starts, self._post_ids = (
            f.array("rows.postings", "i"),
            f.array("keys.postings", "i"),
        )
        self._generic_starts = f.array("rows.generic", "i")
        self._generic_ids = f.array("keys.generic", "i")
        self._postings = f.strings("blocking.postings.keys").decoded()
        self._generic = f.strings("blocking.generic.keys").decoded()
        self._shape_ids, self._shapes = f.array("rows.shape", "i"), f.strings("shapes")
        names = self._names = f.strings("rows.name").decoded()
        count = len(keys)
        if not (
            len(names) == len(self._kinds) == len(self._read_at) == count
            and len(self._starts) == len(self._post_starts) == len(self._generic_starts)
            and len(self._starts) == count + 1 == len(self._shape_ids) + 1
            and self._starts[count] == len(self._texts) == len(self._sources) == len(self._roles)
            and self._post_starts[count] == len(self._post_ids)
            and self._generic_starts[count] == len(self._generic_ids)
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
        strings, at = self._strings, self._read_at[row]
        start, end = self._starts[row], self._starts[row + 1]
        post = self._post_ids[self._post_starts[row] : self._post_starts[row + 1]]
        generic = self._generic_ids[self._generic_starts[row] : self._generic_starts[row + 1]]
        return (
            self._names[row] if at < 0 else self._read_as[at],
            [strings[i] for i in self._texts[start:end]],
            self._roles[start:end].tolist(),
            [strings[i] for i in self._sources[start:end]],
            [self._postings[i] for i in post],
            [self._generic[i] for i in generic],
            str(self._shapes.raw(self._shape_ids[row]), "utf-8"),
        )


def build_tables(
    names: Iterable[tuple[int, str, str | None, str | None]],
    reuse: PreviousRows | None = None,
    *,
    workers: int | None = None,
    expected: int = 0,
) -> tuple[EncodedRows, BlockingTables]:
    """Rows and blocking tables of (key, listed name, kind, normalisation kind) items;
    `workers`: processes reading the names (`index_readings.NameReaders`; None: a core each);
    `expected`: how many items there are, when known."""
    rows = EncodedRows()
    with _collector_paused(), NameReaders(workers) as readers:
        append = rows.append
        for (key, name, kind, _), code, read in readers.read(names, reuse, expected=expected):
            for one in read:
                append(key, name, KIND_CODES[kind], code, one)
        postings = FlatTable(
            rows.postings, *grouped(rows.post_ids, rows.post_starts, len(rows.postings))
        )
        generic = FlatTable(
            rows.generic, *grouped(rows.generic_ids, rows.generic_starts, len(rows.generic))
        )
        words = list(rows.postings)
        near = Places()
        place = near.__getitem__
        near_ids, near_starts = array("i"), array("i", [0])
        for keys, ids, counts in readers.near_keys(words):
            places = array("i", map(place, keys))  # a part's keys: the new ones, in order
            near_ids.extend(map(places.__getitem__, ids))
            ends = itertools.accumulate(counts, initial=near_starts[-1])
            near_starts.extend(itertools.islice(ends, 1, None))
        block = FlatTable(near, *grouped(near_ids, near_starts, len(near)))
    return rows, BlockingTables(postings, generic, words, block)


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
    out.array("rows.shape", rows.shape_ids)
    out.strings("shapes", rows.shapes)
    # Read only by a rebuild (`PreviousRows`).
    out.array("rows.postings", rows.post_starts)
    out.array("keys.postings", rows.post_ids)
    out.array("rows.generic", rows.generic_starts)
    out.array("keys.generic", rows.generic_ids)
    for section, table in blocking.items():
        if isinstance(table, FlatTable):
            out.flat_table(f"blocking.{section}", table.places, table.flat, table.ends)
        elif isinstance(table, Mapping):
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
