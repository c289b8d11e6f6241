"""A throwaway PostgreSQL cluster in a temporary folder, for tests and benchmarks.

initdb and the server run as a non-root user (PostgreSQL refuses root): the current user, or
under root the `postgres` system user (else `nobody`), owning the temporary folder. The server
listens on a Unix socket in that folder only, with SCRAM passwords for every login. fsync is
off: the tests stop the server process, not the machine, so the operating system keeps what
was written.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from screener.core.record.database.postgres import TeamPermissionError

SUPERUSER = "cluster_super"
OWNER = "team_owner"
PASSWORD = "test-password-not-secret"


def pg_bin() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(versions[-1]).parent if versions else None


class Cluster:
    def __init__(self) -> None:
        bindir = pg_bin()
        if bindir is None:
            raise RuntimeError("PostgreSQL (initdb) is not installed")
        self.bin = bindir
        self.dir = Path(tempfile.mkdtemp(prefix="scrpg-"))  # short: socket paths are limited
        self.data = self.dir / "data"
        self.run_as: list[str] = []
        if os.geteuid() == 0:
            user = "postgres"
            try:
                pw = pwd.getpwnam(user)
            except KeyError:
                user, pw = "nobody", pwd.getpwnam("nobody")
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
            self.run_as = ["runuser", "-u", user, "--"]
        os.chmod(self.dir, 0o700)
        pwfile = self.dir / "pw"
        pwfile.write_text(PASSWORD + "\n")
        if self.run_as:
            os.chown(pwfile, pw.pw_uid, pw.pw_gid)
        self._pg(
            "initdb", "-D", str(self.data), "-U", SUPERUSER, f"--pwfile={pwfile}",
            "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync",
        )  # fmt: skip
        pwfile.unlink()
        self.start()

    def _pg(self, tool: str, *args: str) -> None:
        subprocess.run(
            [*self.run_as, str(self.bin / tool), *args],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=self.dir,
        )

    def start(self) -> None:
        options = (
            f"-k {self.dir} -c listen_addresses='' -c fsync=off -c max_connections=60"
            " -c wal_level=minimal -c max_wal_senders=0 -c max_wal_size=64MB"
        )
        self._pg("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.dir / "log"),
                 "-w", "start")  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self._pg("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def url(self, user: str, dbname: str, password: str = PASSWORD) -> str:
        return f"postgresql://{user}:{password}@/{dbname}?host={self.dir}"

    @contextlib.contextmanager
    def superuser(self, dbname: str = "postgres") -> Iterator[psycopg.Connection[tuple[object]]]:
        with psycopg.connect(self.url(SUPERUSER, dbname), autocommit=True) as conn:
            yield conn

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


def team_template(cluster: Cluster, name: str = "team_template") -> str:
    """A database set up by `team init` and a login holding officer, supervisor and admin."""
    from screener.core.record.database import postgres, team

    with cluster.superuser() as conn:
        conn.execute(f"CREATE ROLE {OWNER} LOGIN CREATEROLE PASSWORD '{PASSWORD}'")
        conn.execute(f"CREATE DATABASE {name} OWNER {OWNER}")
    team.init_team(cluster.url(OWNER, name))
    db = postgres.connect(cluster.url(OWNER, name))
    try:
        team.add_user(db, "everyone", "officer", PASSWORD)
        team.grant_role(db, "everyone", "supervisor")
        team.grant_role(db, "everyone", "admin")
    finally:
        db.close()
    return name


def fresh_database(cluster: Cluster, template: str, name: str) -> str:
    with cluster.superuser() as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {template} OWNER {OWNER}")
    return name


# What a refused write raises, on either backend: SQLite's triggers; on the server an
# application login is refused by its GRANTs before the triggers are even reached.
INTEGRITY_ERRORS = (sqlite3.IntegrityError, psycopg.IntegrityError)
REFUSED = (*INTEGRITY_ERRORS, TeamPermissionError)
REFUSED_MESSAGE = "append-only|permission denied"

# For a test of the `backend`-parametrised files that only makes sense on SQLite.
SQLITE_ONLY = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
