"""`screener` command line: a thin shell over `screener.core`.

Each subcommand lives in its own module with `register(subparsers)`; the module's parser sets
`func=run` where `run(args) -> int` is the exit code. Expected failures (`ScreenerError`) print
one line to stderr and exit 2; nothing prints a traceback at a user.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from screener import __version__
from screener.core.errors import ScreenerError

COMMAND_MODULES = (
    "demo",
    "lists",
    "screen",
    "rescreen",
    "decide",
    "approvals",
    "check",
    "search",
    "audit",
    "licences",
    "report",
    "selftest",
    "gui",
    "team",
)


def default_home() -> Path:
    env = os.environ.get("SCREENER_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("Screener", appauthor=False))


class _Parser(argparse.ArgumentParser):
    """A mistyped argument is one line naming it (and where help is), not the usage text."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="screener",
        description="Offline export-compliance screening. No command: open the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"screener {__version__}")
    parser.add_argument(
        "--home",
        type=Path,
        default=None,
        help="folder holding the database (env SCREENER_HOME; default: your user data folder)",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        default=None,
        help="a team database, postgresql://user@host:port/dbname (env SCREENER_DB;"
        " default: the SQLite database in --home)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(f"screener.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.home = (args.home or default_home()).expanduser()
    if args.db:
        from screener.core.record.database.backend import ENV, check_url

        try:
            os.environ[ENV] = check_url(args.db)  # child processes open the same database
        except ScreenerError as exc:
            print(f"screener: {exc}", file=sys.stderr)
            return 2
    if not getattr(args, "func", None):
        from screener.cli.gui import run as run_gui

        return run_gui(args)
    from screener.core.record.database import health

    health.on_wait = lambda message: print(f"screener: {message}", file=sys.stderr, flush=True)
    try:
        return int(args.func(args))
    except ScreenerError as exc:
        print(f"screener: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("screener: interrupted", file=sys.stderr)
        return 130
