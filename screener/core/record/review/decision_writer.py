"""Recording decisions inside one write transaction: checks, safeguards, chained rows.

One writer serves a single decision (`decisions.record_decision`), a bulk decision over
thousands of hits and a carry-forward alike: it reads the lines, hits and earlier decisions it
checks against 500 lines at a time, so a bulk decision costs a few queries, not a few per hit.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlite_utils import Database

from screener.core.record.chain.writer import ChainWriter, operator_identity
from screener.core.record.review.decision_model import (
    Action,
    Decision,
    DecisionError,
    ReasonCode,
    Target,
    party_key,
)
from screener.core.record.review.line_state import PARTY_FINDINGS, finding_key
from screener.core.record.review.safeguards import NONE, HitFacts, Safeguard, check, safeguard_for
from screener.core.rules.policy import Policy

LICENCE_KEY = "licence_id"  # the provenance key naming a release's licence


@dataclass(slots=True)
class _Hit:
    facts: HitFacts
    party_name: str
    entry_hash: str
    suppressed: bool


@dataclass(slots=True)
class _Line:
    run_id: int
    verdict: str
    findings: dict[str, dict[str, Any]]  # finding key -> finding
    hits: dict[int, _Hit] = field(default_factory=dict)

    def open_findings(self) -> list[dict[str, Any]]:
        return [
            f
            for f in self.findings.values()
            if f.get("code") not in PARTY_FINDINGS and f.get("severity") in ("review", "block")
        ]


def reason_code(value: ReasonCode | str | None) -> ReasonCode | None:
    if value is None or value == "":
        return None
    try:
        return ReasonCode(value)
    except ValueError:
        known = ", ".join(r.value for r in ReasonCode)
        raise DecisionError(f"unknown reason {value!r} (use one of: {known})") from None


class LineFacts:
    """What checking a decision reads of its line: verdict, findings, hits, earlier decisions
    (`last`: the newest decision per target, for `supersedes`)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.lines: dict[int, _Line] = {}
        self.last: dict[Target, int] = {}
        self._decisions_read: set[int] = set()

    def prefetch(self, line_ids: Iterable[int], *, decisions: bool = True) -> None:
        """Read what checking decisions on these lines needs, 500 lines per query.

        Lines and hits are append-only, so they may be read before the write lock is taken
        (`decisions=False`); earlier decisions change under other writers and are read under
        it, so `supersedes` always names the newest."""
        ids = set(line_ids)
        self._read_lines(sorted(i for i in ids if i not in self.lines))
        if decisions:
            self._read_decisions(sorted(i for i in ids if i not in self._decisions_read))

    def _read_lines(self, wanted: list[int]) -> None:
        conn = self.db.conn
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for line_id, run_id, verdict, findings in conn.execute(
                f"SELECT id, run_id, verdict, findings FROM lines WHERE id IN ({marks})", chunk
            ):
                keyed = {finding_key(f): f for f in json.loads(findings)}
                self.lines[line_id] = _Line(run_id, verdict, keyed)
            for (
                hit_id,
                line_id,
                name,
                source,
                sub,
                entry_id,
                entry_hash,
                score,
                sup,
            ) in conn.execute(
                "SELECT id, line_id, party_name, source, sub_source, entry_id, entry_hash, score,"
                f" suppressed_by FROM hits WHERE line_id IN ({marks})",
                chunk,
            ):
                facts = HitFacts(hit_id, source, sub, score, entry_id)
                self.lines[line_id].hits[hit_id] = _Hit(facts, name, entry_hash, sup is not None)

    def _read_decisions(self, wanted: list[int]) -> None:
        conn = self.db.conn
        self._decisions_read.update(wanted)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for d_id, line_id, hit_id, key in conn.execute(
                "SELECT d.id, d.line_id, d.hit_id, t.finding_key FROM decisions d"
                f" LEFT JOIN decision_terms t ON t.decision_id = d.id WHERE d.line_id IN ({marks})",
                chunk,
            ):
                target = Target(line_id, hit_id, key)
                self.last[target] = max(d_id, self.last.get(target, 0))

    def covered(self, target: Target) -> tuple[_Line, list[_Hit], list[dict[str, Any]]]:
        """The line, and the hits and findings a decision on `target` covers."""
        self.prefetch([target.line_id])
        line = self.lines.get(target.line_id)
        if line is None:
            raise DecisionError(f"no screened line with id {target.line_id}")
        if target.hit_id is not None:
            hit = line.hits.get(target.hit_id)
            if hit is None:
                raise DecisionError(f"hit {target.hit_id} does not belong to line {target.line_id}")
            return line, [hit], []
        if target.finding_key is not None:
            finding = line.findings.get(target.finding_key)
            if finding is None:
                raise DecisionError(
                    f"line {target.line_id} has no finding {target.finding_key}"
                    f" (its findings: {', '.join(line.findings) or 'none'})"
                )
            return line, [], [finding]
        return line, [h for h in line.hits.values() if not h.suppressed], line.open_findings()

    def guard(self, policy: Policy, target: Target, action: Action | str) -> Safeguard:
        """Whether a decision on `target` is safeguarded (and four-eyes), before recording."""
        line, hits, findings = self.covered(target)
        facts = [h.facts for h in hits]
        return safeguard_for(
            policy, Action(action), verdict=line.verdict, hits=facts, findings=findings
        )


