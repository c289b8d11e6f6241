"""The team record: shared by every workstation, one chain under many writers, and what
happens when the server stops abruptly."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from screener.core.record import audit, runs
from screener.core.record.database.postgres import TeamError
from screener.core.record.database.store import Store
from screener.core.record.review import decisions
from tests import pgcluster
from tests.core.test_audit import _line, _run


def test_concurrent_officers_keep_one_chain(
    pg_cluster: pgcluster.Cluster, team_db: str, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCREENER_DB", pg_cluster.url("everyone", team_db))
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def officer() -> None:
        try:
            store = Store.open(home)  # each officer its own connection
            start.wait()
            for _ in range(5):
                _run_id, line_ids = _run(store, n_lines=4)
                for line_id in line_ids[:2]:
                    decisions.record_decision(
                        store, line_id=line_id, action="cleared", justification="other company"
                    )
            store.close()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=officer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    store = Store.open(home)
    report = audit.verify(store)
    assert report.ok, report.problems
    # per run: run, 4 lines, 4 hits, end, 2 decisions
    assert report.records == 4 * 5 * (1 + 4 + 4 + 1 + 2)
    assert len(runs.list_runs(store)) == 20


def test_server_stopped_mid_run_keeps_every_committed_batch(
    pg_cluster: pgcluster.Cluster, team_db: str, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCREENER_DB", pg_cluster.url("everyone", team_db))
    store = Store.open(home)
    run_id = runs.start_run(store, runs.RunInfo("o.csv", "0" * 64, "", {}, "p", "m", ()))
    runs.add_lines(store, run_id, [_line(r) for r in range(2, 12)])

    def batch_while_the_server_stops() -> None:
        with store.write() as db:
            db.execute("SELECT 1")  # a batch under way when the server goes
            pg_cluster.stop("immediate")
            runs.add_lines(store, run_id, [_line(r) for r in range(12, 22)])

    try:
        with pytest.raises(TeamError) as lost:
            batch_while_the_server_stops()
    finally:
        pg_cluster.start()
    message = str(lost.value)
    assert "\n" not in message
    assert "lost the connection to the team database server" in message
    assert "what was recorded before this is kept" in message

    again = Store.open(home)
    assert runs.get_run(again, run_id).line_count == 10
    assert runs.get_run(again, run_id).status == "incomplete"
    assert audit.verify(again).ok


def test_lists_are_shared_and_each_team_database_has_its_own_index_cache(
    pg_cluster: pgcluster.Cluster,
    pg_template: str,
    team_db: str,
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.core.test_store import _parsed

    monkeypatch.setenv("SCREENER_DB", pg_cluster.url("everyone", team_db))
    admin = Store.open(home)
    admin.add_list_version(_parsed(), sha256="a" * 64, size=1)
    other_desk = Store.open(home.parent / "other-workstation")
    assert [v.label for v in other_desk.current_versions()] == ["ofac_sdn 2024-05-03"]
    assert admin.cache_dir is not None
    assert admin.cache_dir.parent == home / "cache"
    assert (
        other_desk.cache_dir == home.parent / "other-workstation" / "cache" / admin.cache_dir.name
    )

    second = pgcluster.fresh_database(pg_cluster, pg_template, f"{team_db}_b")
    monkeypatch.setenv("SCREENER_DB", pg_cluster.url("everyone", second))
    assert Store.open(home).cache_dir != admin.cache_dir
