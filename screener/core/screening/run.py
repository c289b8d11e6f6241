"""Screening an order file: every party, the goods and the route of every line.

    gen = screen_file(store, Path("orders.xlsx"))
    for progress in gen: ...          # every ~batch_size lines; the lines are already stored
    summary = <generator return value> (see `run_screening` for a plain call)

The generator is the whole contract with the GUI and the CLI: it yields progress after each
stored batch, checks `cancelled()` between lines, and returns a `ScreenSummary`.
"""

from __future__ import annotations

import hashlib
import itertools
import time
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from screener.core.errors import ScreenerError
from screener.core.lists.freshness import line_note, require_fresh, stale_versions
from screener.core.names.search import (
    MATCHER_VERSION,
    open_index,
)
from screener.core.orders.counting import count_lines
from screener.core.record import runs
from screener.core.record.database.store import Store
from screener.core.record.run_context import record_context
from screener.core.rules.policy import Policy, load_policy
from screener.core.screening import parallel
from screener.core.screening.line_screener import HITS_PER_PARTY, LineLike, LineScreener


@dataclass(frozen=True, slots=True)
class ScreenProgress:
    run_id: int
    done: int  # lines screened and stored so far
    total: int | None  # lines expected (None while unknown)
    elapsed_s: float
    new_line_ids: tuple[int, ...]  # lines stored since the previous progress

    @property
    def lines_per_s(self) -> float:
        return self.done / self.elapsed_s if self.elapsed_s > 0 else 0.0


@dataclass(frozen=True, slots=True)
class ScreenSummary:
    run_id: int
    status: str  # completed | cancelled
    lines: int
    seconds: float
    counts: Mapping[str, int] = field(default_factory=dict)  # verdict -> lines
    problems: int = 0  # lines with cell problems


@dataclass(frozen=True, slots=True)
class Source:
    """Where the lines came from, recorded with the run."""

    file_name: str
    file_sha256: str
    sheet: str = ""
    mapping: Mapping[str, str] = field(default_factory=dict)


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def screen_file(
    store: Store,
    path: Path,
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
    cancelled: Callable[[], bool] | None = None,
    batch_size: int = 200,
    policy: Policy | None = None,
    workers: int | None = None,
    on_phase: Callable[[str], None] | None = None,
    allow_stale: bool = True,
) -> Generator[ScreenProgress, None, ScreenSummary]:
    """Read an order workbook and screen every line (see `screen_lines`).

    `on_phase(text)` hears what happens before the first line is screened. With
    `allow_stale=False` lists older than the policy allows stop it (`StaleListsError`) once
    the file has proved readable."""
    phase = on_phase or (lambda _text: None)
    phase(f"Counting the lines of {path.name}…")
    total = count_lines(path, sheet=sheet)
    phase(f"Reading {path.name}…")
    try:
        from screener.core.orders import read_orders  # the order reader (issue 5, part 1)
    except ImportError as exc:  # pragma: no cover - until the reader lands
        raise ScreenerError(f"{path}: reading order workbooks is not available yet") from exc
    from screener.core.orders import guards

    # A private copy: the bytes hashed are the bytes parsed, and a file refused for its
    # structure (rows out of order, a quote never closed) is refused before a run is recorded.
    with guards.snapshot(path) as snap:
        guards.check_structure(snap.copy, shown=path)
        lines = guards.named_as(read_orders(snap.copy, sheet=sheet, mapping=mapping), snap, path)
        first = next(lines, None)  # an unreadable file fails here, before a run is recorded
        if not allow_stale:
            require_fresh(store, policy=policy, allow_stale=False)
        source = Source(path.name, snap.sha256, sheet or "", dict(mapping or {}))
        all_lines = itertools.chain([first] if first is not None else [], lines)
        return (
            yield from screen_lines(
                store,
                all_lines,
                source=source,
                cancelled=cancelled,
                batch_size=batch_size,
                total=total,
                policy=policy,
                workers=workers,
                on_phase=phase,
            )
        )


def screen_lines(
    store: Store,
    lines: Iterable[LineLike],
    *,
    source: Source,
    cancelled: Callable[[], bool] | None = None,
    batch_size: int = 200,
    total: int | None = None,
    policy: Policy | None = None,
    parent_run_id: int | None = None,
    workers: int | None = None,
    on_phase: Callable[[str], None] | None = None,
) -> Generator[ScreenProgress, None, ScreenSummary]:
    """Screen lines against the newest lists and the policy, storing them batch by batch.

    Yields after each stored batch; `cancelled()` is checked between lines. A killed process
    keeps every stored batch and its run reads back as `incomplete`. Party names are searched
    across `workers` processes (None: one per core; 1: this process only), same hits.
    """
    policy = policy or load_policy()
    if on_phase is not None:
        on_phase("Loading the name index…")
    index = open_index(store)
    if not index.version_ids:
        raise ScreenerError("no lists imported: run `screener lists import PATH` first")
    run_id = runs.start_run(
        store,
        runs.RunInfo(
            file_name=source.file_name,
            file_sha256=source.file_sha256,
            sheet=source.sheet,
            mapping=dict(source.mapping),
            policy_version=policy.label,
            matcher_version=MATCHER_VERSION,
            list_version_ids=index.version_ids,
            kind="rescreen" if parent_run_id else "screen",
            parent_run_id=parent_run_id,
        ),
    )
    # Stale lists are recorded with the run and on every line (the gate is the caller's).
    stale = stale_versions(map(store.version, index.version_ids), policy=policy)
    record_context(store, run_id, lines_expected=total, stale=stale)
    stale_note = (line_note(stale),) if stale else ()
    screener = LineScreener(store, index, policy)
    ahead = parallel.NameSearchAhead(
        index, screener.by_name, screener.finish_hits, limit=2 * HITS_PER_PARTY,
        workers=workers, cache_file=parallel.cache_file(store, index),
    )  # fmt: skip
    started = time.perf_counter()
    counts: Counter[str] = Counter()
    problems = done = 0
    batch: list[runs.LineRecord] = []
    status = "completed"
    try:
        for line in ahead.lines(lines, cancelled):
            if cancelled is not None and cancelled():
                status = "cancelled"
                break
            record = screener.screen(line)
            if stale_note:
                record = replace(record, reasons=(*record.reasons, *stale_note))
            counts[record.verdict] += 1
            problems += bool(record.problems)
            batch.append(record)
            if len(batch) >= batch_size:
                ids = runs.add_lines(store, run_id, batch)
                done += len(batch)
                batch = []
                yield ScreenProgress(run_id, done, total, time.perf_counter() - started, tuple(ids))
    except ScreenerError as exc:  # the file broke mid-way: keep what was screened, say so
        if batch:
            runs.add_lines(store, run_id, batch)
            done += len(batch)
        runs.finish_run(store, run_id, status="failed", lines=done, message=str(exc))
        raise
    finally:
        ahead.close()
    if batch:
        ids = runs.add_lines(store, run_id, batch)
        done += len(batch)
        yield ScreenProgress(run_id, done, total, time.perf_counter() - started, tuple(ids))
    runs.finish_run(store, run_id, status=status, lines=done)
    return ScreenSummary(
        run_id, status, done, time.perf_counter() - started, dict(counts), problems
    )


def run_screening(gen: Generator[ScreenProgress, None, ScreenSummary]) -> ScreenSummary:
    """Drive a screening generator to the end (for the CLI and tests)."""
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            summary: ScreenSummary = stop.value
            return summary
