"""Party names of a screening run searched across cores, ahead of the lines that need them.

    ahead = NameSearchAhead(index, found, finish, workers=None, cache_file=path)
    for line in ahead.lines(lines, cancelled): ...     # found[name] is filled for its parties
    ahead.close()

Lines are read in chunks; the distinct names of a chunk not yet searched go to worker
processes (index search only: entries are read from the store by this process, `finish`),
while the previous chunk is screened and stored here. Workers run the same index search
`search_names` runs, so the hits are the same as in one process. A name not searched ahead
(few new names, one core, a worker that failed, a cancel) is simply searched in process by
the caller, so correctness never rests on the workers.

Workers are forked on Linux (they share the parent's index) and spawned elsewhere (macOS and
Windows, and the frozen app), mapping the index from the cache file the parent mapped, when
that file is unchanged: every worker reads the one copy in the page cache, none loads its own.
Each worker ends with the process that started it (`workers.watch_parent`); a daemonic
process cannot start workers and searches alone.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Sequence
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from typing import Any, TypeVar

from screener.core.names.index_file import fingerprint
from screener.core.names.matching import DEFAULT_THRESHOLD
from screener.core.names.name_index import Candidate, NameIndex
from screener.core.names.party_names import names_in
from screener.core.names.search import ListIndex, candidate_limit
from screener.core.workers import start_method, watch_parent, worker_count

log = logging.getLogger(__name__)
L = TypeVar("L")

# Fewer new names than this in a chunk are searched here: starting workers costs more.
MIN_NAMES = 48
_WAIT_S = 0.1  # how often a wait for workers looks at `cancelled()`
_INDEX: NameIndex | None = None  # the worker's index


def _start_method() -> str:
    return start_method()


def _attach(path: str, seen: str) -> None:
    """Worker initialiser (spawn): map the parent's index file, only if it is unchanged."""
    global _INDEX
    watch_parent()
    try:
        if fingerprint(Path(path)) == seen:
            _INDEX = NameIndex.load(Path(path))
            if _INDEX.mapped_file is None or _INDEX.mapped_file[1] != seen:
                _INDEX = None  # replaced between the check and the map
    except Exception:  # reported by `_search` as no index: the caller then searches itself
        _INDEX = None


def _search(names: Sequence[str], threshold: float, limit: int) -> list[list[Candidate]]:
    if _INDEX is None:
        raise RuntimeError("the worker has no name index")
    return [list(_INDEX.search(n, threshold=threshold, limit=limit)) for n in names]


def cache_file(store: Any, index: ListIndex) -> tuple[Path, str] | None:
    """The file `index` is mapped from and its fingerprint, for spawned workers; else None."""
    return index.names.mapped_file


class NameSearchAhead:
    def __init__(
        self,
        index: ListIndex,
        found: dict[str, Any],
        finish: Callable[[str, list[Candidate]], Any],
        *,
        limit: int,  # hits per name, as `search_names(limit=)`
        workers: int | None = None,
        cache_file: tuple[Path, str] | None = None,  # (index file, its fingerprint), for spawn
        chunk: int = 200,
        start_method: str | None = None,
        min_names: int = MIN_NAMES,
    ) -> None:
        self.index = index
        self.found = found  # name -> hits, shared with the caller's cache
        self.finish = finish  # (name, candidates) -> hits, in this process
        self.limit = limit
        self.workers = worker_count(workers)
        self.cache_file = cache_file
        self.chunk = chunk
        self.method = start_method or _start_method()
        self.min_names = min_names
        self._pool: Pool | None = None
        self._failed = self.workers <= 1
        self._asked: set[str] = set()
        self.searched_ahead = 0  # names the workers searched (for tests and benchmarks)

    def lines(self, lines: Iterable[L], cancelled: Callable[[], bool] | None = None) -> Iterator[L]:
        pending: tuple[list[L], list[tuple[list[str], AsyncResult[Any]]]] | None = None
        source = iter(lines)
        while chunk := list(itertools.islice(source, self.chunk)):
            jobs = self._submit(chunk)
            if pending is not None:
                self._collect(pending[1], cancelled)
                yield from pending[0]
            pending = (chunk, jobs)
        if pending is not None:
            self._collect(pending[1], cancelled)
            yield from pending[0]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def _submit(self, chunk: Sequence[Any]) -> list[tuple[list[str], AsyncResult[Any]]]:
        new = [
            name
            for name in dict.fromkeys(
                n for line in chunk for p in line.parties for n in (p.name, *names_in(p.name))
            )
            if name.strip() and name not in self.found and name not in self._asked
        ]
        if self._failed or len(new) < self.min_names or not self._ensure_pool():
            return []
        assert self._pool is not None
        self._asked.update(new)
        size = max(1, min(16, len(new) // (4 * self.workers)))
        args = (DEFAULT_THRESHOLD, candidate_limit(self.limit))
        return [
            (part, self._pool.apply_async(_search, (part, *args)))
            for part in (new[i : i + size] for i in range(0, len(new), size))
        ]

    def _collect(
        self, jobs: list[tuple[list[str], AsyncResult[Any]]], cancelled: Callable[[], bool] | None
    ) -> None:
        for names, job in jobs:
            while not job.ready():
                if cancelled is not None and cancelled():
                    return  # the caller stops at its next line; nothing half-filled
                job.wait(_WAIT_S)
            try:
                results = job.get()
            except Exception as exc:  # a worker failed: search in process from here on
                if not self._failed:
                    log.warning("parallel name search stopped, searching in one process: %s", exc)
                self._failed = True
                continue
            for name, candidates in zip(names, results, strict=True):
                self.found[name] = self.finish(name, candidates)
                self.searched_ahead += 1

    def _ensure_pool(self) -> bool:
        if self._pool is not None:
            return True
        global _INDEX
        try:
            context = multiprocessing.get_context(self.method)
            if self.method == "fork":
                _INDEX = self.index.names  # inherited by the forked workers
                self._pool = context.Pool(self.workers, initializer=watch_parent)
            elif self.cache_file is not None:
                path, seen = self.cache_file
                self._pool = context.Pool(
                    self.workers, initializer=_attach, initargs=(str(path), seen)
                )
        except (OSError, ValueError, AssertionError) as exc:
            log.warning("cannot start name search workers, searching in one process: %s", exc)
        finally:
            _INDEX = None if self.method == "fork" else _INDEX
        self._failed = self._pool is None
        return self._pool is not None
