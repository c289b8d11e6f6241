"""Officer decisions on screened hits, findings and lines, and remembered false positives.

The API (what the GUI, the CLI and the report use; see also `line_state`, `approvals`,
`bulk`, `carry_forward`):

    record_decision(store, *, line_id, action, justification, hit_id=None, finding_key=None,
                    reason=None, remember=False, remember_until=None, policy=None,
                    provenance=None, chain=None) -> Decision
    safeguard_for_target(store, Target(line_id, hit_id, finding_key), action, policy=None)
        -> Safeguard  # .applies / .why / .needs_approval: what the dialog must ask for
    decision_history(store, line_id) -> list[Decision]        # oldest first, terms included
    latest_decisions(store, run_id) -> dict[int, Decision]    # decided lines: their outcome's
    latest_decisions_for_lines(store, line_ids) -> dict[int, Decision]
    line_state.run_line_states(store, run_id) -> dict[int, LineState]
    line_state.lines_states(store, line_ids) -> dict[int, LineState]
    line_state.run_counts(store, run_id) -> DecisionCounts

A decision applies to one hit (`hit_id`), one goods/route finding (`finding_key`, see
`line_state.finding_key`) or, naming neither, to every item of the line. Decisions of
databases from before hit-level decisions have no terms and keep their meaning: one on a hit
applies to that hit, one on the line to all the line's items, the newest winning per item.

A decision is never edited: a correction is a new decision that `supersedes` the previous one
for the same target. Every decision needs a justification and records who (`audit.
operator_identity()`, never the caller) and when. Safeguarded decisions (`safeguards`) also need
a `reason` code, a longer justification and, by policy, a second person's approval
(`approvals.approve`) before they count; until then they are "pending approval".

`record_decision` runs in its own transaction, or inside the caller's `store.write()`; a caller
appending chained rows of its own in that transaction passes its `ChainWriter` as `chain`, so
the chain stays one sequence. `provenance` (a JSON-able mapping, e.g. a licence reference) is
recorded with the decision.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from screener.core.record.chain.writer import ChainWriter, operator_identity
from screener.core.record.database.store import Store
from screener.core.record.review.decision_model import (
    DECISION_SELECT,
    Action,
    Decision,
    DecisionError,
    ReasonCode,
    Target,
    decision_from_row,
    party_key,
)
from screener.core.record.review.decision_writer import DecisionWriter, LineFacts
from screener.core.record.review.line_state import LineStatus, lines_states, run_line_states
from screener.core.record.review.safeguards import Safeguard
from screener.core.rules.policy import Policy, load_policy

__all__ = [
    "AcceptedMatch",
    "Action",
    "Decision",
    "DecisionError",
    "ReasonCode",
    "Target",
    "active_accepted_matches",
    "decision_history",
    "latest_decisions",
    "latest_decisions_for_lines",
    "party_key",
    "record_decision",
    "revoke_accepted_match",
    "safeguard_for_target",
]

_decision = decision_from_row  # the name older callers import


@dataclass(frozen=True, slots=True)
class AcceptedMatch:
    """ "Party X is not list entry Y": suppresses that pairing in later runs until it expires
    or the listed entry's content changes."""

    id: int
    party_key: str
    party_name: str
    source: str
    entry_id: str
    entry_hash: str
    reason: str
    expires_on: date | None
    operator: str
    created_at: datetime


