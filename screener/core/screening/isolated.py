"""Long core work in a child process, for a caller that must stay responsive (the desktop app).

    gen = screen_file_in_process(home, Path("orders.xlsx"), cancelled=control.cancelled)

Screening, list imports, reports and chain checks are pure-Python work. In a thread of the GUI
process they hold the interpreter lock, and every Python call the window makes while painting
(each cell of a table) waits for it: the window stalls 100-500 ms at a time. A child process
has an interpreter (and a processor core) of its own. Each function here keeps the contract of
the core function it runs (the same progress items and result, on the store in `home`);
`cancelled()` is asked every `POLL_S` and passed on to the child. A child that dies leaves what
it stored, as a killed process does (a screening run reads back `incomplete`). Ad-hoc searches
go to one long-lived child instead (`SearchService`), which keeps the name index loaded.
"""

from __future__ import annotations

import multiprocessing
import threading
import traceback
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from screener.core.errors import ScreenerError
from screener.core.evidence.searches import RecordedSearch, search_and_record
from screener.core.lists import importing as lists
from screener.core.names import search
from screener.core.names.grouped_search import EntryGroup, SearchFilters, search_entries
from screener.core.names.matching import DEFAULT_THRESHOLD
from screener.core.record import audit, runs
from screener.core.record.database.store import Store
from screener.core.report import audit_report as report
from screener.core.rules.policy import load_policy
from screener.core.screening import rescreen, shown_batch
from screener.core.screening import run as screening
from screener.core.screening.child_process import STOP_GRACE_S, Notify, result_of, run_isolated
from screener.core.screening.shown import shown_lines

__all__ = [
    "SearchService",
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


class SearchService:
    """Ad-hoc name searches answered by a long-lived child process that holds the name index.

    Loading the index is one long interpreter-bound step (the window would stall ~0.35 s); in
    the child it happens once, and each search is a short round trip. The child reloads the
    index by itself when the lists change (`search.open_index` keys it by list versions).
    Thread-safe; `close()` ends the child, a dead one is started again on the next search.
    """

    def __init__(self, home: Path) -> None:
        self._home = home
        self._lock = threading.Lock()
        self._child: Any = None
        self._conn: Connection | None = None

    def search(
        self,
        query: str,
        *,
        kind: str | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = 20,
        country: str | None = None,
    ) -> list[search.SearchHit]:
        """`search.search_names` on the store in `home`."""
        hits: list[search.SearchHit] = self._ask((query, kind, threshold, limit, country))
        return hits

    def search_entries(
        self, query: str, *, filters: SearchFilters | None = None, record: bool = True
    ) -> tuple[RecordedSearch | None, list[EntryGroup]]:
        """`grouped_search.search_entries` on the store in `home`; with `record` (the default)
        the search is recorded there (`searches.search_and_record`, channel "gui")."""
        answer: tuple[RecordedSearch | None, list[EntryGroup]] = self._ask(
            ("entries", query, filters or SearchFilters(), record)
        )
        return answer

    def _ask(self, request: tuple[Any, ...]) -> Any:
        with self._lock:
            conn = self._connection()
            try:
                conn.send(request)
                kind_of_answer, value = conn.recv()
            except (EOFError, OSError):
                self._stop()
                raise ScreenerError(
                    "the search process stopped unexpectedly; search again to restart it"
                ) from None
        if kind_of_answer == "error":
            raise ScreenerError(value)
        if kind_of_answer == "crash":
            raise RuntimeError(f"search failed in its process:\n{value}")
        return value

    def close(self) -> None:
        with self._lock:
            self._stop()

    def _connection(self) -> Connection:
        if self._conn is None or self._child is None or not self._child.is_alive():
            self._stop()
            context = multiprocessing.get_context("spawn")
            ours, theirs = context.Pipe()
            self._child = context.Process(
                target=_serve_searches, args=(theirs, self._home), name="screener-search"
            )
            self._child.daemon = True
            self._child.start()
            theirs.close()
            self._conn = ours
        return self._conn

    def _stop(self) -> None:
        if self._conn is not None:
            with suppress(OSError):  # the child may be gone already
                self._conn.send(None)  # asks the child to end
            self._conn.close()
            self._conn = None
        if self._child is not None:
            self._child.join(STOP_GRACE_S)
            if self._child.is_alive():
                self._child.terminate()
                self._child.join()
            self._child = None


def _serve_searches(conn: Connection, home: Path) -> None:
    with _store(home) as store:
        while True:
            try:
                request = conn.recv()
            except (EOFError, OSError):
                return
            if request is None:
                return
            try:
                if request[0] == "entries":
                    conn.send(("ok", _entries(store, *request[1:])))
                    continue
                query, kind, threshold, limit, country = request
                hits = search.search_names(
                    store, query, kind=kind, threshold=threshold, limit=limit, country=country
                )
                conn.send(("ok", hits))
            except ScreenerError as exc:
                conn.send(("error", str(exc)))
            except Exception:  # reported to the parent, which raises it
                conn.send(("crash", traceback.format_exc()))


def _entries(
    store: Store, query: str, filters: SearchFilters, record: bool
) -> tuple[RecordedSearch | None, list[EntryGroup]]:
    if record:
        return search_and_record(store, query, filters=filters, channel="gui")
    return None, search_entries(store, query, filters=filters)


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
