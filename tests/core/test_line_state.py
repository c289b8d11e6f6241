"""Hit-level decisions: a line's state is derived from the decisions on its hits and findings."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from screener.core.record import audit, runs
from screener.core.record.database.store import Store
from screener.core.record.review import decisions
from screener.core.record.review.decisions import Action
from screener.core.record.review.line_state import (
    LineStatus,
    finding_key,
    lines_states,
    run_counts,
    run_line_states,
)
from screener.core.report import audit_report as report
from tests.core.decision_fixtures import EMBARGO, HS_MISSING, INFO, acting_as, hit, line, store_run


@pytest.fixture(autouse=True)
def _on_both_backends(backend: str) -> str:
    """Every test here runs on the embedded SQLite store and on a team PostgreSQL database."""
    return backend


@pytest.fixture
def store(home: Path) -> Store:
    return Store.open(home)


def _kalashnikov_run(store: Store) -> tuple[int, list[int]]:
    """Row 14 of the field report: one 81% hit and five exact ones, plus a goods finding."""
    hits = [hit(score=0.81, source="opensanctions", entry_id="os-1")] + [
        hit(source=s, entry_id=f"e{i}", score=1.0)
        for i, s in enumerate(("ofac_sdn", "us_csl", "uk_ofsi", "eu_fsf", "un_sc"))
    ]
    return store_run(
        store,
        [
            line(2, "clear", party="Tokyo Precision"),
            line(14, "block", hits=hits, findings=[HS_MISSING, INFO]),
            line(15, "review", findings=[HS_MISSING]),
        ],
    )


def test_clearing_one_hit_leaves_the_line_undecided_and_its_other_hits_open(
    store: Store,
) -> None:
    run_id, (clear_id, line_id, _review_id) = _kalashnikov_run(store)
    hits = runs.line_hits(store, line_id)
    weak = next(h for h in hits if h.score < 0.9)
    decisions.record_decision(
        store, line_id=line_id, hit_id=weak.id, action="cleared", justification="other company"
    )
    state = run_line_states(store, run_id)[line_id]
    assert state.status is LineStatus.UNDECIDED
    assert state.outcome is None
    assert state.progress == "1 of 7 items decided"  # 6 hits + the HS finding (info is not)
    assert state.label == "undecided (1 of 7 items decided)"
    still_open = [s.item.hit_id for s in state.items if s.item.kind == "hit" and s.current is None]
    assert sorted(still_open) == sorted(h.id for h in hits if h.id != weak.id)
    assert line_id not in decisions.latest_decisions(store, run_id)  # not "Cleared" as a line
    assert run_line_states(store, run_id)[clear_id].status is LineStatus.NO_DECISION_NEEDED

    for h in hits:
        if h.id != weak.id:
            decisions.record_decision(
                store, line_id=line_id, hit_id=h.id, action="blocked", justification="listed"
            )
    key = finding_key(HS_MISSING)
    decisions.record_decision(
        store, line_id=line_id, finding_key=key, action="hold", justification="ask for HS"
    )
    state = lines_states(store, [line_id])[line_id]
    assert state.status is LineStatus.DECIDED
    assert state.outcome is Action.BLOCKED  # the most severe of cleared, blocked and hold
    assert decisions.latest_decisions(store, run_id)[line_id].action is Action.BLOCKED


def test_a_line_level_decision_applies_to_every_item_and_a_newer_hit_decision_wins(
    store: Store,
) -> None:
    run_id, (_c, line_id, review_id) = _kalashnikov_run(store)
    # What every decision of a database from before hit-level decisions looks like.
    decisions.record_decision(store, line_id=line_id, action="blocked", justification="SDN")
    decisions.record_decision(store, line_id=review_id, action="hold", justification="ask")
    states = run_line_states(store, run_id)
    assert states[line_id].outcome is Action.BLOCKED
    assert states[review_id].outcome is Action.HOLD  # its only item: the missing HS code
    weak = min(runs.line_hits(store, line_id), key=lambda h: h.score)
    decisions.record_decision(
        store, line_id=line_id, hit_id=weak.id, action="cleared", justification="other firm"
    )
    state = run_line_states(store, run_id)[line_id]
    assert state.outcome is Action.BLOCKED
    by_hit = {s.item.hit_id: s.current.action for s in state.items if s.current}
    assert by_hit[weak.id] is Action.CLEARED


def test_a_finding_decision_must_name_a_finding_of_the_line(store: Store) -> None:
    _run_id, (_c, line_id, _r) = _kalashnikov_run(store)
    with pytest.raises(decisions.DecisionError, match="has no finding"):
        decisions.record_decision(
            store, line_id=line_id, finding_key="embargo:0", action="hold", justification="x"
        )


def test_report_and_core_count_every_line_alike(store: Store, tmp_path: Path) -> None:
    run_id, ids = store_run(
        store,
        [
            line(2, "clear"),
            line(3, "clear", hits=[hit(score=0.86)]),  # hits shown for information only
            line(4, "review", hits=[hit(score=0.88), hit(entry_id="2", score=0.9)]),
            line(5, "review", findings=[HS_MISSING]),
            line(6, "block", findings=[EMBARGO]),
            line(7, "block", hits=[hit(score=1.0)]),
            line(8, "review"),  # an input problem only: the line itself is the item
        ],
    )
    h4 = runs.line_hits(store, ids[2])
    decisions.record_decision(
        store, line_id=ids[2], hit_id=h4[0].id, action="cleared", justification="x"
    )
    decisions.record_decision(store, line_id=ids[3], action="hold", justification="ask for HS")
    decisions.record_decision(store, line_id=ids[4], action="blocked", justification="embargo")
    with acting_as("officer-a"):
        pending = decisions.record_decision(
            store,
            line_id=ids[5],
            action="cleared",
            reason="different_dob",
            justification="born 1971, the listed person in 1948",
        )
    assert pending.pending
    counts = run_counts(store, run_id)
    assert (counts.no_decision_needed, counts.undecided, counts.pending_approval) == (2, 2, 1)
    assert counts.decided == 2
    assert counts.by_outcome[Action.HOLD] == counts.by_outcome[Action.BLOCKED] == 1

    out = report.write_report(store, run_id, tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(out)
    summary = {r[0]: r[1] for r in wb["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["Lines needing no decision (clear)"] == counts.no_decision_needed
    assert summary["Undecided lines"] == counts.undecided
    assert summary["Lines pending approval"] == counts.pending_approval
    assert summary["Decided lines"] == counts.decided
    for action in Action:
        assert summary[f"Decision: {action.label}"] == counts.by_outcome[action]
    sheet = wb["Lines"]
    header = [c.value for c in sheet[1]]
    column = header.index("Decision")
    labels = [r[column] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert labels == [
        "no decision needed",
        "no decision needed",
        "undecided (1 of 2 hits decided)",
        "Hold",
        "Blocked",
        "pending approval (0 of 1 hit decided, 1 pending approval)",
        "undecided (0 of 1 item decided)",
    ]
    assert sum(label.startswith("undecided") for label in labels) == counts.undecided
    hits = wb["Hits"]
    hit_header = [c.value for c in hits[1]]
    hit_decisions = [
        r[hit_header.index("Decision")] for r in hits.iter_rows(min_row=2, values_only=True)
    ]
    assert hit_decisions.count("pending approval") == 1
    sheet = wb["Decisions"]
    header = [c.value for c in sheet[1]]
    approval = [r[header.index("Approval")] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert approval.count("pending approval") == 1
    assert audit.verify(store).ok
