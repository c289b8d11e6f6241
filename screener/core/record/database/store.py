"""The SQLite store: list versions side by side, opened once per process.

`Store.open(home)` creates the home folder and database (readable by the owner only), turns on
WAL and a busy timeout so a second process waits instead of failing, and applies migrations.
Writers use `store.write()`: `BEGIN IMMEDIATE` takes the write lock up front, which avoids the
deadlock-prone read-then-upgrade of a plain `BEGIN` when two processes write at once.

With `SCREENER_DB=postgresql://...` (`--db`), `Store.open` opens the team database instead,
behind the same API (`backend.py`, `postgres.py`; its schema is the team owner's `team init`).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from screener.core.entries import Entry, ParsedList, entry_from_dict
from screener.core.errors import ScreenerError
from screener.core.record.chain import anchors
from screener.core.record.database import backend, health
from screener.core.record.database.list_versions import (
    ListVersion,
    NameRow,
    insert_version,
    version_from_row,
)
from screener.core.record.database.schema import migrations

DB_NAME = "screener.db"
BUSY_TIMEOUT_MS = 30_000


class StoreError(ScreenerError):
    pass


class Store:
    def __init__(
        self,
        db: Database,
        path: Path | None = None,
        *,
        read_only: bool = False,
        cache_dir: Path | None = None,
        home: Path | None = None,
    ) -> None:
        self.db = db
        self.path = path
        # The workstation's folder: a team database keeps its checkpoints there (anchors.py).
        self.home = home or (path.parent if path is not None else None)
        self.read_only = read_only
        # "sqlite", or "postgresql" for a team database (record/postgres.py, set up by team init)
        self.backend: str = getattr(db, "backend", "sqlite")
        self.cache_dir = cache_dir or (path.parent / "cache" if path is not None else None)
        if self.backend != "sqlite":
            return
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        if read_only:
            return
        health.check_writable(db.conn, path, [m.name for m in migrations._migrations])
        if path is not None:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
        if migrations.pending(db):
            with self.write():  # two processes upgrading at once: the second finds it done
                migrations.apply(db)

    @classmethod
    def open(cls, home: Path, *, read_only: bool = False) -> Store:
        """`read_only` (or a database that cannot be written) opens it immutable: verify only."""
        home = Path(home)
        if backend.team_url() is not None:
            team_db, cache = backend.open_team(home)
            return cls(team_db, None, cache_dir=cache, home=home)
        try:
            path = home / DB_NAME
            if read_only or health.is_read_only(home, path):
                return cls(Database(health.connect_read_only(path)), path, read_only=True)
            home.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not path.exists():
                # Create it owner-only before SQLite opens it: decisions are confidential.
                fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
                os.close(fd)
            conn = sqlite3.connect(
                str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
            )
            return cls(Database(conn), path)
        except (OSError, sqlite3.DatabaseError) as exc:
            said = health.translate(exc, path) if isinstance(exc, sqlite3.DatabaseError) else exc
            if said is not exc:
                raise said from exc
            raise StoreError(f"{home}: cannot open the Screener database ({exc})") from exc

    @classmethod
    def memory(cls) -> Store:
        return cls(Database(memory=True))

    def close(self) -> None:
        self.db.close()
        if self.backend == "sqlite" and self.path is not None and not self.read_only:
            health.remember_checked(self.path)  # closed cleanly: no check needed next time

    @contextlib.contextmanager
    def write(self) -> Iterator[Database]:
        """One write transaction holding the database write lock from its start."""
        conn = self.db.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only; nothing can be recorded in it")
        if self.backend == "sqlite":
            health.begin_immediate(conn, self.path)
        else:
            conn.execute("BEGIN IMMEDIATE")  # the team server's write lock (postgres.py)
        try:
            yield self.db
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            said = health.translate(exc, self.path) if isinstance(exc, sqlite3.Error) else exc
            if said is not exc:  # a full disk, a damaged file, a lock: one line saying so
                raise said from exc
            raise
        anchors.after_commit(self)  # a checkpoint outside the database, when the chain grew

    # ------------------------------------------------------------ list versions

    def find_version(self, source: str, sha256: str) -> ListVersion | None:
        rows = list(
            self.db.query(
                "SELECT * FROM list_versions WHERE source = ? AND sha256 = ?", [source, sha256]
            )
        )
        return version_from_row(rows[0]) if rows else None

    def find_version_by_sha(self, sha256: str) -> ListVersion | None:
        rows = list(self.db.query("SELECT * FROM list_versions WHERE sha256 = ?", [sha256]))
        return version_from_row(rows[0]) if rows else None

    def add_list_version(self, parsed: ParsedList, *, sha256: str, size: int) -> ListVersion:
        """Store a parsed list as a new version, all of it or (on any error) nothing."""
        with self.write() as db:
            version_id = insert_version(db, parsed, sha256=sha256, size=size)
        return self.version(version_id)

    def version(self, version_id: int) -> ListVersion:
        rows = list(self.db.query("SELECT * FROM list_versions WHERE id = ?", [version_id]))
        if not rows:
            raise StoreError(f"no list version with id {version_id}")
        return version_from_row(rows[0])

    def list_versions(self, source: str | None = None) -> list[ListVersion]:
        sql = "SELECT * FROM list_versions"
        params: list[Any] = []
        if source:
            sql += " WHERE source = ?"
            params.append(source)
        sql += " ORDER BY source, published, id"
        return [version_from_row(r) for r in self.db.query(sql, params)]

    def stream(self, statement: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        """Rows of a long SELECT as they come (SQLite's cursor; a server-side cursor on a team
        database), never all in memory at once."""
        stream = getattr(self.db.conn, "stream", None)
        if stream is not None:
            yield from stream(statement, list(params))
            return
        cur = self.db.conn.execute(statement, list(params))
        cols = [d[0] for d in cur.description]
        for values in cur:
            yield dict(zip(cols, values, strict=True))

    def held_reasons(self) -> dict[int, str]:
        """version id -> why it is held (`lists/holds.py`), for every version held now."""
        if not self.db["list_holds"].exists():  # an old database opened read-only
            return {}
        latest: dict[int, tuple[str, str]] = {}
        for vid, status, reason in self.db.execute(
            "SELECT version_id, status, reason FROM list_holds ORDER BY id"
        ).fetchall():
            latest[int(vid)] = (status, reason)
        return {vid: reason for vid, (status, reason) in latest.items() if status == "held"}

    def current_versions(self) -> list[ListVersion]:
        """The newest version of each list (by the list's own date, then import order)."""
        newest: dict[str, ListVersion] = {}
        held = self.held_reasons()  # implausible versions wait for `lists import --accept`
        for v in self.list_versions():
            if v.id in held:
                continue
            best = newest.get(v.source)
            if best is None or (v.published or date.min, v.id) >= (
                best.published or date.min,
                best.id,
            ):
                newest[v.source] = v
        return sorted(newest.values(), key=lambda v: v.source)

    # ------------------------------------------------------------ entries and names

    def iter_names(self, version_ids: list[int]) -> Iterator[NameRow]:
        if not version_ids:
            return
        marks = ",".join("?" * len(version_ids))
        cur = self.db.conn.execute(
            "SELECT n.id, n.entry_rowid, n.version_id, n.name, n.quality, n.is_primary, e.type"
            f" FROM list_names n JOIN list_entries e ON e.id = n.entry_rowid"
            f" WHERE n.version_id IN ({marks}) ORDER BY n.id",
            version_ids,
        )
        for row in cur:
            yield NameRow(row[0], row[1], row[2], row[3], row[4], bool(row[5]), row[6])

    def entry(self, entry_rowid: int) -> Entry:
        rows = list(self.db.query("SELECT data FROM list_entries WHERE id = ?", [entry_rowid]))
        if not rows:
            raise StoreError(f"no list entry with row id {entry_rowid}")
        return entry_from_json(rows[0]["data"])

    def entry_count(self, version_id: int) -> int:
        row = self.db.conn.execute(
            "SELECT count(*) FROM list_entries WHERE version_id = ?", [version_id]
        ).fetchone()
        return int(row[0])


def entry_from_json(text: str) -> Entry:
    return entry_from_dict(json.loads(text))
