"""The generic worker: results, errors and cooperative cancel, off the GUI thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

from PySide6.QtCore import QThread

from screener.ui.workers import Control, GeneratorWorker


def test_worker_yields_progress_and_returns_result_off_the_gui_thread(qtbot) -> None:
    threads: list[QThread] = []

    def job(control: Control) -> Iterator[int]:
        threads.append(QThread.currentThread())
        yield 1
        control.report("note")
        yield 2
        return "done"

    worker = GeneratorWorker(job)
    seen: list[object] = []
    worker.signals.progress.connect(seen.append)
    with (
        qtbot.waitSignal(worker.signals.result) as result,
        qtbot.waitSignal(worker.signals.finished),
    ):
        worker.start()
    assert seen == [1, "note", 2]
    assert result.args == ["done"]
    assert threads[0] is not QThread.currentThread()


def test_worker_error_is_reported_not_raised(qtbot) -> None:
    def job(control: Control) -> Iterator[int]:
        yield 1
        raise ValueError("bad cell in row 7")

    worker = GeneratorWorker(job)
    with qtbot.waitSignal(worker.signals.errored) as errored:
        worker.start()
    qtbot.waitUntil(lambda: not worker.is_running())
    assert errored.args[0] == "bad cell in row 7"
    assert "ValueError" in errored.args[1]


def test_cancel_stops_between_yields(qtbot) -> None:
    gate = threading.Event()
    produced: list[int] = []

    def job(control: Control) -> Iterator[int]:
        for i in range(1_000_000):
            produced.append(i)
            yield i
            if i == 2:
                gate.set()
            time.sleep(0.001)

    worker = GeneratorWorker(job)
    got: list[object] = []
    worker.signals.progress.connect(got.append)
    results: list[object] = []
    worker.signals.result.connect(results.append)
    with qtbot.waitSignal(worker.signals.cancelled):
        worker.start()
        assert gate.wait(5)
        worker.cancel()
    qtbot.waitUntil(lambda: not worker.is_running())
    assert results == []  # cut off: no result
    assert len(produced) < 1000
    qtbot.waitUntil(lambda: len(got) == len(produced))


def test_none_refcount_guard_keeps_void_calls_safe() -> None:
    from PySide6.QtCore import QObject

    from screener.ui import qtfix

    qtfix.guard_none_refcount()  # idempotent in effect: the conftest applied it already
    probe = QObject()
    for _ in range(20_000):  # ~4x None's natural refcount on 3.11: aborted without the guard
        probe.setObjectName("x")
    assert probe.objectName() == "x"


def test_a_job_that_outlives_its_window_ends_quietly(qtbot, caplog) -> None:
    """The window (and the job's signals) deleted while the job runs: no traceback, and the
    worker still counts as ended for a shutdown that waits on it."""
    import logging

    import shiboken6

    caplog.set_level(logging.INFO)
    gate = threading.Event()

    def job(control: Control) -> Iterator[int]:
        gate.wait(5)
        yield 1
        return "late"

    worker = GeneratorWorker(job, name="late-job")
    worker.start()
    shiboken6.delete(worker.signals)
    gate.set()
    assert worker.wait(5)
    assert not worker.is_running()
    qtbot.waitUntil(lambda: "outlived its window" in caplog.text)
    assert "failed" not in caplog.text
