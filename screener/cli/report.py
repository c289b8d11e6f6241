"""`screener report RUN_ID OUT.xlsx`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from screener.core.record.database.store import Store
from screener.core.report.audit_report import write_report


def register(sub: Any) -> None:
    p = sub.add_parser("report", help="write the Excel audit report of a screening run")
    p.add_argument("run_id", type=int, metavar="RUN_ID")
    p.add_argument("out", type=Path, metavar="OUT.xlsx")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out = write_report(Store.open(args.home), args.run_id, args.out)
    print(f"report written: {out}")
    return 0
