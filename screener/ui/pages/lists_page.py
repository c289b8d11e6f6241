"""Lists: what each list's current version is and how old, importing new files, history.

Importing is `lists_import`, re-screening after new versions `lists_rescreen` (mixins)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from screener.core.lists.freshness import stale_versions
from screener.core.lists.importing import ImportOutcome
from screener.core.lists.updates import UpdateOutcome
from screener.core.record.database.list_versions import ListVersion
from screener.core.record.database.store import Store
from screener.core.words import counted
from screener.ui import settings
from screener.ui.models.lists_model import ItemRole, ListsModel, SortRole
from screener.ui.pages.lists_import import ImportMixin
from screener.ui.pages.lists_rescreen import RescreenMixin
from screener.ui.widgets.progress_strip import ProgressStrip
from screener.ui.widgets.record_table import record_table
from screener.ui.workers import GeneratorWorker


def _table(model: ListsModel, name: str) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SortRole)
    view = record_table(proxy, name)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    return view, proxy


class ListsPage(ImportMixin, RescreenMixin, QWidget):
    status_message = Signal(str)
    lists_changed = Signal()
    busy_changed = Signal(bool)
    rescreened = Signal(object)  # list[RescreenResult]: new runs exist

    def __init__(
        self, home: Path, store: Store, prefs: settings.Settings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.home = home
        self.store = store
        self.prefs = prefs
        self.worker: GeneratorWorker | None = None
        self.outcomes: list[ImportOutcome] = []
        self.update_outcomes: list[UpdateOutcome] = []

        self.model = ListsModel(self)
        self.table, self.proxy = _table(self.model, "listsTable")
        self.table.selectionModel().currentRowChanged.connect(self._show_history)
        self.history_model = ListsModel(self)
        self.history, self.history_proxy = _table(self.history_model, "historyTable")
        self.history.sortByColumn(2, Qt.SortOrder.DescendingOrder)

        self.summary = QLabel()
        self.summary.setObjectName("listsSummary")
        self.summary.setWordWrap(True)  # the window must fit a laptop at 200 %
        self.import_files_button = QPushButton("Import files…")
        self.import_files_button.setToolTip("Import downloaded list files (Ctrl+I)")
        self.import_files_button.clicked.connect(self.choose_files)
        self.import_folder_button = QPushButton("Import folder…")
        self.import_folder_button.setToolTip(
            "Import every list file in a folder and its subfolders"
        )
        self.import_folder_button.clicked.connect(self.choose_folder)
        self.update_button = QPushButton("Update lists")
        self.update_button.setObjectName("updateListsButton")
        self.update_button.setToolTip(
            "Download the official list files from their publishers (or your mirror), check "
            "them and import them; offline, the lists already imported stay in use"
        )
        self.update_button.clicked.connect(lambda: self.update_lists())
        self.custom_button = QPushButton("Your own list…")
        self.custom_button.setObjectName("customListButton")
        self.custom_button.setToolTip(
            "Import a list your company keeps (a watch list, a customer's blacklist) from CSV"
        )
        self.custom_button.clicked.connect(lambda: self.import_custom_list())
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.update_button)
        top.addWidget(self.import_files_button)
        top.addWidget(self.import_folder_button)
        top.addWidget(self.custom_button)
        # The reminder: shown while any list is older than the policy's maximum age.
        self.reminder = QLabel()
        self.reminder.setObjectName("staleReminder")
        self.reminder.setWordWrap(True)
        self.reminder.setStyleSheet(
            "#staleReminder { background: #FCEBC0; color: #6B4000; padding: 6px 8px;"
            " border-radius: 4px; }"
        )
        self.reminder.hide()

        self.progress = ProgressStrip()
        self.progress.cancel_requested.connect(self.cancel)
        self.log = QPlainTextEdit()
        self.log.setObjectName("importLog")
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(2000)
        self.log.setPlaceholderText("Import results appear here.")
        self.log.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.history_label = QLabel("Version history")
        self.history_label.setObjectName("historyLabel")

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.history_label)
        lower_layout.addWidget(self.history, 2)
        lower_layout.addWidget(QLabel("Import log"))
        lower_layout.addWidget(self.log, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setSizes([260, 340])
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.reminder)
        layout.addWidget(self.progress)
        layout.addWidget(splitter, 1)

        self.import_action = QAction("&Import lists…", self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.choose_files)
        self.import_folder_action = QAction("Import list &folder…", self)
        self.import_folder_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.import_folder_action.triggered.connect(self.choose_folder)
        self.refresh()

    # -- status -----------------------------------------------------------------------

    def refresh(self) -> None:
        current_source = self._selected_source()
        versions = self.store.current_versions()
        self.model.set_items(versions)
        stale = sum(1 for v in versions if self.model.is_stale(v))
        if not versions:
            self.summary.setText(
                "<b>No lists imported.</b> Import the official list files before screening."
            )
        else:
            warn = (
                f" · <span style='color:#8A5300'><b>{stale} out of date</b></span>" if stale else ""
            )
            entries = counted(sum(v.entries for v in versions), "entry", "entries")
            names = counted(sum(v.names for v in versions), "name")
            self.summary.setText(
                f"<b>{counted(len(versions), 'list')}</b> · {entries} · {names}{warn}"
            )
        self._remind(versions)
        if versions:
            self._select_source(current_source or versions[0].source)
        else:
            self.history_model.set_items([])

    def _remind(self, versions: Sequence[ListVersion]) -> None:
        stale = stale_versions(versions, policy=self.model.policy)
        if not stale:
            self.reminder.hide()
            return
        shown = ", ".join(s.short() for s in stale[:6]) + (" …" if len(stale) > 6 else "")
        noun, them = ("A list is", "it") if len(stale) == 1 else (f"{len(stale)} lists are", "them")
        self.reminder.setText(
            f"<b>{noun} older than the policy allows</b> ({shown}). Screening with {them} "
            "needs your confirmation and is recorded. Click <b>Update lists</b> or import "
            "current files."
        )
        self.reminder.setToolTip("\n".join(s.describe() for s in stale))
        self.reminder.show()

    def stale_count(self) -> int:
        return len(stale_versions(self.store.current_versions(), policy=self.model.policy))

    def _selected_source(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.proxy.data(index, ItemRole).source

    def _select_source(self, source: str) -> None:
        for row in range(self.proxy.rowCount()):
            if self.proxy.data(self.proxy.index(row, 0), ItemRole).source == source:
                self.table.selectRow(row)
                self._show_history()
                return

    def _show_history(self, *_args: Any) -> None:
        source = self._selected_source()
        self.history_model.set_items(self.store.list_versions(source) if source else [])
        self.history_label.setText(f"Version history: {source}" if source else "Version history")
