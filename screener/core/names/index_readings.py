"""Listed names read for the index build, in order, across cores when there are many.

    with NameReaders(workers=None) as readers:
        for (key, name, kind, normkind), code, readings in readers.read(items, reuse): ...
        for keys in readers.near_keys(words): ...      # each word's near-word keys

A name's reading (`normalize_name`, its blocking keys, its reach shape) is most of a build's
cost, and each is independent of the others: past `PARALLEL_AFTER` names read here, chunks of
names go to worker processes while this process files the chunk before. Names repeat within and
across lists: a memo (bounded) keeps each name's reading; the names sent to workers are decided
by the same memo's rules run one chunk ahead, so every name is read once whether or not workers
run, and the readings, their order and so the index file are the same (tested byte for byte).
The near-word keys of the listed words, the other cost of a build, are worked out there too.
"""

from __future__ import annotations

import gc
import itertools
import logging
from array import array
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing import get_context
from multiprocessing.pool import AsyncResult, Pool
from typing import Generic, Protocol, TypeVar

from screener.core.names import blocking
from screener.core.names.annotations import derived_names
from screener.core.names.index_layout import KIND_CODES, ROLE_CODES
from screener.core.names.index_shapes import encoded
from screener.core.names.index_tables import Places
from screener.core.names.normalize import NormalizedName, normalize_name
from screener.core.names.reach_shapes import name_shape
from screener.core.workers import start_method, watch_parent, worker_count

__all__ = ["PARALLEL_AFTER", "Item", "NameReaders", "Reading"]

log = logging.getLogger(__name__)

# One row as read: the text it was read as, its tokens' texts, role codes and sources, its
# blocking keys (distinctive, generic): lists a build files with `map`, key by key in C; and
# its reach shape (`index_shapes.encoded`).
Reading = tuple[str, list[str], list[int], list[str], list[str], list[str], str]
Item = tuple[int, str, str | None, str | None]  # key, listed name, kind, normalisation kind
_Name = tuple[str, int]  # listed name, normalisation kind's code: what a reading depends on
_Pending = tuple[list[_Name], AsyncResult[list[list[Reading]]]]
NearPart = tuple[list[str], "array[int]", "array[int]"]  # keys, each word's key places, counts
V = TypeVar("V")

# Distinct listed names whose reading is kept during one build (a name met again later, e.g.
# on another list, is read again): ~1 KB each.
_MEMO = 1 << 16
PARALLEL_AFTER = 20_000  # names read here first: fewer are not worth starting workers for
_CHUNK = 2048  # names per chunk handed to the workers
_AHEAD = 3  # chunks in the workers' hands while this process files the oldest
_WORDS = 20_000  # words per part of the near-word keys handed to the workers
_read = normalize_name.__wrapped__  # the lists' names would only crowd the queries' memo


class Earlier(Protocol):
    """Readings an earlier index file holds (`index_build.PreviousRows`)."""

    def get(self, name: str, normkind: int) -> list[Reading] | None: ...


