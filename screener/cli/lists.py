"""`screener lists import|status`."""

from __future__ import annotations

import argparse
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from screener.cli import custom_lists
from screener.core.errors import ScreenerError
from screener.core.lists.freshness import max_age_days
from screener.core.lists.importing import ImportStatus, import_lists
from screener.core.lists.plausibility import held_message
from screener.core.lists.updates import OFFICIAL_FILES, update_lists
from screener.core.record.database.store import Store
from screener.core.rules.policy import load_policy


def register(sub: Any) -> None:
    p = sub.add_parser("lists", help="import official list files and show their status")
    lsub = p.add_subparsers(dest="lists_command", metavar="ACTION", required=True)

    imp = lsub.add_parser("import", help="import list files or folders (recursively)")
    imp.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    imp.add_argument(
        "--accept",
        action="store_true",
        help="use a version that looks implausible (dated ahead, or far fewer entries)",
    )
    custom_lists.add_options(imp)
    imp.set_defaults(func=run_import)

    up = lsub.add_parser("update", help="download the official files and import them")
    up.add_argument(
        "keys",
        nargs="*",
        metavar="LIST",
        help="which lists (default all): " + ", ".join(f.key for f in OFFICIAL_FILES),
    )
    up.add_argument(
        "--folder", type=Path, default=None, help="where downloads are kept (default: HOME/lists)"
    )
    up.add_argument(
        "--mirror",
        default=os.environ.get("SCREENER_UPDATE_MIRROR"),
        help="fetch MIRROR/<file name> instead of the official addresses "
        "(env SCREENER_UPDATE_MIRROR)",
    )
    up.add_argument("--timeout", type=float, default=60.0, help="seconds per connection")
    up.set_defaults(func=run_update)

    st = lsub.add_parser("status", help="show every list: date, age, entries, sha256")
    st.add_argument("--json", action="store_true", help="print JSON instead of a table")
    st.add_argument(
        "--max-age",
        type=int,
        default=None,
        metavar="DAYS",
        help="warn when a list is older than this (default: the policy's maximum age per list, "
        "7 days unless the policy says otherwise)",
    )
    st.add_argument("--all", action="store_true", help="every stored version, not only the newest")
    st.set_defaults(func=run_status)


def run_import(args: argparse.Namespace) -> int:
    if getattr(args, "custom", None):
        return custom_lists.run_custom(args)
    if not args.paths:
        raise ScreenerError("give the list files or folders to import (or --custom FILE)")
    if getattr(args, "lenient", False):
        return custom_lists.run_lenient(args)
    store = Store.open(args.home)
    failed = 0
    for outcome in import_lists(store, args.paths, accept=args.accept):
        print(outcome.summary(), flush=True)
        failed += outcome.status in (ImportStatus.FAILED, ImportStatus.HELD)
    return 1 if failed else 0


def run_update(args: argparse.Namespace) -> int:
    store = Store.open(args.home)
    folder = args.folder or args.home / "lists"
    failed = 0
    for outcome in update_lists(
        store, folder, keys=args.keys, mirror=args.mirror, timeout=args.timeout
    ):
        print(outcome.summary(), flush=True)
        failed += outcome.status == "failed"
    return 1 if failed else 0


def status_rows(
    store: Store, *, max_age: int | None, all_versions: bool = False
) -> list[dict[str, Any]]:
    """Every list with its age; `max_age` None: the policy's maximum age for each list."""
    policy = load_policy()
    current = {v.id for v in store.current_versions()}
    held = store.held_reasons()
    versions = store.list_versions() if all_versions else store.current_versions()
    versions += [v for v in store.list_versions() if v.id in held and v not in versions]
    today = datetime.now(UTC).date()
    rows = []
    for v in versions:
        age = v.age_days(today)
        limit = max_age if max_age is not None else max_age_days(policy, v.source)
        rows.append(
            {
                "source": v.source,
                "title": v.title,
                "format": v.format,
                "published": v.published.isoformat() if v.published else None,
                "published_basis": v.published_basis,
                "age_days": age,
                "max_age_days": limit,
                # A custom list is as current as its owner keeps it: no "download" warning.
                "stale": (age is None or age > limit) and not v.source.startswith("custom_"),
                "entries": v.entries,
                "names": v.names,
                "sha256": v.sha256,
                "files": list(v.files),
                "imported_at": v.imported_at.isoformat(),
                "version_id": v.id,
                "current": v.id in current,
                "held": held.get(v.id),
            }
        )
    return rows


def run_status(args: argparse.Namespace) -> int:
    store = Store.open(args.home)
    rows = status_rows(store, max_age=args.max_age, all_versions=args.all)
    if args.json:
        print(
            json.dumps(
                {"home": str(args.home), "max_age_days": args.max_age, "lists": rows}, indent=2
            )
        )
        return 0
    if not rows:
        print(f"No lists imported yet in {args.home}. Run: screener lists import PATH")
        return 0
    print(
        f"{'source':<32} {'published':<10} {'age':>6} {'entries':>8} {'names':>8}  "
        f"{'sha256':<16}  imported"
    )
    for r in rows:
        age = "?" if r["age_days"] is None else f"{r['age_days']}d"
        print(
            f"{r['source']:<32} {r['published'] or 'undated':<10} {age:>6} {r['entries']:>8,} "
            f"{r['names']:>8,}  {r['sha256'][:16]}  {r['imported_at'][:19]}"
        )
    for r in rows:
        if r["held"]:
            print(
                f"held: {r['source']} {r['published'] or 'undated'} ({r['entries']:,} entries)"
                f" is {held_message(r['held'])}"
            )
    stale = [r for r in rows if r["stale"] and not r["held"]]
    for r in stale:
        age = "unknown age" if r["age_days"] is None else f"{r['age_days']} days old"
        print(
            f"warning: {r['source']} is {age} (older than {r['max_age_days']} days); "
            "download a current copy"
        )
    return 0