class DecisionWriter:
    """Appends decisions in the caller's open transaction (`with store.write() as db`)."""

    def __init__(
        self,
        db: Database,
        policy: Policy,
        chain: ChainWriter | None = None,
        facts: LineFacts | None = None,
    ) -> None:
        self.db = db
        self.policy = policy
        self.chain = chain or ChainWriter(db)
        self.user, self.host = operator_identity()
        self.now = datetime.now(UTC).isoformat(timespec="seconds")
        self.facts = facts or LineFacts(db)  # `facts`: lines and hits read before the lock

    def prefetch(self, line_ids: Iterable[int]) -> None:
        self.facts.prefetch(line_ids)

    def record(
        self,
        target: Target,
        action: Action | str,
        justification: str,
        *,
        reason: ReasonCode | str | None = None,
        remember: bool = False,
        remember_until: date | None = None,
        batch_id: int | None = None,
        carried_from: int | None = None,
        provenance: Mapping[str, Any] | None = None,
        safeguarded: bool = True,
    ) -> Decision:
        """Check and append one decision; `safeguarded=False` only for a carried decision,
        whose original already passed the safeguards on the same evidence."""
        action = Action(action)
        code = reason_code(reason)
        justification = justification.strip()
        if not justification:
            raise DecisionError("a decision needs a justification")
        line, hits, findings = self.facts.covered(target)
        if remember and (target.hit_id is None or action is not Action.CLEARED):
            raise DecisionError("only a hit cleared as a false positive can be remembered")
        if action is Action.RELEASED_WITH_LICENCE and carried_from is None:
            self._check_licence(provenance)
        guard = NONE
        if safeguarded:
            guard = safeguard_for(
                self.policy,
                action,
                verdict=line.verdict,
                hits=[h.facts for h in hits],
                findings=findings,
            )
            check(guard, self.policy, code, justification)
        extra = dict(provenance or {})
        if guard.applies:
            extra["safeguard"] = guard.why
        if remember and guard.needs_approval:  # remembered once approved, not before
            extra["remember"] = True
            extra["remember_until"] = remember_until.isoformat() if remember_until else None
        prev = self.facts.last.get(target)
        decision_id = self.chain.append(
            "decisions",
            {
                "run_id": line.run_id,
                "line_id": target.line_id,
                "hit_id": target.hit_id,
                "action": action.value,
                "justification": justification,
                "operator": self.user,
                "host": self.host,
                "decided_at": self.now,
                "supersedes": prev,
            },
        )
        self.facts.last[target] = decision_id
        if target.finding_key or code or guard.needs_approval or batch_id or carried_from or extra:
            self.chain.append(
                "decision_terms",
                {
                    "decision_id": decision_id,
                    "finding_key": target.finding_key,
                    "reason_code": code.value if code else None,
                    "needs_approval": int(guard.needs_approval),
                    "batch_id": batch_id,
                    "carried_from": carried_from,
                    "provenance": json.dumps(extra, sort_keys=True, ensure_ascii=False),
                },
            )
        if remember and not guard.needs_approval:
            hit = line.hits[target.hit_id]  # type: ignore[index]  # remember implies a hit
            self.remember(
                hit.party_name,
                hit.facts,
                hit.entry_hash,
                justification,
                decision_id,
                remember_until,
            )
        return Decision(
            decision_id,
            line.run_id,
            target.line_id,
            target.hit_id,
            action,
            justification,
            self.user,
            self.host,
            datetime.fromisoformat(self.now),
            prev,
            finding_key=target.finding_key,
            reason=code,
            needs_approval=guard.needs_approval,
            batch_id=batch_id,
            carried_from=carried_from,
            provenance=extra,
        )

    def _check_licence(self, provenance: Mapping[str, Any] | None) -> None:
        """A release names a registered licence (`licence_cover.release_with_licence` passes
        it with its draw-down); a carried release cites its original instead."""
        licence_id = (provenance or {}).get(LICENCE_KEY)
        known = (
            isinstance(licence_id, int)
            and self.db.conn.execute(
                "SELECT 1 FROM licences WHERE id = ? AND licence_id IS NULL", [licence_id]
            ).fetchone()
        )
        if not known:
            raise DecisionError(
                "released with licence needs a licence from the register: release the line"
                " with its licence (decide line ... released_with_licence --licence ID)"
            )

    def remember(
        self,
        party_name: str,
        hit: HitFacts,
        entry_hash: str,
        reason: str,
        decision_id: int,
        until: date | None,
    ) -> None:
        """Accept "party is not this entry" for later runs (see decisions.AcceptedMatch)."""
        self.chain.append(
            "accepted_matches",
            {
                "party_key": party_key(party_name),
                "party_name": party_name,
                "source": hit.source,
                "entry_id": hit.entry_id,
                "entry_hash": entry_hash,
                "reason": reason,
                "expires_on": until.isoformat() if until else None,
                "decision_id": decision_id,
                "revokes": None,
                "operator": self.user,
                "created_at": self.now,
            },
        )

    def hit_of(self, line_id: int, hit_id: int) -> tuple[str, HitFacts, str]:
        """(party name, facts, entry hash) of a hit already prefetched."""
        self.facts.prefetch([line_id])
        hit = self.facts.lines[line_id].hits[hit_id]
        return hit.party_name, hit.facts, hit.entry_hash
