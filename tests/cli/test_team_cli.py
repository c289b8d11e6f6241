"""`screener --db URL team ...`: setting up a team database from nothing, and clear failures."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from screener.cli import main
from tests import pgcluster


@pytest.fixture(autouse=True)
def _restore_db_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCREENER_DB", "")  # `--db` sets it for child processes; undone after
    monkeypatch.delenv("SCREENER_DB")


def test_init_add_users_and_list_them(
    pg_cluster: pgcluster.Cluster,
    pg_template: str,  # the cluster has the owner role once a template was set up
    home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pg_cluster.superuser() as conn:
        conn.execute(f"CREATE DATABASE cli_team OWNER {pgcluster.OWNER}")
    owner = pg_cluster.url(pgcluster.OWNER, "cli_team")
    assert main(["--db", owner, "team", "init"]) == 0
    assert "team database ready" in capsys.readouterr().out
    assert main(["--db", owner, "team", "init"]) == 0  # again: nothing to do, still fine
    assert "0 migration(s)" in capsys.readouterr().out

    assert main(["--db", owner, "team", "add-user", "cli.admin", "--role", "admin"]) == 0
    out = capsys.readouterr().out
    password = out.split("shown once, pass it on securely): ")[1].strip()
    admin = pg_cluster.url("cli.admin", "cli_team", password)

    pw_file = tmp_path / "pw"
    pw_file.write_text("officer-password-123\n")
    args = ["team", "add-user", "cli.olga", "--role", "officer", "--password-file", str(pw_file)]
    assert main(["--db", admin, *args]) == 0
    out = capsys.readouterr().out
    assert "officer-password-123" not in out
    assert "password" not in out

    assert main(["--db", admin, "team", "users"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert "cli.olga\tofficer" in listed
    assert any(line.startswith("cli.admin\t") and "admin" in line for line in listed)

    officer = pg_cluster.url("cli.olga", "cli_team", "officer-password-123")
    assert main(["--home", str(home), "--db", officer, "audit", "verify"]) == 0
    assert "audit chain OK: 0 records" in capsys.readouterr().out
    assert main(["--db", officer, "team", "add-user", "eve", "--role", "admin"]) == 2
    assert "may not do this" in capsys.readouterr().err


def test_unreachable_server_and_bad_url_are_one_clear_line(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once closed
    url = f"postgresql://olga:secret@127.0.0.1:{port}/team"
    assert main(["--home", str(home), "--db", url, "audit", "verify"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "cannot connect to the team database" in err
    assert "secret" not in err
    assert main(["--home", str(home), "--db", "mysql://x@y/z", "audit", "verify"]) == 2
    assert "expected postgresql://" in capsys.readouterr().err


def test_import_workstation_moves_a_desk_in(
    pg_cluster: pgcluster.Cluster,
    team_db: str,
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from screener.core.record.database.store import Store
    from tests.core.test_store import _parsed
    from tests.core.test_workstation_import import _workstation

    desk = tmp_path / "desk"
    _workstation(desk, monkeypatch)
    url = pg_cluster.url("everyone", team_db)
    monkeypatch.setenv("SCREENER_DB", url)
    Store.open(home).add_list_version(_parsed(), sha256="a" * 64, size=1)  # the same list file
    args = ["--home", str(home), "--db", url, "team", "import-workstation", str(desk)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "imported 8 records (1 runs, 2 decisions)" in out
    assert main(args) == 2
    assert "already imported" in capsys.readouterr().err
