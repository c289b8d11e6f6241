"""`screener approvals list|approve|reject`: the second pair of eyes on safeguarded decisions.

    screener approvals list [--run RUN]
    screener approvals approve ID [-j TEXT]      |   screener approvals approve --batch N
    screener approvals reject ID -j TEXT

The approver is the logged-in account; nobody approves their own decision.
"""

from __future__ import annotations

import argparse
from typing import Any

from screener.core.errors import ScreenerError
from screener.core.record.database.store import Store
from screener.core.record.review import approvals


def register(sub: Any) -> None:
    p = sub.add_parser("approvals", help="decisions awaiting a second approval (four-eyes)")
    cmds = p.add_subparsers(dest="approvals_command", metavar="WHAT", required=True)
    ls = cmds.add_parser("list", help="decisions awaiting approval, oldest first")
    ls.add_argument("--run", type=int, metavar="RUN", help="only this run's")
    ls.set_defaults(func=run_list)
    ok = cmds.add_parser("approve", help="approve a decision (or a bulk decision's batch)")
    ok.add_argument("decision_id", type=int, nargs="?", metavar="ID")
    ok.add_argument("--batch", type=int, metavar="N", help="every pending decision of batch N")
    ok.add_argument("-j", "--justification", default="", help="what you checked")
    ok.set_defaults(func=run_approve)
    no = cmds.add_parser("reject", help="reject a decision: it never takes effect")
    no.add_argument("decision_id", type=int, metavar="ID")
    no.add_argument("-j", "--justification", required=True, help="why it is wrong")
    no.set_defaults(func=run_reject)


def run_list(args: argparse.Namespace) -> int:
    pending = approvals.pending_approvals(Store.open(args.home), run_id=args.run)
    if not pending:
        print("no decision awaits approval")
    for p in pending:
        reason = p.decision.reason.label if p.decision.reason else "-"
        print(f"{p.label} at {p.decision.decided_at:%Y-%m-%d %H:%M}")
        print(f"  {p.why}; reason: {reason}; justification: {p.decision.justification}")
    return 0


def run_approve(args: argparse.Namespace) -> int:
    store = Store.open(args.home)
    if (args.decision_id is None) == (args.batch is None):
        raise ScreenerError("approvals approve: give a decision ID or --batch N")
    if args.batch is not None:
        done = approvals.approve_batch(store, args.batch, justification=args.justification)
        print(f"batch {args.batch}: {len(done)} decisions approved")
        return 0
    d = approvals.approve(store, args.decision_id, justification=args.justification)
    print(f"decision {d.id} approved: {d.action.label} is in force")
    return 0


def run_reject(args: argparse.Namespace) -> int:
    d = approvals.reject(Store.open(args.home), args.decision_id, justification=args.justification)
    print(f"decision {d.id} rejected: it does not take effect")
    return 0
