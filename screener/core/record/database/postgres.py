"""The team record on a PostgreSQL server, behind the same interface as the SQLite store.

`PgDatabase` offers the small part of sqlite-utils' `Database` the record uses (`execute`,
`query`, `conn.execute/executemany/in_transaction`, `atomic`, `close`), translating SQLite
spelling through `dialect.py`. Every write transaction (`BEGIN IMMEDIATE` in the store) takes one
advisory lock, as SQLite's write lock does: the hash chain stays one sequence however many
officers record at once, and "next id = max + 1" is safe.

What SQLite enforces with triggers, the server enforces with triggers plus GRANTs: recorded
tables refuse UPDATE, DELETE and TRUNCATE for everyone, the `operator` of every row is the
login (`session_user`) whatever the client sent, and application roles only SELECT and INSERT.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

import psycopg
from psycopg import errors, sql
from psycopg.pq import TransactionStatus
from psycopg.types.numeric import NumericLoader

from screener.core.errors import ScreenerError
from screener.core.record.database import dialect

SCHEMA = "screener"
WRITE_LOCK = 0x5C12EE  # pg_advisory_xact_lock key of "the record's write lock"
MIGRATIONS_TABLE = "screener_migrations"


class TeamError(ScreenerError):
    """The team database cannot be used: unreachable, login refused, or schema not set up."""


class TeamPermissionError(TeamError):
    """The login's role does not allow what was asked."""


class _IntOrFloat(NumericLoader):
    """sum() over BIGINT is NUMERIC in PostgreSQL: give int (or float), as SQLite does."""

    def load(self, data: Any) -> Any:
        value = super().load(data)
        if isinstance(value, Decimal):
            return int(value) if value == value.to_integral_value() else float(value)
        return value


def _params(params: Sequence[Any] | None) -> list[Any] | None:
    if params is None:
        return None
    # SQLite stores True as 1 in an INTEGER column; PostgreSQL refuses a boolean there.
    return [int(p) if isinstance(p, bool) else p for p in params]


def _result_unused(statement: str) -> bool:
    head = statement.lstrip()[:7].upper()
    return head == "BEGIN" or (head == "INSERT " and "RETURNING" not in statement.upper())


def describe(exc: Exception) -> str:
    """The server's message, on one line."""
    diag = getattr(exc, "diag", None)
    text = (diag.message_primary if diag is not None else None) or str(exc)
    return " ".join(text.split())


_STREAMS = itertools.count(1)  # names of server-side cursors, unique per process
STREAM_BATCH = 2_000  # rows per fetch of a server-side cursor


