"""Run a core generator off the GUI thread (superqt's GeneratorWorker pattern).

    worker = GeneratorWorker(job)           # job(control) -> iterator
    worker.signals.progress.connect(...)    # every yielded value (and control.report(...))
    worker.signals.result.connect(...)      # the generator's return value
    worker.start()

The job runs in a QThreadPool thread and must never touch widgets; it talks to the GUI only
through the signals, which live on a separate QObject owned by the GUI thread. `cancel()` is
cooperative: the job sees `control.cancelled()` and the worker stops between two yields.
A `cooperative=True` job (one that passes `control.cancelled` to a core generator which then
returns early with its own summary) is instead run to its return, so nothing is cut off mid-way.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


_SIGNALS_GONE = "Signal source has been deleted"  # what PySide6 raises on emit


class WorkerSignals(QObject):
    started = Signal()
    progress = Signal(object)  # a yielded value or a control.report(...) value
    result = Signal(object)  # the generator's return value (None if it was cancelled)
    cancelled = Signal()
    errored = Signal(str, str)  # message, traceback
    finished = Signal()  # always last, whatever happened


class Control:
    """What a job may use from its thread: the cancel flag and a way to report progress."""

    def __init__(self, signals: WorkerSignals) -> None:
        self._event = threading.Event()
        self._signals = signals

    def cancelled(self) -> bool:
        return self._event.is_set()

    def report(self, value: object) -> None:
        self._signals.progress.emit(value)


Job = Callable[[Control], Iterator[Any]]


class GeneratorWorker(QRunnable):
    def __init__(self, job: Job, *, name: str = "", cooperative: bool = False) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the owner keeps it until `finished`
        self.name = name or getattr(job, "__name__", "job")
        self.signals = WorkerSignals()
        self.control = Control(self.signals)
        self._job = job
        self._cooperative = cooperative
        self._running = threading.Event()
        self._done = threading.Event()

    # -- GUI thread -----------------------------------------------------------------

    def start(self, pool: QThreadPool | None = None) -> None:
        self._running.set()
        (pool or QThreadPool.globalInstance()).start(self)

    def cancel(self) -> None:
        self.control._event.set()

    def is_running(self) -> bool:
        return self._running.is_set() and not self._done.is_set()

    def wait(self, timeout_s: float) -> bool:
        """Block until the job has ended (for shutdown only; never in a slot)."""
        return self._done.wait(timeout_s) if self._running.is_set() else True

    # -- worker thread ---------------------------------------------------------------

    def run(self) -> None:
        try:
            self._run()
        except RuntimeError as exc:
            # The window that started the job is gone (closed, or the app quitting) and its
            # signals with it: nobody is left to tell.
            if _SIGNALS_GONE not in str(exc):
                raise
            log.info("background job %s outlived its window", self.name)
        finally:
            self._done.set()

    def _run(self) -> None:
        signals = self.signals
        try:
            signals.started.emit()
            generator = self._job(self.control)
            while True:
                if self.control.cancelled() and not self._cooperative:
                    close = getattr(generator, "close", None)
                    if close is not None:
                        close()
                    signals.cancelled.emit()
                    break
                try:
                    value = next(generator)
                except StopIteration as stop:
                    signals.result.emit(stop.value)
                    if self.control.cancelled():
                        signals.cancelled.emit()
                    break
                signals.progress.emit(value)
        except Exception as exc:
            if isinstance(exc, RuntimeError) and _SIGNALS_GONE in str(exc):
                raise  # the signals are gone: see run
            log.exception("background job %s failed", self.name)
            signals.errored.emit(str(exc) or type(exc).__name__, traceback.format_exc())
        finally:
            self._done.set()
            signals.finished.emit()
