"""Store faults and CLI argument cases for benchmarks/reliability.py, each through the real
`screener` command in a child process (a hang is killed and counted), and the cost of verify
on a 100,000-line database before and after the list data joined the chain."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

REPO = Path(__file__).resolve().parent.parent
TIMEOUT_S = 60.0


@dataclass
class Outcome:
    name: str
    clear: bool  # one line naming the problem, non-zero exit
    traceback: bool
    hung: bool
    db_unchanged: bool
    said: str


def _db_digest(home: Path, *, checkpoint: bool = True) -> str:
    db = home / "screener.db"
    if not db.exists():
        return ""
    if checkpoint:  # a damaged file is compared byte for byte, untouched
        conn = sqlite3.connect(db)
        with contextlib.suppress(sqlite3.DatabaseError):
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
    return hashlib.sha256(db.read_bytes()).hexdigest()


def _cli(home: Path, argv: list[str], env: dict[str, str]) -> tuple[int | None, str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "screener", "--home", str(home), *argv],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **env},
    )
    try:
        out, err = proc.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        return None, f"hung: killed after {TIMEOUT_S:.0f} s"
    return proc.returncode, out + err


def _seed(home: Path) -> None:
    from tests.reliability import tampering

    tampering.seed(home)


def _orders(tmp: Path) -> Path:
    path = tmp / "orders.csv"
    path.write_text("Order No;Customer;Ship-to Country\n1;Acme GmbH;DE\n", encoding="utf-8")
    return path


def _corrupt(home: Path, tmp: Path) -> list[str]:
    from tests.reliability.test_store_health import _corrupt as corrupt

    corrupt(home / "screener.db")
    return ["screen", str(_orders(tmp))]


def _newer(home: Path, tmp: Path) -> list[str]:
    conn = sqlite3.connect(home / "screener.db")
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('screener', 'm999_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    return ["screen", str(_orders(tmp))]


def _fifo(home: Path, tmp: Path) -> list[str]:
    path = tmp / "names.txt"
    os.mkfifo(path)
    return ["search", "--file", str(path)]


CASES: list[tuple[str, str, Callable[[Path, Path], list[str]]]] = [
    ("damaged database, screen", "damaged", _corrupt),
    ("damaged database, verify", "damaged",
     lambda h, t: [*_corrupt(h, t)[:0], "audit", "verify"]),
    ("newer schema, screen", "schema is newer", _newer),
    ("lock held by another process (wait 5 s)", "kept the database busy",
     lambda h, t: ["lists", "import", str(REPO / "tests/fixtures/eu/eu_fsf_v1_1_sample.xml")]),
    ("search --file FIFO", "is a pipe", _fifo),
    ("search --file /dev/zero", "is a device", lambda h, t: ["search", "--file", "/dev/zero"]),
    ("screen /dev/zero", "is a device", lambda h, t: ["screen", "/dev/zero"]),
    ("search --threshold 85", "give 0.85", lambda h, t: ["search", "x", "--threshold", "85"]),
    ("search --threshold 1e308", "not a score",
     lambda h, t: ["search", "x", "--threshold", "1e308"]),
    ("search --threshold nan", "not a score", lambda h, t: ["search", "x", "--threshold", "nan"]),
    ("search --limit 0", "less than 1", lambda h, t: ["search", "x", "--limit", "0"]),
    ("search --limit -1", "less than 1", lambda h, t: ["search", "x", "--limit", "-1"]),
    ("screen --json DIR", "is a folder",
     lambda h, t: ["screen", str(_orders(t)), "--json", str(t)]),
    ("screen --report out.txt", ".xlsx", lambda h, t: ["screen", str(_orders(t)), "--report",
                                                       str(t / "out.txt")]),
    ("lists import EMPTY_FOLDER", "nothing to import",
     lambda h, t: ["lists", "import", str((t / "empty").resolve())]),
    ("audit verify --expect garbage", "64-hex-digit",
     lambda h, t: ["audit", "verify", "--expect", "abc"]),
]  # fmt: skip


def _hold_lock(home: Path, seconds: float) -> subprocess.Popen[str]:
    code = (
        "import sqlite3, sys, time\n"
        f"c = sqlite3.connect({str(home / 'screener.db')!r}, isolation_level=None)\n"
        "c.execute('BEGIN IMMEDIATE'); print('held', flush=True)\n"
        f"time.sleep({seconds}); c.execute('ROLLBACK')\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    proc.stdout.readline()
    return proc


def store_and_cli_cases(tmp: Path) -> list[Outcome]:
    results = []
    for n, (name, expect, setup) in enumerate(CASES):
        home, work = tmp / f"fault-{n}", tmp / f"fault-work-{n}"
        home.mkdir()
        work.mkdir()
        (work / "empty").mkdir()
        _seed(home)
        argv = setup(home, work)
        healthy = "damaged" not in name
        before = _db_digest(home, checkpoint=healthy)
        holder = _hold_lock(home, 120) if "lock" in name else None
        env = {"SCREENER_LOCK_TIMEOUT": "5"}
        code, said = _cli(home, argv, env)
        if holder is not None:  # held until the CLI gave up, however slow the machine
            holder.kill()
            holder.wait()
        lines = [ln for ln in said.strip().splitlines() if not ln.startswith("screener: wait")]
        lines = [ln for ln in lines if not ln.startswith("note:")]
        after = _db_digest(home, checkpoint=healthy)
        results.append(
            Outcome(
                name,
                clear=code not in (None, 0) and len(lines) == 1 and expect in lines[0],
                traceback="Traceback" in said,
                hung=code is None,
                db_unchanged=before == after,
                said=lines[0] if lines else said.strip(),
            )
        )
    return results


# ---------------------------------------------------------------- verify on 100,000 lines


def _seed_lines(home: Path, count: int) -> None:
    from screener.core.record import runs
    from screener.core.record.database.store import Store

    store = Store.open(home)
    run_id = runs.start_run(store, runs.RunInfo("big.xlsx", "0" * 64, "S", {}, "p", "m", ()))
    batch = []
    for r in range(2, count + 2):
        name = f"Customer {r} Trading GmbH"
        batch.append(
            runs.LineRecord(
                row=r,
                cells=(("Order No", str(r)), ("Customer", name), ("Ship-to Country", "DE")),
                order_no=str(r),
                line_no="1",
                parties=({"role": "buyer", "name": name, "country": "DE"},),
                description="Microcontrollers",
                hs_code="8542.31",
                destination="DE",
                transit=(),
                problems=(),
                verdict="clear",
                reasons=("no match",),
                findings=(),
            )
        )
        if len(batch) == 2000:
            runs.add_lines(store, run_id, batch)
            batch = []
    if batch:
        runs.add_lines(store, run_id, batch)
    runs.finish_run(store, run_id, status="completed", lines=count)
    store.close()


def verify_cost(tmp: Path, lists: Path | None, lines: int = 100_000) -> dict[str, float]:
    """Seconds of: the chain alone (a query per record as before, then each table read once),
    the integrity check, the list data, and the full verify."""
    from screener.core.lists.importing import import_lists
    from screener.core.record import audit
    from screener.core.record.chain import list_chain
    from screener.core.record.database import health
    from screener.core.record.database.store import Store
    from tests.reliability.harness import SEED_LIST

    home = tmp / "verify-100k"
    home.mkdir()
    store = Store.open(home)
    for _ in import_lists(store, [lists] if lists is not None else [SEED_LIST]):
        pass
    entries = store.db.execute("SELECT count(*) FROM list_entries").fetchone()[0]
    store.close()
    _seed_lines(home, lines)
    store = Store.open(home)
    figures: dict[str, float] = {"entries": float(entries), "lines": float(lines)}

    def chain_only() -> None:
        with (
            mock.patch.object(audit, "_damage", return_value=None),
            mock.patch.object(audit, "_list_problems", return_value=[]),
        ):
            assert audit.verify(store).ok

    def per_record() -> None:  # one query per record, as verify read them until this session
        with (
            mock.patch.object(audit, "_damage", return_value=None),
            mock.patch.object(audit, "_list_problems", return_value=[]),
            mock.patch.object(
                audit._RowsInOrder,
                "row",
                lambda self, row_id: audit.fetch_row(store.db, self._table, row_id),
            ),
        ):
            assert audit.verify(store).ok

    def full() -> None:
        assert audit.verify(store).ok

    chain_only()  # warm the page cache: both are then timed warm, best of two, alternating
    runs_of = {
        "chain alone, a query per record (before)": per_record,
        "chain alone, each table read once": chain_only,
        "full verify (after)": full,
    }
    timed: dict[str, list[float]] = {what: [] for what in runs_of}
    for _ in range(2):
        for what, fn in runs_of.items():
            t = time.perf_counter()
            fn()
            timed[what].append(time.perf_counter() - t)
    figures["chain alone, a query per record (before)"] = min(
        timed["chain alone, a query per record (before)"]
    )
    figures["chain alone, each table read once"] = min(timed["chain alone, each table read once"])
    t = time.perf_counter()
    assert health.integrity_problem(store.db.conn) is None
    figures["  of which: integrity check"] = time.perf_counter() - t
    t = time.perf_counter()
    assert list_chain.verify_lists(store.db).problems == []
    figures["  of which: list data"] = time.perf_counter() - t
    figures["full verify (after)"] = min(timed["full verify (after)"])
    store.close()
    t = time.perf_counter()
    with mock.patch.object(health, "check_writable", return_value=None):
        Store.open(home).close()
    figures["store open, no quick_check"] = time.perf_counter() - t
    t = time.perf_counter()
    Store.open(home).close()
    figures["store open, quick_check"] = time.perf_counter() - t
    return figures
