"""`screener self-test`: proves an installation works, end to end, in a temporary home.

Imports a tiny bundled list, screens one line through the real engine, writes the Excel
report and verifies the audit chain. Exit 0 means the workstation can screen.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from screener.core import audit, runs
from screener.core.lists import ImportStatus, import_lists
from screener.core.report import write_report
from screener.core.resources import resources_dir
from screener.core.screening import Source, run_screening, screen_lines
from screener.core.store import Store


@dataclass(frozen=True)
class _Party:
    role: str
    name: str
    country: str
    address: str = ""


@dataclass(frozen=True)
class _Line:
    row: int = 2
    cells: tuple[tuple[str, str], ...] = (("Customer", "Selftest Precision Machinery Trading"),)
    order_no: str = "SELFTEST"
    line_no: str = "1"
    parties: tuple[_Party, ...] = (_Party("buyer", "Selftest Precision Machinery Trading", "AE"),)
    description: str = "CNC machining centre"
    hs_code: str = "8457.10"
    destination: str = "AE"
    transit: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()


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
        summary = run_screening(screen_lines(store, [_Line()], source=Source("selftest", "0" * 64)))
        line = next(runs.iter_lines(store, summary.run_id))
        good &= _step(
            line.verdict == "block" and bool(runs.line_hits(store, line.id)),
            f"screen one line: verdict {line.verdict}",
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
