"""Four-eyes: a second person approves or rejects a safeguarded decision.

    pending_approvals(store, run_id=None) -> list[PendingApproval]
    approve(store, decision_id, *, justification="") -> Decision   # now in force
    reject(store, decision_id, *, justification) -> Decision       # never takes effect
    approve_batch(store, batch_id, *, justification="") -> list[Decision]

An approval or rejection is a chained `decision_approvals` record, one per decision; nobody
approves or rejects their own decision (the identity is `writer.operator_identity()`). An
approved decision takes its place by its own id: a newer decision on the same hit still wins.
A remembered false positive is accepted only once its clearing is approved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from screener.core.record.chain.writer import ChainWriter, operator_identity
from screener.core.record.database.store import Store
from screener.core.record.review.decision_model import (
    DECISION_SELECT,
    Decision,
    DecisionError,
    decision_from_row,
)
from screener.core.record.review.decision_writer import DecisionWriter
from screener.core.rules.policy import load_policy


@dataclass(frozen=True, slots=True)
class PendingApproval:
    decision: Decision
    row: int
    order_no: str
    hit_name: str  # the listed name of the hit decided ("" for a finding or the line)
    score: float | None
    why: str  # why it needs a second approval

    @property
    def label(self) -> str:
        about = f"{self.hit_name} ({self.score:.0%})" if self.hit_name and self.score else "line"
        return (
            f"decision {self.decision.id}: {self.decision.action.label} of {about}, row {self.row}"
            f" of run {self.decision.run_id}, by {self.decision.operator}"
        )


def pending_approvals(store: Store, *, run_id: int | None = None) -> list[PendingApproval]:
    """Decisions awaiting a second approval, oldest first."""
    sql = (
        "SELECT x.*, l.row AS line_row, l.order_no AS line_order, h.entry_name AS hit_name,"
        f" h.score AS hit_score FROM ({DECISION_SELECT}) x JOIN lines l ON l.id = x.line_id"
        " LEFT JOIN hits h ON h.id = x.hit_id"
        " WHERE x.needs_approval = 1 AND x.approval IS NULL"
    )
    params: list[int] = []
    if run_id is not None:
        sql += " AND x.run_id = ?"
        params.append(run_id)
    out = []
    for r in store.db.query(sql + " ORDER BY x.id", params):
        d = decision_from_row(r)
        out.append(
            PendingApproval(
                d,
                r["line_row"],
                r["line_order"],
                r["hit_name"] or "",
                r["hit_score"],
                str(d.provenance.get("safeguard", "")),
            )
        )
    return out


def approve(store: Store, decision_id: int, *, justification: str = "") -> Decision:
    return _settle(store, decision_id, "approved", justification)


def reject(store: Store, decision_id: int, *, justification: str) -> Decision:
    if not justification.strip():
        raise DecisionError("rejecting a decision needs a justification")
    return _settle(store, decision_id, "rejected", justification)


def approve_batch(store: Store, batch_id: int, *, justification: str = "") -> list[Decision]:
    """Approve every pending decision of a bulk decision, in one transaction."""
    ids = [
        r[0]
        for r in store.db.conn.execute(
            "SELECT t.decision_id FROM decision_terms t LEFT JOIN decision_approvals a"
            " ON a.decision_id = t.decision_id WHERE t.batch_id = ? AND t.needs_approval = 1"
            " AND a.id IS NULL ORDER BY t.decision_id",
            [batch_id],
        )
    ]
    if not ids:
        raise DecisionError(f"batch {batch_id} has no decision awaiting approval")
    with store.write():
        return [_settle(store, i, "approved", justification) for i in ids]


def _settle(store: Store, decision_id: int, verdict: str, justification: str) -> Decision:
    user, host = operator_identity()
    with store.write() as db:
        rows = list(db.query(DECISION_SELECT + " WHERE d.id = ?", [decision_id]))
        if not rows:
            raise DecisionError(f"no decision with id {decision_id}")
        d = decision_from_row(rows[0])
        if not d.needs_approval:
            raise DecisionError(f"decision {decision_id} needs no approval: it is in force")
        if d.approval is not None:
            raise DecisionError(f"decision {decision_id} was already {d.approval}")
        if d.operator == user:
            raise DecisionError(
                f"decision {decision_id} was recorded by {user}: a second person must"
                f" {'approve' if verdict == 'approved' else 'reject'} it"
            )
        chain = ChainWriter(db)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        chain.append(
            "decision_approvals",
            {
                "decision_id": decision_id,
                "verdict": verdict,
                "justification": justification.strip(),
                "operator": user,
                "host": host,
                "decided_at": now,
            },
        )
        if verdict == "approved" and d.provenance.get("remember") and d.hit_id is not None:
            writer = DecisionWriter(db, load_policy(), chain)
            name, facts, entry_hash = writer.hit_of(d.line_id, d.hit_id)
            until = d.provenance.get("remember_until")
            expires = date.fromisoformat(until) if until else None
            writer.remember(name, facts, entry_hash, d.justification, d.id, expires)
    rows = list(store.db.query(DECISION_SELECT + " WHERE d.id = ?", [decision_id]))
    return decision_from_row(rows[0])
