"""Team database roles: what the server lets each login do, and who it records as."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.core.record import audit, runs
from screener.core.record.chain import writer
from screener.core.record.database import postgres, team
from screener.core.record.database.postgres import TeamError, TeamPermissionError
from screener.core.record.database.store import Store
from screener.core.record.review import decisions
from tests import pgcluster
from tests.core.test_audit import _run

PASSWORD = "correct-horse-battery"


@pytest.fixture
def server(pg_cluster: pgcluster.Cluster, team_db: str) -> pgcluster.Cluster:
    owner = postgres.connect(pg_cluster.url(pgcluster.OWNER, team_db))
    suffix = team_db.rsplit("_", 1)[-1]  # logins are per cluster: one set per test database
    for login, role in (("olga", "officer"), ("sam", "supervisor"), ("aude", "auditor")):
        team.add_user(owner, f"{login}{suffix}", role, PASSWORD)
    owner.execute("CREATE SCHEMA payroll")
    owner.execute("CREATE TABLE payroll.salaries (name TEXT, amount BIGINT)")
    owner.close()
    return pg_cluster


def _open(
    cluster: pgcluster.Cluster, team_db: str, login: str, home: Path, mp: pytest.MonkeyPatch
) -> Store:
    suffix = team_db.rsplit("_", 1)[-1]
    mp.setenv("SCREENER_DB", cluster.url(f"{login}{suffix}", team_db, PASSWORD))
    return Store.open(home)


def test_officer_records_but_cannot_change_delete_or_unguard(
    server: pgcluster.Cluster, team_db: str, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _open(server, team_db, "olga", home, monkeypatch)
    _run_id, line_ids = _run(store)
    decisions.record_decision(store, line_id=line_ids[0], action="blocked", justification="SDN")
    for sql in (
        "UPDATE decisions SET action = 'cleared'",
        "DELETE FROM decisions",
        "DELETE FROM audit_chain",
        "TRUNCATE decisions",
        "DROP TRIGGER decisions_no_update ON decisions",
        "ALTER TABLE decisions DISABLE TRIGGER ALL",
        "DROP TABLE audit_chain",
        "CREATE TABLE decisions_copy (id INTEGER)",
        "SELECT * FROM payroll.salaries",
    ):
        with pytest.raises(TeamPermissionError, match="may not do this"):
            store.db.execute(sql)
    assert audit.verify(store).ok
    assert len(decisions.decision_history(store, line_ids[0])) == 1


def test_recorded_operator_is_the_login_even_when_the_client_lies(
    server: pgcluster.Cluster, team_db: str, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _open(server, team_db, "olga", home, monkeypatch)
    login = store.db.conn.login
    previous = writer.set_identity_provider(lambda: ("mallory", "somewhere"))  # the client lies
    try:
        run_id, line_ids = _run(store)
        returned = decisions.record_decision(
            store, line_id=line_ids[0], action="hold", justification="EUS"
        )
    finally:
        writer.set_identity_provider(previous)
    store.db.execute(
        "INSERT INTO runs (kind, file_name, file_sha256, sheet, mapping, operator, host,"
        " started_at, policy_version, matcher_version, app_version, list_versions)"
        " VALUES ('screen', 'f', 'x', '', '{}', 'mallory', 'h', '2026-01-01T00:00:00',"
        " 'p', 'm', 'a', '[]')"
    )
    assert runs.get_run(store, run_id).operator == login
    assert [d.operator for d in decisions.decision_history(store, line_ids[0])] == [login]
    assert {r.operator for r in runs.list_runs(store)} == {login}
    assert returned.id == decisions.decision_history(store, line_ids[0])[0].id


def test_auditor_reads_and_verifies_but_cannot_write(
    server: pgcluster.Cluster, team_db: str, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_id, line_ids = _run(_open(server, team_db, "olga", home, monkeypatch))
    store = _open(server, team_db, "aude", home, monkeypatch)
    assert audit.verify(store).ok
    assert runs.get_run(store, run_id).line_count == 3
    with pytest.raises(TeamPermissionError, match="permission denied for table") as refused:
        decisions.record_decision(store, line_id=line_ids[0], action="cleared", justification="x")
    assert "\n" not in str(refused.value)
    with pytest.raises(TeamPermissionError):
        _run(store)
    assert len(runs.list_runs(store)) == 1


def test_only_a_supervisor_remembers_false_positives_and_only_admins_import(
    server: pgcluster.Cluster, team_db: str, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.core.test_store import _parsed

    officer = _open(server, team_db, "olga", home, monkeypatch)
    _run_id, line_ids = _run(officer)
    hit = runs.line_hits(officer, line_ids[0])[0]
    kw = {"line_id": line_ids[0], "hit_id": hit.id, "action": "cleared", "remember": True}
    with pytest.raises(TeamPermissionError, match="accepted_matches"):
        decisions.record_decision(officer, justification="other company", **kw)  # type: ignore[arg-type]
    with pytest.raises(TeamPermissionError, match="list_versions"):
        officer.add_list_version(_parsed(), sha256="a" * 64, size=1)
    supervisor = _open(server, team_db, "sam", home, monkeypatch)
    decisions.record_decision(supervisor, justification="other company", **kw)  # type: ignore[arg-type]
    assert len(decisions.active_accepted_matches(supervisor)) == 1
    assert audit.verify(supervisor).ok


def test_even_the_owner_cannot_update_a_recorded_row(
    pg_cluster: pgcluster.Cluster, team_db: str
) -> None:
    owner = postgres.connect(pg_cluster.url(pgcluster.OWNER, team_db))
    owner.execute(
        "INSERT INTO audit_chain (table_name, row_id, record_hash, prev_hash, hash)"
        " VALUES ('runs', 1, 'r', 'p', 'h')"
    )
    for sql, refused in (
        ("DELETE FROM audit_chain", "DELETE"),
        ("UPDATE audit_chain SET hash = 'x'", "UPDATE"),
        ("TRUNCATE audit_chain", "TRUNCATE"),
    ):
        with pytest.raises(pgcluster.INTEGRITY_ERRORS, match=f"append-only: {refused} refused"):
            owner.execute(sql)
    owner.close()


def test_the_app_refuses_the_owner_and_unknown_logins(
    pg_cluster: pgcluster.Cluster, team_db: str, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCREENER_DB", pg_cluster.url(pgcluster.OWNER, team_db))
    with pytest.raises(TeamError, match="owns the database"):
        Store.open(home)
    monkeypatch.setenv("SCREENER_DB", pg_cluster.url("everyone", team_db, "wrong-password"))
    with pytest.raises(TeamError, match=r"cannot connect.*password authentication failed") as e:
        Store.open(home)
    assert "wrong-password" not in str(e.value)


def test_users_lists_logins_with_roles(pg_cluster: pgcluster.Cluster, team_db: str) -> None:
    owner = postgres.connect(pg_cluster.url(pgcluster.OWNER, team_db))
    found = {u.login: u.roles for u in team.users(owner)}
    assert found["everyone"] == ("admin", "officer", "supervisor")
    with pytest.raises(TeamError, match="exists already"):
        team.add_user(owner, "everyone", "officer", PASSWORD)
    with pytest.raises(TeamError, match="unknown role"):
        team.add_user(owner, "zed", "boss", PASSWORD)
    owner.close()


def test_four_eyes_on_the_server_needs_a_second_login(
    server: pgcluster.Cluster, team_db: str, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from screener.core.record.review import approvals
    from screener.core.record.review.decision_model import DecisionError
    from tests.core.decision_fixtures import hit, line, store_run

    officer = _open(server, team_db, "olga", home, monkeypatch)
    _run_id, (line_id,) = store_run(officer, [line(3, "block", hits=[hit(score=0.99)])])
    clear = decisions.record_decision(
        officer,
        line_id=line_id,
        hit_id=runs.line_hits(officer, line_id)[0].id,
        action="cleared",
        reason="different_dob",
        justification="born 1961, the listed person in 1984; same name only",
    )
    assert clear.pending
    with pytest.raises(DecisionError, match="second person"):
        approvals.approve(officer, clear.id)

    supervisor = _open(server, team_db, "sam", home, monkeypatch)
    own = decisions.record_decision(
        supervisor,
        line_id=line_id,
        hit_id=runs.line_hits(supervisor, line_id)[0].id,
        action="cleared",
        reason="different_dob",
        justification="born 1961, the listed person in 1984; same name only",
    )
    officer = _open(server, team_db, "olga", home, monkeypatch)
    with pytest.raises(TeamPermissionError, match="decision_approvals"):
        approvals.approve(officer, own.id, justification="looks right")  # not a supervisor
    supervisor = _open(server, team_db, "sam", home, monkeypatch)
    with pytest.raises(DecisionError, match="second person"):
        approvals.approve(supervisor, own.id)
    # Even a client that lies about who it is cannot approve its own decision.
    previous = writer.set_identity_provider(lambda: ("somebody-else", "h"))
    try:
        with pytest.raises(pgcluster.INTEGRITY_ERRORS, match="a second person must approve"):
            approvals.approve(supervisor, own.id)
    finally:
        writer.set_identity_provider(previous)
    approved = approvals.approve(supervisor, clear.id, justification="checked the passport")
    assert not approved.pending
    assert audit.verify(supervisor).ok
