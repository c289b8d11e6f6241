"""Team set-up on the server: the four roles, their GRANTs, logins, and who is connected.

Roles (PostgreSQL group roles, granted to each officer's own login):
  screener_officer     screen, decide, propose releases
  screener_supervisor  what an officer does, plus approvals (never of their own decisions: a
                       trigger refuses that), licences, accepted false positives
  screener_auditor     read and verify only
  screener_admin       import lists, add users
Every role reads every table; none may UPDATE, DELETE or TRUNCATE (triggers refuse that even for
the owner), and none owns a table, so none can drop or change a trigger. The schema owner runs
`team init` and nothing else.
"""

from __future__ import annotations

import re
import secrets
import uuid
from dataclasses import dataclass

from psycopg import sql

from screener.core.record.database.postgres import (
    SCHEMA,
    PgDatabase,
    TeamError,
    TeamPermissionError,
    connect,
)
from screener.core.record.database.team_schema import migrate

ROLES = {
    "officer": "screener_officer",
    "supervisor": "screener_supervisor",
    "auditor": "screener_auditor",
    "admin": "screener_admin",
}

# Who may INSERT into a table. Tables not named here (added by later migrations) are written
# by officers and supervisors; list tables are the admin's.
WRITERS: dict[str, tuple[str, ...]] = {
    "list_versions": ("admin",),
    "list_entries": ("admin",),
    "list_names": ("admin",),
    "list_skipped_rows": ("admin",),
    "list_digests": ("admin",),
    "list_holds": ("admin",),
    "db_meta": (),
    "accepted_matches": ("supervisor",),
    "decision_approvals": ("supervisor",),
    "licences": ("supervisor",),
    "mapping_profiles": ("officer", "supervisor"),
    "searches": ("officer", "supervisor", "admin"),
    "audit_chain": ("officer", "supervisor", "admin"),
    "screener_migrations": (),
    "screener_meta": (),
}
DEFAULT_WRITERS = ("officer", "supervisor")
_LOGIN = re.compile(r"^[a-z_][a-z0-9_.-]{0,62}$")

_FOUR_EYES_FUNCTION = """
CREATE OR REPLACE FUNCTION screener_not_own_decision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM decisions WHERE id = NEW.decision_id AND operator = session_user) THEN
    RAISE EXCEPTION 'decision % was recorded by %: a second person must approve or reject it',
      NEW.decision_id, session_user USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$
"""

_OPERATOR_FUNCTION = """
CREATE OR REPLACE FUNCTION screener_operator_is_login() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.operator := session_user;  -- never what the client sent
  RETURN NEW;
END $$
"""


@dataclass(frozen=True, slots=True)
class TeamUser:
    login: str
    roles: tuple[str, ...]  # officer | supervisor | auditor | admin


def init_team(url: str, *, password: str | None = None) -> list[str]:
    """Create or upgrade the team database as its owner; returns the migrations applied."""
    db = connect(url, password=password)
    try:
        _ensure_roles(db)
        done = migrate(db)
        apply_server_rules(db)
        return done
    finally:
        db.close()


def _ensure_roles(db: PgDatabase) -> None:
    for role in ROLES.values():
        exists = db.conn.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", [role]).fetchone()
        if not exists:
            try:
                db.conn.execute(f"CREATE ROLE {role} NOLOGIN")
            except TeamPermissionError as exc:
                raise TeamPermissionError(
                    f"{db.conn.where}: the database owner needs CREATEROLE to set up the team"
                    " roles (ALTER ROLE owner CREATEROLE)"
                ) from exc


