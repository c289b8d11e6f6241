"""Every model passes Qt's model tester; results rows stream in, filter, and update per row."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt

from screener.core.evidence import history
from screener.core.names.search import SearchHit
from screener.core.record import runs
from screener.core.record.database.store import Store
from screener.core.record.review import decisions
from screener.core.record.review.decisions import Action
from screener.ui.models.decisions_model import DecisionRow, DecisionsModel
from screener.ui.models.line_matches_model import LineMatchesModel
from screener.ui.models.lists_model import AGE_COLUMN, ListsModel, StaleRole
from screener.ui.models.results_model import Column, NeedsDecisionRole, ResultsModel, VerdictRole
from screener.ui.models.results_proxy import ResultsFilterProxy
from screener.ui.models.runs_model import RunsModel
from screener.ui.models.search_model import SearchModel

from .fakes import store_run


@pytest.fixture
def run_lines(store: Store) -> tuple[int, list[runs.StoredLine]]:
    run_id = store_run(store, range(16))
    return run_id, list(runs.iter_lines(store, run_id))


def test_results_model_streams_batches_and_passes_modeltester(qtmodeltester, run_lines) -> None:
    _run_id, lines = run_lines
    model = ResultsModel()
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    model.append_lines(lines[:10])
    model.append_lines(lines[10:])
    model.append_lines(lines[10:])  # the same lines again: ignored
    assert inserted == [(0, 9), (10, 15)]
    assert model.rowCount() == 16
    assert model.data(model.index(0, Column.ROW)) == 2
    assert model.data(model.index(1, Column.VERDICT)) == "Review"
    assert model.data(model.index(1, Column.VERDICT), Qt.ItemDataRole.DecorationRole) is not None
    assert model.verdict_counts() == {"clear": 8, "review": 6, "block": 2}
    qtmodeltester.check(model)


def test_decision_changes_one_row(store: Store, run_lines) -> None:
    _run_id, lines = run_lines
    model = ResultsModel()
    model.reset(lines)
    undecided = model.undecided_count()
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, _r=(): changed.append((a.row(), b.row())))
    decision = decisions.record_decision(
        store, line_id=lines[1].id, action=Action.HOLD, justification="awaiting EUS"
    )
    model.set_decision(decision)
    assert changed == [(1, 1)]
    assert model.data(model.index(1, Column.DECISION)) == "Hold"
    assert model.data(model.index(1, 0), NeedsDecisionRole) is False
    assert model.undecided_count() == undecided - 1


def test_proxy_filters_by_verdict_decision_and_text(qtmodeltester, store, run_lines) -> None:
    _run_id, lines = run_lines
    model = ResultsModel()
    model.reset(lines)
    proxy = ResultsFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_verdicts({"block"})
    assert proxy.rowCount() == 2
    assert {proxy.data(proxy.index(r, 0), VerdictRole) for r in range(2)} == {"block"}
    proxy.set_verdicts({"block", "review", "clear"})
    proxy.set_text("acme")
    assert proxy.rowCount() == 2  # Acme Trading, rows 3 and 11
    proxy.set_text("")
    proxy.set_decision_filter("undecided")
    assert proxy.rowCount() == 8
    decision = decisions.record_decision(
        store, line_id=lines[2].id, action=Action.BLOCKED, justification="listed entity"
    )
    model.set_decision(decision)
    assert proxy.rowCount() == 7
    proxy.set_decision_filter("decided")
    assert proxy.rowCount() == 1


def test_lists_model_marks_stale_lists(qtmodeltester, store: Store, un_list) -> None:
    from screener.core.lists.importing import import_lists

    un = un_list
    [outcome] = list(import_lists(store, [un]))
    fresh = ListsModel(today=date(2026, 3, 1))
    fresh.set_items(store.current_versions())
    assert fresh.data(fresh.index(0, AGE_COLUMN)) == "2 days"
    assert fresh.data(fresh.index(0, 0), StaleRole) is False
    old = ListsModel(today=date(2026, 6, 1))
    old.set_items(store.current_versions())
    assert old.data(old.index(0, 0), StaleRole) is True
    assert old.data(old.index(0, AGE_COLUMN), Qt.ItemDataRole.BackgroundRole) is not None
    assert old.data(old.index(0, 4)) == f"{outcome.version.entries:,}"
    qtmodeltester.check(fresh)


def test_runs_decisions_and_search_models_pass_modeltester(qtmodeltester, store, run_lines):
    _run_id, lines = run_lines
    model = RunsModel()
    model.set_items(runs.list_runs(store))
    assert model.data(model.index(0, 6)) == "completed"
    qtmodeltester.check(model)
    decision = decisions.record_decision(
        store, line_id=lines[1].id, action=Action.HOLD, justification="waiting"
    )
    dmodel = DecisionsModel()
    dmodel.set_items([DecisionRow(decision, "row 3", "")])
    assert dmodel.data(dmodel.index(0, 3)) == "Hold"
    qtmodeltester.check(dmodel)
    smodel = SearchModel()
    qtmodeltester.check(smodel)
    assert smodel.rowCount(QModelIndex()) == 0
    smodel.set_items([_search_hit(0.97), _search_hit(0.85)])
    assert smodel.data(smodel.index(1, 0)) == "85%"
    assert smodel.data(smodel.index(0, 4)) == "us_csl / SDN"
    qtmodeltester.check(smodel)
    found = history.find_lines(store, "SO-10")
    assert found
    fmodel = LineMatchesModel()
    fmodel.set_items(found)
    qtmodeltester.check(fmodel)


def _search_hit(score: float) -> SearchHit:
    return SearchHit(
        source="us_csl", sub_source="SDN", entry_id="18782", name="Example Export OAO",
        matched_name="Example Export", score=score, explanation="matched: example, export",
        programs=("RUSSIA-EO14024",), countries=("RU",), type="organization", entry_rowid=1,
        list_version_id=1, entry_hash="0" * 64,
    )  # fmt: skip
