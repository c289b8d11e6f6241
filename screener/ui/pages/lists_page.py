"""Lists: what each list's current version is and how old, importing new files, history."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
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
from screener.core.lists.importing import ImportOutcome, ImportStatus
from screener.core.lists.updates import UpdateOutcome
from screener.core.record.database.store import ListVersion, Store
from screener.core.words import counted
from screener.ui import jobs, settings
from screener.ui.dialogs.custom_list_dialog import CustomListDialog
from screener.ui.dialogs.errors import show_error
from screener.ui.models.lists_model import ItemRole, ListsModel, SortRole
from screener.ui.pages.lists_rescreen import RescreenMixin
from screener.ui.widgets.progress_strip import ProgressStrip
from screener.ui.widgets.record_table import record_table
from screener.ui.workers import GeneratorWorker

LIST_FILTER = "List files (*.xml *.csv *.txt *.tsv *.xlsx *.json *.jsonl *.ftm);;All files (*)"


def _table(model: ListsModel, name: str) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SortRole)
    view = record_table(proxy, name)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    return view, proxy


class ListsPage(RescreenMixin, QWidget):
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

    # -- importing --------------------------------------------------------------------

    def choose_files(self) -> None:
        if self.worker is not None:
            return
        names, _f = QFileDialog.getOpenFileNames(
            self, "Import list files", self.prefs.folder(settings.LAST_LISTS_FOLDER), LIST_FILTER
        )
        if names:
            self.import_paths([Path(n) for n in names])

    def choose_folder(self) -> None:
        if self.worker is not None:
            return
        name = QFileDialog.getExistingDirectory(
            self, "Import list folder", self.prefs.folder(settings.LAST_LISTS_FOLDER)
        )
        if name:
            self.import_paths([Path(name)])

    def import_paths(self, paths: Sequence[Path]) -> GeneratorWorker | None:
        if self.worker is not None or not paths:
            return None
        self.prefs.set_folder(settings.LAST_LISTS_FOLDER, paths[0])
        self.outcomes = []
        self.log_line(f"— Importing {', '.join(p.name for p in paths)}")
        self.progress.begin("Reading files…")
        worker = GeneratorWorker(jobs.import_job(self.home, list(paths)), name="import")
        worker.signals.progress.connect(self._on_progress)
        worker.signals.errored.connect(lambda m, d: show_error(self, "Import failed", m, d))
        worker.signals.cancelled.connect(lambda: self.log_line("Import cancelled."))
        worker.signals.finished.connect(self._on_finished)
        self.worker = worker
        self._set_busy(True)
        worker.start()
        return worker

    def update_lists(self, *, mirror: str | None = None) -> GeneratorWorker | None:
        """`lists update` with progress; each file's outcome (or the offline notice) logged."""
        if self.worker is not None:
            return None
        mirror = mirror or os.environ.get("SCREENER_UPDATE_MIRROR") or None
        self.update_outcomes = []
        self.outcomes = []
        self.log_line(f"— Updating the lists from {mirror or 'the publishers'}")
        self.progress.begin("Connecting…")
        worker = GeneratorWorker(
            jobs.update_job(self.home, self.home / "lists", mirror=mirror), name="update"
        )
        worker.signals.progress.connect(self._on_progress)
        worker.signals.errored.connect(lambda m, d: show_error(self, "Update failed", m, d))
        worker.signals.cancelled.connect(lambda: self.log_line("Update cancelled."))
        worker.signals.finished.connect(self._on_update_finished)
        self.worker = worker
        self._set_busy(True)
        worker.start()
        return worker

    def _on_update_finished(self) -> None:
        outcomes = self.update_outcomes
        offline = bool(outcomes) and all(
            o.status == "failed" and "Working offline?" in o.message for o in outcomes
        )
        if offline:
            self.log_line(
                "Offline: no publisher could be reached. The lists already imported stay in "
                "use; on a machine without internet copy the files over and use Import folder…"
            )
        imported = sum(1 for o in outcomes if o.status == "imported")
        failed = sum(1 for o in outcomes if o.status == "failed")
        self._on_finished()  # refresh, status, re-screen offer as after an import
        self.status_message.emit(
            "Lists not updated: offline (the lists already imported stay in use)"
            if offline
            else f"Lists updated: {imported} imported, "
            f"{len(outcomes) - imported - failed} unchanged, {failed} failed"
        )

    def log_line(self, text: str) -> None:
        """Append to the import log and keep its newest line in view."""
        self.log.appendPlainText(text)
        bar = self.log.verticalScrollBar()
        bar.setValue(bar.maximum())

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()

    def _on_progress(self, item: Any) -> None:
        if isinstance(item, jobs.ImportStarted):
            self.progress.update_progress(
                item.index, item.total, f"{item.index + 1} of {item.total}: {item.path.name}"
            )
        elif isinstance(item, jobs.UpdateStarted):
            self.progress.update_progress(
                item.index, item.total, f"{item.index + 1} of {item.total}: {item.title}"
            )
        elif isinstance(item, jobs.IndexStarted):
            self.progress.update_progress(0, 0, "Preparing the name index for screening…")
        elif isinstance(item, UpdateOutcome):
            self.update_outcomes.append(item)
            self.log_line(item.summary())
            if item.import_outcome is not None:
                self._on_progress(item.import_outcome)
        elif isinstance(item, ImportOutcome):
            self.outcomes.append(item)
            if not isinstance(self.worker, GeneratorWorker) or self.worker.name != "update":
                self.log_line(item.summary())
            if item.status is ImportStatus.IMPORTED:
                self.refresh()
                self.lists_changed.emit()  # the status bar agrees with the header mid-import

    def _on_finished(self) -> None:
        self.worker = None
        self.progress.end()
        self._set_busy(False)
        self.refresh()
        counts = {s: sum(1 for o in self.outcomes if o.status is s) for s in ImportStatus}
        self.status_message.emit(
            f"Lists: {counts[ImportStatus.IMPORTED]} imported, "
            + (
                f"{counts[ImportStatus.HELD]} held (see the log), "
                if counts[ImportStatus.HELD]
                else ""
            )
            + f"{counts[ImportStatus.UNCHANGED]} unchanged, {counts[ImportStatus.FAILED]} failed"
        )
        self.lists_changed.emit()
        if counts[ImportStatus.IMPORTED]:
            self.offer_rescreen()

    def import_custom_list(self, *, exec_dialog: bool = True) -> CustomListDialog:
        """The dialog for a company's own list; a successful import refreshes the page."""
        dialog = CustomListDialog(self.store, self)
        dialog.imported.connect(self._on_custom_imported)
        if exec_dialog:
            dialog.exec()
        return dialog

    def _on_custom_imported(self, outcome: ImportOutcome) -> None:
        version = outcome.version
        if version is not None:
            self.log_line(f"{outcome.status.value}: {version.title} ({version.source})")
        self.refresh()
        self.lists_changed.emit()

    def _set_busy(self, busy: bool) -> None:
        for widget in (
            self.import_files_button,
            self.import_folder_button,
            self.update_button,
            self.custom_button,
        ):
            widget.setEnabled(not busy)
        self.import_action.setEnabled(not busy)
        self.import_folder_action.setEnabled(not busy)
        self.busy_changed.emit(busy)
