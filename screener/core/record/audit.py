"""The tamper-evident audit log: every recorded row is linked into one sha256 hash chain.

Recorded tables are append-only (SQLite triggers refuse UPDATE and DELETE, see `schema.py`).
The chain makes edits that bypass the triggers detectable: `verify(store)` recomputes each
row's hash and the chain and names the first record that was changed, deleted or slipped in.

A hash chain inside the same file cannot stop someone who rewrites the whole chain; the Excel
report and `screener audit verify` print the chain head so it can be kept elsewhere as an anchor.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import socket
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from screener.core.record import backend
from screener.core.record.schema import AUDITED_TABLES
from screener.core.record.store import Store

GENESIS = "0" * 64


def canonical(row: dict[str, Any]) -> bytes:
    return json.dumps(
        row, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


def _link(prev_hash: str, table: str, row_id: int, record_hash: str) -> str:
    return hashlib.sha256(f"{prev_hash}|{table}|{row_id}|{record_hash}".encode()).hexdigest()


Identity = Callable[[], tuple[str, str]]
_identity_provider: Identity | None = None


def set_identity_provider(provider: Identity | None) -> Identity | None:
    """Who records from now on (None: the OS account). The one place a login (the team
    edition's database user) or a test's second officer is set; returns the previous one."""
    global _identity_provider
    previous, _identity_provider = _identity_provider, provider
    return previous


def operator_identity() -> tuple[str, str]:
    """(user, host name): who recorded something, as the EAR asks: the OS account unless
    `set_identity_provider` says otherwise; on a team database the login (which the server
    also writes into every row itself, whatever is sent)."""
    if _identity_provider is not None:
        return _identity_provider()
    login = backend.team_login()
    if login is not None:
        return login, socket.gethostname()
    try:
        user = getpass.getuser()
    except Exception:  # no login name in some service contexts
        user = "unknown"
    return user, socket.gethostname()


class ChainWriter:
    """Appends rows to audited tables inside one write transaction (`with store.write()`)."""

    def __init__(self, db: Database) -> None:
        if not db.conn.in_transaction:
            raise RuntimeError("ChainWriter needs an open write transaction (store.write())")
        self.db = db
        row = db.conn.execute("SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1").fetchone()
        self.head: str = row[0] if row else GENESIS

    def append(self, table: str, values: dict[str, Any]) -> int:
        if table not in AUDITED_TABLES:
            raise ValueError(f"{table} is not an audited table")
        cols = list(values)
        # PostgreSQL returns the row as stored; SQLite's RETURNING skips column affinity
        # (1 for a REAL 1.0), so there the stored row is read back.
        stored_rows = getattr(self.db, "returns_stored_rows", False)
        cur = self.db.conn.execute(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            f" RETURNING {'*' if stored_rows else 'id'}",
            [values[c] for c in cols],
        )
        if stored_rows:
            values_back = cur.fetchone()
            stored = dict(zip([d[0] for d in cur.description], values_back, strict=True))
            row_id = int(stored["id"])
        else:
            row_id = int(cur.fetchone()[0])
            stored = _fetch(self.db, table, row_id) or {}
        record_hash = hashlib.sha256(canonical(stored)).hexdigest()
        prev = self.head
        self.head = _link(prev, table, row_id, record_hash)
        self.db.conn.execute(
            "INSERT INTO audit_chain (table_name, row_id, record_hash, prev_hash, hash)"
            " VALUES (?, ?, ?, ?, ?)",
            [table, row_id, record_hash, prev, self.head],
        )
        return row_id

    def append_many(self, table: str, rows: Sequence[dict[str, Any]]) -> list[int]:
        """Append rows of one table (all with the same columns), in order.

        On a team server the rows and then their chain links go out as two batches, instead of
        a round trip per row: the write lock is held for
        milliseconds, not for the length of a screening batch. The ids are the next free
        ones, safe because the transaction holds the write lock (`store.write()`)."""
        if not rows or not getattr(self.db, "returns_stored_rows", False):
            return [self.append(table, r) for r in rows]
        if table not in AUDITED_TABLES:
            raise ValueError(f"{table} is not an audited table")
        conn: Any = self.db.conn  # the team connection (postgres.PgConnection)
        cols = list(rows[0])
        first = int(conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0])
        ids = list(range(first, first + len(rows)))
        names, back = conn.insert_returning(
            f"INSERT INTO {table} (id, {', '.join(cols)})"
            f" VALUES ({', '.join('?' * (len(cols) + 1))}) RETURNING *",
            [(i, *(r[c] for c in cols)) for i, r in zip(ids, rows, strict=True)],
        )
        stored = {int(row["id"]): row for row in (dict(zip(names, v, strict=True)) for v in back)}
        links = []
        for row_id in ids:
            record_hash = hashlib.sha256(canonical(stored[row_id])).hexdigest()
            prev = self.head
            self.head = _link(prev, table, row_id, record_hash)
            links.append((table, row_id, record_hash, prev, self.head))
        conn.executemany(
            "INSERT INTO audit_chain (table_name, row_id, record_hash, prev_hash, hash)"
            " VALUES (?, ?, ?, ?, ?)",
            links,
        )
        return ids


def _fetch(db: Database, table: str, row_id: int) -> dict[str, Any] | None:
    cur = db.conn.execute(f"SELECT * FROM {table} WHERE id = ?", [row_id])
    row = cur.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cur.description], row, strict=True))


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
    for seq, table, row_id, record_hash, prev_hash, link in db.conn.execute(
        "SELECT seq, table_name, row_id, record_hash, prev_hash, hash FROM audit_chain ORDER BY seq"
    ):
        records += 1
        where = f"{table} record {row_id} (chain #{seq})"
        if seq != expected_seq:
            problems.append(f"chain #{expected_seq}..#{seq - 1} missing: records were removed")
        expected_seq = seq + 1
        if prev_hash != running or _link(prev_hash, table, row_id, record_hash) != link:
            problems.append(f"{where}: chain link does not match; the chain was altered here")
        running = link
        if table not in chained:
            problems.append(f"{where}: unknown table in the chain")
            continue
        chained[table].add(row_id)
        row = _fetch(db, table, row_id)
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


def chain_head(store: Store) -> str:
    row = store.db.conn.execute("SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1").fetchone()
    return row[0] if row else GENESIS


def _list_problems(store: Store, max_problems: int) -> list[str]:
    """The list data screening relied on, recomputed from its rows (see list_chain), and the
    checkpoints kept outside the database (see anchors)."""
    from screener.core.record.anchors import check_checkpoints
    from screener.core.record.list_chain import verify_lists

    return verify_lists(store.db, max_problems=max_problems).problems + check_checkpoints(store)


def _damage(store: Store) -> str | None:
    """SQLite's integrity check of the file, before any record is judged."""
    from screener.core.record import health

    if store.path is None or not isinstance(store.db.conn, sqlite3.Connection):
        return None
    problem = health.integrity_problem(store.db.conn)
    return None if problem is None else health.corruption_message(store.path, problem)
