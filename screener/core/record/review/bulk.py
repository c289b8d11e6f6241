"""Bulk decisions: one justification for many hits, one chained record per hit.

    targets = party_entry_targets(store, run_id, party_name="Sever Logistics OOO",
                                  source="eu_fsf", entry_id="EU.123", every_open_run=True)
    targets = open_targets(store, line_ids)          # the open hits/findings of chosen lines
    result = decide_many(store, targets, action="blocked", justification="...")

The batch is a chained `decision_batches` record (what was selected, by whom); each decision
names it. Safeguards apply per hit: one safeguarded hit without its reason refuses the whole
batch (nothing is recorded), and four-eyes hits are recorded pending approval
(`approvals.approve_batch` approves them together).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from screener.core.record.chain.writer import operator_identity
from screener.core.record.database.store import Store
from screener.core.record.review.decision_model import (
    Action,
    Decision,
    DecisionError,
    ReasonCode,
    Target,
    party_key,
)
from screener.core.record.review.decision_writer import DecisionWriter
from screener.core.record.review.line_state import lines_states
from screener.core.rules.policy import Policy, load_policy


@dataclass(frozen=True, slots=True)
class BulkResult:
    batch_id: int
    decisions: tuple[Decision, ...]

    @property
    def pending(self) -> int:
        return sum(d.pending for d in self.decisions)


def decide_many(
    store: Store,
    targets: Sequence[Target],
    *,
    action: Action | str,
    justification: str,
    reason: ReasonCode | str | None = None,
    scope: str = "",
    policy: Policy | None = None,
) -> BulkResult:
    """Record one decision per target in one transaction, linked by a new batch."""
    if not targets:
        raise DecisionError("nothing selected to decide")
    if len(set(targets)) != len(targets):
        raise DecisionError("a hit is selected twice: decide each hit once")
    action = Action(action)
    user, host = operator_identity()
    with store.write() as db:
        writer = DecisionWriter(db, policy or load_policy())
        batch_id = writer.chain.append(
            "decision_batches",
            {
                "scope": scope or f"{len(targets)} selected items",
                "action": action.value,
                "justification": justification.strip(),
                "items": len(targets),
                "operator": user,
                "host": host,
                "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            },
        )
        writer.prefetch(t.line_id for t in targets)
        out = []
        for t in targets:
            try:
                out.append(
                    writer.record(t, action, justification, reason=reason, batch_id=batch_id)
                )
            except DecisionError as exc:
                what = f"hit {t.hit_id}" if t.hit_id else (t.finding_key or "the line")
                raise DecisionError(f"line {t.line_id}, {what}: {exc} (nothing recorded)") from None
    return BulkResult(batch_id, tuple(out))


def open_targets(store: Store, line_ids: Sequence[int]) -> list[Target]:
    """The undecided items (no current or pending decision) of these lines, as targets."""
    out = []
    for line_id, state in lines_states(store, line_ids).items():
        for s in state.items:
            if s.current is None and s.pending is None:
                out.append(Target(line_id, s.item.hit_id, s.item.finding_key))
    return out


def party_entry_targets(
    store: Store,
    run_id: int,
    *,
    party_name: str,
    source: str,
    entry_id: str,
    every_open_run: bool = False,
    open_only: bool = True,
) -> list[Target]:
    """Every hit where the party (case and spacing aside) hits this list entry, in this run or
    (`every_open_run`) in every run not since re-screened; `open_only`: not yet decided."""
    sql = (
        "SELECT h.id, h.line_id, h.party_name FROM hits h JOIN lines l ON l.id = h.line_id"
        " WHERE h.source = ? AND h.entry_id = ? AND h.suppressed_by IS NULL"
    )
    params: list[object] = [source, entry_id]
    if every_open_run:
        sql += (
            " AND l.run_id NOT IN (SELECT parent_run_id FROM runs WHERE parent_run_id IS NOT NULL)"
        )
    else:
        sql += " AND l.run_id = ?"
        params.append(run_id)
    key = party_key(party_name)
    found = [
        Target(line_id, hit_id)
        for hit_id, line_id, name in store.db.conn.execute(
            sql + " ORDER BY h.line_id, h.id", params
        )
        if party_key(name) == key
    ]
    if not open_only:
        return found
    states = lines_states(store, sorted({t.line_id for t in found}))
    undecided = {
        (line_id, s.item.hit_id)
        for line_id, state in states.items()
        for s in state.items
        if s.current is None and s.pending is None
    }
    return [t for t in found if (t.line_id, t.hit_id) in undecided]


def party_entry_scope(
    party_name: str, source: str, entry_id: str, run_id: int, every_open_run: bool
) -> str:
    where = "every open run" if every_open_run else f"run {run_id}"
    return f"every line where {party_name} hits {source} entry {entry_id}, in {where}"
