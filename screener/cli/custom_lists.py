"""`screener lists import` options of their own: `--custom FILE --source NAME --title TEXT` (a
company's own list) and `--lenient` (leave out malformed rows, recorded with the version)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from screener.core.errors import ScreenerError
from screener.core.lists.custom import import_custom
from screener.core.lists.importing import ImportStatus, collect_files
from screener.core.lists.lenient import import_file_lenient
from screener.core.record.database.store import Store


def add_options(imp: Any) -> None:
    """The `lists import` options for custom lists (the CSV layout: importers/custom_csv.py)."""
    imp.add_argument(
        "--custom",
        type=Path,
        metavar="FILE",
        help="import your own party list (CSV: name, aliases, type, country, identifiers,"
        " reason, blocking yes/no, id); needs --source and --title",
    )
    imp.add_argument("--source", metavar="NAME", help="key of the custom list (e.g. internal)")
    imp.add_argument("--title", metavar="TEXT", help="what officers see: 'Internal watch list'")
    imp.add_argument(
        "--lenient",
        action="store_true",
        help="leave out malformed rows (UK Sanctions List CSV) instead of refusing the file;"
        " the rows left out are recorded with the list version",
    )


def run_lenient(args: argparse.Namespace) -> int:
    store = Store.open(args.home)
    failed = 0
    for path in collect_files(args.paths):
        outcome, skipped = import_file_lenient(store, path, accept=args.accept)
        print(outcome.summary(), flush=True)
        for row in skipped:
            print(f"  skipped line {row.row}: {row.reason}", flush=True)
        failed += outcome.status in (ImportStatus.FAILED, ImportStatus.HELD)
    return 1 if failed else 0


def run_custom(args: argparse.Namespace) -> int:
    if args.paths:
        raise ScreenerError("give either list files or --custom FILE, not both")
    if not args.source or not args.title:
        raise ScreenerError("--custom needs --source NAME and --title TEXT")
    outcome = import_custom(
        Store.open(args.home),
        args.custom,
        source=args.source,
        title=args.title,
        accept=args.accept,
    )
    print(outcome.summary(), flush=True)
    return 1 if outcome.status in (ImportStatus.FAILED, ImportStatus.HELD) else 0