class PgConnection:
    """The part of `sqlite3.Connection` the record uses, over one psycopg connection."""

    def __init__(self, raw: psycopg.Connection[Any], where: str) -> None:
        self.raw = raw
        self.where = where  # "host/dbname as user", for messages
        self._pipeline: psycopg.Pipeline | None = None
        self._pipeline_block: contextlib.AbstractContextManager[psycopg.Pipeline] | None = None

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != TransactionStatus.IDLE

    @property
    def login(self) -> str:
        return str(self.raw.info.user)

    def execute(self, statement: str, params: Sequence[Any] | None = None) -> Any:
        text = statement.strip().rstrip(";").upper()
        if text == "BEGIN IMMEDIATE":
            # A write transaction runs in pipeline mode: statements whose result nobody reads
            # (the audit chain's INSERTs) go out without waiting for the server's answer.
            self._pipeline_block = self.raw.pipeline()
            self._pipeline = self._pipeline_block.__enter__()
            self._run("BEGIN", None)
            return self._run("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
        if text in ("COMMIT", "ROLLBACK"):
            return self._end(text)
        if dialect.is_ddl(statement):
            return self._ddl(statement)
        with_params = params is not None
        return self._run(dialect.to_postgres(statement, with_params=with_params), params)

    def executemany(self, statement: str, rows: Sequence[Sequence[Any]]) -> Any:
        cur = self.raw.cursor()
        try:
            cur.executemany(
                dialect.to_postgres(statement, with_params=True),
                [_params(r) or [] for r in rows],
            )
        except psycopg.Error as exc:
            raise self._translate(exc) from exc
        return cur

    def stream(
        self, statement: str, params: Sequence[Any] | None = None
    ) -> Iterator[dict[str, Any]]:
        """Rows of a long SELECT fetched STREAM_BATCH at a time through a server-side cursor:
        a run's 100,000 lines are never all in this process's memory. WITH HOLD: no open
        transaction needed (the server keeps the result), and other statements may run on
        this connection between fetches."""
        name = f"screener_stream_{next(_STREAMS)}"
        try:
            with self.raw.cursor(name=name, withhold=True) as cur:
                cur.itersize = STREAM_BATCH
                cur.execute(
                    dialect.to_postgres(statement, with_params=params is not None), _params(params)
                )
                cols = [d.name for d in cur.description or ()]
                for values in cur:
                    yield dict(zip(cols, values, strict=True))
        except psycopg.Error as exc:
            raise self._translate(exc) from exc

    def insert_returning(
        self, statement: str, rows: Sequence[Sequence[Any]]
    ) -> tuple[list[str], list[tuple[Any, ...]]]:
        """(column names, rows as stored) of one INSERT ... RETURNING * run once per row, sent
        together: one round trip and one parse for the whole batch."""
        cur = self.raw.cursor()
        out: list[tuple[Any, ...]] = []
        try:
            cur.executemany(
                dialect.to_postgres(statement, with_params=True),
                [_params(r) or [] for r in rows],
                returning=True,
            )
            names: list[str] = []
            while True:
                names = names or [d.name for d in cur.description or ()]
                out.extend(cur.fetchall())
                if not cur.nextset():
                    break
        except psycopg.Error as exc:
            raise self._translate(exc) from exc
        return names, out

    def _run(self, statement: str, params: Sequence[Any] | None) -> Any:
        try:
            cur = self.raw.execute(statement, _params(params))
            if self._pipeline is not None and not _result_unused(statement):
                self._pipeline.sync()  # the caller reads this result (and its description)
            return cur
        except psycopg.Error as exc:
            raise self._translate(exc) from exc

    def _end(self, text: str) -> Any:
        pipeline, self._pipeline_block, self._pipeline = self._pipeline_block, None, None
        if text == "ROLLBACK":
            if pipeline is not None:  # an error may have aborted it: leave it quietly
                with contextlib.suppress(psycopg.Error):
                    pipeline.__exit__(None, None, None)
            if self.raw.closed or self.raw.broken:
                return None  # the server is gone; there is nothing to roll back
            return self._run("ROLLBACK", None)
        try:
            self.raw.execute("COMMIT")
            if pipeline is not None:
                pipeline.__exit__(None, None, None)  # raises what failed in the pipeline
        except psycopg.Error as exc:
            if not (self.raw.closed or self.raw.broken) and self.in_transaction:
                with contextlib.suppress(psycopg.Error):
                    self.raw.execute("ROLLBACK")
            raise self._translate(exc) from exc
        return None

    def _ddl(self, statement: str) -> Any:
        ddl = dialect.ddl_to_postgres(statement)
        cur = self._run(ddl.sql, None)
        if ddl.table and ddl.rowid_column:
            for part in _fill_id_sql(ddl.table, ddl.rowid_column):
                self._run(part, None)
        return cur

    def _translate(self, exc: psycopg.Error) -> Exception:
        if isinstance(exc, errors.InsufficientPrivilege):
            return TeamPermissionError(
                f"{self.where}: your login may not do this ({describe(exc)});"
                " ask the team's administrator for the right role"
            )
        if isinstance(exc, psycopg.OperationalError) or self.raw.broken:
            return TeamError(
                f"{self.where}: lost the connection to the team database server"
                f" ({describe(exc)}); what was recorded before this is kept"
            )
        return exc

    def close(self) -> None:
        self.raw.close()


class PgDatabase:
    """What the record needs of a database, on PostgreSQL (see the module docstring)."""

    backend = "postgresql"
    returns_stored_rows = True  # INSERT ... RETURNING * gives the row after its triggers

    def __init__(self, conn: PgConnection) -> None:
        self.conn = conn

    def execute(self, statement: str, params: Sequence[Any] | None = None) -> Any:
        return self.conn.execute(statement, params)

    def __getitem__(self, table: str) -> _Table:
        return _Table(self, table)

    def query(
        self, statement: str, params: Sequence[Any] | None = None
    ) -> Iterator[dict[str, Any]]:
        cur = self.conn.execute(statement, params if params is not None else [])
        cols = [d.name for d in cur.description]
        for values in cur:
            yield dict(zip(cols, values, strict=True))

    @contextlib.contextmanager
    def atomic(self) -> Iterator[PgDatabase]:
        self.conn.execute("SAVEPOINT screener_atomic")
        try:
            yield self
        except BaseException:
            self.conn.execute("ROLLBACK TO SAVEPOINT screener_atomic")
            raise
        self.conn.execute("RELEASE SAVEPOINT screener_atomic")

    def append_only(self, table: str) -> None:
        """The server's version of schema._append_only: no UPDATE, DELETE or TRUNCATE."""
        self.conn.execute(_APPEND_ONLY_FUNCTION)
        for event, level in (("UPDATE OR DELETE", "ROW"), ("TRUNCATE", "STATEMENT")):
            name = f"{table}_no_{event.split()[0].lower()}"
            self.conn.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            self.conn.execute(
                f"CREATE TRIGGER {name} BEFORE {event} ON {table}"
                f" FOR EACH {level} EXECUTE FUNCTION screener_append_only()"
            )

    def close(self) -> None:
        self.conn.close()


class _Table:
    """`db[name].exists()`, the one sqlite-utils table call the record makes."""

    def __init__(self, db: PgDatabase, name: str) -> None:
        self.db, self.name = db, name

    def exists(self) -> bool:
        return self.db.conn.execute("SELECT to_regclass(?)", [self.name]).fetchone()[0] is not None


_APPEND_ONLY_FUNCTION = """
CREATE OR REPLACE FUNCTION screener_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'integrity_constraint_violation';
END $$
"""


def _fill_id_sql(table: str, column: str) -> tuple[str, str]:
    # SQLite gives an INTEGER PRIMARY KEY max + 1 when none is given; writers hold WRITE_LOCK.
    function = f"""
CREATE OR REPLACE FUNCTION screener_fill_{table}_{column}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.{column} IS NULL THEN
    SELECT coalesce(max({column}), 0) + 1 INTO NEW.{column} FROM {table};
  END IF;
  RETURN NEW;
END $$"""
    trigger = (
        f"CREATE TRIGGER {table}_fill_{column} BEFORE INSERT ON {table}"
        f" FOR EACH ROW EXECUTE FUNCTION screener_fill_{table}_{column}()"
    )
    return function, trigger


def connect(url: str, *, password: str | None = None) -> PgDatabase:
    """Open the team database at `url` (postgresql://user@host/db) with the record's settings."""
    kwargs: dict[str, Any] = {"autocommit": True, "connect_timeout": 10}
    if password is not None:
        kwargs["password"] = password
    try:
        raw = psycopg.connect(url, **kwargs)
    except psycopg.Error as exc:
        raise TeamError(
            f"{redacted(url)}: cannot connect to the team database ({describe(exc)})"
        ) from None
    raw.adapters.register_loader("numeric", _IntOrFloat)
    info = raw.info
    where = f"{info.host}/{info.dbname} as {info.user}"
    raw.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(SCHEMA)))
    return PgDatabase(PgConnection(raw, where))


def redacted(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        params = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.Error:
        return "the team database"
    host = params.get("host", "localhost")
    return f"{host}/{params.get('dbname', '')} as {params.get('user', '')}".strip()
