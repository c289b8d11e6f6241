"""The hash chain's writer: every recorded row is linked into one sha256 chain as it is written.

    with store.write() as db:
        row_id = ChainWriter(db).append("decisions", {...})

Each row's hash covers the row as stored; each link covers the previous link, the table, the
row id and that hash, so an edit, a deletion or a row slipped in breaks the chain at that
point (`screener.core.record.audit.verify` recomputes it). Who recorded a row comes from
`operator_identity`, never from the caller.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import socket
from collections.abc import Callable, Sequence
from typing import Any

from sqlite_utils import Database

from screener.core.record.chain.audited import AUDITED_TABLES

GENESIS = "0" * 64


def canonical(row: dict[str, Any]) -> bytes:
    return json.dumps(
        row, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


def link(prev_hash: str, table: str, row_id: int, record_hash: str) -> str:
    return hashlib.sha256(f"{prev_hash}|{table}|{row_id}|{record_hash}".encode()).hexdigest()


Identity = Callable[[], tuple[str, str]]
_identity_provider: Identity | None = None
_team_login: Callable[[], str | None] | None = None


def set_team_login(login: Callable[[], str | None] | None) -> None:
    """The team backend's current login, asked at every record (set when a team store opens)."""
    global _team_login
    _team_login = login


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
    login = _team_login() if _team_login is not None else None
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
            stored = fetch_row(self.db, table, row_id) or {}
        record_hash = hashlib.sha256(canonical(stored)).hexdigest()
        prev = self.head
        self.head = link(prev, table, row_id, record_hash)
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
            self.head = link(prev, table, row_id, record_hash)
            links.append((table, row_id, record_hash, prev, self.head))
        conn.executemany(
            "INSERT INTO audit_chain (table_name, row_id, record_hash, prev_hash, hash)"
            " VALUES (?, ?, ?, ?, ?)",
            links,
        )
        return ids


def fetch_row(db: Database, table: str, row_id: int) -> dict[str, Any] | None:
    cur = db.conn.execute(f"SELECT * FROM {table} WHERE id = ?", [row_id])
    row = cur.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cur.description], row, strict=True))


def chain_head(store: Any) -> str:
    row = store.db.conn.execute("SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1").fetchone()
    return row[0] if row else GENESIS
