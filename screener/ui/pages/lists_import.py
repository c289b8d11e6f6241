"""The Lists page's importing: list files or a folder, `lists update` from the publishers, a
company's own list; each off the GUI thread, its outcomes in the import log, then the page
refreshed and re-screening offered. A mixin of `ListsPage`."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QPlainTextEdit, QPushButton, QWidget

from screener.core.lists.importing import ImportOutcome, ImportStatus
from screener.core.lists.updates import UpdateOutcome
from screener.core.record.database.store import Store
from screener.ui import jobs, settings
from screener.ui.dialogs.custom_list_dialog import CustomListDialog
from screener.ui.dialogs.errors import show_error
from screener.ui.widgets.progress_strip import ProgressStrip
from screener.ui.workers import GeneratorWorker

LIST_FILTER = "List files (*.xml *.csv *.txt *.tsv *.xlsx *.json *.jsonl *.ftm);;All files (*)"


class ImportMixin:
    """What it uses of the page (annotations only: the page's own attributes and methods)."""

    home: Path
    store: Store
    prefs: settings.Settings
    worker: GeneratorWorker | None
    outcomes: list[ImportOutcome]
    update_outcomes: list[UpdateOutcome]
    progress: ProgressStrip
    log: QPlainTextEdit
    import_files_button: QPushButton
    import_folder_button: QPushButton
    update_button: QPushButton
    custom_button: QPushButton
    import_action: QAction
    import_folder_action: QAction
    status_message: SignalInstance
    lists_changed: SignalInstance
    busy_changed: SignalInstance
    refresh: Callable[[], None]
    offer_rescreen: Callable[[], Any]

    def _widget(self) -> QWidget:
        assert isinstance(self, QWidget)  # the page: dialogs and messages are its children
        return self

    def choose_files(self) -> None:
        if self.worker is not None:
            return
        names, _f = QFileDialog.getOpenFileNames(
            self._widget(),
            "Import list files",
            self.prefs.folder(settings.LAST_LISTS_FOLDER),
            LIST_FILTER,
        )
        if names:
            self.import_paths([Path(n) for n in names])

    def choose_folder(self) -> None:
        if self.worker is not None:
            return
        name = QFileDialog.getExistingDirectory(
            self._widget(), "Import list folder", self.prefs.folder(settings.LAST_LISTS_FOLDER)
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
        job = jobs.import_job(self.home, list(paths))
        return self._start(GeneratorWorker(job, name="import"), "Import", self._on_finished)

    def update_lists(self, *, mirror: str | None = None) -> GeneratorWorker | None:
        """`lists update` with progress; each file's outcome (or the offline notice) logged."""
        if self.worker is not None:
            return None
        mirror = mirror or os.environ.get("SCREENER_UPDATE_MIRROR") or None
        self.update_outcomes = []
        self.outcomes = []
        self.log_line(f"— Updating the lists from {mirror or 'the publishers'}")
        self.progress.begin("Connecting…")
        job = jobs.update_job(self.home, self.home / "lists", mirror=mirror)
        worker = GeneratorWorker(job, name="update")
        return self._start(worker, "Update", self._on_update_finished)

    def _start(
        self, worker: GeneratorWorker, what: str, finished: Callable[[], None]
    ) -> GeneratorWorker:
        """Run an import or update off the GUI thread, its progress and outcome shown here."""
        worker.signals.progress.connect(self._on_progress)
        worker.signals.errored.connect(
            lambda m, d: show_error(self._widget(), f"{what} failed", m, d)
        )
        worker.signals.cancelled.connect(lambda: self.log_line(f"{what} cancelled."))
        worker.signals.finished.connect(finished)
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
        dialog = CustomListDialog(self.store, self._widget())
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
