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
Windows, and the frozen app), loading the index from its cache file after checking its
sha256. Each worker ends with the process that started it (`child_process.watch_parent`);
a daemonic process cannot start workers and searches alone.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from typing import Any, TypeVar

from screener.core.names.matching import DEFAULT_THRESHOLD
from screener.core.names.name_index import Candidate, NameIndex
from screener.core.names.search import ListIndex, candidate_limit
from screener.core.screening.child_process import watch_parent

log = logging.getLogger(__name__)
L = TypeVar("L")

# Fewer new names than this in a chunk are searched here: starting workers costs more.
MIN_NAMES = 48
_WAIT_S = 0.1  # how often a wait for workers looks at `cancelled()`
_INDEX: NameIndex | None = None  # the worker's index


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def worker_count(requested: int | None = None) -> int:
    """Worker processes to use: 1 means search in this process."""
    if multiprocessing.current_process().daemon:
        return 1
    return max(1, requested if requested is not None else cpu_count())


def _start_method() -> str:
    return "fork" if sys.platform.startswith("linux") else "spawn"


def _load_spawned(path: str, sha256: str) -> None:
    """Worker initialiser (spawn): the cached index, only if it is the one the parent used."""
    global _INDEX
    watch_parent()
    try:
        data = Path(path).read_bytes()
        if hashlib.sha256(data).hexdigest() == sha256:
            _INDEX = NameIndex.load(Path(path))
    except Exception:  # reported by `_search` as no index: the caller then searches itself
        _INDEX = None


def _search(names: Sequence[str], threshold: float, limit: int) -> list[list[Candidate]]:
    if _INDEX is None:
        raise RuntimeError("the worker has no name index")
    return [list(_INDEX.search(n, threshold=threshold, limit=limit)) for n in names]


def cache_file(store: Any, index: ListIndex) -> tuple[Path, str] | None:
    """The cache file holding exactly `index` and its sha256, for spawned workers; else None."""
    from screener.core.names.index_cache import cache_key
    from screener.core.names.search import MATCHER_VERSION

    folder = getattr(store, "cache_dir", None)  # where `open_index` keeps the cache
    if folder is None:
        return None
    key = cache_key(store, MATCHER_VERSION, index.version_ids)
    stem = Path(folder) / f"names-{key.get('database') or 'unknown'}"
    try:
        meta = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or meta.get("key") != key:
        return None  # rebuilt since for other lists: not the index this run holds
    return stem.with_suffix(".idx"), str(meta.get("sha256", ""))


class NameSearchAhead:
    def __init__(
        self,
        index: ListIndex,
        found: dict[str, Any],
        finish: Callable[[str, list[Candidate]], Any],
        *,
        limit: int,  # hits per name, as `search_names(limit=)`
        workers: int | None = None,
        cache_file: tuple[Path, str] | None = None,  # (index file, its sha256), for spawn
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
            for name in dict.fromkeys(p.name for line in chunk for p in line.parties)
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
                path, digest = self.cache_file
                self._pool = context.Pool(
                    self.workers, initializer=_load_spawned, initargs=(str(path), digest)
                )
        except (OSError, ValueError, AssertionError) as exc:
            log.warning("cannot start name search workers, searching in one process: %s", exc)
        finally:
            _INDEX = None if self.method == "fork" else _INDEX
        self._failed = self._pool is None
        return self._pool is not None
