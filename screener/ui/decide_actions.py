"""Record what a decide dialog asked for, through the one core call that fits it.

A hit, a finding or the whole line: `decisions.record_decision`; the line's open items: one
record per item, linked as a batch (`bulk.decide_many`); a release: `licence_cover.
release_with_licence` (the decision and the draw-down together). Errors are the core's
`ScreenerError` with its one-line message, for the page to show.
"""

from __future__ import annotations

from dataclasses import dataclass

from screener.core.record.database.store import Store
from screener.core.record.review import bulk, decisions
from screener.core.record.review.licence_cover import release_with_licence
from screener.ui.dialogs.decide_dialog import DecisionRequest


@dataclass(frozen=True, slots=True)
class Recorded:
    message: str  # for the status bar
    pending: int  # decisions waiting for a second approval


def record_request(store: Store, line_id: int, row: int, request: DecisionRequest) -> Recorded:
    label = request.action.label
    if request.licence_id is not None:
        release = release_with_licence(
            store,
            line_id=line_id,
            licence_id=request.licence_id,
            justification=request.justification,
            hit_id=request.hit_id,
            reason=request.reason,
        )
        pending = _pending(store, line_id, release.decision_id)
        return Recorded(
            f"Recorded: {label} on row {row} under licence {release.licence.label}"
            + (" — pending a second approval" if pending else ""),
            pending,
        )
    if request.open_items:
        targets = bulk.open_targets(store, [line_id])
        if targets:
            result = bulk.decide_many(
                store,
                targets,
                action=request.action,
                justification=request.justification,
                reason=request.reason,
                scope=f"the open items of row {row}",
            )
            n = len(result.decisions)
            return Recorded(
                f"Recorded: {label} on {n} open item{'' if n == 1 else 's'} of row {row}"
                + (f" — {result.pending} pending a second approval" if result.pending else ""),
                result.pending,
            )
    d = decisions.record_decision(
        store,
        line_id=line_id,
        action=request.action,
        justification=request.justification,
        hit_id=request.hit_id,
        finding_key=request.finding_key,
        reason=request.reason,
        remember=request.remember,
        remember_until=request.remember_until,
    )
    return Recorded(
        f"Recorded: {label} on row {row}" + (" — pending a second approval" if d.pending else ""),
        int(d.pending),
    )


def _pending(store: Store, line_id: int, decision_id: int) -> int:
    return sum(d.pending for d in decisions.decision_history(store, line_id) if d.id == decision_id)