class NameReaders:
    """Reads the listed names of one build, here or across cores once there are many: a
    context manager, its workers end with it.

        with NameReaders(workers=None) as readers:
            for (key, name, kind, normkind), code, readings in readers.read(items, reuse): ...
            for keys, places, counts in readers.near_keys(words): ...
    """

    def __init__(self, workers: int | None = 1, parallel_after: int | None = None) -> None:
        """`workers`: processes to read in (None: a core each), started only once
        `parallel_after` (default `PARALLEL_AFTER`) names were read here."""
        self._workers = worker_count(workers)
        self._after = PARALLEL_AFTER if parallel_after is None else parallel_after
        self._pool: Pool | None = None

    def __enter__(self) -> NameReaders:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def read(
        self, items: Iterable[Item], reuse: Earlier | None = None, *, expected: int = 0
    ) -> Iterator[tuple[Item, int, list[Reading]]]:
        """Each item, its normalisation kind's code and its readings (the name's and those of
        the names derived from it), in the order of `items`; `expected`: how many there are,
        when known (workers start at once for a large build)."""
        source = iter(items)
        planned, memo = _Memo[bool](), _Memo[list[Reading]]()
        read_here = self._after if expected >= self._after else 0
        queued: deque[tuple[list[Item], dict[_Name, list[Reading]], list[_Pending]]] = deque()
        while True:
            chunk = list(itertools.islice(source, _CHUNK))
            if chunk:
                known: dict[_Name, list[Reading]] = {}
                todo: list[tuple[_Name, str | None]] = []
                for _, name, _, normkind in chunk:
                    at = (name, KIND_CODES[normkind])
                    if planned.first(at, True):
                        got = reuse.get(*at) if reuse is not None else None
                        if got is not None:
                            known[at] = got
                        else:
                            todo.append((at, normkind))
                pool = self._pool_after(read_here)
                pending: list[_Pending] = []
                if pool is not None and todo:
                    size = -(-len(todo) // self._workers)
                    for start in range(0, len(todo), size):
                        part = todo[start : start + size]
                        job = pool.apply_async(_read_many, ([(n, k) for (n, _), k in part],))
                        pending.append(([at for at, _ in part], job))
                else:
                    for at, normkind in todo:
                        known[at] = _read_one(at[0], normkind)
                    read_here += len(todo)
                queued.append((chunk, known, pending))
                if pool is not None and len(queued) < _AHEAD:
                    continue
            if not queued:
                return
            chunk, known, pending = queued.popleft()
            for names, job in pending:
                known.update(zip(names, job.get(), strict=True))
            for item in chunk:
                at = (item[1], KIND_CODES[item[3]])
                readings = memo.get(at)
                if readings is None:
                    readings = known[at]  # planned as first seen here, so read for this chunk
                    memo.put(at, readings)
                yield item, at[1], readings

    def near_keys(self, words: list[str]) -> Iterator[NearPart]:
        """`blocking.block_keys` of each word (none for a tag), in order, a part of the words
        at a time: the part's keys (each once, first met first), each word's keys as their
        places among those, and how many each word has. By the workers when the names were
        read by them: the main process gets each key once a part, and integers."""
        parts = [words[i : i + _WORDS] for i in range(0, len(words), _WORDS)]
        if self._pool is None:
            yield from map(_near_keys, parts)
        else:
            yield from self._pool.imap(_near_keys, parts)

    def _pool_after(self, read_here: int) -> Pool | None:
        if self._pool is None and self._workers > 1 and read_here >= self._after:
            self._pool = _start(self._workers)
            if self._pool is None:
                self._workers = 1
        return self._pool


class _Memo(Generic[V]):
    """A dict emptied when full, so a build's memory does not grow with repeats; `planned`
    and `memo` follow the same rules over the same names, so they agree on what is held."""

    def __init__(self) -> None:
        self._held: dict[_Name, V] = {}

    def get(self, at: _Name) -> V | None:
        return self._held.get(at)

    def put(self, at: _Name, value: V) -> None:
        if len(self._held) >= _MEMO:
            self._held.clear()
        self._held[at] = value

    def first(self, at: _Name, value: V) -> bool:
        """Whether `at` is not held (it now is, as `value`)."""
        if at in self._held:
            return False
        self.put(at, value)
        return True


def _read_one(name: str, normkind: str | None) -> list[Reading]:
    return [_reading(_read(text, kind=normkind)) for text in (name, *derived_names(name))]


def _read_many(names: list[tuple[str, str | None]]) -> list[list[Reading]]:
    return [_read_one(name, normkind) for name, normkind in names]


def _near_keys(words: list[str]) -> NearPart:
    keys = Places()
    place = keys.__getitem__
    ids: array[int] = array("i")
    counts: array[int] = array("i")
    for word in words:
        before = len(ids)
        if not blocking.tagged(word):
            ids.extend(map(place, blocking.block_keys(word)))
        counts.append(len(ids) - before)
    return list(keys), ids, counts


def _reading(norm: NormalizedName) -> Reading:
    tokens = norm.tokens
    keys: tuple[list[str], list[str]] = ([], [])  # generic, distinctive
    for key, distinctive in blocking.listed_keys(norm):
        keys[distinctive].append(key)
    return (
        norm.original,
        [t.text for t in tokens],
        [ROLE_CODES[t.role] for t in tokens],
        [t.source for t in tokens],
        keys[1],
        keys[0],
        encoded(name_shape(norm)),
    )


def _start(workers: int) -> Pool | None:
    try:
        return get_context(start_method()).Pool(workers, initializer=_worker_started)
    except (OSError, ValueError, AssertionError) as exc:
        log.warning("cannot start index build workers, reading names in one process: %s", exc)
        return None


def _worker_started() -> None:
    watch_parent()
    gc.disable()  # readings form no cycles; a worker lives for one build