def apply_server_rules(db: PgDatabase) -> None:
    """GRANTs per role and the operator trigger on every table; safe to run again."""
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        every = ", ".join(ROLES.values())
        dbname = conn.execute("SELECT current_database()").fetchone()[0]
        conn.execute(
            sql.SQL("REVOKE CONNECT, TEMPORARY ON DATABASE {} FROM PUBLIC")
            .format(sql.Identifier(dbname))
            .as_string(conn.raw)
        )
        conn.execute(
            sql.SQL("GRANT CONNECT ON DATABASE {} TO " + every)
            .format(sql.Identifier(dbname))
            .as_string(conn.raw)
        )
        conn.execute(f"REVOKE ALL ON SCHEMA {SCHEMA} FROM PUBLIC")
        conn.execute(f"GRANT USAGE ON SCHEMA {SCHEMA} TO {every}")
        conn.execute(
            "CREATE TABLE IF NOT EXISTS screener_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
        )
        if not conn.execute("SELECT 1 FROM screener_meta WHERE key = 'database_id'").fetchone():
            conn.execute("INSERT INTO screener_meta VALUES ('database_id', ?)", [str(uuid.uuid4())])
        conn.execute(_OPERATOR_FUNCTION)
        tables = [
            r[0]
            for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = ?", [SCHEMA])
        ]
        for table in tables:
            conn.execute(f"REVOKE ALL ON {table} FROM PUBLIC, {every}")
            conn.execute(f"GRANT SELECT ON {table} TO {every}")
            writers = WRITERS.get(table, DEFAULT_WRITERS)
            if writers:
                conn.execute(f"GRANT INSERT ON {table} TO {', '.join(ROLES[w] for w in writers)}")
        for (table,) in conn.execute(
            "SELECT table_name FROM information_schema.columns"
            " WHERE table_schema = ? AND column_name = 'operator'",
            [SCHEMA],
        ).fetchall():
            conn.execute(f"DROP TRIGGER IF EXISTS {table}_operator_is_login ON {table}")
            conn.execute(
                f"CREATE TRIGGER {table}_operator_is_login BEFORE INSERT ON {table}"
                " FOR EACH ROW EXECUTE FUNCTION screener_operator_is_login()"
            )
        if "decision_approvals" in tables:  # four eyes, enforced by the server too
            conn.execute(_FOUR_EYES_FUNCTION)
            conn.execute(
                "DROP TRIGGER IF EXISTS decision_approvals_four_eyes ON decision_approvals"
            )
            conn.execute(
                "CREATE TRIGGER decision_approvals_four_eyes BEFORE INSERT ON decision_approvals"
                " FOR EACH ROW EXECUTE FUNCTION screener_not_own_decision()"
            )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def new_password() -> str:
    return secrets.token_urlsafe(18)


def add_user(db: PgDatabase, login: str, role: str, password: str) -> None:
    """A login for one person, in one of the four roles, with a SCRAM password."""
    if role not in ROLES:
        raise TeamError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    if not _LOGIN.match(login):
        raise TeamError(
            f"login {login!r}: use lower-case letters, digits, '_', '.', '-' (up to 63)"
        )
    if len(password) < 12:
        raise TeamError("the password needs at least 12 characters")
    conn = db.conn
    if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", [login]).fetchone():
        raise TeamError(f"login {login!r} exists already")
    # The server only ever sees the SCRAM verifier, never the password itself.
    verifier = conn.raw.pgconn.encrypt_password(
        password.encode(), login.encode(), b"scram-sha-256"
    ).decode()
    extra = " CREATEROLE" if role == "admin" else ""
    conn.execute(
        sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}" + extra + " IN ROLE " + ROLES[role])
        .format(sql.Identifier(login), sql.Literal(verifier))
        .as_string(conn.raw)
    )
    if role == "admin":  # an admin adds users: it may hand on every team role
        conn.execute(
            sql.SQL("GRANT " + ", ".join(ROLES.values()) + " TO {} WITH ADMIN OPTION")
            .format(sql.Identifier(login))
            .as_string(conn.raw)
        )


def grant_role(db: PgDatabase, login: str, role: str) -> None:
    """Give an existing login one more team role."""
    if role not in ROLES:
        raise TeamError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    db.conn.execute(
        sql.SQL("GRANT " + ROLES[role] + " TO {}")
        .format(sql.Identifier(login))
        .as_string(db.conn.raw)
    )


def users(db: PgDatabase) -> list[TeamUser]:
    """Every login holding a team role, with its roles."""
    found: dict[str, list[str]] = {}
    short = {v: k for k, v in ROLES.items()}
    for login, role in db.conn.execute(
        "SELECT m.rolname, g.rolname FROM pg_auth_members a"
        " JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member"
        " WHERE m.rolcanlogin AND g.rolname = ANY(?) ORDER BY m.rolname, g.rolname",
        [list(ROLES.values())],
    ):
        found.setdefault(login, []).append(short[role])
    return [TeamUser(login, tuple(roles)) for login, roles in found.items()]


def whoami(db: PgDatabase) -> TeamUser:
    """The connected login and its team roles (for the status bar)."""
    short = {v: k for k, v in ROLES.items()}
    roles = [
        short[r[0]]
        for r in db.conn.execute(
            "SELECT rolname FROM pg_roles WHERE rolname = ANY(?)"
            " AND pg_has_role(session_user, oid, 'MEMBER') ORDER BY rolname",
            [list(ROLES.values())],
        )
    ]
    return TeamUser(db.conn.login, tuple(roles))


def database_id(db: PgDatabase) -> str:
    row = db.conn.execute("SELECT value FROM screener_meta WHERE key = 'database_id'").fetchone()
    return str(row[0]) if row else "unknown"
