"""`screener --db URL team init|add-user|users`: set up a team database and its logins."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from screener.core.errors import ScreenerError
from screener.core.record.database import backend


def register(sub: Any) -> None:
    p = sub.add_parser("team", help="set up a shared team database on a PostgreSQL server")
    tsub = p.add_subparsers(dest="team_command", metavar="ACTION", required=True)
    i = tsub.add_parser(
        "init", help="create or upgrade the team database (--db is the database owner's URL)"
    )
    i.set_defaults(func=run_init)
    a = tsub.add_parser("add-user", help="add a login for one person (run as owner or admin)")
    a.add_argument("name", help="the login, e.g. j.smith")
    a.add_argument("--role", required=True, choices=["officer", "supervisor", "auditor", "admin"])
    a.add_argument(
        "--password-file",
        type=Path,
        help="file whose first line is the password (without: one is generated and printed once)",
    )
    a.set_defaults(func=run_add_user)
    u = tsub.add_parser("users", help="list the team's logins and their roles")
    u.set_defaults(func=run_users)
    w = tsub.add_parser(
        "import-workstation",
        help="copy a workstation's runs and decisions into the team record (verified first)",
    )
    w.add_argument("path", type=Path, help="the workstation's Screener folder or screener.db")
    w.set_defaults(func=run_import_workstation)


def _url() -> str:
    url = backend.team_url()
    if url is None:
        raise ScreenerError("team commands need --db postgresql://user@host:port/dbname")
    return url


def run_init(args: argparse.Namespace) -> int:
    from screener.core.record.database import team

    done = team.init_team(_url())
    print(
        f"team database ready: {len(done)} migration(s) applied;"
        f" roles {', '.join(team.ROLES.values())}"
    )
    return 0


def run_add_user(args: argparse.Namespace) -> int:
    from screener.core.record.database import postgres, team

    generated = args.password_file is None
    if generated:
        password = team.new_password()
    else:
        try:
            lines = args.password_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ScreenerError(f"{args.password_file}: cannot read the password ({exc})") from exc
        password = lines[0].strip() if lines else ""
    db = postgres.connect(_url())
    try:
        team.add_user(db, args.name, args.role, password)
    finally:
        db.close()
    print(f"added {args.name} ({args.role})")
    if generated:
        print(f"password (shown once, pass it on securely): {password}")
    return 0


def run_users(args: argparse.Namespace) -> int:
    from screener.core.record.database import postgres, team

    db = postgres.connect(_url())
    try:
        found = team.users(db)
    finally:
        db.close()
    for user in found:
        print(f"{user.login}\t{', '.join(user.roles)}")
    if not found:
        print("no team logins yet: screener --db URL team add-user NAME --role officer")
    return 0


def run_import_workstation(args: argparse.Namespace) -> int:
    from screener.core.record.database.store import Store
    from screener.core.record.workstation import import_workstation

    _url()
    summary = import_workstation(Store.open(args.home), args.path)
    print(
        f"imported {summary.records:,} records ({summary.runs} runs, {summary.decisions}"
        f" decisions) from {args.path}, its chain head {summary.source_head};"
        f" provenance kept as import #{summary.import_id}"
    )
    return 0
