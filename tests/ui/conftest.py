"""GUI test fixtures: offscreen Qt, a store and settings per test, no thread left behind."""

from __future__ import annotations

import multiprocessing
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool

from screener.core.record.database.store import Store
from screener.ui import qtfix, settings, workers

# PySide6 6.12 + Python 3.11 over-release None (see screener/ui/qtfix.py): guard as the app does.
qtfix.guard_none_refcount()

GRACE_MS = 300  # a worker that emitted `finished` returns from run() within microseconds


@pytest.fixture(autouse=True)
def _no_thread_left(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail a test that leaves a worker (or any pool thread) running (napari's fixture)."""
    started: list[workers.GeneratorWorker] = []
    original = workers.GeneratorWorker.start

    def tracking_start(self: workers.GeneratorWorker, pool: QThreadPool | None = None) -> None:
        started.append(self)
        original(self, pool)

    monkeypatch.setattr(workers.GeneratorWorker, "start", tracking_start)
    yield
    pool = QThreadPool.globalInstance()
    pool.waitForDone(GRACE_MS)
    running = [w.name for w in started if w.is_running()]
    active = pool.activeThreadCount()
    children = [c.name for c in multiprocessing.active_children()]  # screening processes
    if running or active or children:
        for w in started:
            w.cancel()
        pool.waitForDone(10_000)
        pytest.fail(
            f"test left work running: workers {running}, pool threads {active}, "
            f"processes {children}"
        )


@pytest.fixture
def prefs(tmp_path: Path) -> settings.Settings:
    return settings.Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def store(home: Path) -> Iterator[Store]:
    s = Store.open(home)
    yield s
    s.close()


def _real_confirm_stale():  # type: ignore[no-untyped-def]
    from screener.ui.pages.screen_page import ScreenPage

    return ScreenPage.confirm_stale


REAL_CONFIRM_STALE = _real_confirm_stale()  # before any test replaces it


@pytest.fixture(autouse=True)
def _stale_lists_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real lists are months old: answer the once-per-session question with "Screen anyway"
    (a modal box would wait forever offscreen). Tests of the question replace this."""
    from screener.ui.pages.screen_page import ScreenPage

    monkeypatch.setattr(ScreenPage, "confirm_stale", lambda self, stale: True)
