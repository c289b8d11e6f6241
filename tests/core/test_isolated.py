"""Screening in a child process (the desktop app's way): same lines and verdicts as in-process,
cancellable, and a dead child is a clear error with its stored lines kept."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from screener.core.errors import ScreenerError
from screener.core.lists.importing import import_lists
from screener.core.record import runs
from screener.core.record.database.store import Store
from screener.core.screening.child_process import result_of, run_isolated
from screener.core.screening.isolated import screen_file_in_process
from screener.core.screening.run import run_screening, screen_file
from tests.conftest import REPO

LISTED = "Selftest Precision Machinery Trading"  # an entry of the invented UN-format list


def _orders(path: Path, lines: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write("Order No.,Customer,Destination,HS Code,Description\n")
        for n in range(lines):
            name = LISTED if n % 50 == 7 else f"Customer {n} Trading Company"
            out.write(f"SO-{n},{name},DE,8542.31,microcontrollers\n")
    return path


@pytest.fixture
def store(home: Path) -> Iterator[Store]:
    store = Store.open(home)
    selftest_list = REPO / "resources" / "selftest" / "un_selftest.xml"
    assert [o.status.value for o in import_lists(store, [selftest_list])] == ["imported"]
    yield store
    store.close()


def _drain(gen):  # type: ignore[no-untyped-def]
    progress = []
    while True:
        try:
            progress.append(next(gen))
        except StopIteration as stop:
            return progress, stop.value


def _verdicts(store: Store, run_id: int) -> list[tuple[int, str, tuple[str, ...]]]:
    return [(line.row, line.verdict, line.reasons) for line in runs.iter_lines(store, run_id)]


def test_child_process_screens_like_the_caller(home: Path, store: Store, tmp_path: Path) -> None:
    orders = _orders(tmp_path / "orders.csv", 450)
    progress, summary = _drain(screen_file_in_process(home, orders))
    assert summary.status == "completed"
    assert summary.lines == 450
    assert sum(len(p.new_line_ids) for p in progress) == 450  # lines arrive as they are stored
    in_process = run_screening(screen_file(store, orders))
    assert _verdicts(store, summary.run_id) == _verdicts(store, in_process.run_id)
    assert summary.counts == in_process.counts
    assert summary.counts["block"] == 9


def test_cancel_reaches_the_child(home: Path, store: Store, tmp_path: Path) -> None:
    orders = _orders(tmp_path / "orders.csv", 5_000)
    asked = multiprocessing.Event()
    gen = screen_file_in_process(home, orders, cancelled=asked.is_set)
    first = next(gen)
    asked.set()
    _rest, summary = _drain(gen)
    assert summary.status == "cancelled"
    assert first.done <= summary.lines < 5_000
    assert runs.get_run(store, summary.run_id).status == "cancelled"


def test_unreadable_file_is_a_clear_error(home: Path, store: Store, tmp_path: Path) -> None:
    bad = tmp_path / "orders.xlsx"
    bad.write_bytes(b"this is not a workbook")
    with pytest.raises(ScreenerError, match=r"orders\.xlsx"):
        _drain(screen_file_in_process(home, bad))


def test_a_child_that_dies_is_reported_and_its_lines_kept(
    home: Path, store: Store, tmp_path: Path
) -> None:
    orders = _orders(tmp_path / "orders.csv", 50_000)
    gen = screen_file_in_process(home, orders)
    first = next(gen)
    children = multiprocessing.active_children()
    assert len(children) == 1
    children[0].kill()
    with pytest.raises(ScreenerError, match=r"stopped unexpectedly.*incomplete"):
        _drain(gen)
    run = runs.get_run(store, first.run_id)
    assert run.status == "incomplete"
    assert len(list(runs.iter_lines(store, first.run_id))) >= first.done


def test_import_report_and_verify_in_a_child(home: Path, store: Store, tmp_path: Path) -> None:
    from screener.core.record import audit
    from screener.core.screening.isolated import (
        import_lists_in_process,
        verify_in_process,
        write_report_in_process,
    )

    eu = REPO / "tests" / "fixtures" / "eu" / "eu_fsf_v1_1_sample.xml"
    started: list[tuple[int, int, Path]] = []
    outcomes = list(import_lists_in_process(home, [eu], on_start=lambda *s: started.append(s)))
    assert [o.status.value for o in outcomes] == ["imported"]
    assert started == [(0, 1, eu)]
    assert {v.source for v in store.current_versions()} == {"eu_fsf", "un_sc"}
    assert list((home / "cache").glob("names-*.idx"))  # the index is ready for screening

    _, summary = _drain(screen_file_in_process(home, _orders(tmp_path / "o.csv", 60)))
    out = write_report_in_process(home, summary.run_id, tmp_path / "report.xlsx")
    assert out == tmp_path / "report.xlsx"
    assert out.stat().st_size > 0
    checked = verify_in_process(home)
    assert checked.ok
    assert checked.records == audit.verify(store).records


def test_search_service_answers_like_search_names_and_restarts(home: Path, store: Store) -> None:
    from screener.core.names.search import search_names
    from screener.core.screening.search_service import SearchService

    service = SearchService(home)
    try:
        hits = service.search("Selftest Precision Machinery", country="Germany")
        assert hits == search_names(store, "Selftest Precision Machinery", country="Germany")
        assert hits[0].name == LISTED.upper()
        (child,) = multiprocessing.active_children()
        child.kill()
        child.join()
        assert service.search("SPMT")  # a dead search process is started again: alias found
        assert multiprocessing.active_children() != [child]
    finally:
        service.close()
    assert multiprocessing.active_children() == []


def test_a_search_process_that_cannot_start_is_tried_again_and_closes_cleanly(
    home: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A child the system refuses (no memory, no file handles) fails that search only: the
    page can still close, and the next search starts a child."""
    from multiprocessing.context import SpawnProcess

    from screener.core.screening.search_service import SearchService

    service = SearchService(home)
    real_start = SpawnProcess.start

    def refused(self: SpawnProcess) -> None:
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(SpawnProcess, "start", refused)
    with pytest.raises(OSError, match="Too many open files"):
        service.search("SPMT")
    service.close()  # was: "can only join a started process"
    monkeypatch.setattr(SpawnProcess, "start", real_start)
    try:
        assert service.search("SPMT")
    finally:
        service.close()
    assert multiprocessing.active_children() == []


