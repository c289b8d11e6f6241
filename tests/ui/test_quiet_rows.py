"""Rows streaming in below the ones in view leave the table's pixels as they are (no repaint);
rows that land in view, or any other change, are painted: the screen never shows stale rows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView

from screener.core.record import runs
from screener.core.rules.policy import load_policy
from screener.core.screening import shown_batch
from screener.core.screening.shown import shown_lines
from screener.ui.jobs import LinesBatch
from screener.ui.models.results_columns import Column
from screener.ui.pages.screen_page import ScreenPage
from screener.ui.widgets.quiet_rows import rows_below_unpainted

from .fakes import store_run
from .paints import Paints


def _rows(model: QStandardItemModel, first: int, count: int) -> None:
    for n in range(first, first + count):
        model.appendRow([QStandardItem(f"row {n}"), QStandardItem(f"SO-{n}")])


def _on_screen(view: QTableView) -> QImage:
    """What the window shows now (its backing store), not a fresh rendering."""
    image = QApplication.primaryScreen().grabWindow(view.window().winId()).toImage()
    origin = view.viewport().mapTo(view.window(), view.viewport().rect().topLeft())
    return image.copy(origin.x(), origin.y(), view.viewport().width(), view.viewport().height())


def _fresh(view: QTableView) -> QImage:
    return view.viewport().grab().toImage()


def _table(qtbot, rows: int) -> tuple[QTableView, QStandardItemModel, Paints]:  # type: ignore[no-untyped-def]
    model = QStandardItemModel(0, 2)
    _rows(model, 0, rows)
    view = QTableView()
    view.setModel(model)
    qtbot.addWidget(view)
    view.resize(360, 300)
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(20)
    paints = Paints()
    view.viewport().installEventFilter(paints)
    return view, model, paints


def test_rows_appended_below_the_view_repaint_nothing(qtbot) -> None:
    view, model, paints = _table(qtbot, 40)
    before = _on_screen(view)
    with rows_below_unpainted(view):
        _rows(model, 40, 25)
    qtbot.wait(50)
    assert paints.count == 0
    assert model.rowCount() == 65
    assert _on_screen(view) == before == _fresh(view)


def test_rows_that_land_in_view_are_painted(qtbot) -> None:
    view, model, paints = _table(qtbot, 3)  # the rows end above the bottom edge
    with rows_below_unpainted(view):
        _rows(model, 3, 4)
    qtbot.waitUntil(lambda: paints.count > 0)
    assert _on_screen(view) == _fresh(view)


def test_any_other_change_inside_is_painted(qtbot) -> None:
    view, model, paints = _table(qtbot, 40)
    with rows_below_unpainted(view):
        _rows(model, 40, 5)
        model.item(0, 0).setText("changed while rows came in")
    qtbot.waitUntil(lambda: paints.count > 0)
    assert _on_screen(view) == _fresh(view)
    model.insertRow(0, [QStandardItem("a row above the others")])  # outside: as usual
    with rows_below_unpainted(view):
        model.insertRow(2, [QStandardItem("inserted in view")])
    qtbot.wait(50)
    assert _on_screen(view) == _fresh(view)


def test_a_run_streaming_in_shows_every_row_that_reaches_the_view(qtbot, home, store, prefs):  # type: ignore[no-untyped-def]
    """The Screen page taking a run in, batch by batch: the table on screen becomes what a fresh
    paint shows, whether the officer stays at the top or follows the new rows at the bottom."""
    run_id = store_run(store, range(90))
    lines = list(runs.iter_lines(store, run_id))
    page = ScreenPage(home, store, prefs)
    qtbot.addWidget(page)
    page.resize(1000, 420)
    page.show()
    qtbot.waitExposed(page)
    page._begin("Opening…")
    for first in range(0, 90, 15):
        payload = shown_batch.encode(shown_lines(store, lines[first : first + 15], load_policy()))
        page._on_batch(LinesBatch(run_id, payload, first + 15, 90))
        if first == 30:  # the most severe first: new lines land among those in view
            page.table.sortByColumn(Column.VERDICT, Qt.SortOrder.AscendingOrder)
        if first >= 60:
            page.table.scrollToBottom()  # following the new rows
        qtbot.waitUntil(lambda: _on_screen(page.table) == _fresh(page.table), timeout=2000)
    assert page.model.rowCount() == 90
