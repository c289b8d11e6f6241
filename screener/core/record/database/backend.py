"""Which database holds the record: the embedded SQLite file, or a team PostgreSQL server.

SQLite in the home folder is the default and needs no set-up. `--db URL` on the command line
(which sets `SCREENER_DB`, so child processes follow) or `SCREENER_DB` itself names a team
database, `postgresql://user@host:port/dbname`; the password comes from the URL, `PGPASSWORD`,
or the libpq password file, and is never written anywhere by Screener.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from screener.core.errors import ScreenerError
from screener.core.record.chain import writer

ENV = "SCREENER_DB"
SCHEMES = ("postgresql://", "postgres://")


_login: list[str] = []  # the team login this process records as, once a team store is open


def team_login() -> str | None:
    """Who this process records as on the team server (the server enforces it, too)."""
    return _login[-1] if _login and os.environ.get(ENV) else None


def team_url() -> str | None:
    """The team database URL in force, or None for the embedded SQLite store."""
    url = os.environ.get(ENV, "").strip()
    if not url:
        return None
    check_url(url)
    return url


def check_url(url: str) -> str:
    if not url.startswith(SCHEMES):
        raise ScreenerError(
            f"--db {url.split('@')[-1]!r}: expected postgresql://user@host:port/dbname"
        )
    return url


def open_team(home: Path) -> tuple[Any, Path]:
    """(database, cache folder) of the team record, for `Store.open` to wrap."""
    from screener.core.record.database import postgres, team, team_schema

    url = team_url()
    assert url is not None
    db = postgres.connect(url)
    try:
        team_schema.check_ready(db)
        # The workstation's name-index cache is kept per team database (lists differ per team).
        info = db.conn.raw.info
        where = f"{team.database_id(db)}|{info.host}|{info.port}|{info.dbname}"
        cache = Path(home) / "cache" / f"team-{hashlib.sha256(where.encode()).hexdigest()[:16]}"
    except BaseException:
        db.close()
        raise
    _login[:] = [db.conn.login]
    writer.set_team_login(team_login)
    return db, cache


def team_url_for(host: str, port: int, dbname: str, user: str) -> str:
    """postgresql://user@host:port/dbname, quoted (no password: that never goes in a URL)."""
    from urllib.parse import quote

    return f"postgresql://{quote(user, safe='')}@{quote(host, safe='')}:{port}/{quote(dbname)}"


def use_team(url: str, password: str | None) -> None:
    """Make this process (and the child processes it starts) record on the team database.

    The password lives only in this process's environment (PGPASSWORD, which libpq reads),
    never in a file.
    """
    os.environ[ENV] = check_url(url)
    if password:
        os.environ["PGPASSWORD"] = password


def use_local() -> None:
    """Back to the SQLite database in the home folder."""
    os.environ.pop(ENV, None)
    os.environ.pop("PGPASSWORD", None)
    _login.clear()
