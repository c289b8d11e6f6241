"""The Screen page's actions (the main window puts them in its menus), the single keys of its
table, and which of them are enabled. A mixin of `ScreenPage`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton, QTableView, QWidget

from screener.ui.models.results_model import ResultsModel
from screener.ui.verdicts import ACTION_ORDER
from screener.ui.widgets.drop_zone import DropZone
from screener.ui.widgets.filter_bar import FilterBar
from screener.ui.workers import GeneratorWorker


class ScreenActionsMixin:
    """What it uses of the page (annotations only: the page's own attributes and methods)."""

    table: QTableView
    model: ResultsModel
    filter_bar: FilterBar
    drop_zone: DropZone
    columns_button: QPushButton
    decide_button: QPushButton
    bulk_button: QPushButton
    next_button: QPushButton
    inspects: bool
    current_path: Path | None
    run_id: int | None
    bulk_worker: GeneratorWorker | None
    choose_file: Callable[..., None]
    cancel: Callable[[], None]
    decide: Callable[..., Any]
    decide_several: Callable[..., Any]
    next_undecided: Callable[[], bool]
    export_report: Callable[..., Any]
    is_busy: Callable[[], bool]
    current_line_id: Callable[[], int | None]
    _widget: Callable[[], QWidget]

    def _make_actions(self) -> None:
        parent = self._widget()
        self.open_action = QAction("&Open orders…", parent)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.choose_file)
        self.columns_action = QAction("Open with &columns…", parent)
        self.columns_action.setToolTip("Open an order file and choose its columns before screening")
        self.columns_action.triggered.connect(lambda: self.choose_file(review=True))
        self.cancel_action = QAction("&Cancel screening", parent)
        self.cancel_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.cancel_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.cancel_action.triggered.connect(self.cancel)
        parent.addAction(self.cancel_action)
        self.decide_action = QAction("&Decide…", parent)
        self.decide_action.setShortcuts([QKeySequence("Ctrl+D")])
        self.decide_action.triggered.connect(lambda: self.decide())
        self.action_shortcuts: list[QAction] = []
        for n, action in enumerate(ACTION_ORDER, start=1):
            act = QAction(f"{action.label}…", parent)
            act.setShortcut(QKeySequence(f"Ctrl+{n}"))
            act.setToolTip(f"Decide: {action.label} (Ctrl+{n})")
            act.triggered.connect(lambda _c=False, a=action: self.decide(a))
            self.action_shortcuts.append(act)
        self.bulk_action = QAction("Decide &several…", parent)
        self.bulk_action.setShortcut(QKeySequence("Ctrl+B"))
        self.bulk_action.triggered.connect(lambda: self.decide_several())
        parent.addAction(self.bulk_action)
        self.next_action = QAction("&Next undecided", parent)
        self.next_action.setShortcut(QKeySequence("Ctrl+N"))
        self.next_action.triggered.connect(self.next_undecided)
        self.find_action = QAction("&Filter…", parent)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self._focus_search)
        self.export_action = QAction("&Export report…", parent)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(lambda: self.export_report())
        # Single keys while the table has focus: fast triage without chords.
        for key, slot in (
            (Qt.Key.Key_N, self.next_undecided),
            (Qt.Key.Key_Return, self.decide),
            (Qt.Key.Key_Enter, self.decide),
        ):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

    def _focus_search(self) -> None:
        self.filter_bar.search.setFocus()
        self.filter_bar.search.selectAll()

    def _update_actions(self) -> None:
        busy = self.is_busy()
        has_line = self.current_line_id() is not None
        self.open_action.setEnabled(not busy)
        self.columns_action.setEnabled(not busy and self.inspects)
        self.columns_button.setEnabled(not busy and self.inspects and self.current_path is not None)
        self.drop_zone.button.setEnabled(not busy)
        self.cancel_action.setEnabled(busy)
        for act in (self.decide_action, *self.action_shortcuts):
            act.setEnabled(has_line)
        self.decide_button.setEnabled(has_line)
        can_bulk = has_line and self.run_id is not None and self.bulk_worker is None
        self.bulk_action.setEnabled(can_bulk)
        self.bulk_button.setEnabled(can_bulk)
        has_rows = self.model.rowCount() > 0
        self.next_action.setEnabled(has_rows)
        self.next_button.setEnabled(has_rows)
        self.export_action.setEnabled(self.run_id is not None and not busy)
