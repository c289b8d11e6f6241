"""`screener screen ORDERS [--sheet S] [--json OUT.jsonl] [--report OUT.xlsx]`."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path
from typing import Any

from screener.cli import checks
from screener.core.errors import ScreenerError
from screener.core.lists.freshness import stale_lists
from screener.core.orders import MappingProfile, inspect_orders
from screener.core.record import run_context, runs
from screener.core.record.database.store import Store
from screener.core.record.review.carry_forward import carry_forward, carry_forward_offer, describe
from screener.core.report.audit_report import write_report
from screener.core.rules.policy import load_policy
from screener.core.screening.run import ScreenProgress, ScreenSummary, screen_file
from screener.core.words import counted


def register(sub: Any) -> None:
    p = sub.add_parser("screen", help="screen every line of an order workbook (xlsx/xlsm/csv)")
    p.add_argument("orders", type=Path, metavar="ORDERS")
    p.add_argument("--sheet", help="worksheet name (default: the first)")
    p.add_argument(
        "--mapping",
        type=Path,
        metavar="FILE",
        help="mapping profile: JSON as the app saves it, or a bare {field: header} object",
    )
    p.add_argument("--policy", type=Path, metavar="FILE",
                   help="policy TOML overriding the defaults in lists/policy.toml")  # fmt: skip
    p.add_argument(
        "--allow-stale",
        action="store_true",
        help="screen even if lists are older than the policy allows (recorded with the run)",
    )
    p.add_argument("--json", type=Path, metavar="OUT.jsonl", help="one JSON object per line")
    p.add_argument("--report", type=Path, metavar="OUT.xlsx", help="write the Excel audit report")
    p.add_argument("--carry-forward", action="store_true",
                   help="carry over decisions of an earlier screening of this file whose"
                   " evidence is unchanged (each cites the original)")  # fmt: skip
    p.set_defaults(func=run)


def screen_to_outputs(
    store: Store, args: argparse.Namespace, notes: list[str] | None = None
) -> ScreenSummary:
    mapping, sheet = None, args.sheet
    if args.mapping:
        profile = MappingProfile.load(args.mapping)
        mapping, sheet = profile.as_dict(), sheet or profile.sheet or None
    policy = load_policy(args.policy) if args.policy else None
    if args.allow_stale:
        for s in stale_lists(store, policy=policy):
            print(f"warning: screening with a stale list: {s.describe()}", file=sys.stderr)
    gen = screen_file(
        store,
        args.orders,
        sheet=sheet,
        mapping=mapping,
        policy=policy,
        allow_stale=args.allow_stale,
    )
    while True:
        try:
            progress: ScreenProgress = next(gen)
        except StopIteration as stop:
            summary: ScreenSummary = stop.value
            break
        print(
            f"\r  {progress_text(progress):<78}",  # padded: a shorter text overwrites a longer
            end="",
            file=sys.stderr,
            flush=True,
        )
    print(file=sys.stderr)
    note = _carry_forward(store, summary.run_id, args)
    if note and notes is not None:
        notes.append(note)
    if args.json:
        with args.json.open("w", encoding="utf-8") as out:
            for line in runs.iter_lines(store, summary.run_id):
                hits = runs.line_hits(store, line.id)
                parties = [
                    {
                        **p,
                        "hits": [
                            {
                                "source": h.source,
                                "entry_id": h.entry_id,
                                "name": h.entry_name,
                                "matched_name": h.matched_name,
                                "score": h.score,
                                "explanation": h.explanation,
                                "suppressed": h.suppressed_by is not None,
                            }
                            for h in hits
                            if h.role == p["role"] and h.party_name == p["name"]
                        ],
                    }
                    for p in line.parties
                ]
                out.write(
                    json.dumps(
                        {
                            "row": line.row,
                            "verdict": line.verdict,
                            "reasons": list(line.reasons),
                            "parties": parties,
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                )
    if args.report:
        write_report(store, summary.run_id, args.report)
    return summary


def progress_text(progress: ScreenProgress) -> str:
    """ "4,600 of about 10,000 lines · 46% · 339 lines/s · 16 s left"."""
    rate = progress.lines_per_s
    if not progress.total:
        return f"{progress.done:,} lines ({rate:,.0f}/s)"
    total = max(progress.total, progress.done)
    left = (total - progress.done) / rate if rate else 0.0
    return (
        f"{progress.done:,} of about {total:,} lines · {progress.done / total:.0%} · "
        f"{rate:,.0f} lines/s · {left:,.0f} s left"
    )


def _carry_forward(store: Store, run_id: int, args: argparse.Namespace) -> str:
    """Carry (`--carry-forward`) or offer the decisions of an earlier screening (before the
    report, so it shows them); what to tell the user."""
    policy = load_policy(args.policy) if args.policy else None
    if getattr(args, "carry_forward", False):
        return describe(carry_forward(store, run_id, policy=policy))
    offer = carry_forward_offer(store, run_id, policy=policy)
    if offer is not None and offer.carries:
        return f"{offer.offer}: `screener decide carry-forward {run_id}` (or --carry-forward)"
    return ""


def run(args: argparse.Namespace) -> int:
    checks.output_file(args.json, what="JSON lines output")
    checks.output_file(args.report, suffix=".xlsx", what="report")
    checks.settings_file(args.mapping, what="mapping profile")
    checks.settings_file(args.policy, what="policy file")
    store = Store.open(args.home)
    if not args.mapping:
        with contextlib.suppress(ScreenerError):  # screening says what is wrong, below
            for note in inspect_orders(args.orders, sheet=args.sheet).notes:
                print(f"note: {note}", file=sys.stderr)  # e.g. which sheet of several is read
    notes: list[str] = []
    summary = screen_to_outputs(store, args, notes)
    counts = ", ".join(f"{summary.counts.get(v, 0)} {v}" for v in ("block", "review", "clear"))
    print(
        f"run {summary.run_id}: {counted(summary.lines, 'line')} screened"
        f" in {summary.seconds:.1f} s "
        f"({counts}; {summary.problems} with input problems)"
    )
    context = run_context.get_context(store, summary.run_id)
    if context is not None and context.stale:
        print(f"run {summary.run_id} used lists older than the policy allows (recorded)")
    for note in notes:
        print(note)
    if args.report:
        print(f"report written: {args.report}")
    return 0
