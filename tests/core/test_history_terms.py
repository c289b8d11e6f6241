"""The Audit page's decisions of a run say why (reason code), who approved, and which batch."""

from __future__ import annotations

from pathlib import Path

from screener.core.evidence import history
from screener.core.record import runs
from screener.core.record.database.store import Store
from screener.core.record.review import approvals, bulk, decisions
from tests.core.decision_fixtures import acting_as, hit, line, store_run

WHY = "born 1971 in Tula; the listed person was born 1948"


def test_run_decisions_show_reason_approval_and_batch(home: Path) -> None:
    store = Store.open(home)
    run_id, (a, b) = store_run(
        store,
        [line(2, "block", hits=[hit(score=0.99)]), line(3, "review", hits=[hit(score=0.8)])],
    )
    [exact] = runs.line_hits(store, a)
    with acting_as("anna"):
        clear = decisions.record_decision(
            store, line_id=a, hit_id=exact.id, action="cleared", reason="different_dob",
            justification=WHY,
        )  # fmt: skip
        batch = bulk.decide_many(
            store, bulk.open_targets(store, [b]), action="hold", justification="end-use check"
        )
    with acting_as("ben"):
        approvals.approve(store, clear.id, justification="checked the passport copy")

    entries = {e.decision.id: e for e in history.run_decisions(store, run_id)}
    cleared = entries[clear.id]
    assert cleared.reason == "Different date of birth"
    assert cleared.approval == "approved by ben: checked the passport copy"
    assert cleared.hit_name == exact.entry_name
    held = entries[batch.decisions[0].id]
    assert held.batch == f"batch {batch.batch_id}"
    assert held.approval == ""
    assert held.reason == ""
