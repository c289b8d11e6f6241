"""`screener self-test`: proves an installation works, end to end, in a temporary home.

Imports a tiny bundled list, reads a one-line order file, screens it through the real engine,
writes the Excel report and verifies the audit chain. Exit 0 means the workstation can screen.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from screener.core.lists.importing import ImportStatus, import_lists
from screener.core.record import audit, runs
from screener.core.record.database.store import Store
from screener.core.report.audit_report import write_report
from screener.core.resources import resources_dir
from screener.core.screening.isolated import screen_file_in_process
from screener.core.screening.run import run_screening, screen_file


def register(sub: Any) -> None:
    p = sub.add_parser("self-test", help="check this installation end to end (temporary data)")
    p.set_defaults(func=run)


def _step(ok: bool, what: str) -> bool:
    print(f"{'ok  ' if ok else 'FAIL'}  {what}", flush=True)
    return ok


def run(args: argparse.Namespace) -> int:
    fixture = resources_dir() / "selftest" / "un_selftest.xml"
    with tempfile.TemporaryDirectory(prefix="screener-selftest-") as tmp:
        home = Path(tmp)
        store = Store.open(home)
        outcomes = list(import_lists(store, [fixture]))
        good = _step(
            len(outcomes) == 1 and outcomes[0].status is ImportStatus.IMPORTED,
            f"import {fixture.name}: {outcomes[0].summary() if outcomes else 'nothing'}",
        )
        orders = resources_dir() / "selftest" / "orders_selftest.csv"
        summary = run_screening(screen_file(store, orders))
        line = next(runs.iter_lines(store, summary.run_id))
        good &= _step(
            line.verdict == "block" and bool(runs.line_hits(store, line.id)),
            f"screen one line: verdict {line.verdict}",
        )
        # The desktop app screens in a child process: the packaged app must start one.
        isolated_run = run_screening(screen_file_in_process(home, orders))
        good &= _step(
            isolated_run.counts == summary.counts,
            f"screen in a child process: {dict(isolated_run.counts)}",
        )
        out = write_report(store, summary.run_id, home / "selftest-report.xlsx")
        good &= _step(out.stat().st_size > 0, f"write report ({out.stat().st_size:,} bytes)")
        report = audit.verify(store)
        good &= _step(report.ok, f"verify audit chain: {report.summary()}")
        store.close()
    print(
        "self-test passed" if good else "self-test FAILED", file=sys.stdout if good else sys.stderr
    )
    return 0 if good else 1
