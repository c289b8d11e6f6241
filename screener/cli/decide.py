"""`screener decide line|party|status|carry-forward`: officer decisions from the command line.

    screener decide status RUN [--all]                        # counts, open lines and their items
    screener decide line RUN ROW ACTION -j TEXT [--hit ID | --finding KEY] [--reason R]
    screener decide line RUN ROW released_with_licence --licence ID -j TEXT [--quantity Q]
                                                                      [--value V]
    screener decide party RUN NAME SOURCE ENTRY ACTION -j TEXT [--every-open-run] [--reason R]
    screener decide carry-forward RUN [--from RUN]

Who decides is the logged-in account, never an argument. Safeguarded decisions (see the
policy's [decisions]) need --reason and a longer justification, and wait for
`screener approvals approve ID` by someone else.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from screener.core.record import runs
from screener.core.record.database.store import Store
from screener.core.record.review import bulk, decisions
from screener.core.record.review.carry_forward import carry_forward, describe
from screener.core.record.review.decisions import Action, Decision, DecisionError, ReasonCode
from screener.core.record.review.licence_cover import release_with_licence
from screener.core.record.review.line_state import (
    LineStatus,
    lines_states,
    run_counts,
    run_line_states,
)
from screener.core.rules.policy import Policy, load_policy
from screener.core.words import counted


def register(sub: Any) -> None:
    p = sub.add_parser("decide", help="decide hits, findings or lines of a run; show its state")
    cmds = p.add_subparsers(dest="decide_command", metavar="WHAT", required=True)

    status = cmds.add_parser("status", help="decision counts and the open lines of a run")
    status.add_argument("run_id", type=int, metavar="RUN")
    status.add_argument("--all", action="store_true", help="every line, not only open ones")
    status.set_defaults(func=run_status)

    line = cmds.add_parser("line", help="decide one hit, one finding, or a whole line")
    line.add_argument("run_id", type=int, metavar="RUN")
    line.add_argument("row", type=int, metavar="ROW", help="spreadsheet row of the line")
    _decision_args(line)
    target = line.add_mutually_exclusive_group()
    target.add_argument("--hit", type=int, metavar="ID", help="the hit (see `decide status`)")
    target.add_argument("--finding", metavar="KEY", help="a goods/route finding's key")
    remember = "cleared hit: suppress this party/entry pairing in later runs"
    line.add_argument("--remember", action="store_true", help=remember)
    line.add_argument("--licence", type=int, metavar="ID",
                      help="released_with_licence: the licence (see `licences list`)")  # fmt: skip
    line.add_argument("--quantity", type=float, metavar="Q",
                      help="with --licence: quantity to draw down (default: the line)")  # fmt: skip
    line.add_argument("--value", type=float, metavar="V",
                      help="with --licence: value to draw down (default: the line's)")  # fmt: skip
    line.set_defaults(func=run_line)

    party = cmds.add_parser("party", help="every line where a party hits one list entry")
    party.add_argument("run_id", type=int, metavar="RUN")
    party.add_argument("party", metavar="NAME", help="the party name as on the order")
    party.add_argument("source", metavar="SOURCE", help="list, e.g. ofac_sdn")
    party.add_argument("entry_id", metavar="ENTRY", help="the list entry's id")
    _decision_args(party)
    party.add_argument("--every-open-run", action="store_true",
                       help="also in every other run not since re-screened")  # fmt: skip
    party.set_defaults(func=run_party)

    carry = cmds.add_parser("carry-forward", help="carry decisions of an earlier screening over")
    carry.add_argument("run_id", type=int, metavar="RUN")
    carry.add_argument("--from", dest="from_run", type=int, metavar="RUN",
                       help="the earlier run (default: the newest matching one)")  # fmt: skip
    carry.set_defaults(func=run_carry_forward)


def _decision_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=[a.value for a in Action], metavar="ACTION",
                   help=", ".join(a.value for a in Action))  # fmt: skip
    p.add_argument("-j", "--justification", required=True, help="why: recorded with it")
    why = "what distinguishes the party (needed to clear an exact match)"
    p.add_argument("--reason", choices=[r.value for r in ReasonCode], help=why)
    p.add_argument("--policy", type=Path, metavar="FILE", help="policy TOML (its [decisions])")


def _policy(args: argparse.Namespace) -> Policy:
    return load_policy(args.policy) if args.policy else load_policy()


def _line_at(store: Store, run_id: int, row: int) -> runs.StoredLine:
    runs.get_run(store, run_id)  # names a missing run
    page = runs.lines_page(store, run_id, after_row=row - 1, limit=1)
    if not page or page[0].row != row:
        raise DecisionError(f"run {run_id} has no line at row {row}")
    return page[0]


def _said(d: Decision) -> str:
    what = (
        f"hit {d.hit_id}" if d.hit_id else (f"finding {d.finding_key}" if d.finding_key else "line")
    )
    tail = ": pending approval by a second person" if d.pending else ""
    return f"decision {d.id}: {d.action.label} of {what}{tail}"


def run_line(args: argparse.Namespace) -> int:
    store = Store.open(args.home)
    line = _line_at(store, args.run_id, args.row)
    if args.action == Action.RELEASED_WITH_LICENCE or args.licence is not None:
        return _release(store, line, args)
    if args.quantity is not None or args.value is not None:
        raise DecisionError("--quantity and --value go with --licence")
    d = decisions.record_decision(
        store,
        line_id=line.id,
        action=args.action,
        justification=args.justification,
        hit_id=args.hit,
        finding_key=args.finding,
        reason=args.reason,
        remember=args.remember,
        policy=_policy(args),
    )
    print(_said(d))
    print(f"row {line.row}: {lines_states(store, [line.id])[line.id].label}")
    return 0


def _release(store: Store, line: runs.StoredLine, args: argparse.Namespace) -> int:
    if args.action != Action.RELEASED_WITH_LICENCE:
        raise DecisionError("--licence goes with the action released_with_licence")
    if args.licence is None:
        raise DecisionError("released_with_licence needs --licence ID (see `licences list`)")
    if args.finding is not None or args.remember:
        raise DecisionError("a release with licence applies to the line or one --hit")
    release = release_with_licence(
        store,
        line_id=line.id,
        licence_id=args.licence,
        justification=args.justification,
        quantity=args.quantity,
        value=args.value,
        hit_id=args.hit,
        reason=args.reason,
        policy=_policy(args),
    )
    [d] = [d for d in decisions.decision_history(store, line.id) if d.id == release.decision_id]
    w, lic = release.drawdown, release.licence
    left = ", ".join(
        f"{n:g} {unit} {what} left".replace("  ", " ")
        for n, unit, what in (
            (lic.quantity_left, lic.terms.quantity_unit, "quantity"),
            (lic.value_left, lic.terms.currency, "value"),
        )
        if n is not None
    )
    held = "held until approved" if d.pending else "drawn"
    print(_said(d))
    print(
        f"licence {lic.label}: {w.quantity:g} / {w.value:g} {held}" + (f"; {left}" if left else "")
    )
    print(f"row {line.row}: {lines_states(store, [line.id])[line.id].label}")
    return 0


def run_party(args: argparse.Namespace) -> int:
    store = Store.open(args.home)
    runs.get_run(store, args.run_id)
    targets = bulk.party_entry_targets(
        store,
        args.run_id,
        party_name=args.party,
        source=args.source,
        entry_id=args.entry_id,
        every_open_run=args.every_open_run,
    )
    if not targets:
        raise DecisionError(
            f"no undecided hit of {args.party!r} on {args.source} entry {args.entry_id}"
            f" in {'any open run' if args.every_open_run else f'run {args.run_id}'}"
        )
    result = bulk.decide_many(
        store,
        targets,
        action=args.action,
        justification=args.justification,
        reason=args.reason,
        scope=bulk.party_entry_scope(
            args.party, args.source, args.entry_id, args.run_id, args.every_open_run
        ),
        policy=_policy(args),
    )
    lines = len({d.line_id for d in result.decisions})
    print(
        f"batch {result.batch_id}: {Action(args.action).label} of {len(result.decisions)} hits"
        f" on {lines} lines"
        + (
            f"; {result.pending} pending approval (approvals approve --batch {result.batch_id})"
            if result.pending
            else ""
        )
    )
    return 0


def run_status(args: argparse.Namespace) -> int:
    store = Store.open(args.home)
    run = runs.get_run(store, args.run_id)
    c = run_counts(store, run.id)
    print(
        f"run {run.id} ({run.file_name}): {counted(c.lines, 'line')};"
        f" {c.no_decision_needed:,} need no decision, {c.undecided:,} undecided,"
        f" {c.pending_approval:,} pending approval,"
        f" {c.decided:,} decided"
    )
    for action, n in c.by_outcome.items():
        if n:
            print(f"  {action.label}: {n:,}")
    states = run_line_states(store, run.id)
    for line in runs.iter_lines(store, run.id):
        state = states[line.id]
        if not args.all and state.status in (LineStatus.DECIDED, LineStatus.NO_DECISION_NEEDED):
            continue
        print(f"row {line.row} [{line.verdict}] {state.label}")
        hits = {h.id: h for h in runs.line_hits(store, line.id)}
        for s in state.items:
            mark = "x" if s.current else ("?" if s.pending else " ")
            if s.item.hit_id is not None:
                h = hits[s.item.hit_id]
                what = (
                    f"hit {h.id}: {h.party_name} ~ {h.entry_name} ({h.source} {h.entry_id},"
                    f" {h.score:.0%})"
                )
            elif s.item.finding_key is not None:
                what = f"finding {s.item.finding_key}: {s.item.label}"
            else:
                what = "the line"
            done = f" -> {s.current.action.label} (#{s.current.id})" if s.current else ""
            print(f"  [{mark}] {what}{done}")
    return 0


def run_carry_forward(args: argparse.Namespace) -> int:
    store = Store.open(args.home)
    result = carry_forward(store, args.run_id, from_run_id=args.from_run)
    print(describe(result))
    return 0
