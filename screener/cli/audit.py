"""`screener audit verify|runs|find|searches`."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from screener.cli.audit_find import register_find
from screener.core.errors import ScreenerError
from screener.core.record import audit, runs
from screener.core.record.chain import anchors, list_chain
from screener.core.record.database.store import Store


def register(sub: Any) -> None:
    p = sub.add_parser("audit", help="verify the decision log and list past runs")
    asub = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    v = asub.add_parser("verify", help="check every record against the hash chain")
    v.add_argument("--json", action="store_true")
    v.add_argument(
        "--read-only",
        action="store_true",
        help="open the database immutable, writing nothing (an evidence copy)",
    )
    v.add_argument(
        "--expect",
        action="append",
        default=[],
        metavar="HEAD[:COUNT]",
        help="a chain head kept elsewhere: it must be in the chain (at record COUNT)",
    )
    v.add_argument(
        "--report",
        action="append",
        type=Path,
        default=[],
        metavar="REPORT.xlsx",
        help="an audit report: the chain head it pinned must be in the chain",
    )
    v.set_defaults(func=run_verify)
    r = asub.add_parser("runs", help="list screening runs, newest first")
    r.add_argument("--json", action="store_true")
    r.set_defaults(func=run_runs)
    register_find(asub)


def run_verify(args: argparse.Namespace) -> int:
    try:
        pinned = [anchors.parse_expect(e) for e in args.expect]
    except ValueError as exc:
        raise ScreenerError(f"--expect {exc}") from exc
    pinned += [anchors.report_anchor(p) for p in args.report]
    store = Store.open(args.home, read_only=args.read_only)
    report = audit.verify(store)
    more = anchors.problems(store.db.conn, pinned)
    if more:
        report = replace(report, ok=False, problems=(*report.problems, *more))
    coverage = list_chain.coverage(store.db)
    if args.json:
        print(
            json.dumps(
                {
                    "ok": report.ok,
                    "records": report.records,
                    "head": report.head,
                    "problems": list(report.problems),
                    "list_versions": coverage.versions,
                    "list_versions_at_migration": coverage.at_migration,
                    "list_chain_since": coverage.since,
                },
                indent=2,
            )
        )
    else:
        print(report.summary())
        for problem in report.problems[1:]:
            print(f"  also: {problem}")
        print(coverage.summary())
        if report.ok:
            print(f"anchor: {report.head}:{report.records} (keep it elsewhere; --expect checks it)")
    return 0 if report.ok else 1


def run_runs(args: argparse.Namespace) -> int:
    all_runs = runs.list_runs(Store.open(args.home))
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": r.id,
                        "kind": r.kind,
                        "file": r.file_name,
                        "status": r.status,
                        "lines": r.line_count,
                        "operator": r.operator,
                        "started_at": r.started_at.isoformat(),
                    }
                    for r in all_runs
                ],
                indent=2,
            )
        )
        return 0
    for r in all_runs:
        print(
            f"{r.id:>5}  {r.started_at:%Y-%m-%d %H:%M}  {r.status:<10} {r.line_count:>7,} lines"
            f"  {r.operator:<12} {r.file_name}"
        )
    return 0
