"""Health of the SQLite database file: corruption, newer schemas, read-only copies, lock waits,
a full disk. Everything here is SQLite-specific; `Store.open` and `Store.write` call it.

A damaged file is reported as damage (not as tampering), and nothing is written into it; a
database a newer Screener migrated is not written by an older one (it would call the newer
records "changed"); a copy on read-only media opens immutable, so it can still be verified.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from screener.core.errors import ScreenerError

log = logging.getLogger(__name__)

LOCK_TIMEOUT_ENV = "SCREENER_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT_S = 30.0
WAITING = "waiting for another Screener process to finish writing…"

# Who hears that a write is waiting for the lock (the CLI prints it; the default logs it).
on_wait: Callable[[str], None] = log.warning
# A wait is worth a word after this long, and once a minute at most: under a team's load many
# writes wait a few hundred milliseconds each, and a line for each says nothing new.
SAY_AFTER_S, SAY_AGAIN_S = 1.0, 60.0
_said_at: list[float] = []  # when this process last said it waits
# Databases found damaged while in use: no further write is begun in them by this process.
_damaged: dict[str, str] = {}


class DatabaseHealthError(ScreenerError):
    pass


def is_read_only(home: Path, path: Path) -> bool:
    """A database that exists but cannot be written (evidence copy, read-only media)."""
    return path.exists() and not (os.access(path, os.W_OK) and os.access(home, os.W_OK))


def connect_read_only(path: Path) -> sqlite3.Connection:
    """Immutable: SQLite neither locks nor writes a journal, so read-only media work."""
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def integrity_problem(conn: sqlite3.Connection, *, quick: bool = False) -> str | None:
    """SQLite's own check of the file's structure; None when sound."""
    pragma = "quick_check" if quick else "integrity_check"
    try:
        rows = conn.execute(f"PRAGMA {pragma}(5)").fetchall()
    except sqlite3.DatabaseError as exc:
        return " ".join(str(exc).split())
    found = [" ".join(str(r[0]).split()) for r in rows]  # SQLite's text spans lines
    if found == ["ok"]:
        return None
    text = "; ".join(found).removeprefix("*** in database main *** ")
    return text if len(text) <= 160 else text[:159] + "…"


def corruption_message(path: Path | None, problem: str) -> str:
    return (
        f"{path or 'database'}: the database file is damaged (SQLite: {problem}); this is "
        "corruption of the file, not a changed record; nothing more is written to it - "
        "restore it from a backup"
    )


def unknown_migrations(conn: sqlite3.Connection, known: list[str]) -> list[str]:
    try:
        rows = conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'screener' ORDER BY rowid"
        ).fetchall()
    except sqlite3.OperationalError:  # a new database: no migrations yet
        return []
    names = set(known)
    return [str(r[0]) for r in rows if r[0] not in names]


def check_writable(conn: sqlite3.Connection, path: Path | None, known: list[str]) -> None:
    """Refuse to write into a damaged database or one with a newer schema than ours."""
    newer = unknown_migrations(conn, known)
    if newer:
        from screener import __version__

        raise DatabaseHealthError(
            f"{path or 'database'}: its schema is newer than this Screener {__version__} knows"
            f" ({len(newer)} unknown change(s), e.g. {newer[-1]}); update Screener to use it"
        )
    if path is not None and not _checked_as_is(path):
        problem = integrity_problem(conn, quick=True)
        if problem is not None:
            raise DatabaseHealthError(corruption_message(path, problem))
        remember_checked(path)


# SQLite's quick check reads the whole file (about a second per GB): a file exactly as it was
# when last found sound (size, time and inode of it and its journal) is not read again.
def _file_state(path: Path) -> list[int]:
    state: list[int] = []
    for part in (path, path.with_name(path.name + "-wal")):
        try:
            st = part.stat()
        except OSError:
            st = None
        # An empty journal is no journal: a reader opening the file creates one.
        if st is None or (part is not path and st.st_size == 0):
            state += [-1, -1, -1]
        else:
            state += [st.st_size, st.st_mtime_ns, st.st_ino]
    return state


def _stamp(path: Path) -> Path:
    return path.with_name(path.name + "-checked")


def _checked_as_is(path: Path) -> bool:
    try:
        return bool(json.loads(_stamp(path).read_text(encoding="utf-8")) == _file_state(path))
    except (OSError, ValueError):
        return False


def remember_checked(path: Path) -> None:
    """Note the file's state as sound (after a check, or a clean close)."""
    stamp = _stamp(path)
    part = stamp.with_name(f"{stamp.name}.{os.getpid()}")
    try:
        part.write_text(json.dumps(_file_state(path)), encoding="utf-8")
        os.replace(part, stamp)
    except OSError:  # a note to save time; a folder refusing it costs a check next time
        part.unlink(missing_ok=True)


def lock_timeout() -> float:
    try:
        return max(0.0, float(os.environ.get(LOCK_TIMEOUT_ENV, DEFAULT_LOCK_TIMEOUT_S)))
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT_S


def begin_immediate(conn: sqlite3.Connection, path: Path | None) -> None:
    """BEGIN IMMEDIATE, saying that it waits (see SAY_AFTER_S), giving up after `lock_timeout()`."""
    if str(path) in _damaged:
        raise DatabaseHealthError(_damaged[str(path)])
    saved = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    conn.execute("PRAGMA busy_timeout = 250")  # short tries: say so early, give up on time
    started = time.monotonic()
    limit = lock_timeout()
    said = False
    try:
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if not _locked(exc):
                    raise translate(exc, path) from exc
                if time.monotonic() - started >= limit:
                    raise DatabaseHealthError(
                        f"{path or 'database'}: another Screener process kept the database"
                        f" busy for {limit:g} s; nothing was written - try again when it"
                        f" has finished ({LOCK_TIMEOUT_ENV} sets the wait)"
                    ) from exc
                now = time.monotonic()
                if not said and now - started >= SAY_AFTER_S:
                    said = True
                    if not _said_at or now - _said_at[-1] >= SAY_AGAIN_S:
                        _said_at[:] = [now]
                        on_wait(WAITING)
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(saved)}")


def _locked(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def translate(exc: sqlite3.Error, path: Path | None) -> Exception:
    """A user-actionable error for a full disk, a damaged file or a lock; else `exc` itself."""
    text = str(exc).lower()
    if "disk is full" in text or "disk full" in text:
        where = path.parent if path is not None else Path.cwd()
        try:
            free = f"{shutil.disk_usage(where).free / 2**20:,.0f} MB free"
        except OSError:
            free = "free space unknown"
        return DatabaseHealthError(
            f"{where}: the disk holding the database is full ({free}); nothing was written -"
            " free some space and try again"
        )
    if "malformed" in text or "not a database" in text:
        message = corruption_message(path, " ".join(str(exc).split()))
        if path is not None:
            _damaged[str(path)] = message
        return DatabaseHealthError(message)
    if isinstance(exc, sqlite3.OperationalError) and _locked(exc):
        return DatabaseHealthError(
            f"{path or 'database'}: another Screener process kept the database busy; nothing"
            " was written - try again when it has finished"
        )
    return exc
