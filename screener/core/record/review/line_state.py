"""A line's decision state, derived from its current decisions (never stored).

    states = run_line_states(store, run_id)      # {line_id: LineState}, one pass over the run
    counts = count_states(states.values())       # what the window, the CLI and the report show
    state = derive_line_state(line_id, verdict, items, decisions)   # the pure rule

Items of a line are what needs a decision: every hit not suppressed by an accepted false
positive, and every goods/route finding of severity review or block (`finding_key` keys it
stably: its code and reason). Party findings are decided through their hits. A line that is
not clear but has no such item (an input problem only) has one item, the line itself.

A decision applies to one hit, one finding, or, naming neither, every item of the line (as
every decision of a database from before hit-level decisions does). Per item the newest
effective decision that applies is current; one awaiting a second approval is pending and
changes nothing yet. A line is undecided until each item has a current decision; its outcome
is then the most severe of them (blocked > hold > escalated > released with licence >
cleared). Clear lines need no decision; a decision recorded on one still counts.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any

from screener.core.record.database.store import Store
from screener.core.record.review.decision_model import (
    DECISION_SELECT,
    Action,
    Decision,
    decision_from_row,
)

PARTY_FINDINGS = frozenset({"party_blocking_exact", "party_potential"})
LINE_ITEM = "line"


class LineStatus(StrEnum):
    NO_DECISION_NEEDED = "no_decision_needed"
    UNDECIDED = "undecided"
    PENDING_APPROVAL = "pending_approval"  # every open item has a decision awaiting approval
    DECIDED = "decided"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


@dataclass(frozen=True, slots=True)
class Item:
    """One thing on a line that needs a decision."""

    kind: str  # hit | finding | line
    hit_id: int | None = None
    finding_key: str | None = None
    label: str = ""  # "" for hits (the caller knows them); the reason of a finding

    def covered_by(self, d: Decision) -> bool:
        if d.hit_id is None and d.finding_key is None:
            return True  # a decision on the whole line
        if self.kind == "hit":
            return d.hit_id == self.hit_id
        return self.kind == "finding" and d.finding_key == self.finding_key


@dataclass(frozen=True, slots=True)
class ItemState:
    item: Item
    current: Decision | None  # the effective decision in force
    pending: Decision | None  # a newer decision awaiting its second approval


@dataclass(frozen=True, slots=True)
class LineState:
    line_id: int
    verdict: str
    status: LineStatus
    items: tuple[ItemState, ...]
    worst: Action | None  # most severe current decision so far
    deciding: Decision | None  # the (newest) current decision giving `worst`

    @property
    def outcome(self) -> Action | None:
        """The line's outcome once decided (None while undecided or needing no decision)."""
        return self.worst if self.status is LineStatus.DECIDED else None

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def decided(self) -> int:
        return sum(s.current is not None for s in self.items)

    @property
    def pending(self) -> int:
        return sum(s.current is None and s.pending is not None for s in self.items)

    @property
    def progress(self) -> str:
        """ "2 of 6 hits decided" (or findings, or items when both)."""
        text = f"{self.decided} of {self.total} {self._nouns} decided"
        return text + (f", {self.pending} pending approval" if self.pending else "")

    @property
    def open_items(self) -> str:
        """ "3 hits open": a line nobody has decided anything of yet, in a narrow column."""
        return f"{self.total} {self._nouns} open"

    @property
    def _nouns(self) -> str:
        kinds = {s.item.kind for s in self.items}
        noun = (
            {"hit": "hit", "finding": "finding"}.get(kinds.pop(), "item")
            if len(kinds) == 1
            else "item"
        )
        return noun if self.total == 1 else f"{noun}s"

    @property
    def label(self) -> str:
        """What the table and the report show for the line."""
        if self.status is LineStatus.DECIDED and self.worst is not None:
            return self.worst.label
        if self.status is LineStatus.NO_DECISION_NEEDED:
            return "no decision needed"
        return f"{self.status.label} ({self.progress})"


@dataclass(frozen=True, slots=True)
class DecisionCounts:
    lines: int
    no_decision_needed: int
    undecided: int
    pending_approval: int
    decided: int
    by_outcome: Mapping[Action, int]  # decided lines per outcome

    @property
    def open(self) -> int:
        """Lines still waiting: undecided or pending approval."""
        return self.undecided + self.pending_approval


def finding_key(finding: Mapping[str, Any]) -> str:
    """A finding's stable key: its code and a digest of its reason (the reason names the
    place or goods, so two embargo findings of one line differ, and one rescreened stays)."""
    return f"{finding.get('code', '')}:{_digest(str(finding.get('reason', '')))}"


@lru_cache(maxsize=4096)  # a run repeats a few reasons over thousands of lines
def _digest(reason: str) -> str:
    return hashlib.sha256(reason.encode()).hexdigest()[:12]


def line_items(
    verdict: str, findings: Sequence[Mapping[str, Any]], hit_ids: Sequence[int]
) -> tuple[Item, ...]:
    """What needs a decision on a line (`hit_ids`: its hits not suppressed, best first)."""
    items = [Item("hit", hit_id=h) for h in hit_ids]
    for f in findings:
        if f.get("code") in PARTY_FINDINGS or f.get("severity") not in ("review", "block"):
            continue
        key = finding_key(f)
        if all(i.finding_key != key for i in items):
            items.append(Item("finding", finding_key=key, label=str(f.get("reason", ""))))
    if not items and verdict != "clear":
        items.append(Item(LINE_ITEM, label="the line"))
    return tuple(items)


