"""Carry-forward: decisions of an earlier screening of the same file, where nothing changed.

    plan = carry_forward_offer(store, run_id)     # None, or what could be carried (the offer)
    plan.offer                                    # "this file was screened in run 12 on ...: 40
                                                  #  decisions can be carried forward"
    result = carry_forward(store, run_id)         # records them; None when nothing to carry

The earlier run is the newest one before `run_id` holding decisions that screened the same file
(same sha256: lines matched by row) or, failing that, the same order lines (same order and
line numbers). Either way a line only matches one with the same parties, goods and route.

Per item, the earlier run's current decision is carried when its evidence is unchanged: a hit
of the same party on the same list entry with the same entry content hash and the same score
band, or the same finding (`finding_key`: code and reason). Changed evidence re-opens the item
(`CarryPlan.reopened` says why). A carried decision is a new chained record citing the original
("carried forward from run 12, decision 345"); it needs no second approval, since the original
passed the safeguards on the same evidence. Items already decided in the new run are left alone,
so carrying twice carries nothing the second time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from screener.core.record import runs
from screener.core.record.database.store import Store
from screener.core.record.review.decision_model import Decision, Target, party_key
from screener.core.record.review.decision_writer import DecisionWriter
from screener.core.record.review.line_state import LineState, lines_states
from screener.core.rules.policy import Policy, load_policy

_CANDIDATES = 50  # earlier runs with decisions looked at, newest first


@dataclass(frozen=True, slots=True)
class Carry:
    target: Target  # the item in the new run
    row: int
    original: Decision


@dataclass(frozen=True, slots=True)
class Reopened:
    row: int
    what: str  # "hit 55 (ofac_sdn 1234)" / "finding embargo"
    original: Decision
    why: str


@dataclass(frozen=True, slots=True)
class CarryPlan:
    run_id: int
    source: runs.Run  # the earlier run
    basis: str  # "same file" | "same order lines"
    lines_matched: int
    carries: tuple[Carry, ...]
    reopened: tuple[Reopened, ...]

    @property
    def offer(self) -> str:
        what = "this file" if self.basis == "same file" else "these order lines"
        text = (
            f"{what} {'was' if self.basis == 'same file' else 'were'} screened in run"
            f" {self.source.id} on {self.source.started_at:%Y-%m-%d}: {len(self.carries)}"
            f" decision{'' if len(self.carries) == 1 else 's'} can be carried forward"
        )
        if self.reopened:
            text += f" ({len(self.reopened)} re-opened: their evidence changed)"
        return text


@dataclass(frozen=True, slots=True)
class CarryResult:
    plan: CarryPlan
    decisions: tuple[Decision, ...]


def score_band(score: float, policy: Policy) -> str:
    """Exact (at or above the policy's near-exact score), else 5-point steps."""
    if score >= policy.near_exact_score:
        return "exact"
    return f"{math.floor(round(score * 20, 6)) / 20:.2f}"


def carry_forward_offer(
    store: Store, run_id: int, *, from_run_id: int | None = None, policy: Policy | None = None
) -> CarryPlan | None:
    """What carrying forward into `run_id` would do; None when no earlier screening matches."""
    policy = policy or load_policy()
    run = runs.get_run(store, run_id)
    for source, basis in _sources(store, run, from_run_id):
        plan = _plan(store, run, source, basis, policy)
        if plan.lines_matched:
            return plan
    return None


def carry_forward(
    store: Store,
    run_id: int,
    *,
    from_run_id: int | None = None,
    policy: Policy | None = None,
    plan: CarryPlan | None = None,
) -> CarryResult | None:
    """Record the carried decisions of `carry_forward_offer` (one transaction); `plan`: the
    offer just shown and accepted (else it is worked out again)."""
    policy = policy or load_policy()
    if plan is None:
        plan = carry_forward_offer(store, run_id, from_run_id=from_run_id, policy=policy)
    if plan is None:
        return None
    out = []
    with store.write() as db:
        writer = DecisionWriter(db, policy)
        writer.prefetch(c.target.line_id for c in plan.carries)
        for c in plan.carries:
            o = c.original
            out.append(
                writer.record(
                    c.target,
                    o.action,
                    f"carried forward from run {o.run_id}, decision {o.id}: {o.justification}",
                    reason=o.reason,
                    carried_from=o.id,
                    provenance={
                        "carried_from_run": o.run_id,
                        "carried_from_decision": o.id,
                        "basis": plan.basis,
                        "original_operator": o.operator,
                        "original_approval": o.approval,
                    },
                    safeguarded=False,
                )
            )
    return CarryResult(plan, tuple(out))


def describe(result: CarryResult | None) -> str:
    """One paragraph for the command line."""
    if result is None:
        return "nothing to carry forward: no earlier screening of this file holds decisions"
    plan = result.plan
    text = (
        f"carried forward {len(result.decisions)} decisions from run {plan.source.id}"
        f" ({plan.basis}, {plan.lines_matched} lines matched)"
    )
    for r in plan.reopened[:20]:
        text += f"\n  re-opened: row {r.row} {r.what}: {r.why}"
    if len(plan.reopened) > 20:
        text += f"\n  ... and {len(plan.reopened) - 20} more re-opened"
    return text


def _sources(
    store: Store, run: runs.Run, from_run_id: int | None
) -> Iterator[tuple[runs.Run, str]]:
    if from_run_id is not None:
        source = runs.get_run(store, from_run_id)
        yield source, "same file" if source.file_sha256 == run.file_sha256 else "same order lines"
        return
    ids = [
        r[0]
        for r in store.db.conn.execute(
            "SELECT DISTINCT run_id FROM decisions WHERE run_id < ? ORDER BY run_id DESC LIMIT ?",
            [run.id, _CANDIDATES],
        )
    ]
    candidates = [runs.get_run(store, i) for i in ids]
    for c in candidates:
        if c.file_sha256 == run.file_sha256:
            yield c, "same file"
    for c in candidates:
        if c.file_sha256 != run.file_sha256:
            yield c, "same order lines"


@dataclass(frozen=True, slots=True)
class _Line:
    """What matching needs of a stored line (its cells are never read: a run may hold
    100,000 lines)."""

    id: int
    row: int
    order_no: str
    line_no: str
    parties: str  # JSON, as stored
    description: str
    hs_code: str
    destination: str
    transit: str  # JSON
    reasons: str  # JSON

    def signature(self) -> tuple[Any, ...]:
        parties = tuple(
            sorted(
                (
                    str(p.get("role", "")),
                    party_key(str(p.get("name", ""))),
                    str(p.get("country", "")),
                )
                for p in json.loads(self.parties)
            )
        )
        transit = tuple(json.loads(self.transit))
        return (parties, self.hs_code, self.description, self.destination, transit)


_LIGHT = (
    "SELECT id, row, order_no, line_no, parties, description, hs_code, destination, transit,"
    " reasons FROM lines WHERE run_id = ?"
)


def _matched_lines(
    store: Store, new_run: int, old_run: int, basis: str
) -> list[tuple[_Line, _Line]]:
    def key(line: _Line) -> Any:
        return line.row if basis == "same file" else (line.order_no, line.line_no)

    decided = {
        r[0]
        for r in store.db.conn.execute("SELECT line_id FROM decisions WHERE run_id = ?", [old_run])
    }
    old: dict[Any, _Line | None] = {}
    for values in store.db.conn.execute(_LIGHT, [old_run]):
        line = _Line(*values)
        if basis == "same file" or line.order_no:
            old[key(line)] = None if key(line) in old else line  # ambiguous twice: no match
    wanted = {k: v for k, v in old.items() if v is not None and v.id in decided}
    pairs = []
    for values in store.db.conn.execute(_LIGHT + " ORDER BY row", [new_run]):
        line = _Line(*values)
        was = wanted.get(key(line))
        if was is not None and was.signature() == line.signature():
            pairs.append((was, line))
    return pairs


def _plan(store: Store, run: runs.Run, source: runs.Run, basis: str, policy: Policy) -> CarryPlan:
    pairs = _matched_lines(store, run.id, source.id, basis)
    old_ids, new_ids = [w.id for w, _ in pairs], [n.id for _, n in pairs]
    old_states, new_states = lines_states(store, old_ids), lines_states(store, new_ids)
    old_hits, new_hits = runs.hits_of_lines(store, old_ids), runs.hits_of_lines(store, new_ids)
    carries: list[Carry] = []
    reopened: list[Reopened] = []
    for was, line in pairs:
        _pair(
            was,
            line,
            old_states[was.id],
            new_states[line.id],
            old_hits,
            new_hits,
            policy,
            carries,
            reopened,
        )
    unique: dict[Target, Carry] = {}
    for c in carries:
        unique.setdefault(c.target, c)  # one carried decision per item
    return CarryPlan(run.id, source, basis, len(pairs), tuple(unique.values()), tuple(reopened))


def _pair(
    was: _Line,
    line: _Line,
    old: LineState,
    new: LineState,
    old_hits: dict[int, runs.StoredHit],
    new_hits: dict[int, runs.StoredHit],
    policy: Policy,
    carries: list[Carry],
    reopened: list[Reopened],
) -> None:
    def who(h: runs.StoredHit) -> tuple[str, str, str, str]:
        return (h.role, party_key(h.party_name), h.source, h.entry_id)

    open_new = [s.item for s in new.items if s.current is None and s.pending is None]
    new_by_who = {who(new_hits[i.hit_id]): i for i in open_new if i.hit_id is not None}
    new_findings = {i.finding_key: i for i in open_new if i.finding_key is not None}
    new_codes = {str(k).split(":")[0] for k in new_findings}
    for s in old.items:
        d = s.current
        if d is None:
            continue
        item = s.item
        if item.hit_id is not None:
            h = old_hits[item.hit_id]
            match = new_by_who.get(who(h))
            if match is None:
                continue  # the hit is gone, suppressed, or decided already
            now = new_hits[match.hit_id]  # type: ignore[index]
            what = f"hit {now.id} ({now.source} {now.entry_id})"
            if now.entry_hash != h.entry_hash:
                reopened.append(Reopened(line.row, what, d, "the listed entry changed"))
            elif score_band(now.score, policy) != score_band(h.score, policy):
                why = f"the score moved from {h.score:.0%} to {now.score:.0%}"
                reopened.append(Reopened(line.row, what, d, why))
            else:
                carries.append(Carry(Target(line.id, match.hit_id), line.row, d))
        elif item.finding_key is not None:
            if item.finding_key in new_findings:
                carries.append(Carry(Target(line.id, None, item.finding_key), line.row, d))
            elif item.finding_key.split(":")[0] in new_codes:
                code = item.finding_key.split(":")[0]
                reopened.append(Reopened(line.row, f"finding {code}", d, "the finding changed"))
        elif any(i.kind == "line" for i in open_new):
            if was.reasons == line.reasons:
                carries.append(Carry(Target(line.id), line.row, d))
            else:
                reopened.append(Reopened(line.row, "the line", d, "its reasons changed"))
