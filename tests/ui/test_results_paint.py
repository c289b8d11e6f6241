"""The results table paints every cell from the model's cache of what a paint asks (one call per
cell): pixel for pixel what it paints asking each role of `data()`, before and after decisions."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QModelRoleDataSpan
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QTableView

from screener.core.record import runs
from screener.core.record.database.store import Store
from screener.core.record.review import decisions
from screener.core.record.review.decisions import Action
from screener.core.record.review.line_state import lines_states
from screener.core.rules.policy import load_policy
from screener.core.screening.shown import shown_lines
from screener.ui.models.results_model import ResultsModel
from screener.ui.models.results_proxy import ResultsFilterProxy
from screener.ui.widgets.results_table import results_table

from .fakes import store_run


class _RoleByRole(ResultsFilterProxy):
    """Qt's own way: one `data()` call per role and cell."""

    def multiData(self, index: QModelIndex, roleDataSpan: QModelRoleDataSpan) -> None:
        QAbstractItemModel.multiData(self, index, roleDataSpan)


def _table(qtbot, model: ResultsModel, proxy: ResultsFilterProxy) -> QTableView:  # type: ignore[no-untyped-def]
    proxy.setSourceModel(model)
    table = results_table(proxy)
    qtbot.addWidget(table)
    table.resize(1100, 420)
    table.show()
    return table


def _painted(table: QTableView) -> QImage:
    return table.viewport().grab().toImage()


def test_the_table_paints_as_it_would_asking_role_by_role(qtbot, store: Store) -> None:
    run_id = store_run(store, range(16))
    lines = list(runs.iter_lines(store, run_id))
    shown = shown_lines(store, lines, load_policy())
    cached, plain = ResultsModel(), ResultsModel()
    tables = [_table(qtbot, cached, ResultsFilterProxy()), _table(qtbot, plain, _RoleByRole())]
    for model in (cached, plain):
        model.append_lines(shown.lines[:9], shown.whys[:9], shown.states)
    first = [_painted(t) for t in tables]
    assert first[0] == first[1]

    # More rows, a decision on a row already painted, and new states: the cache follows.
    open_line = next(line for line in lines if line.verdict != "clear")
    decision = decisions.record_decision(
        store, line_id=open_line.id, action=Action.HOLD, justification="awaiting the end user"
    )
    states = lines_states(store, [line.id for line in lines])
    for model in (cached, plain):
        model.append_lines(shown.lines[9:], shown.whys[9:])
        model.set_decision(decision)
        model.set_line_states(states.values())
    second = [_painted(t) for t in tables]
    assert second[0] == second[1]
    assert second[0] != first[0]  # the decision shows