def derive_line_state(
    line_id: int, verdict: str, items: Sequence[Item], decisions: Iterable[Decision]
) -> LineState:
    """The pure rule (see the module docstring); `decisions`: the line's, any order."""
    ordered = sorted((d for d in decisions if d.approval != "rejected"), key=lambda d: d.id)
    states = []
    for item in items:
        current = pending = None
        for d in ordered:
            if not item.covered_by(d):
                continue
            if d.effective:
                current, pending = d, None
            elif d.pending:
                pending = d
        states.append(ItemState(item, current, pending))
    # A decision on a line with nothing open (a clear line) still shows as its outcome.
    if not items:
        whole = [d for d in ordered if d.effective and d.hit_id is None and d.finding_key is None]
        if whole:
            states.append(ItemState(Item(LINE_ITEM, label="the line"), whole[-1], None))
    currents = [s.current for s in states if s.current is not None]
    worst = max(currents, key=lambda d: (d.action.severity, d.id), default=None)
    if verdict == "clear" and not currents:
        status = LineStatus.NO_DECISION_NEEDED
    elif verdict == "clear" or all(s.current is not None for s in states):
        status = LineStatus.DECIDED
    elif all(s.current is not None or s.pending is not None for s in states):
        status = LineStatus.PENDING_APPROVAL
    else:
        status = LineStatus.UNDECIDED
    return LineState(
        line_id, verdict, status, tuple(states), worst.action if worst else None, worst
    )


def count_states(states: Iterable[LineState]) -> DecisionCounts:
    by_status: Counter[LineStatus] = Counter()
    by_outcome: Counter[Action] = Counter()
    for s in states:
        by_status[s.status] += 1
        if s.outcome is not None:
            by_outcome[s.outcome] += 1
    return DecisionCounts(
        lines=sum(by_status.values()),
        no_decision_needed=by_status[LineStatus.NO_DECISION_NEEDED],
        undecided=by_status[LineStatus.UNDECIDED],
        pending_approval=by_status[LineStatus.PENDING_APPROVAL],
        decided=by_status[LineStatus.DECIDED],
        by_outcome={a: by_outcome[a] for a in Action},
    )


@dataclass(frozen=True, slots=True)
class RunItems:
    """A run's open hits and its decisions, by line: with each line's verdict and findings,
    all its states are derived in the pass that reads the lines (the report's one pass)."""

    hits: Mapping[int, Sequence[int]]
    decisions: Mapping[int, Sequence[Decision]]

    def state(self, line_id: int, verdict: str, findings: Sequence[Mapping[str, Any]]) -> LineState:
        items = line_items(verdict, findings, self.hits.get(line_id, ()))
        return derive_line_state(line_id, verdict, items, self.decisions.get(line_id, ()))


def run_items(store: Store, run_id: int) -> RunItems:
    """Two queries: the run's hits not suppressed (best first) and its decisions."""
    hits: dict[int, list[int]] = {}
    for hit_id, line_id in store.db.conn.execute(
        "SELECT h.id, h.line_id FROM hits h JOIN lines l ON l.id = h.line_id"
        " WHERE l.run_id = ? AND h.suppressed_by IS NULL ORDER BY h.line_id, h.score DESC, h.id",
        [run_id],
    ):
        hits.setdefault(line_id, []).append(hit_id)
    by_line: dict[int, list[Decision]] = {}
    for r in store.db.query(DECISION_SELECT + " WHERE d.run_id = ?", [run_id]):
        d = decision_from_row(r)
        by_line.setdefault(d.line_id, []).append(d)
    return RunItems(hits, by_line)


def run_line_states(store: Store, run_id: int) -> dict[int, LineState]:
    """Every line's state in a run, in row order: three queries, then the pure rule."""
    items = run_items(store, run_id)
    return {
        line_id: items.state(line_id, verdict, json.loads(findings))
        for line_id, verdict, findings in store.db.conn.execute(
            "SELECT id, verdict, findings FROM lines WHERE run_id = ? ORDER BY row", [run_id]
        )
    }


def lines_states(store: Store, line_ids: Sequence[int]) -> dict[int, LineState]:
    """As `run_line_states`, for chosen lines of any runs (a table refreshing a few rows)."""
    out: dict[int, LineState] = {}
    for start in range(0, len(line_ids), 500):
        chunk = list(line_ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        hits: dict[int, list[int]] = {}
        for hit_id, line_id in store.db.conn.execute(
            f"SELECT id, line_id FROM hits WHERE line_id IN ({marks}) AND suppressed_by IS NULL"
            " ORDER BY line_id, score DESC, id",
            chunk,
        ):
            hits.setdefault(line_id, []).append(hit_id)
        by_line: dict[int, list[Decision]] = {}
        for r in store.db.query(DECISION_SELECT + f" WHERE d.line_id IN ({marks})", chunk):
            d = decision_from_row(r)
            by_line.setdefault(d.line_id, []).append(d)
        for line_id, verdict, findings in store.db.conn.execute(
            f"SELECT id, verdict, findings FROM lines WHERE id IN ({marks})", chunk
        ):
            items = line_items(verdict, json.loads(findings), hits.get(line_id, ()))
            out[line_id] = derive_line_state(line_id, verdict, items, by_line.get(line_id, ()))
    return out


def run_counts(store: Store, run_id: int) -> DecisionCounts:
    return count_states(run_line_states(store, run_id).values())
