"""Verifying the tamper-evident record: every row's hash and the chain, recomputed.

Recorded tables are append-only (SQLite triggers refuse UPDATE and DELETE, see `schema.py`);
every row is linked into one sha256 chain as it is written (`chain/writer.py`). The chain makes
edits that bypass the triggers detectable: `verify(store)` recomputes each row's hash and the
chain and names the first record that was changed, deleted or slipped in.

A hash chain inside the same file cannot stop someone who rewrites the whole chain; the Excel
report and `screener audit verify` print the chain head so it can be kept elsewhere as an anchor.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from screener.core.record.chain.audited import AUDITED_TABLES
from screener.core.record.chain.writer import GENESIS, canonical, fetch_row, link
from screener.core.record.database import backend
from screener.core.record.database.store import DB_NAME, Store


@dataclass(frozen=True, slots=True)
class VerifyReport:
    ok: bool
    records: int
    head: str
    problems: tuple[str, ...] = field(default_factory=tuple)

    @property
    def first_problem(self) -> str | None:
        return self.problems[0] if self.problems else None

    def summary(self) -> str:
        if self.ok:
            return f"audit chain OK: {self.records:,} records, head {self.head}"
        more = f" (+{len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        return f"audit chain BROKEN: {self.first_problem}{more}"


def verify(store: Store, *, max_problems: int = 50) -> VerifyReport:
    """Recompute every record hash and the chain; name what was changed, removed or added."""
    db = store.db
    damage = _damage(store)
    if damage is not None:  # a damaged file is corruption, not a changed or deleted record
        return VerifyReport(ok=False, records=0, head=GENESIS, problems=(damage,))
    problems: list[str] = []
    running = GENESIS
    chained: dict[str, set[int]] = {t: set() for t in AUDITED_TABLES}
    records = 0
    expected_seq = 1
    readers: dict[str, _RowsInOrder] = {}
    for seq, table, row_id, record_hash, prev_hash, stored_link in db.conn.execute(
        "SELECT seq, table_name, row_id, record_hash, prev_hash, hash FROM audit_chain ORDER BY seq"
    ):
        records += 1
        where = f"{table} record {row_id} (chain #{seq})"
        if seq != expected_seq:
            problems.append(f"chain #{expected_seq}..#{seq - 1} missing: records were removed")
        expected_seq = seq + 1
        if prev_hash != running or link(prev_hash, table, row_id, record_hash) != stored_link:
            problems.append(f"{where}: chain link does not match; the chain was altered here")
        running = stored_link
        if table not in chained:
            problems.append(f"{where}: unknown table in the chain")
            continue
        chained[table].add(row_id)
        reader = readers.get(table)
        if reader is None:
            reader = readers[table] = _RowsInOrder(db, table)
        row = reader.row(row_id)
        if row is None:
            problems.append(f"{where}: was deleted")
        elif hashlib.sha256(canonical(row)).hexdigest() != record_hash:
            problems.append(f"{where}: was changed after it was recorded")
        if len(problems) >= max_problems:
            break
    for table in AUDITED_TABLES:
        if not db[table].exists():  # an older database opened read-only (not migrated)
            continue
        ids = {r[0] for r in db.conn.execute(f"SELECT id FROM {table}")}
        for row_id in sorted(ids - chained[table])[:max_problems]:
            problems.append(f"{table} record {row_id}: was inserted outside Screener (not chained)")
    problems += _list_problems(store, max_problems)
    return VerifyReport(ok=not problems, records=records, head=running, problems=tuple(problems))


class _RowsInOrder:
    """One table's rows read in id order, once: the chain names each table's rows in that order,
    so verifying costs one query per table instead of one per record."""

    def __init__(self, db: Any, table: str) -> None:
        self._db, self._table = db, table
        self._cur = db.conn.execute(f"SELECT * FROM {table} ORDER BY id")
        self._cols = [d[0] for d in self._cur.description]
        self._ahead: dict[str, Any] | None = None  # the next row, read but not yet asked for

    def row(self, row_id: int) -> dict[str, Any] | None:
        while True:
            if self._ahead is None:
                raw = self._cur.fetchone()
                if raw is None:
                    break
                self._ahead = dict(zip(self._cols, raw, strict=True))
            ahead_id = int(self._ahead["id"])
            if ahead_id == row_id:
                row, self._ahead = self._ahead, None
                return row
            if ahead_id > row_id:
                break
            self._ahead = None  # not in the chain: the "inserted outside Screener" check names it
        # Asked out of order (or the row is gone): look it up on its own.
        return fetch_row(self._db, self._table, row_id)


def _list_problems(store: Store, max_problems: int) -> list[str]:
    """The list data screening relied on, recomputed from its rows (see list_chain), and the
    checkpoints kept outside the database (see anchors)."""
    from screener.core.record.chain.anchors import check_checkpoints
    from screener.core.record.chain.list_chain import verify_lists

    return verify_lists(store.db, max_problems=max_problems).problems + check_checkpoints(store)


def _damage(store: Store) -> str | None:
    """SQLite's integrity check of the file, before any record is judged."""
    from screener.core.record.database import health

    if store.path is None or not isinstance(store.db.conn, sqlite3.Connection):
        return None
    problem = health.integrity_problem(store.db.conn)
    return None if problem is None else health.corruption_message(store.path, problem)


class VerifyAlongside:
    """`verify(store)` in a child process while this one goes on (the report writes its sheets
    meanwhile): the same check, in the wall time of the longer of the two.

    Only for a writable SQLite store in its home folder, from a process that may start children;
    otherwise, or if the child fails, `result()` verifies here.
    """

    def __init__(self, store: Store) -> None:
        self._store = store
        self._child: Any = None
        path = store.path
        if (
            path is None
            or store.read_only
            or path.name != DB_NAME
            or multiprocessing.current_process().daemon
        ):
            return
        method = "fork" if sys.platform.startswith("linux") else "spawn"
        context: Any = multiprocessing.get_context(method)
        self._receive, send = context.Pipe(duplex=False)
        try:
            self._child = context.Process(
                target=_verify_child, args=(path.parent, send), name="screener-verify", daemon=True
            )
            self._child.start()
        except OSError:
            self._child = None
        send.close()

    def result(self) -> VerifyReport:
        if self._child is None:
            return verify(self._store)
        try:
            kind, value = self._receive.recv()
        except (EOFError, OSError):
            kind, value = "failed", None
        finally:
            self._receive.close()
            self._child.join()
        if kind == "ok" and isinstance(value, VerifyReport):
            return value
        return verify(self._store)  # the child could not: the same check, here


def _verify_child(home: Path, send: Any) -> None:
    os.environ.pop(backend.ENV, None)  # the parent's store is this SQLite file, not a team's
    try:
        store = Store.open(home)
        try:
            send.send(("ok", verify(store)))
        finally:
            store.close()
    except Exception as exc:  # the parent verifies itself instead
        send.send(("failed", str(exc)))
    finally:
        send.close()
