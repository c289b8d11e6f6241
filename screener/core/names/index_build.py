"""Building the name index: every listed name read once, straight into the arrays its file holds.

    rows, tables = build_tables(names, reuse=PreviousRows(old_file))

Per name the work is `normalize_name` (most of the cost), its blocking keys and a few integers
appended to flat arrays (`EncodedRows`, the layout of `index_layout`): no object per name
outlives the pass, so a built index is written out as it is and read through the same views as
a mapped one. A name is not read twice: names repeat within and across lists (a memo), and a
rebuild after a list changed takes every name the previous index file already holds from it
(`PreviousRows`), so only new or changed names are normalised.
The garbage collector is paused during the pass: the objects it makes form no cycles, and full
collections over the millions alive cost a quarter of the build.
"""

from __future__ import annotations

import contextlib
import gc
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from screener.core.names import blocking
from screener.core.names.annotations import derived_names
from screener.core.names.index_layout import KIND_CODES, ROLE_CODES, StoredNames, read_index
from screener.core.names.normalize import NormalizedName, normalize_name

# Distinct listed names whose reading is kept during one build (a name met again later, e.g.
# on another list, is read again): ~1 KB each.
_MEMO = 1 << 16
_read = normalize_name.__wrapped__  # the lists' names would only crowd the queries' memo


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

    def append(self, key: int, name: str, kind: str | None, norm: NormalizedName) -> None:
        self.keys.append(key)
        self.kinds.append(KIND_CODES[kind])
        self.normkinds.append(KIND_CODES[norm.kind])
        self.names.append(name)
        if norm.original == name:
            self.read_at.append(-1)
        else:
            self.read_at.append(len(self.read_as))
            self.read_as.append(norm.original)
        strings, texts, sources, roles = self.strings, self.texts, self.sources, self.roles
        for tok in norm.tokens:
            texts.append(strings.setdefault(tok.text, len(strings)))
            sources.append(strings.setdefault(tok.source, len(strings)))
            roles.append(ROLE_CODES[tok.role])
        self.starts.append(len(texts))

    def names_view(self) -> StoredNames:
        return StoredNames(
            self.names, self.normkinds, self.read_as, self.read_at, self.starts,
            (self.texts, self.sources, self.roles), list(self.strings),
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Tables:
    """The blocking tables of `name_index._Blocking`, by field."""

    postings: dict[str, list[int]]
    generic: dict[str, list[int]]
    words: list[str]
    block: dict[str, list[int]]


class PreviousRows:
    """The names an earlier index file holds, by (listed name, normalisation kind): each
    name's rows (itself and the names derived from it) read back instead of read anew."""

    def __init__(self, path: Path) -> None:
        parts = read_index(path, [])
        self._norm = parts.normalized
        keys, names = parts.keys, parts.normalized.listed
        kinds = parts.normalized.kinds
        self._at: dict[tuple[str, int], tuple[int, int]] = {}
        row, count = 0, len(keys)
        while row < count:
            end = row + 1
            while end < count and keys[end] == keys[row]:
                end += 1
            self._at.setdefault((names[row], kinds[row]), (row, end))
            row = end

    def get(self, name: str, normkind: str | None) -> list[NormalizedName] | None:
        found = self._at.get((name, KIND_CODES[normkind]))
        if found is None:
            return None
        return [self._norm.decode(row) for row in range(*found)]


def build_tables(
    names: Iterable[tuple[int, str, str | None, str | None]],
    reuse: PreviousRows | None = None,
) -> tuple[EncodedRows, Tables]:
    """Rows and blocking tables of (key, listed name, kind, normalisation kind) items."""
    rows = EncodedRows()
    postings: dict[str, list[int]] = {}
    generic: dict[str, list[int]] = {}
    memo: dict[tuple[str, str | None], list[tuple[NormalizedName, list[tuple[str, bool]]]]] = {}
    row = 0
    with _collector_paused():
        for key, name, kind, normkind in names:
            read = memo.get((name, normkind))
            if read is None:
                norms = reuse.get(name, normkind) if reuse is not None else None
                if norms is None:
                    norms = [_read(t, kind=normkind) for t in (name, *derived_names(name))]
                read = [(norm, list(blocking.listed_keys(norm))) for norm in norms]
                if len(memo) >= _MEMO:
                    memo.clear()
                memo[name, normkind] = read
            for norm, keys in read:
                rows.append(key, name, kind, norm)
                for word, distinctive in keys:
                    table = postings if distinctive else generic
                    held = table.get(word)
                    if held is None:
                        table[word] = [row]
                    else:
                        held.append(row)
                row += 1
        memo.clear()
        words = list(postings)
        block: dict[str, list[int]] = {}
        for at, word in enumerate(words):
            if blocking.tagged(word):
                continue
            for near in blocking.block_keys(word):
                held = block.get(near)
                if held is None:
                    block[near] = [at]
                else:
                    held.append(at)
    return rows, Tables(postings, generic, words, block)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