def test_search_service_groups_and_records_searches(home: Path, store: Store) -> None:
    from screener.core.names.grouped_search import SearchFilters, search_entries
    from screener.core.record import audit
    from screener.core.screening.search_service import SearchService

    before = audit.verify(store).records
    service = SearchService(home)
    try:
        recorded, groups = service.search_entries("Selftest Precision Machinery")
        assert groups == search_entries(store, "Selftest Precision Machinery")
        assert groups[0].name == LISTED.upper()
        assert recorded is not None
        assert recorded.channel == "gui"
        assert recorded.hits == len(groups)
        unrecorded, none = service.search_entries(
            "Selftest Precision Machinery", filters=SearchFilters(lists=("nowhere",)), record=False
        )
        assert (unrecorded, none) == (None, [])
    finally:
        service.close()
    assert audit.verify(store).records == before + 1


def _worker_count(*, cancelled: object, notify: object) -> int:
    from screener.core.screening.parallel import worker_count

    return worker_count(2)


def test_the_screening_child_may_start_name_search_workers() -> None:
    # The desktop app screens in a child: it must be able to search across cores as the CLI does.
    assert result_of(run_isolated(_worker_count)) == 2


def test_a_child_ends_when_its_parent_is_killed(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    parent = subprocess.Popen(
        [sys.executable, "-c", _PARENT_SCRIPT, str(pid_file)], cwd=REPO, env=dict(os.environ)
    )
    try:
        deadline = time.monotonic() + 60
        while not pid_file.exists() or not pid_file.read_text().strip():
            assert parent.poll() is None, "the parent ended before its child started"
            assert time.monotonic() < deadline, "no child started"
            time.sleep(0.1)
        child_pid = int(pid_file.read_text())
        parent.kill()
        parent.wait()
        deadline = time.monotonic() + 20
        while _alive(child_pid):
            assert time.monotonic() < deadline, "the child outlived its killed parent"
            time.sleep(0.1)
    finally:
        parent.kill()


def _sleep_forever(pid_file: str, *, cancelled: object, notify: object) -> None:
    Path(pid_file).write_text(str(os.getpid()))
    while True:
        time.sleep(0.2)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (killed, not yet reaped by init) counts as gone.
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ")[-1].startswith("Z"))


_PARENT_SCRIPT = """
import sys
from screener.core.screening.child_process import result_of, run_isolated
from tests.core.test_isolated import _sleep_forever
result_of(run_isolated(_sleep_forever, sys.argv[1]))
"""


def _own_niceness(*, cancelled: object, notify: object) -> int:
    return os.nice(0)


@pytest.mark.skipif(not hasattr(os, "nice"), reason="no process priorities to compare")
def test_background_work_runs_below_the_window_s_priority() -> None:
    """A screening child (and the workers it starts) leaves the CPU to the window first, so
    the table keeps painting while every core screens."""
    from screener.core.screening.child_process import BACKGROUND_NICE

    child = result_of(run_isolated(_own_niceness))
    assert child == min(os.nice(0) + BACKGROUND_NICE, 19)
