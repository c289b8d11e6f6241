"""Long core work in a child process, for a caller that must stay responsive (the desktop app).

    gen = screen_file_in_process(home, Path("orders.xlsx"), cancelled=control.cancelled)

Screening, list imports, reports and chain checks are pure-Python work. In a thread of the GUI
process they hold the interpreter lock, and every Python call the window makes while painting
(each cell of a table) waits for it: the window stalls 100-500 ms at a time. A child process
has an interpreter (and a processor core) of its own. Each function here keeps the contract of
the core function it runs (the same progress items and result, on the store in `home`);
`cancelled()` is asked every `POLL_S` and passed on to the child. A child that dies leaves what
it stored, as a killed process does (a screening run reads back `incomplete`). Ad-hoc searches
go to one long-lived child instead (`search_service.SearchService`), which keeps the index loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from screener.core.lists import importing as lists
from screener.core.names import search
from screener.core.record import audit, runs
from screener.core.record.database.store import Store
from screener.core.report import audit_report as report
from screener.core.rules.policy import load_policy
from screener.core.screening import rescreen, shown_batch
from screener.core.screening import run as screening
from screener.core.screening.child_process import Notify, result_of, run_isolated
from screener.core.screening.shown import shown_lines

__all__ = [
    "import_lists_in_process",
    "iter_shown_lines_in_process",
    "rescreen_in_process",
    "screen_file_in_process",
    "screen_file_shown_in_process",
    "verify_in_process",
    "write_report_in_process",
]

_INDEX_NOTICE = "building the name index"


def screen_file_in_process(
    home: Path,
    path: Path,
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
    cancelled: Callable[[], bool] | None = None,
    on_phase: Callable[[str], None] | None = None,
) -> Generator[screening.ScreenProgress, None, screening.ScreenSummary]:
    """`screening.screen_file` on the store in `home`, run by a child process; `on_phase(text)`
    hears what it does before the first line (counting, reading, loading the index)."""
    return (yield from _in_child(_screen, home, path, sheet, mapping, cancelled, on_phase))


def import_lists_in_process(
    home: Path,
    paths: Sequence[Path],
    *,
    on_start: Callable[[int, int, Path], None] | None = None,
    on_index: Callable[[], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Generator[lists.ImportOutcome, None, None]:
    """`lists.import_lists`, then the name index built for the new lists (so the next screening
    starts at once). Called here: `on_start(index, total, path)` before each file, `on_index()`
    before the index is built."""

    def notice(value: Any) -> None:
        if value == _INDEX_NOTICE:
            if on_index is not None:
                on_index()
        elif on_start is not None:
            on_start(*value)

    yield from run_isolated(_import, home, list(paths), cancelled=cancelled, on_notice=notice)


def rescreen_in_process(
    home: Path, run_ids: Sequence[int], *, cancelled: Callable[[], bool] | None = None
) -> Generator[tuple[runs.Run, screening.ScreenProgress], None, list[rescreen.RescreenResult]]:
    """`rescreen.rescreen_run` for each run in turn: yields (run, progress), returns results."""
    results: list[rescreen.RescreenResult] = yield from run_isolated(
        _rescreen, home, list(run_ids), cancelled=cancelled
    )
    return results


def iter_shown_lines_in_process(
    home: Path, run_id: int, *, batch: int = 500, cancelled: Callable[[], bool] | None = None
) -> Generator[tuple[int, bytes], None, None]:
    """`runs.iter_lines` in batches, with why and decision state (`shown.shown_lines`):
    building 100,000 lines would hold up the window. Each batch comes as (its number of lines,
    the lines encoded: `shown_batch.decode` them in the thread that shows them)."""
    yield from run_isolated(_lines, home, run_id, batch, cancelled=cancelled)


def screen_file_shown_in_process(
    home: Path,
    path: Path,
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
    cancelled: Callable[[], bool] | None = None,
    on_phase: Callable[[str], None] | None = None,
) -> Generator[tuple[screening.ScreenProgress, bytes], None, screening.ScreenSummary]:
    """`screen_file_in_process`, each progress item with its new lines as the table shows them,
    encoded (`shown_batch.decode` them in the thread that shows them)."""
    return (yield from _in_child(_screen_shown, home, path, sheet, mapping, cancelled, on_phase))


def _in_child(
    work: Callable[..., Any],
    home: Path,
    path: Path,
    sheet: str | None,
    mapping: Mapping[str, str] | None,
    cancelled: Callable[[], bool] | None,
    on_phase: Callable[[str], None] | None,
) -> Generator[Any, None, screening.ScreenSummary]:
    summary: screening.ScreenSummary = yield from run_isolated(
        work, home, path, sheet, dict(mapping) if mapping else None,
        cancelled=cancelled, on_notice=on_phase,
    )  # fmt: skip
    return summary


def write_report_in_process(home: Path, run_id: int, out_path: Path) -> Path:
    """`report.write_report`, waiting for the child."""
    written: Path = result_of(run_isolated(_report, home, run_id, out_path))
    return written


def verify_in_process(home: Path) -> audit.VerifyReport:
    """`audit.verify`, waiting for the child."""
    checked: audit.VerifyReport = result_of(run_isolated(_verify, home))
    return checked


# --- the work, as the child runs it ----------------------------------------------------------


@contextmanager
def _store(home: Path) -> Iterator[Store]:
    store = Store.open(home)
    try:
        yield store
    finally:
        store.close()


def _screen(
    home: Path,
    path: Path,
    sheet: str | None,
    mapping: dict[str, str] | None,
    *,
    cancelled: Callable[[], bool],
    notify: Notify,
) -> Generator[screening.ScreenProgress, None, screening.ScreenSummary]:
    with _store(home) as store:
        return (
            yield from screening.screen_file(
                store, path, sheet=sheet, mapping=mapping, cancelled=cancelled, on_phase=notify
            )
        )


def _screen_shown(
    home: Path,
    path: Path,
    sheet: str | None,
    mapping: dict[str, str] | None,
    *,
    cancelled: Callable[[], bool],
    notify: Notify,
) -> Generator[tuple[screening.ScreenProgress, bytes], None, screening.ScreenSummary]:
    with _store(home) as store:
        progress = screening.screen_file(
            store, path, sheet=sheet, mapping=mapping, cancelled=cancelled, on_phase=notify
        )
        return (yield from shown_batch.encoded_shown_lines(store, progress, load_policy()))


def _import(
    home: Path, paths: list[Path], *, cancelled: Callable[[], bool], notify: Notify
) -> Iterator[lists.ImportOutcome]:
    with _store(home) as store:
        imported = False
        for outcome in lists.import_lists(
            store, paths, on_start=lambda *started: notify(started), cancelled=cancelled
        ):
            imported |= outcome.status is lists.ImportStatus.IMPORTED
            yield outcome
        if imported and not cancelled():
            notify(_INDEX_NOTICE)
            search.open_index(store)  # built and cached now, so the next screening starts at once


def _rescreen(
    home: Path, run_ids: list[int], *, cancelled: Callable[[], bool], notify: Notify
) -> Generator[tuple[runs.Run, screening.ScreenProgress], None, list[rescreen.RescreenResult]]:
    results: list[rescreen.RescreenResult] = []
    with _store(home) as store:
        for run_id in run_ids:
            if cancelled():
                break
            parent = runs.get_run(store, run_id)
            gen = rescreen.rescreen_run(store, parent, cancelled=cancelled)
            while True:
                try:
                    progress = next(gen)
                except StopIteration as done:
                    results.append(done.value)
                    break
                yield parent, progress
    return results


def _lines(
    home: Path, run_id: int, batch: int, *, cancelled: Callable[[], bool], notify: Notify
) -> Iterator[tuple[int, bytes]]:
    policy = load_policy()
    with _store(home) as store:
        lines: list[runs.StoredLine] = []
        for line in runs.iter_lines(store, run_id):
            lines.append(line)
            if len(lines) >= batch:
                yield len(lines), shown_batch.encode(shown_lines(store, lines, policy))
                lines = []
                if cancelled():
                    return
        if lines:
            yield len(lines), shown_batch.encode(shown_lines(store, lines, policy))


def _report(
    home: Path, run_id: int, out_path: Path, *, cancelled: Callable[[], bool], notify: Notify
) -> Path:
    with _store(home) as store:
        return report.write_report(store, run_id, out_path)


def _verify(home: Path, *, cancelled: Callable[[], bool], notify: Notify) -> audit.VerifyReport:
    with _store(home) as store:
        return audit.verify(store)
