"""A screening process killed mid-run keeps its completed batches and reads back incomplete."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from screener.core.lists.importing import import_lists
from screener.core.record import audit, runs
from screener.core.record.database.store import Store
from screener.core.screening.rescreen import plan_rescreen
from screener.core.screening.run import run_screening, screen_file
from tests.conftest import REPO

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def _orders(path: Path, lines: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write("Order No.,Customer,Destination,HS Code,Description\n")
        for n in range(lines):
            out.write(f"SO-{n},Customer {n} Trading Company,DE,9403.30,office furniture\n")
    return path


def _lines_stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as con:
            return int(con.execute("SELECT count(*) FROM lines").fetchone()[0])
    except sqlite3.OperationalError:  # tables not created yet
        return 0


def test_sigkill_mid_screening_keeps_completed_lines(home: Path, tmp_path: Path) -> None:
    store = Store.open(home)
    selftest_list = REPO / "resources" / "selftest" / "un_selftest.xml"
    assert [o.status.value for o in import_lists(store, [selftest_list])] == ["imported"]
    orders = _orders(tmp_path / "big.csv", 50_000)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "screener",
            "--home",
            str(home),
            "screen",
            "--allow-stale",
            str(orders),
        ],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    db = next(home.glob("*.db"), None)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        db = db or next(home.glob("*.db"), None)
        if db is not None and _lines_stored(db) >= 400:
            break
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    reopened = Store.open(home)
    assert reopened.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    (run,) = runs.list_runs(reopened)
    assert run.status == "incomplete"
    stored = [line.row for line in runs.iter_lines(reopened, run.id)]
    assert 400 <= len(stored) < 50_000
    assert len(stored) % 200 == 0  # whole batches only: no half-written batch
    assert stored == list(range(2, 2 + len(stored)))  # the first lines, in order, none lost
    assert audit.verify(reopened).ok
    assert plan_rescreen(reopened) == []  # an incomplete run is screened again from its file

    small = _orders(tmp_path / "small.csv", 3)
    after = run_screening(screen_file(reopened, small))
    assert after.status == "completed"
    assert audit.verify(reopened).ok
