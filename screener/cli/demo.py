"""`screener demo`: the README's main job, end to end on the bundled examples.

Imports the official list files found in SCREENER_LISTS (default: ../shared/data/lists when it
exists) and the example company's watch list (examples/watch_list.csv), prints their status,
screens examples/orders.xlsx under the example policy (examples/policy.toml: the defaults plus
its own goods list) and writes out/orders-report.xlsx.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from screener.core.errors import ScreenerError
from screener.core.lists.custom import import_custom
from screener.core.lists.importing import ImportStatus, import_lists
from screener.core.record.database.store import Store

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = REPO_ROOT / "examples"
WATCH_TITLE = "Example internal watch list (invented)"


def lists_folder() -> Path:
    env = os.environ.get("SCREENER_LISTS")
    if env:
        return Path(env).expanduser()
    for base in (Path.cwd(), REPO_ROOT):
        candidate = base.parent / "shared" / "data" / "lists"
        if candidate.is_dir():
            return candidate
    raise ScreenerError(
        "no official list files found: set SCREENER_LISTS to the folder holding your downloads "
        "(see README, 'Where to download the lists')"
    )


def register(sub: Any) -> None:
    p = sub.add_parser(
        "demo", help="import the lists in SCREENER_LISTS, screen examples/orders.xlsx"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    folder = lists_folder()
    print(f"Importing official list files from {folder} into {args.home} ...", flush=True)
    store = Store.open(args.home)
    failed = 0
    for outcome in import_lists(store, [folder]):
        print("  " + outcome.summary(), flush=True)
        failed += outcome.status is ImportStatus.FAILED
    # The example company's own watch list, imported like any custom list.
    watch = import_custom(
        store, EXAMPLES / "watch_list.csv", source="example_watch", title=WATCH_TITLE
    )
    print("  " + watch.summary(), flush=True)
    failed += watch.status is ImportStatus.FAILED
    store.close()
    print()
    # Through the real parser, so the demo gets every option's default as the user would.
    from screener.cli import build_parser

    parser = build_parser()
    home = ["--home", str(args.home)]
    status = parser.parse_args([*home, "lists", "status"])  # ages judged by the policy
    status.func(status)
    orders = EXAMPLES / "orders.xlsx"
    out = Path.cwd() / "out"
    out.mkdir(exist_ok=True)
    print(f"\nScreening {orders} ...", flush=True)
    # A demonstration on whatever list files are at hand: stale ones are allowed (and recorded).
    screen = parser.parse_args(
        [*home, "screen", "--allow-stale", str(orders), "--json", str(out / "orders.jsonl"),
         "--report", str(out / "orders-report.xlsx"), "--policy", str(EXAMPLES / "policy.toml")]
    )  # fmt: skip
    code = int(screen.func(screen))
    return 1 if failed else code