def record_decision(
    store: Store,
    *,
    line_id: int,
    action: Action | str,
    justification: str,
    hit_id: int | None = None,
    finding_key: str | None = None,
    reason: ReasonCode | str | None = None,
    remember_until: date | None = None,
    remember: bool = False,
    policy: Policy | None = None,
    provenance: Mapping[str, Any] | None = None,
    chain: ChainWriter | None = None,
) -> Decision:
    """Record a decision; `remember` (a cleared hit only) also accepts the false positive.

    Refused with `DecisionError` (one line) when the target is not of the line, or a
    safeguarded decision lacks its reason or justification. A four-eyes decision is
    recorded as pending approval (`Decision.pending`)."""
    target = Target(line_id, hit_id, finding_key)
    policy = policy or load_policy()
    # The line and its hits never change: read them before taking the record's write lock,
    # which other officers wait for; earlier decisions and the chain head are read under it.
    facts = LineFacts(store.db)
    facts.prefetch([line_id], decisions=False)
    with store.write() as db:
        writer = DecisionWriter(db, policy, chain, facts)
        return writer.record(
            target,
            action,
            justification,
            reason=reason,
            remember=remember,
            remember_until=remember_until,
            provenance=provenance,
        )


def safeguard_for_target(
    store: Store, target: Target, action: Action | str, *, policy: Policy | None = None
) -> Safeguard:
    """Before recording: does this decision need a reason code and the policy's justification
    length (`.applies`, `.why`), and a second approval (`.needs_approval`)? For a dialog."""
    return LineFacts(store.db).guard(policy or load_policy(), target, action)


def decision_history(store: Store, line_id: int) -> list[Decision]:
    """Every decision on a line, oldest first, superseded ones included."""
    return [
        decision_from_row(r)
        for r in store.db.query(DECISION_SELECT + " WHERE d.line_id = ? ORDER BY d.id", [line_id])
    ]


def latest_decisions(store: Store, run_id: int) -> dict[int, Decision]:
    """Per decided line of a run, the current decision that gives its outcome (the most
    severe); undecided lines, partly decided ones included, are left out."""
    return {
        line_id: s.deciding
        for line_id, s in run_line_states(store, run_id).items()
        if s.status is LineStatus.DECIDED and s.deciding is not None
    }


def latest_decisions_for_lines(store: Store, line_ids: Sequence[int]) -> dict[int, Decision]:
    """As `latest_decisions`, for any lines of any runs."""
    return {
        line_id: s.deciding
        for line_id, s in lines_states(store, line_ids).items()
        if s.status is LineStatus.DECIDED and s.deciding is not None
    }


def active_accepted_matches(store: Store, *, today: date | None = None) -> list[AcceptedMatch]:
    """Remembered false positives that are neither expired nor revoked."""
    today = today or datetime.now(UTC).date()
    revoked = {
        r[0]
        for r in store.db.conn.execute(
            "SELECT revokes FROM accepted_matches WHERE revokes IS NOT NULL"
        )
    }
    out = []
    for r in store.db.query("SELECT * FROM accepted_matches WHERE revokes IS NULL ORDER BY id"):
        expires = date.fromisoformat(r["expires_on"]) if r["expires_on"] else None
        if r["id"] in revoked or (expires is not None and expires < today):
            continue
        out.append(
            AcceptedMatch(
                r["id"],
                r["party_key"],
                r["party_name"],
                r["source"],
                r["entry_id"],
                r["entry_hash"],
                r["reason"],
                expires,
                r["operator"],
                datetime.fromisoformat(r["created_at"]),
            )
        )
    return out


def revoke_accepted_match(store: Store, accepted_id: int, *, reason: str) -> None:
    if not reason.strip():
        raise DecisionError("revoking an accepted match needs a reason")
    user, _host = operator_identity()
    with store.write() as db:
        row = db.conn.execute(
            "SELECT * FROM accepted_matches WHERE id = ?", [accepted_id]
        ).fetchone()
        if row is None:
            raise DecisionError(f"no accepted match with id {accepted_id}")
        cols = [d[0] for d in db.conn.execute("SELECT * FROM accepted_matches LIMIT 0").description]
        orig = dict(zip(cols, row, strict=True))
        ChainWriter(db).append(
            "accepted_matches",
            {
                **{
                    k: orig[k]
                    for k in ("party_key", "party_name", "source", "entry_id", "entry_hash")
                },
                "reason": reason.strip(),
                "expires_on": None,
                "decision_id": None,
                "revokes": accepted_id,
                "operator": user,
                "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            },
        )
