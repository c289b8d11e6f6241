"""Nothing lost, nothing half-written: SIGKILL mid-write, and two processes writing at once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from screener.core.record import audit, runs
from screener.core.record.database.store import Store
from tests.conftest import REPO

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def _python(code: str, home: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=REPO,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "SCREENER_HOME": str(home)},
    )


def _consistent(home: Path) -> Store:
    conn = sqlite3.connect(home / "screener.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    store = Store.open(home)
    for v in store.list_versions():
        # A visible list version is complete: every entry it announced is there.
        assert store.entry_count(v.id) == v.entries, v.label
    report = audit.verify(store)
    assert report.ok, report.problems
    return store


@pytest.mark.parametrize("delay", [0.8, 2.0, 3.5])
def test_sigkill_during_import_leaves_no_half_list(
    shared_lists: Path, home: Path, delay: float
) -> None:
    proc = _python(
        f"""
        from pathlib import Path
        from screener.core.lists.importing import import_lists
        from screener.core.record.database.store import Store
        store = Store.open(Path({str(home)!r}))
        for o in import_lists(store, [Path({str(shared_lists)!r})]):
            print(o.status.value, flush=True)
    """,
        home,
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    out, _err = proc.communicate(timeout=30)
    store = _consistent(home)
    # Every list the process reported as imported survived the kill.
    assert len(store.list_versions()) >= out.count("imported")


def _seed_run(home: Path, lines: int) -> list[int]:
    store = Store.open(home)
    run_id = runs.start_run(store, runs.RunInfo("o.xlsx", "0" * 64, "S", {}, "p", "m", ()))
    ids = runs.add_lines(
        store,
        run_id,
        [
            runs.LineRecord(
                row=r,
                cells=(),
                order_no="1",
                line_no=str(r),
                parties=(),
                description="",
                hs_code="",
                destination="",
                transit=(),
                problems=(),
                verdict="review",
                reasons=(),
                findings=(),
            )
            for r in range(2, 2 + lines)
        ],
    )
    runs.finish_run(store, run_id, status="completed", lines=lines)
    store.close()
    return ids


DECIDE = """
    import sys
    from pathlib import Path
    from screener.core.record.review.decisions import record_decision
    from screener.core.record.database.store import Store
    store = Store.open(Path({home!r}))
    for line_id in {line_ids!r}:
        for k in range({per_line}):
            record_decision(store, line_id=line_id, action="hold",
                            justification="writer {tag} decision " + str(k))
            print("ok", flush=True)
"""


def test_two_processes_deciding_at_once_lose_nothing(home: Path) -> None:
    line_ids = _seed_run(home, 20)
    procs = [
        _python(DECIDE.format(home=str(home), line_ids=line_ids, per_line=5, tag=tag), home)
        for tag in ("A", "B")
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    for p, (_out, err) in zip(procs, outputs, strict=True):
        assert p.returncode == 0, err
        assert "locked" not in err
    attempted = 2 * 20 * 5
    acknowledged = sum(out.count("ok") for out, _ in outputs)
    store = _consistent(home)
    recorded = store.db.execute("SELECT count(*) FROM decisions").fetchone()[0]
    assert acknowledged == attempted
    assert recorded == attempted


def test_sigkill_while_deciding_keeps_every_acknowledged_decision(home: Path) -> None:
    line_ids = _seed_run(home, 50)
    proc = _python(DECIDE.format(home=str(home), line_ids=line_ids, per_line=50, tag="K"), home)
    assert proc.stdout is not None
    acknowledged = 0
    while acknowledged < 200:  # let it write for a while, then kill it mid-stream
        line = proc.stdout.readline()
        if not line:  # the writer ended early: fail with what it said, not hang
            pytest.fail(f"writer stopped: {proc.communicate(timeout=30)[1]}")
        acknowledged += line.startswith("ok")
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    # Through the same buffered reader: communicate() reads the pipe itself and would miss
    # the lines readline() already read ahead (a busy machine lets several pile up).
    rest = proc.stdout.read()
    proc.communicate(timeout=30)
    acknowledged += rest.count("ok")
    store = _consistent(home)
    recorded = store.db.execute("SELECT count(*) FROM decisions").fetchone()[0]
    # Every decision the officer saw confirmed is on disk; at most the one in flight is not.
    assert recorded >= acknowledged, (recorded, acknowledged)
    assert recorded <= acknowledged + 1, (recorded, acknowledged)


RUNS, LINES = 6, 120
SCREEN_AND_DECIDE = """
    from pathlib import Path
    from screener.core.record.review.decisions import record_decision
    from screener.core.screening.run import run_screening, screen_file
    from screener.core.record.database.store import Store
    store = Store.open(Path({home!r}))
    line_ids = {line_ids!r}
    for k in range({runs}):
        summary = run_screening(screen_file(store, Path({orders!r}), batch_size=7))
        print("run", summary.run_id, summary.status, summary.lines, flush=True)
        for line_id in line_ids[k::{runs}]:
            record_decision(store, line_id=line_id, action="hold",
                            justification="writer {tag} run " + str(k))
            print("ok", flush=True)
"""


def test_two_processes_screening_and_deciding_at_once_lose_nothing(
    home: Path, tmp_path: Path
) -> None:
    from tests.reliability.harness import seeded_store

    seeded_store(home).close()  # one small list, so screening has something to match against
    line_ids = _seed_run(home, 60)
    orders = tmp_path / "orders.csv"
    rows = ["Order No;Line;Customer;Ship-to Country;HS Code;Description"]
    rows += [f"{n};1;Customer {n} GmbH;DE;8542.31;Chips" for n in range(LINES)]
    orders.write_text("\n".join(rows) + "\n", encoding="utf-8")
    script = {"home": str(home), "line_ids": line_ids, "runs": RUNS, "orders": str(orders)}
    procs = [_python(SCREEN_AND_DECIDE.format(tag=tag, **script), home) for tag in ("A", "B")]
    outputs = [p.communicate(timeout=180) for p in procs]
    for p, (_out, err) in zip(procs, outputs, strict=True):
        assert p.returncode == 0, err
        assert "locked" not in err
    reported = [line.split() for out, _ in outputs for line in out.splitlines()]
    screened = [r for r in reported if r[0] == "run"]
    assert len(screened) == 2 * RUNS
    assert all(r[2] == "completed" and r[3] == str(LINES) for r in screened), screened
    store = _consistent(home)
    db = store.db
    for _, run_id, _status, _lines in screened:  # every line of every run is on disk, once
        stored = db.execute("SELECT count(*) FROM lines WHERE run_id = ?", [int(run_id)])
        assert stored.fetchone()[0] == LINES, run_id
    assert len({r[1] for r in screened}) == 2 * RUNS  # no two runs got the same id
    acknowledged = sum(r == ["ok"] for r in reported)
    recorded = db.execute("SELECT count(*) FROM decisions").fetchone()[0]
    assert acknowledged == 2 * 60
    assert recorded == acknowledged
