"""The decision log: append-only, superseding decisions, and tampering named by `verify`."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from screener.core.record import audit, runs
from screener.core.record.chain import writer
from screener.core.record.database.store import Store
from screener.core.record.review import decisions
from screener.core.record.review.decisions import Action, DecisionError
from tests.pgcluster import REFUSED, REFUSED_MESSAGE


def _hit(name: str = "ACME TRADING LLC") -> runs.HitRecord:
    return runs.HitRecord(
        role="buyer",
        party_name=name,
        party_country="AE",
        source="ofac_sdn",
        sub_source="",
        list_version_id=1,
        entry_rowid=7,
        entry_id="12345",
        entry_name="ACME TRADING",
        entry_hash="h" * 64,
        matched_name="ACME TRADING",
        programs=("RUSSIA-EO14024",),
        score=0.93,
        explanation="tokens matched: acme, trading",
    )


def _line(
    row: int, verdict: str = "review", hits: tuple[runs.HitRecord, ...] = ()
) -> runs.LineRecord:
    return runs.LineRecord(
        row=row,
        cells=(("Customer", "Acme Trading LLC"), ("HS", "8542.31")),
        order_no="SO-1",
        line_no=str(row),
        parties=({"role": "buyer", "name": "Acme Trading LLC"},),
        description="MCU",
        hs_code="8542.31",
        destination="AE",
        transit=(),
        problems=(),
        verdict=verdict,
        reasons=("reason",),
        findings=(),
        hits=hits,
    )


def _run(store: Store, n_lines: int = 3) -> tuple[int, list[int]]:
    run_id = runs.start_run(
        store,
        runs.RunInfo(
            file_name="orders.xlsx",
            file_sha256="f" * 64,
            sheet="Orders",
            mapping={"buyer": "Customer"},
            policy_version="2024.1",
            matcher_version="1",
            list_version_ids=(1,),
        ),
    )
    line_ids = runs.add_lines(store, run_id, [_line(r + 2, hits=(_hit(),)) for r in range(n_lines)])
    runs.finish_run(store, run_id, status="completed", lines=n_lines)
    return run_id, line_ids


@pytest.fixture
def store(backend: str, home: Path) -> Store:
    return Store.open(home)


def test_fresh_log_verifies(store: Store) -> None:
    _run(store)
    report = audit.verify(store)
    assert report.ok, report.problems
    assert report.records == 1 + 3 + 3 + 1  # run, lines, hits, end
    assert report.head == writer.chain_head(store)


def test_run_reads_back_with_status(store: Store) -> None:
    run_id, line_ids = _run(store)
    run = runs.get_run(store, run_id)
    assert (run.status, run.line_count, run.mapping) == ("completed", 3, {"buyer": "Customer"})
    lines = list(runs.iter_lines(store, run_id))
    assert [ln.row for ln in lines] == [2, 3, 4]
    assert lines[0].cells[1] == ("HS", "8542.31")
    assert runs.line_hits(store, line_ids[0])[0].programs == ("RUSSIA-EO14024",)


def test_run_without_end_reads_as_incomplete(store: Store) -> None:
    run_id = runs.start_run(store, runs.RunInfo("o.csv", "0" * 64, "", {}, "p", "m", ()))
    runs.add_lines(store, run_id, [_line(2)])
    assert runs.get_run(store, run_id).status == "incomplete"


def test_decision_needs_justification_and_corrections_supersede(store: Store) -> None:
    _run_id, line_ids = _run(store)
    with pytest.raises(DecisionError, match="justification"):
        decisions.record_decision(store, line_id=line_ids[0], action=Action.HOLD, justification=" ")
    first = decisions.record_decision(
        store, line_id=line_ids[0], action="hold", justification="waiting for end-user statement"
    )
    second = decisions.record_decision(
        store,
        line_id=line_ids[0],
        action=Action.CLEARED,
        justification="EUS received, parties verified",
    )
    assert second.supersedes == first.id
    history = decisions.decision_history(store, line_ids[0])
    assert [d.action for d in history] == [Action.HOLD, Action.CLEARED]
    assert decisions.latest_decisions(store, history[0].run_id)[line_ids[0]].id == second.id
    assert audit.verify(store).ok


@pytest.mark.parametrize("table", ["decisions", "lines", "runs", "hits", "audit_chain"])
def test_recorded_rows_cannot_be_updated_or_deleted(store: Store, table: str) -> None:
    _run_id, line_ids = _run(store)
    decisions.record_decision(store, line_id=line_ids[0], action="blocked", justification="SDN")
    key = "seq" if table == "audit_chain" else "id"
    for sql in (f"UPDATE {table} SET {key} = {key}", f"DELETE FROM {table}"):
        with pytest.raises(REFUSED, match=REFUSED_MESSAGE):
            store.db.execute(sql)


def _tamper(path: Path, *statements: str) -> None:
    """What someone with plain sqlite3 could do: drop the guards, then edit."""
    conn = sqlite3.connect(path)
    for t in ("decisions", "lines", "hits", "runs", "audit_chain", "run_ends"):
        conn.execute(f"DROP TRIGGER IF EXISTS {t}_no_update")
        conn.execute(f"DROP TRIGGER IF EXISTS {t}_no_delete")
    for sql in statements:
        conn.execute(sql)
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("statement", "named"),
    [
        ("UPDATE decisions SET action = 'cleared' WHERE id = 1", "decisions record 1"),
        ("UPDATE lines SET verdict = 'clear' WHERE id = 2", "lines record 2"),
        ("UPDATE hits SET score = 0.1 WHERE id = 3", "hits record 3"),
        ("DELETE FROM decisions WHERE id = 1", "decisions record 1 (chain #9): was deleted"),
        (
            "INSERT INTO decisions (run_id, line_id, action, justification, operator, host,"
            " decided_at) VALUES (1, 1, 'cleared', 'x', 'eve', 'h', '2024-01-01')",
            "decisions record 2: was inserted outside Screener",
        ),
        ("DELETE FROM audit_chain WHERE seq = 4", "records were removed"),
    ],
)
def test_tampering_is_detected_and_named(home: Path, statement: str, named: str) -> None:
    store = Store.open(home)
    _run_id, line_ids = _run(store)
    decisions.record_decision(store, line_id=line_ids[0], action="blocked", justification="SDN")
    store.close()
    _tamper(home / "screener.db", statement)
    report = audit.verify(Store.open(home))
    assert not report.ok
    assert any(named in p for p in report.problems), report.problems
    assert "BROKEN" in report.summary()


def test_remembered_false_positive_is_active_until_expiry_or_revocation(store: Store) -> None:
    _run_id, line_ids = _run(store)
    hit = runs.line_hits(store, line_ids[0])[0]
    with pytest.raises(DecisionError, match="cleared"):
        decisions.record_decision(
            store,
            line_id=line_ids[0],
            hit_id=hit.id,
            action="hold",
            justification="x",
            remember=True,
        )
    decisions.record_decision(
        store,
        line_id=line_ids[0],
        hit_id=hit.id,
        action="cleared",
        justification="different company, other address",
        remember=True,
        remember_until=date.today() + timedelta(days=30),
    )
    active = decisions.active_accepted_matches(store)
    assert [(a.party_key, a.entry_id) for a in active] == [("acme trading llc", "12345")]
    assert decisions.active_accepted_matches(store, today=date.today() + timedelta(days=31)) == []
    decisions.revoke_accepted_match(store, active[0].id, reason="new information")
    assert decisions.active_accepted_matches(store) == []
    assert audit.verify(store).ok


def test_a_long_run_streams_back_in_order_while_other_queries_run(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from screener.core.record.database import postgres

    monkeypatch.setattr(postgres, "STREAM_BATCH", 7)  # several fetches on a team server
    run_id, line_ids = _run(store, n_lines=30)
    seen = []
    for line in runs.iter_lines(store, run_id):
        seen.append(line.id)
        assert runs.get_line(store, line.id).row == line.row  # the connection stays usable
        assert runs.line_hits(store, line.id)
    assert seen == line_ids
    assert [line.row for line in runs.iter_lines(store, run_id)][:3] == [2, 3, 4]
