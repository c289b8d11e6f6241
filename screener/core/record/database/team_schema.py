"""The team database's schema: which of the record's migrations it has, applying the rest (as
the schema's owner, in one transaction), and whether the app may use it as it is.
"""

from __future__ import annotations

from screener.core.record.database.postgres import (
    MIGRATIONS_TABLE,
    SCHEMA,
    PgDatabase,
    TeamError,
)


def pending_migrations(db: PgDatabase) -> list[str]:
    from screener.core.record.database.schema import migrations

    exists = db.conn.execute("SELECT to_regclass(?)", [MIGRATIONS_TABLE]).fetchone()[0]
    applied: set[str] = set()
    if exists:
        applied = {
            r[0]
            for r in db.conn.execute(
                f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?",
                [migrations.name],
            )
        }
    return [m.name for m in migrations._migrations if m.name not in applied]


def check_ready(db: PgDatabase) -> None:
    """A team database the app may use: set up, current, and not opened as its owner."""
    row = db.conn.execute(
        "SELECT n.nspowner::regrole::text, r.rolsuper FROM pg_namespace n"
        " JOIN pg_roles r ON r.rolname = session_user WHERE n.nspname = ?",
        [SCHEMA],
    ).fetchone()
    if (
        row is None
        or db.conn.execute("SELECT to_regclass(?)", [MIGRATIONS_TABLE]).fetchone()[0] is None
    ):
        raise TeamError(f"{db.conn.where}: not a Screener team database yet (run `team init`)")
    owner, superuser = row
    if owner == db.conn.login or superuser:
        raise TeamError(
            f"{db.conn.where}: this login owns the database; connect as an officer, supervisor,"
            " auditor or admin login (`screener team add-user`)"
        )
    if pending_migrations(db):
        raise TeamError(
            f"{db.conn.where}: the team database is older than this Screener; its owner runs"
            " `screener --db URL team init` to upgrade it"
        )


def migrate(db: PgDatabase) -> list[str]:
    """Apply the pending migrations (the same ones SQLite runs), as the schema owner."""
    from screener.core.record.database.schema import migrations

    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {MIGRATIONS_TABLE} (migration_set TEXT NOT NULL,"
            " name TEXT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (migration_set, name))"
        )
        done = []
        for name in pending_migrations(db):
            migration = next(m for m in migrations._migrations if m.name == name)
            migration.fn(db)  # type: ignore[arg-type]  # PgDatabase stands in for Database
            conn.execute(
                f"INSERT INTO {MIGRATIONS_TABLE} VALUES (?, ?, now()::text)",
                [migrations.name, name],
            )
            done.append(name)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return done
