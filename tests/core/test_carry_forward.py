"""Carry-forward: the same file screened again keeps decisions whose evidence is unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.core.record import audit, runs
from screener.core.record.database.store import Store
from screener.core.record.review import decisions
from screener.core.record.review.carry_forward import carry_forward, carry_forward_offer, score_band
from screener.core.record.review.decisions import Action
from screener.core.record.review.line_state import LineStatus, run_counts, run_line_states
from screener.core.rules.policy import load_policy
from screener.core.screening.run import run_screening, screen_file
from tests.core.decision_fixtures import EMBARGO, HS_MISSING, acting_as, hit, line, store_run
from tests.core.test_rescreen import (
    FABRIKAM,
    FABRIKAM_CHANGED,
    NORDLICHT,
    ORDERS,
    _by_row,
    _import,
    _un_list,
)


@pytest.fixture(autouse=True)
def _on_both_backends(backend: str) -> str:
    """Every test here runs on the embedded SQLite store and on a team PostgreSQL database."""
    return backend


@pytest.fixture
def orders(tmp_path: Path) -> Path:
    path = tmp_path / "orders.csv"
    path.write_text(ORDERS, encoding="utf-8")
    return path


def _decide_first_run(store: Store, run_id: int) -> tuple[int, int]:
    lines = _by_row(store, run_id)
    nordlicht, fabrikam = lines[3], lines[4]
    (hit,) = runs.line_hits(store, nordlicht.id)
    d1 = decisions.record_decision(
        store, line_id=nordlicht.id, hit_id=hit.id, action="blocked", justification="UN listed"
    )
    d2 = decisions.record_decision(
        store, line_id=fabrikam.id, action="hold", justification="asking the customer for ids"
    )
    return d1.id, d2.id


def test_carry_forward_carries_unchanged_evidence_and_reopens_a_changed_entry(
    home: Path, tmp_path: Path, orders: Path
) -> None:
    store = Store.open(home)
    _import(store, _un_list(tmp_path, "2026-01-01", FABRIKAM, NORDLICHT))
    first = run_screening(screen_file(store, orders)).run_id
    nordlicht_decision, fabrikam_decision = _decide_first_run(store, first)

    second = run_screening(screen_file(store, orders)).run_id
    offer = carry_forward_offer(store, second)
    assert offer is not None
    assert offer.source.id == first
    assert offer.basis == "same file"
    assert offer.offer.startswith(f"this file was screened in run {first} on ")
    assert offer.offer.endswith(": 2 decisions can be carried forward")
    assert run_counts(store, second).decided == 0  # offering records nothing

    result = carry_forward(store, second)
    assert result is not None
    carried = sorted(result.decisions, key=lambda d: d.carried_from or 0)
    assert [d.carried_from for d in carried] == [nordlicht_decision, fabrikam_decision]
    assert carried[0].justification == (
        f"carried forward from run {first}, decision {nordlicht_decision}: UN listed"
    )
    assert carried[1].hit_id is not None  # the line-level hold, carried onto its one hit
    states = run_line_states(store, second)
    lines = _by_row(store, second)
    assert states[lines[3].id].outcome is Action.BLOCKED
    assert states[lines[4].id].outcome is Action.HOLD
    again = carry_forward(store, second)
    assert again is not None
    assert again.decisions == ()  # nothing carried twice

    # A newer list version changes Fabrikam's entry: its decision no longer stands.
    _import(store, _un_list(tmp_path, "2026-02-01", FABRIKAM_CHANGED, NORDLICHT))
    third = run_screening(screen_file(store, orders)).run_id
    result = carry_forward(store, third)
    assert result is not None
    assert result.plan.source.id == second  # the newest earlier screening with decisions
    assert [d.action for d in result.decisions] == [Action.BLOCKED]
    (reopened,) = result.plan.reopened
    assert (reopened.row, reopened.why) == (4, "the listed entry changed")
    lines = _by_row(store, third)
    states = run_line_states(store, third)
    assert states[lines[3].id].outcome is Action.BLOCKED
    assert states[lines[4].id].status is LineStatus.UNDECIDED
    report = audit.verify(store)
    assert report.ok


def test_carry_forward_matches_order_lines_of_an_edited_file(
    home: Path, tmp_path: Path, orders: Path
) -> None:
    store = Store.open(home)
    _import(store, _un_list(tmp_path, "2026-01-01", FABRIKAM, NORDLICHT))
    first = run_screening(screen_file(store, orders)).run_id
    _decide_first_run(store, first)
    edited = tmp_path / "orders-v2.csv"
    # A new order on top, and SO-3 now ships to another country: only SO-2 is the same line.
    text = ORDERS.replace("Trading,AE,", "Trading,OM,")
    edited.write_text(text.replace("SO-1,", "SO-0,Other Co,JP,8542.31,x\nSO-1,"), encoding="utf-8")
    second = run_screening(screen_file(store, edited)).run_id
    result = carry_forward(store, second)
    assert result is not None
    assert result.plan.basis == "same order lines"
    assert [d.action for d in result.decisions] == [Action.BLOCKED]  # SO-2, now on row 4
    assert carry_forward(store, first) is None  # nothing screened before the first run


def test_score_bands() -> None:
    policy = load_policy()
    assert score_band(0.99, policy) == score_band(0.95, policy) == "exact"
    assert score_band(0.91, policy) == score_band(0.94, policy) == "0.90"
    assert score_band(0.89, policy) == "0.85"


def test_a_moved_score_or_a_changed_finding_reopens_and_pending_is_not_carried(
    home: Path,
) -> None:
    store = Store.open(home)
    changed = {**EMBARGO, "reason": EMBARGO["reason"].replace("Iran", "Iran (transit)")}

    def lines(score: float, embargo: dict[str, str]) -> list[runs.LineRecord]:
        return [
            line(2, "review", hits=[hit(score=score, source="us_csl")], findings=[HS_MISSING]),
            line(3, "block", findings=[embargo]),
            line(4, "block", hits=[hit(score=0.99, entry_id="9")]),
        ]

    _first, ids = store_run(store, lines(0.91, EMBARGO))
    decisions.record_decision(store, line_id=ids[0], action="hold", justification="ask")
    decisions.record_decision(store, line_id=ids[1], action="blocked", justification="embargo")
    with acting_as("anna"):
        pending = decisions.record_decision(
            store,
            line_id=ids[2],
            action="cleared",
            reason="different_dob",
            justification="born 1990, listed person born 1950",
        )
    assert pending.pending
    second, new_ids = store_run(store, lines(0.86, changed))
    result = carry_forward(store, second)
    assert result is not None
    assert {(r.row, r.why) for r in result.plan.reopened} == {
        (2, "the score moved from 91% to 86%"),
        (3, "the finding changed"),
    }
    (carried,) = result.decisions  # the HS finding of row 2; the pending clear stays behind
    assert carried.finding_key is not None
    assert carried.line_id == new_ids[0]
    assert audit.verify(store).ok
