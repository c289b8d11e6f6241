"""Safeguards and four-eyes: an exact match on a blocking list is not cleared by one person."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from screener.core.record import audit, runs
from screener.core.record.chain.writer import ChainWriter
from screener.core.record.database.schema import migrations
from screener.core.record.database.store import Store
from screener.core.record.review import approvals, decisions
from screener.core.record.review.decisions import Action, DecisionError, Target
from screener.core.record.review.licences import LicenceTerms, LicenceType, add_licence
from screener.core.record.review.line_state import LineStatus, run_line_states
from screener.core.rules.policy import load_policy
from tests.core.decision_fixtures import EMBARGO, acting_as, hit, line, store_run
from tests.pgcluster import SQLITE_ONLY


@pytest.fixture(autouse=True)
def _on_both_backends(backend: str) -> str:
    """Every test here runs on the embedded SQLite store and on a team PostgreSQL database."""
    return backend


WHY = "born 1971 in Tula; the listed person was born 1948"


@pytest.fixture
def store(home: Path) -> Store:
    return Store.open(home)


def _exact(store: Store) -> tuple[int, int, int]:
    run_id, (line_id,) = store_run(store, [line(3, "block", hits=[hit(score=0.99)])])
    return run_id, line_id, runs.line_hits(store, line_id)[0].id


def test_clearing_an_exact_hit_needs_a_reason_and_a_real_justification(store: Store) -> None:
    _run, line_id, hit_id = _exact(store)
    clear = {"line_id": line_id, "hit_id": hit_id, "action": "cleared"}
    with pytest.raises(DecisionError, match="needs a reason: one of different date of birth"):
        decisions.record_decision(store, **clear, justification="ok")
    with pytest.raises(DecisionError, match="at least 20 characters"):
        decisions.record_decision(store, **clear, reason="different_dob", justification="x")
    with pytest.raises(DecisionError, match="unknown reason 'looks fine'"):
        decisions.record_decision(store, **clear, reason="looks fine", justification=WHY)
    # The whole line covers the exact hit too.
    with pytest.raises(DecisionError, match="needs a reason"):
        decisions.record_decision(store, line_id=line_id, action="cleared", justification="ok")
    assert decisions.decision_history(store, line_id) == []
    # Blocking or holding is never held back.
    decisions.record_decision(store, line_id=line_id, action="blocked", justification="SDN")


@SQLITE_ONLY  # two people by acting_as; on a server they are two logins (test_team_roles)
def test_four_eyes_clear_is_refused_to_its_author_and_takes_effect_on_a_second_approval(
    store: Store,
) -> None:
    run_id, line_id, hit_id = _exact(store)
    records = audit.verify(store).records
    with acting_as("anna"):
        d = decisions.record_decision(
            store,
            line_id=line_id,
            hit_id=hit_id,
            action="cleared",
            reason="different_dob",
            justification=WHY,
            remember=True,
        )
        assert d.pending
        state = run_line_states(store, run_id)[line_id]
        assert state.status is LineStatus.PENDING_APPROVAL
        assert state.items[0].current is None  # the line keeps its verdict
        assert decisions.active_accepted_matches(store) == []
        with pytest.raises(DecisionError, match="recorded by anna: a second person must approve"):
            approvals.approve(store, d.id)
    (pending,) = approvals.pending_approvals(store, run_id=run_id)
    assert pending.decision.id == d.id
    assert "clearing a 99% match on blocking list ofac_sdn" in pending.why
    with acting_as("ben"):
        approved = approvals.approve(store, d.id, justification="DOB checked on the passport")
        with pytest.raises(DecisionError, match="already approved"):
            approvals.reject(store, d.id, justification="changed my mind")
    assert approved.effective
    assert approved.status == "approved"
    state = run_line_states(store, run_id)[line_id]
    assert state.outcome is Action.CLEARED
    assert [m.party_name for m in decisions.active_accepted_matches(store)] == [
        "Concern Kalashnikov"
    ]
    assert approvals.pending_approvals(store) == []
    report = audit.verify(store)
    assert report.ok
    # decision, its terms, the approval, the accepted match: each a chained record
    assert report.records == records + 4


@SQLITE_ONLY  # two people by acting_as; on a server they are two logins (test_team_roles)
def test_a_rejected_decision_never_takes_effect(store: Store) -> None:
    run_id, line_id, hit_id = _exact(store)
    with acting_as("anna"):
        d = decisions.record_decision(
            store,
            line_id=line_id,
            hit_id=hit_id,
            action="cleared",
            reason="different_party",
            justification="a different company in another city",
        )
    with acting_as("ben"):
        with pytest.raises(DecisionError, match="needs a justification"):
            approvals.reject(store, d.id, justification=" ")
        rejected = approvals.reject(store, d.id, justification="same address as the listing")
    assert rejected.status == "rejected"
    assert run_line_states(store, run_id)[line_id].status is LineStatus.UNDECIDED
    assert audit.verify(store).ok


def test_releasing_a_blocked_line_is_four_eyes_and_policy_can_waive_it(
    store: Store, tmp_path: Path
) -> None:
    run_id, (line_id,) = store_run(store, [line(4, "block", findings=[EMBARGO])])
    document = tmp_path / "licence.pdf"
    document.write_bytes(b"%PDF-1.4")
    terms = LicenceTerms(
        "BAFA", "DE-1", LicenceType.GENERAL, "Us", ("8542",), date(2026, 1, 1), date(2026, 12, 31)
    )
    licence = add_licence(store, terms, document=document)
    release = {"line_id": line_id, "action": "released_with_licence", "reason": "other"}
    with pytest.raises(DecisionError, match="needs a licence from the register"):
        decisions.record_decision(store, **release, justification="licence DE-2026-0042 ok")
    release["provenance"] = {"licence_id": licence.id}
    with pytest.raises(DecisionError, match="releasing a blocked line needs a justification"):
        decisions.record_decision(store, **release, justification="licence")
    d = decisions.record_decision(store, **release, justification="licence DE-2026-0042 covers it")
    assert d.pending
    lenient = replace(load_policy(), four_eyes_release=False, min_justification=5)
    d2 = decisions.record_decision(store, **release, justification="lic 42", policy=lenient)
    assert not d2.pending
    assert run_line_states(store, run_id)[line_id].outcome is Action.RELEASED_WITH_LICENCE


def test_record_decision_joins_an_outer_transaction(store: Store) -> None:
    _run, line_id, _hit = _exact(store)

    def fails_after_deciding() -> None:
        with store.write() as db:
            chain = ChainWriter(db)
            decisions.record_decision(
                store,
                line_id=line_id,
                action="blocked",
                justification="SDN",
                provenance={"licence": "none"},
                chain=chain,
            )
            raise RuntimeError("the outer step failed")

    with pytest.raises(RuntimeError):
        fails_after_deciding()
    assert decisions.decision_history(store, line_id) == []  # rolled back with it
    with store.write() as db:
        chain = ChainWriter(db)
        d = decisions.record_decision(
            store,
            line_id=line_id,
            action="hold",
            justification="EUS",
            provenance={"k": 1},
            chain=chain,
        )
    assert decisions.decision_history(store, line_id)[0].provenance == {"k": 1}
    assert d.provenance == {"k": 1}
    assert audit.verify(store).ok


@SQLITE_ONLY  # rewinds a SQLite file's schema
def test_an_older_database_migrates_and_its_line_decisions_keep_their_meaning(home: Path) -> None:
    store = Store.open(home)
    run_id, (line_id,) = store_run(store, [line(5, "block", hits=[hit(), hit(entry_id="2")])])
    # A line-level decision, as every decision of an older Screener: no terms.
    old = decisions.record_decision(store, line_id=line_id, action="blocked", justification="SDN")
    store.close()
    conn = sqlite3.connect(str(home / "screener.db"))  # back to the schema before hit level
    for table in ("decision_terms", "decision_approvals", "decision_batches"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DROP INDEX decisions_run")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm010_decisions_hit_level'")
    conn.commit()
    conn.close()

    store = Store.open(home)  # migrates
    assert migrations.pending(store.db) == []
    state = run_line_states(store, run_id)[line_id]
    assert state.status is LineStatus.DECIDED
    assert [s.current.id for s in state.items if s.current] == [old.id, old.id]  # both hits
    assert audit.verify(store).ok


def test_a_dialog_can_ask_before_recording_what_a_decision_needs(store: Store) -> None:
    _run, line_id, hit_id = _exact(store)
    guard = decisions.safeguard_for_target(store, Target(line_id, hit_id), "cleared")
    assert guard.applies
    assert guard.needs_approval
    assert "99% match on blocking list ofac_sdn" in guard.why
    assert not decisions.safeguard_for_target(store, Target(line_id), "hold").applies
    assert decisions.decision_history(store, line_id) == []
