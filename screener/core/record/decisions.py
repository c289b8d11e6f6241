"""Officer decisions on screened lines and hits, and remembered false positives.

A decision is never edited: a correction is a new decision that `supersedes` the previous one
for the same line (and hit). Every decision needs a justification, and records who and when.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from screener.core.errors import ScreenerError
from screener.core.record.audit import ChainWriter, operator_identity
from screener.core.record.store import Store


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


class DecisionError(ScreenerError):
    pass


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


def party_key(name: str) -> str:
    """The key an accepted false positive is remembered under: case- and spacing-insensitive."""
    return " ".join(name.casefold().split())


def record_decision(
    store: Store,
    *,
    line_id: int,
    action: Action | str,
    justification: str,
    hit_id: int | None = None,
    remember_until: date | None = None,
    remember: bool = False,
    operator: str | None = None,
) -> Decision:
    """Record a decision; `remember` (a cleared hit only) also accepts the false positive."""
    action = Action(action)
    justification = justification.strip()
    if not justification:
        raise DecisionError("a decision needs a justification")
    if remember and (hit_id is None or action is not Action.CLEARED):
        raise DecisionError("only a hit cleared as a false positive can be remembered")
    user, host = operator_identity()
    user = operator or user
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with store.write() as db:
        line = db.conn.execute("SELECT run_id FROM lines WHERE id = ?", [line_id]).fetchone()
        if line is None:
            raise DecisionError(f"no screened line with id {line_id}")
        hit: Any = None
        if hit_id is not None:
            hit = db.conn.execute(
                "SELECT party_name, source, entry_id, entry_hash FROM hits"
                " WHERE id = ? AND line_id = ?",
                [hit_id, line_id],
            ).fetchone()
            if hit is None:
                raise DecisionError(f"hit {hit_id} does not belong to line {line_id}")
        prev = db.conn.execute(
            "SELECT max(id) FROM decisions WHERE line_id = ? AND hit_id IS ?", [line_id, hit_id]
        ).fetchone()[0]
        chain = ChainWriter(db)
        decision_id = chain.append(
            "decisions",
            {
                "run_id": line[0],
                "line_id": line_id,
                "hit_id": hit_id,
                "action": action.value,
                "justification": justification,
                "operator": user,
                "host": host,
                "decided_at": now,
                "supersedes": prev,
            },
        )
        if remember:
            chain.append(
                "accepted_matches",
                {
                    "party_key": party_key(hit[0]),
                    "party_name": hit[0],
                    "source": hit[1],
                    "entry_id": hit[2],
                    "entry_hash": hit[3],
                    "reason": justification,
                    "expires_on": remember_until.isoformat() if remember_until else None,
                    "decision_id": decision_id,
                    "revokes": None,
                    "operator": user,
                    "created_at": now,
                },
            )
    return Decision(
        decision_id,
        line[0],
        line_id,
        hit_id,
        action,
        justification,
        user,
        host,
        datetime.fromisoformat(now),
        prev,
    )


def decision_history(store: Store, line_id: int) -> list[Decision]:
    """Every decision on a line, oldest first, superseded ones included."""
    return [
        _decision(r)
        for r in store.db.query("SELECT * FROM decisions WHERE line_id = ? ORDER BY id", [line_id])
    ]


def latest_decisions(store: Store, run_id: int) -> dict[int, Decision]:
    """The current line-level decision (hit_id NULL, else the newest of any) per line of a run."""
    rows = store.db.query("SELECT * FROM decisions WHERE run_id = ? ORDER BY id", [run_id])
    return _current(rows)


def latest_decisions_for_lines(store: Store, line_ids: Sequence[int]) -> dict[int, Decision]:
    """As `latest_decisions`, for any lines of any runs."""
    latest: dict[int, Decision] = {}
    for start in range(0, len(line_ids), 500):  # a line's decisions all fall in its chunk
        chunk = list(line_ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        latest.update(
            _current(
                store.db.query(
                    f"SELECT * FROM decisions WHERE line_id IN ({marks}) ORDER BY id", chunk
                )
            )
        )
    return latest


def _current(rows: Iterable[dict[str, Any]]) -> dict[int, Decision]:
    latest: dict[int, Decision] = {}
    for r in rows:
        d = _decision(r)
        current = latest.get(d.line_id)
        if current is None or d.hit_id is None or current.hit_id is not None:
            latest[d.line_id] = d
    return latest


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


def _decision(r: dict[str, Any]) -> Decision:
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
    )
