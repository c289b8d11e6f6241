"""Moving a workstation's record into the team record: verified, renumbered, with provenance."""

from __future__ import annotations

import getpass
import sqlite3
from pathlib import Path

import pytest

from screener.core.record import audit, runs
from screener.core.record.database.store import Store
from screener.core.record.review import decisions
from screener.core.record.workstation import WorkstationImportError, import_workstation
from tests.core.test_audit import _line
from tests.core.test_store import _parsed


def _workstation(desk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An officer's own SQLite record: a list, a run with a hit, two decisions, a remembered FP."""
    with monkeypatch.context() as m:
        m.delenv("SCREENER_DB", raising=False)
        store = Store.open(desk)
        version = store.add_list_version(_parsed(), sha256="a" * 64, size=1)
        entry = next(r for r in store.iter_names([version.id]) if r.is_primary)
        hit = runs.HitRecord(
            "buyer", "Acme 1 LLC", "AE", "ofac_sdn", "", version.id, entry.entry_rowid,
            "1", "ACME 1 LLC", "h" * 64, "ACME 1 LLC", (), 0.7, "tokens matched",
        )  # fmt: skip
        run_id = runs.start_run(
            store, runs.RunInfo("o.xlsx", "f" * 64, "S", {}, "p", "m", (version.id,))
        )
        [line_id] = runs.add_lines(store, run_id, [_line(2, hits=(hit,))])
        runs.finish_run(store, run_id, status="completed", lines=1)
        hit_id = runs.line_hits(store, line_id)[0].id
        decisions.record_decision(store, line_id=line_id, action="hold", justification="EUS")
        decisions.record_decision(
            store,
            line_id=line_id,
            hit_id=hit_id,
            action="cleared",
            reason="different_party",
            justification="other company: different address and owners",
            remember=True,
        )
        store.close()


def test_workstation_record_moves_in_with_its_provenance(
    backend: str, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = tmp_path / "desk"
    _workstation(desk, monkeypatch)
    team = Store.open(home)
    team.add_list_version(_parsed(), sha256="a" * 64, size=1)
    runs.start_run(team, runs.RunInfo("team.xlsx", "e" * 64, "", {}, "p", "m", ()))  # ids differ

    summary = import_workstation(team, desk)
    assert (summary.runs, summary.decisions, summary.records) == (1, 2, 8)  # + reason terms
    moved = runs.get_run(team, 2)
    assert (moved.file_name, moved.status, moved.line_count) == ("o.xlsx", "completed", 1)
    assert moved.list_version_ids == (team.current_versions()[0].id,)
    [line] = list(runs.iter_lines(team, moved.id))
    history = decisions.decision_history(team, line.id)
    assert [d.action.value for d in history] == ["hold", "cleared"]
    assert history[1].hit_id == runs.line_hits(team, line.id)[0].id
    assert history[1].supersedes is None
    assert len(decisions.active_accepted_matches(team)) == 1
    assert audit.verify(team).ok
    provenance = list(team.db.query("SELECT * FROM imported_rows ORDER BY id"))
    assert len(provenance) == 8
    assert {p["original_operator"] for p in provenance} == {getpass.getuser()}
    assert {p["table_name"] for p in provenance} >= {"runs", "lines", "hits", "decisions"}

    with pytest.raises(WorkstationImportError, match="already imported"):
        import_workstation(team, desk)


def test_a_tampered_or_unmatched_workstation_is_refused_whole(
    backend: str, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = tmp_path / "desk"
    _workstation(desk, monkeypatch)
    team = Store.open(home)
    with pytest.raises(WorkstationImportError, match="import these list versions"):
        import_workstation(team, desk)
    team.add_list_version(_parsed(), sha256="a" * 64, size=1)
    conn = sqlite3.connect(desk / "screener.db")
    conn.execute("DROP TRIGGER decisions_no_update")
    conn.execute("UPDATE decisions SET action = 'cleared' WHERE id = 1")
    conn.commit()
    conn.close()
    with pytest.raises(WorkstationImportError, match=r"does not verify.*decisions record 1"):
        import_workstation(team, desk)
    assert runs.list_runs(team) == []
    with pytest.raises(WorkstationImportError, match="no Screener workstation database"):
        import_workstation(team, tmp_path / "nowhere")
