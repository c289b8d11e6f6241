"""Background jobs: thin generator adapters over core APIs, run by `workers.GeneratorWorker`.

Each job opens its **own** `Store` on the home folder (one owner per connection) and closes it
when it ends. Jobs never touch widgets; they yield frozen values for the GUI thread to show.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from screener.core import audit, decisions, lists, orders, report, runs, screening, search
from screener.core.store import Store
from screener.ui.workers import Control

LOAD_BATCH = 500
# Screening is pure-Python work holding the GIL; every Qt call into Python on the GUI thread
# (each cell a view paints) waits for it, up to the 5 ms switch interval each: a repaint of the
# results could stall for seconds. So the screening thread pauses briefly and regularly (in its
# between-lines `cancelled()` check) and the GUI thread gets whole windows of time.
YIELD_EVERY_S = 0.010
YIELD_FOR_S = 0.002

ScreenFunc = Callable[..., Generator[screening.ScreenProgress, None, screening.ScreenSummary]]
InspectFunc = Callable[..., orders.OrderFileInfo]


@dataclass(frozen=True, slots=True)
class LinesBatch:
    """Lines ready to show, and how far the job is."""

    run_id: int
    lines: tuple[runs.StoredLine, ...]
    done: int
    total: int | None
    lines_per_s: float = 0.0
    decisions: tuple[decisions.Decision, ...] = ()


@dataclass(frozen=True, slots=True)
class ImportStarted:
    index: int
    total: int
    path: Path


def screen_job(
    home: Path,
    path: Path,
    *,
    screen: ScreenFunc | None = None,
    sheet: str | None = None,
    mapping: dict[str, str] | None = None,
) -> Callable[[Control], Iterator[Any]]:
    """Screen `path`; yields a `LinesBatch` per stored batch, returns the `ScreenSummary`."""
    screen_file = screen or screening.screen_file

    def job(control: Control) -> Generator[LinesBatch, None, screening.ScreenSummary]:
        store = Store.open(home)
        try:
            if screen is None:
                open_index_quietly(store)
            generator = screen_file(
                store, path, sheet=sheet, mapping=mapping, cancelled=polite(control.cancelled)
            )
            while True:
                try:
                    progress = next(generator)
                except StopIteration as stop:
                    summary: screening.ScreenSummary = stop.value
                    return summary
                yield LinesBatch(
                    run_id=progress.run_id,
                    lines=tuple(runs.get_line(store, i) for i in progress.new_line_ids),
                    done=progress.done,
                    total=progress.total,
                    lines_per_s=progress.lines_per_s,
                )
        finally:
            store.close()

    return job


def open_index_quietly(store: Store) -> None:
    """Open (build or load) the name index before screening, without garbage-collector stalls.

    The index is millions of long-lived objects. Built with the collector on, each full
    collection rescans all of them while holding the GIL (0.1-0.4 s each, growing as the index
    grows) and the GUI thread freezes. So: collector off while it is built, then `gc.freeze()`
    moves what is alive into the permanent generation, out of every later collection (objects
    are still freed by reference counting when the index is replaced). `core.search` keeps the
    index for the process, so `screen_file` then finds it ready.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        search.open_index(store)
    finally:
        if was_enabled:
            gc.enable()
    gc.freeze()


def polite(cancelled: Callable[[], bool]) -> Callable[[], bool]:
    """`cancelled` that also lets the GUI thread have the GIL every `YIELD_EVERY_S`."""
    last = time.perf_counter()

    def check() -> bool:
        nonlocal last
        now = time.perf_counter()
        if now - last >= YIELD_EVERY_S:
            time.sleep(YIELD_FOR_S)  # releases the GIL
            last = time.perf_counter()
        return cancelled()

    return check


def inspect_job(
    path: Path,
    *,
    sheet: str | None = None,
    profiles: Path | None = None,
    inspect: InspectFunc | None = None,
) -> Callable[[Control], Iterator[Any]]:
    """Sheets, header row, detected (or saved-profile) mapping and preview of an order file."""
    inspect_orders = inspect or orders.inspect_orders

    def job(control: Control) -> Generator[None, None, orders.OrderFileInfo]:
        return inspect_orders(path, sheet=sheet, profiles=profiles)
        yield  # pragma: no cover - makes this a generator

    return job


def load_run_job(home: Path, run_id: int) -> Callable[[Control], Iterator[Any]]:
    """Stream a stored run's lines (a run can hold 100,000) and its current decisions."""

    def job(control: Control) -> Generator[LinesBatch, None, runs.Run]:
        store = Store.open(home)
        try:
            run = runs.get_run(store, run_id)
            latest = tuple(decisions.latest_decisions(store, run_id).values())
            batch: list[runs.StoredLine] = []
            done = 0
            for line in runs.iter_lines(store, run_id):
                batch.append(line)
                if len(batch) >= LOAD_BATCH:
                    done += len(batch)
                    yield LinesBatch(run_id, tuple(batch), done, run.line_count)
                    batch = []
                    if control.cancelled():
                        return run
            done += len(batch)
            yield LinesBatch(run_id, tuple(batch), done, run.line_count, decisions=latest)
            return run
        finally:
            store.close()

    return job


def import_job(home: Path, paths: Sequence[Path]) -> Callable[[Control], Iterator[Any]]:
    """Import list files/folders; reports `ImportStarted` before each file, yields outcomes."""

    def job(control: Control) -> Iterator[lists.ImportOutcome]:
        store = Store.open(home)
        try:
            yield from lists.import_lists(
                store,
                paths,
                on_start=lambda i, total, p: control.report(ImportStarted(i, total, p)),
                cancelled=control.cancelled,
            )
        finally:
            store.close()

    return job


def verify_job(home: Path) -> Callable[[Control], Iterator[Any]]:
    def job(control: Control) -> Generator[None, None, audit.VerifyReport]:
        store = Store.open(home)
        try:
            return audit.verify(store)
        finally:
            store.close()
        yield  # pragma: no cover - makes this a generator

    return job


def report_job(home: Path, run_id: int, out_path: Path) -> Callable[[Control], Iterator[Any]]:
    def job(control: Control) -> Generator[None, None, Path]:
        store = Store.open(home)
        try:
            return report.write_report(store, run_id, out_path)
        finally:
            store.close()
        yield  # pragma: no cover - makes this a generator

    return job
