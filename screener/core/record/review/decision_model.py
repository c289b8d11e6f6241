"""The decision records as values: actions, reason codes, decisions and what they apply to.

Kept apart from `decisions.py` (recording and reading) so the line-state derivation, the
safeguards and the writer share one model without importing each other.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from screener.core.errors import ScreenerError


class Action(StrEnum):
    CLEARED = "cleared"  # false positive: the party is not the listed entry
    HOLD = "hold"
    ESCALATED = "escalated"
    BLOCKED = "blocked"
    RELEASED_WITH_LICENCE = "released_with_licence"

    @property
    def label(self) -> str:
        return {
            "cleared": "Cleared (false positive)",
            "hold": "Hold",
            "escalated": "Escalated",
            "blocked": "Blocked",
            "released_with_licence": "Released with licence",
        }[self.value]

    @property
    def severity(self) -> int:
        """Rank for a line's outcome: the most severe current decision wins."""
        return _SEVERITY[self]


_SEVERITY = {
    Action.CLEARED: 0,
    Action.RELEASED_WITH_LICENCE: 1,
    Action.ESCALATED: 2,
    Action.HOLD: 3,
    Action.BLOCKED: 4,
}


class ReasonCode(StrEnum):
    """Why a party is not the listed entry: the fixed set a safeguarded decision must name."""

    DIFFERENT_DOB = "different_dob"
    DIFFERENT_COUNTRY = "different_country"
    DIFFERENT_IDENTIFIER = "different_identifier"
    DIFFERENT_ENTITY_TYPE = "different_entity_type"
    DIFFERENT_PARTY = "different_party"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "different_dob": "Different date of birth",
            "different_country": "Different country",
            "different_identifier": "Different identifier",
            "different_entity_type": "Different entity type",
            "different_party": "Different person/company",
            "other": "Other",
        }[self.value]


class DecisionError(ScreenerError):
    pass


def party_key(name: str) -> str:
    """The key an accepted false positive is remembered under: case- and spacing-insensitive."""
    return " ".join(name.casefold().split())


@dataclass(frozen=True, slots=True)
class Target:
    """What one decision applies to: a hit, a goods/route finding, or (neither) the whole line."""

    line_id: int
    hit_id: int | None = None
    finding_key: str | None = None

    def __post_init__(self) -> None:
        if self.hit_id is not None and self.finding_key is not None:
            raise DecisionError("a decision applies to a hit or to a finding, not both")

    @property
    def whole_line(self) -> bool:
        return self.hit_id is None and self.finding_key is None


@dataclass(frozen=True, slots=True)
class Decision:
    id: int
    run_id: int
    line_id: int
    hit_id: int | None
    action: Action
    justification: str
    operator: str
    host: str
    decided_at: datetime
    supersedes: int | None
    finding_key: str | None = None
    reason: ReasonCode | None = None
    needs_approval: bool = False
    approval: str | None = None  # approved | rejected | None (not yet, or not needed)
    batch_id: int | None = None
    carried_from: int | None = None
    provenance: dict[str, Any] = field(default_factory=dict)

    @property
    def target(self) -> Target:
        return Target(self.line_id, self.hit_id, self.finding_key)

    @property
    def effective(self) -> bool:
        """In force: needs no second approval, or has it."""
        return not self.needs_approval or self.approval == "approved"

    @property
    def pending(self) -> bool:
        return self.needs_approval and self.approval is None

    @property
    def status(self) -> str:
        if not self.needs_approval:
            return "recorded"
        return {"approved": "approved", "rejected": "rejected"}.get(
            self.approval or "", "pending approval"
        )


# Every decision with its terms and approval; `WHERE`/`ORDER BY` are appended by the caller.
DECISION_SELECT = (
    "SELECT d.*, t.finding_key, t.reason_code, t.needs_approval, t.batch_id, t.carried_from,"
    " t.provenance, a.verdict AS approval FROM decisions d"
    " LEFT JOIN decision_terms t ON t.decision_id = d.id"
    " LEFT JOIN decision_approvals a ON a.decision_id = d.id"
)


def decision_from_row(r: dict[str, Any]) -> Decision:
    """A `decisions` row (with the columns of `DECISION_SELECT`, if read with it)."""
    reason = r.get("reason_code")
    provenance = r.get("provenance")
    return Decision(
        r["id"],
        r["run_id"],
        r["line_id"],
        r["hit_id"],
        Action(r["action"]),
        r["justification"],
        r["operator"],
        r["host"],
        datetime.fromisoformat(r["decided_at"]),
        r["supersedes"],
        finding_key=r.get("finding_key"),
        reason=ReasonCode(reason) if reason else None,
        needs_approval=bool(r.get("needs_approval")),
        approval=r.get("approval"),
        batch_id=r.get("batch_id"),
        carried_from=r.get("carried_from"),
        provenance=json.loads(provenance) if provenance else {},
    )
