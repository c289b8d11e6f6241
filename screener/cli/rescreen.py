"""`screener rescreen [--since DATE] [--run ID ...] [--json OUT.jsonl] [--fail-on-worse]`."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from screener.cli import checks
from screener.core.errors import ScreenerError
from screener.core.record.database.store import Store
from screener.core.rules.policy import load_policy
from screener.core.screening.rescreen import RescreenResult, plan_rescreen, rescreen_run
from screener.core.screening.run import ScreenProgress
from screener.core.words import counted


def register(sub: Any) -> None:
    p = sub.add_parser(
        "rescreen",
        help="screen stored lines again on the newest lists and show the lines that got worse",
    )
    p.add_argument(
        "--since",
        type=_date,
        metavar="YYYY-MM-DD",
        help="only screenings started on or after this day (default: all)",
    )
    p.add_argument(
        "--run", type=int, action="append", default=[], metavar="ID", help="re-screen this run"
    )
    p.add_argument("--policy", type=Path, metavar="FILE",
                   help="policy TOML overriding the defaults in lists/policy.toml")  # fmt: skip
    p.add_argument("--json", type=Path, metavar="OUT.jsonl", help="one JSON object per worse line")
    p.add_argument(
        "--fail-on-worse", action="store_true", help="exit 1 when any line got worse (for jobs)"
    )
    p.set_defaults(func=run)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-25") from None


def _drive(gen: Any) -> RescreenResult:
    while True:
        try:
            progress: ScreenProgress = next(gen)
        except StopIteration as stop:
            print(file=sys.stderr)
            result: RescreenResult = stop.value
            return result
        print(f"\r  {progress.done:,} lines", end="", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    checks.output_file(args.json, what="JSON lines output")
    checks.settings_file(args.policy, what="policy file")
    store = Store.open(args.home)
    policy = load_policy(args.policy) if args.policy else None
    plan = plan_rescreen(store, since=args.since, run_ids=args.run, policy=policy)
    if not plan:
        print("nothing to re-screen: every screening already used the newest lists")
        return 0
    results = []
    for parent in plan:
        print(
            f"re-screening run {parent.id} ({parent.file_name},"
            f" {counted(parent.line_count, 'line')})"
        )
        results.append(_drive(rescreen_run(store, parent, policy=policy)))
    worse = 0
    out = args.json.open("w", encoding="utf-8") if args.json else None
    try:
        for result in results:
            new = result.summary
            print(
                f"run {result.parent.id} -> run {new.run_id}: {counted(new.lines, 'line')},"
                f" {len(result.worse)} worse"
                + ("" if new.status == "completed" else f" ({new.status})")
            )
            for line in result.worse:
                worse += 1
                decided = f"; was decided: {line.decision_before}" if line.decision_before else ""
                print(
                    f"  row {line.row} (order {line.order_no or '-'}): {line.before} -> "
                    f"{line.after}{decided}"
                )
                for reason in line.reasons[:3]:
                    print(f"      {reason}")
                if out is not None:
                    record = {
                        "run": new.run_id,
                        "parent_run": result.parent.id,
                        "row": line.row,
                        "order_no": line.order_no,
                        "before": line.before,
                        "after": line.after,
                        "reasons": list(line.reasons),
                        "decision_before": line.decision_before,
                    }
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise ScreenerError(f"{args.json}: cannot write ({exc.strerror})") from exc
    finally:
        if out is not None:
            out.close()
    return 1 if worse and args.fail_on_worse else 0
