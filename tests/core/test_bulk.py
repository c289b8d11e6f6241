"""Bulk decisions: one justification, one chained record per hit, safeguards per hit."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.core.record import audit
from screener.core.record.database.store import Store
from screener.core.record.review import approvals, decisions
from screener.core.record.review.bulk import (
    decide_many,
    open_targets,
    party_entry_scope,
    party_entry_targets,
)
from screener.core.record.review.decisions import Action, DecisionError
from screener.core.record.review.line_state import LineStatus, run_counts, run_line_states
from tests.core.decision_fixtures import HS_MISSING, acting_as, hit, line, store_run
from tests.pgcluster import SQLITE_ONLY


@pytest.fixture(autouse=True)
def _on_both_backends(backend: str) -> str:
    """Every test here runs on the embedded SQLite store and on a team PostgreSQL database."""
    return backend


PARTY = "Sever Logistics OOO"


@pytest.fixture
def store(home: Path) -> Store:
    return Store.open(home)


def _run(
    store: Store, n: int, *, score: float = 0.91, sha: str = "a" * 64
) -> tuple[int, list[int]]:
    lines = [
        line(
            r,
            "review",
            party=PARTY if r % 2 else "Other GmbH",
            hits=[
                hit(PARTY if r % 2 else "Other GmbH", source="us_csl", entry_id="EL-7", score=score)
            ],
            findings=[HS_MISSING] if r % 5 == 0 else [],
        )
        for r in range(2, 2 + n)
    ]
    return store_run(store, lines, sha=sha)


def test_a_bulk_decision_over_500_hits_writes_500_chained_records(store: Store) -> None:
    run_id, _ids = _run(store, 1000)
    targets = party_entry_targets(
        store, run_id, party_name="  sever   LOGISTICS ooo", source="us_csl", entry_id="EL-7"
    )
    assert len(targets) == 500  # the odd rows; case and spacing of the name aside
    records = audit.verify(store).records
    result = decide_many(
        store,
        targets,
        action="blocked",
        justification="the listed Entity List party: same address in Murmansk",
        scope=party_entry_scope(PARTY, "us_csl", "EL-7", run_id, False),
    )
    assert len(result.decisions) == 500
    assert {d.batch_id for d in result.decisions} == {result.batch_id}
    report = audit.verify(store)
    assert report.ok
    decision_rows = store.db.conn.execute(
        "SELECT count(*) FROM audit_chain WHERE table_name = 'decisions'"
    ).fetchone()[0]
    assert decision_rows == 500
    # each decision, its terms (the batch it belongs to), and the batch itself
    assert report.records == records + 500 + 500 + 1
    counts = run_counts(store, run_id)
    # party lines with a goods finding still need it decided
    assert counts.decided == 500 - 100
    assert counts.by_outcome[Action.BLOCKED] == 400
    # decided hits are not selected again
    assert (
        party_entry_targets(store, run_id, party_name=PARTY, source="us_csl", entry_id="EL-7") == []
    )


@SQLITE_ONLY  # two people by acting_as; on a server they are two logins (test_team_roles)
def test_safeguards_apply_per_hit_and_refuse_the_whole_batch(store: Store) -> None:
    run_id, _ids = _run(store, 20, score=0.99)  # us_csl without sub-list: not blocking
    targets = party_entry_targets(store, run_id, party_name=PARTY, source="us_csl", entry_id="EL-7")
    decide_many(store, targets[:2], action="cleared", justification="other firm")
    exact_run, _ = store_run(
        store,
        [
            line(2, "block", hits=[hit(PARTY, score=0.99)]),
            line(3, "block", hits=[hit(PARTY, score=0.99)]),
        ],
    )
    exact = party_entry_targets(
        store, exact_run, party_name=PARTY, source="ofac_sdn", entry_id="100"
    )
    with pytest.raises(
        DecisionError, match=r"hit \d+: clearing a 99% match .* needs a reason.*nothing recorded"
    ):
        decide_many(store, exact, action="cleared", justification="not them")
    assert run_line_states(store, exact_run)[exact[0].line_id].status is LineStatus.UNDECIDED
    with acting_as("anna"):
        result = decide_many(
            store,
            exact,
            action="cleared",
            reason="different_dob",
            justification="born 1980; the listed director was born 1955",
        )
    assert result.pending == 2
    with acting_as("ben"):
        approved = approvals.approve_batch(store, result.batch_id, justification="passports seen")
    assert len(approved) == 2
    assert run_counts(store, exact_run).by_outcome[Action.CLEARED] == 2
    assert audit.verify(store).ok


def test_every_open_run_and_selected_lines(store: Store) -> None:
    first, _ = _run(store, 10, sha="1" * 64)
    second, ids = _run(store, 10, sha="2" * 64)
    here = party_entry_targets(store, second, party_name=PARTY, source="us_csl", entry_id="EL-7")
    everywhere = party_entry_targets(
        store, second, party_name=PARTY, source="us_csl", entry_id="EL-7", every_open_run=True
    )
    assert len(here) == 5
    assert len(everywhere) == 10
    assert {t.line_id for t in everywhere} - {t.line_id for t in here}  # the first run's too
    chosen = open_targets(store, ids[:4])  # rows 2..5: four hits, one HS finding (row 5)
    assert sum(t.hit_id is not None for t in chosen) == 4
    assert sum(t.finding_key is not None for t in chosen) == 1
    decide_many(store, chosen, action="hold", justification="await end-use statements")
    states = run_line_states(store, second)
    assert all(states[i].outcome is Action.HOLD for i in ids[:4])
    with pytest.raises(DecisionError, match="nothing selected"):
        decide_many(store, [], action="hold", justification="x")
    assert decisions.latest_decisions(store, first) == {}
