"""`screener audit verify|runs|find|searches`."""

from __future__ import annotations

import argparse
import json
from typing import Any

from screener.cli.audit_find import register_find
from screener.core.record import audit, runs
from screener.core.record.store import Store


def register(sub: Any) -> None:
    p = sub.add_parser("audit", help="verify the decision log and list past runs")
    asub = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    v = asub.add_parser("verify", help="check every record against the hash chain")
    v.add_argument("--json", action="store_true")
    v.set_defaults(func=run_verify)
    r = asub.add_parser("runs", help="list screening runs, newest first")
    r.add_argument("--json", action="store_true")
    r.set_defaults(func=run_runs)
    register_find(asub)


def run_verify(args: argparse.Namespace) -> int:
    report = audit.verify(Store.open(args.home))
    if args.json:
        print(
            json.dumps(
                {
                    "ok": report.ok,
                    "records": report.records,
                    "head": report.head,
                    "problems": list(report.problems),
                },
                indent=2,
            )
        )
    else:
        print(report.summary())
        for problem in report.problems[1:]:
            print(f"  also: {problem}")
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
