"""Background jobs: thin generator adapters over core APIs, run by `workers.GeneratorWorker`.

Each job opens its **own** `Store` on the home folder (one owner per connection) and closes it
when it ends. Jobs never touch widgets; they yield frozen values for the GUI thread to show.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from screener.core import orders
from screener.core.lists import importing as lists
from screener.core.record import audit, runs
from screener.core.record.database.store import Store
from screener.core.rules import countries
from screener.core.rules.policy import load_policy
from screener.core.screening import isolated, isolated_updates, rescreen, shown_batch
from screener.core.screening import run as screening
from screener.core.screening.shown import ShownLines
from screener.ui.workers import Control

LOAD_BATCH = 250  # lines per batch of a stored run: each is decoded in the window's thread

ScreenFunc = Callable[..., Generator[screening.ScreenProgress, None, screening.ScreenSummary]]
InspectFunc = Callable[..., orders.OrderFileInfo]


@dataclass(frozen=True, slots=True)
class LinesBatch:
    """Lines ready to show, and how far the job is.

    The lines (each with why it got its verdict, and the decision states of those needing one)
    come encoded: `shown()` builds them in the thread that shows them. Built in the job's thread
    instead, they would hold the interpreter lock while the window paints (`core.shown_batch`).
    """

    run_id: int
    payload: bytes  # shown_batch.encode(ShownLines)
    done: int
    total: int | None
    lines_per_s: float = 0.0

    def shown(self) -> ShownLines:
        return shown_batch.decode(self.payload)


@dataclass(frozen=True, slots=True)
class Phase:
    """What a job is doing before it has anything to show ("Loading the name index…")."""

    text: str


@dataclass(frozen=True, slots=True)
class ImportStarted:
    index: int
    total: int
    path: Path


@dataclass(frozen=True, slots=True)
class UpdateStarted:
    """A download of an official list file begins."""

    index: int
    total: int
    title: str


@dataclass(frozen=True, slots=True)
class IndexStarted:
    """The imported lists' names are being indexed for screening (a few seconds)."""


def screen_job(
    home: Path,
    path: Path,
    *,
    screen: ScreenFunc | None = None,
    sheet: str | None = None,
    mapping: dict[str, str] | None = None,
) -> Callable[[Control], Iterator[Any]]:
    """Screen `path`; yields a `LinesBatch` per stored batch, returns the `ScreenSummary`."""

    def job(control: Control) -> Generator[LinesBatch, None, screening.ScreenSummary]:
        warm_country_names()
        if screen is None:  # the real core, in a process of its own (see core.isolated)
            control.report(Phase(f"Starting the screening of {path.name}…"))
            generator = isolated.screen_file_shown_in_process(
                home,
                path,
                sheet=sheet,
                mapping=mapping,
                cancelled=control.cancelled,
                on_phase=lambda text: control.report(Phase(text)),
            )
        else:
            generator = _shown_here(home, path, screen, sheet, mapping, control)
        while True:
            try:
                progress, payload = next(generator)
            except StopIteration as stop:
                summary: screening.ScreenSummary = stop.value
                return summary
            yield LinesBatch(
                progress.run_id, payload, progress.done, progress.total, progress.lines_per_s
            )

    return job


def warm_country_names() -> None:
    """Read the country names (tens of thousands, in many languages: a third of a second) in
    a thread of their own while the child starts, not in the window's thread at the first
    Destination cell or line detail shown (`why.route_text` resolves countries)."""
    threading.Thread(target=_read_country_names, name="country-names", daemon=True).start()


def _read_country_names() -> None:
    with suppress(Exception):  # a broken table is the rules' to report, where it is used
        countries.load_country_reference()


def _shown_here(
    home: Path,
    path: Path,
    screen: ScreenFunc,
    sheet: str | None,
    mapping: dict[str, str] | None,
    control: Control,
) -> Generator[tuple[screening.ScreenProgress, bytes], None, screening.ScreenSummary]:
    """A screening function given to the page (tests, demos), its lines read in this process
    (and encoded as the child encodes them)."""
    store = Store.open(home)
    try:
        generator = screen(store, path, sheet=sheet, mapping=mapping, cancelled=control.cancelled)
        return (yield from shown_batch.encoded_shown_lines(store, generator, load_policy()))
    finally:
        store.close()


def inspect_job(
    path: Path,
    *,
    sheet: str | None = None,
    profiles: Path | orders.ProfileSource | None = None,
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
        warm_country_names()
        store = Store.open(home)
        try:
            run = runs.get_run(store, run_id)
        finally:
            store.close()
        done = 0
        # Lines, why and decision state are built in a child process (`core.screening.shown`).
        batches = isolated.iter_shown_lines_in_process(
            home, run_id, batch=LOAD_BATCH, cancelled=control.cancelled
        )
        for count, payload in batches:
            done += count
            yield LinesBatch(run_id, payload, done, run.line_count)
        return run

    return job


def import_job(home: Path, paths: Sequence[Path]) -> Callable[[Control], Iterator[Any]]:
    """Import list files/folders; reports `ImportStarted` before each file, yields outcomes."""

    def job(control: Control) -> Iterator[lists.ImportOutcome]:
        yield from isolated.import_lists_in_process(  # parsing would hold up the window
            home,
            paths,
            on_start=lambda i, total, p: control.report(ImportStarted(i, total, p)),
            on_index=lambda: control.report(IndexStarted()),
            cancelled=control.cancelled,
        )

    return job


def update_job(
    home: Path, folder: Path, *, mirror: str | None = None
) -> Callable[[Control], Iterator[Any]]:
    """`lists update` (download, check, import) in a child process; yields `UpdateOutcome`s."""

    def job(control: Control) -> Iterator[Any]:
        yield from isolated_updates.update_lists_in_process(
            home,
            folder,
            mirror=mirror,
            on_start=lambda i, total, title: control.report(UpdateStarted(i, total, title)),
            on_index=lambda: control.report(IndexStarted()),
            cancelled=control.cancelled,
        )

    return job


def rescreen_job(home: Path, plan: Sequence[runs.Run]) -> Callable[[Control], Iterator[Any]]:
    """Re-screen each planned run in turn; yields (run, progress), returns `RescreenResult`s."""

    def job(control: Control) -> Generator[Any, None, list[rescreen.RescreenResult]]:
        return (
            yield from isolated.rescreen_in_process(
                home, [r.id for r in plan], cancelled=control.cancelled
            )
        )

    return job


def verify_job(home: Path) -> Callable[[Control], Iterator[Any]]:
    def job(control: Control) -> Generator[None, None, audit.VerifyReport]:
        return isolated.verify_in_process(home)
        yield  # pragma: no cover - makes this a generator

    return job


def report_job(home: Path, run_id: int, out_path: Path) -> Callable[[Control], Iterator[Any]]:
    def job(control: Control) -> Generator[None, None, Path]:
        return isolated.write_report_in_process(home, run_id, out_path)
        yield  # pragma: no cover - makes this a generator

    return job
