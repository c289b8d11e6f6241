"""The Screen page's opening of an order file: choose or drop it, inspect its columns off the
GUI thread (asking when unsure), check the lists are fresh enough, then start the screening.
A mixin of `ScreenPage`, kept apart from showing and reviewing the lines."""

from __future__ import annotations

import logging
from collections.abc import Callable
from html import escape as html_escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from screener.core.errors import ScreenerError
from screener.core.lists.freshness import StaleList, stale_lists
from screener.core.orders import OrderFileInfo, save_profile
from screener.core.orders.plausible import not_an_order_file
from screener.core.record.database.store import Store
from screener.ui import jobs, settings
from screener.ui.dialogs.errors import show_error
from screener.ui.dialogs.mapping_dialog import MappingDialog
from screener.ui.widgets.progress_strip import ProgressStrip
from screener.ui.workers import GeneratorWorker

log = logging.getLogger(__name__)

ORDER_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt", ".tsv")
# Files officers drop by mistake, and what to do with them instead.
REFUSED_SUFFIXES = {
    ".xls": "an Excel 97-2003 workbook: open it in Excel and save it as .xlsx (or .csv)",
    ".ods": "a LibreOffice/OpenDocument sheet: save it as .xlsx (or .csv)",
    ".numbers": "a Numbers sheet: export it as .xlsx (or .csv)",
    ".pdf": "a PDF: export the orders from the ERP as .xlsx or .csv",
}
ORDER_FILTER = "Order files (*.xlsx *.xlsm *.csv *.txt *.tsv);;All files (*)"


class OpenFileMixin:
    """What it uses of the page (annotations only: the page's own attributes and methods)."""

    home: Path
    store: Store
    prefs: settings.Settings
    profiles: Any
    inspects: bool
    screen_func: Any
    current_path: Path | None
    stale_consent: frozenset[int] | None
    mapping_dialog: MappingDialog | None
    worker: GeneratorWorker | None
    progress: ProgressStrip
    run_label: QLabel
    inspect_func: Any
    _inspected: tuple[Path, bool, OrderFileInfo | None] | None
    status_message: SignalInstance
    recent_files_changed: SignalInstance
    update_lists_requested: SignalInstance
    busy_changed: SignalInstance

    # Annotations, not stub methods: a stub here would shadow the page's own in the MRO.
    is_busy: Callable[[], bool]
    _begin: Callable[[str], None]
    _start: Callable[[GeneratorWorker], None]
    _update_actions: Callable[[], None]

    def choose_file(self, *, review: bool = False) -> None:
        if self.is_busy():
            return
        name, _filter = QFileDialog.getOpenFileName(
            self, "Open orders", self.prefs.folder(settings.LAST_ORDERS_FOLDER), ORDER_FILTER
        )
        if name:
            self.screen_file(Path(name), review=review)

    def review_columns(self) -> bool:
        """Show the columns of the file last opened, and screen it again with the choice."""
        if self.current_path is None:
            return False
        return self.screen_file(self.current_path, review=True)

    def screen_file(
        self,
        path: Path,
        *,
        review: bool = False,
        sheet: str | None = None,
        mapping: dict[str, str] | None = None,
    ) -> bool:
        """Open `path`: inspect its columns (asking when unsure, or always with `review`), then
        screen it; with `mapping` screen straight away. False if a job is already running."""
        if self.is_busy():
            self.status_message.emit("Wait for the current screening to finish, or cancel it.")
            return False
        self.prefs.set_folder(settings.LAST_ORDERS_FOLDER, path)
        self.prefs.add_recent_file(path)
        self.recent_files_changed.emit()
        self.current_path = path
        if mapping is None and self.inspects:
            self._inspect(path, review=review, sheet=sheet)
            return True
        self._start_screening(path, sheet=sheet, mapping=mapping)
        return True

    # -- columns: inspect, maybe ask, then screen --------------------------------------

    def _inspect(self, path: Path, *, review: bool, sheet: str | None = None) -> None:
        """Read the file's sheets, header and mapping off the GUI thread."""
        self._inspected = (path, review, None)
        worker = GeneratorWorker(
            jobs.inspect_job(path, sheet=sheet, profiles=self.profiles, inspect=self.inspect_func),
            name="inspect",
        )
        self.progress.begin(f"Reading the columns of {path.name}…")
        self.worker = worker

        def got(info: Any) -> None:
            if isinstance(info, OrderFileInfo):
                self._inspected = (path, review, info)

        worker.signals.result.connect(got)
        worker.signals.errored.connect(
            lambda message, details: show_error(
                self,
                f"Cannot read {path.name}",
                message,
                "" if expected_error(details) else details,
            )
        )
        worker.signals.finished.connect(self._on_inspected)
        worker.start()
        self.busy_changed.emit(True)
        self._update_actions()

    def _on_inspected(self) -> None:
        self.worker = None
        self.progress.end()
        self.busy_changed.emit(False)
        self._update_actions()
        inspected, self._inspected = self._inspected, None
        path, review, info = inspected if inspected is not None else (None, False, None)
        if path is None or info is None:
            if self.mapping_dialog is not None:  # that sheet failed: keep the one shown
                self.mapping_dialog.set_info(self.mapping_dialog.info)
            return  # failed (the error is shown) or cancelled
        if self.mapping_dialog is not None:  # another sheet for the open dialog
            self.mapping_dialog.set_info(info)
            return
        refusal = None if review else not_an_order_file(info)
        if refusal is not None:
            self.status_message.emit(f"{path.name}: not screened.")
            show_error(self, "Not an order file", refusal)
            return
        if review or info.mapping.needs_review:
            self.show_mapping_dialog(path, info)
            return
        if info.notes:  # e.g. which of several sheets is read
            self.status_message.emit(f"{path.name}: {'; '.join(info.notes)}")
        self._start_screening(path, sheet=info.sheet or None, mapping=info.mapping.as_dict())

    def show_mapping_dialog(self, path: Path, info: OrderFileInfo) -> MappingDialog:
        dialog = MappingDialog(info, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sheet_requested.connect(lambda sheet: self._inspect(path, review=True, sheet=sheet))
        dialog.accepted.connect(lambda: self._mapping_chosen(path, dialog))
        dialog.finished.connect(lambda _r: setattr(self, "mapping_dialog", None))
        dialog.rejected.connect(lambda: self.status_message.emit(f"{path.name}: not screened."))
        self.mapping_dialog = dialog
        dialog.open()
        return dialog

    def _mapping_chosen(self, path: Path, dialog: MappingDialog) -> None:
        profile = dialog.profile()
        if profile is not None:
            try:
                saved = save_profile(self.profiles, profile)
            except (OSError, ScreenerError) as exc:
                show_error(self, "Profile not saved", str(exc))
            else:
                log.info("mapping profile saved: %s", saved)
                self.status_message.emit(f"Columns saved for this layout ({profile.name}).")
        self._start_screening(path, sheet=dialog.chosen_sheet(), mapping=dialog.chosen_mapping())

    def _start_screening(
        self, path: Path, *, sheet: str | None, mapping: dict[str, str] | None
    ) -> None:
        if not self.lists_fresh_enough():
            self.status_message.emit(f"{path.name}: not screened (lists older than the policy).")
            return
        self._begin(f"Screening {path.name}…")
        self.run_label.setText(f"Screening <b>{path.name}</b>…")
        job = jobs.screen_job(
            self.home, path, screen=self.screen_func, sheet=sheet, mapping=mapping
        )
        self._start(GeneratorWorker(job, name="screen", cooperative=True))

    def lists_fresh_enough(self) -> bool:
        """True if every list is within the policy's age, or the officer agreed this session
        to screen with the stale ones (asked once per set of stale versions)."""
        stale = stale_lists(self.store)
        if not stale:
            return True
        ids = frozenset(s.version_id for s in stale)
        if self.stale_consent is not None and ids <= self.stale_consent:
            return True
        if not self.confirm_stale(stale):
            return False
        self.stale_consent = ids | (self.stale_consent or frozenset())
        return True

    def confirm_stale(self, stale: list[StaleList]) -> bool:
        """Ask whether to screen with stale lists (tests replace this)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Lists out of date")
        noun = "list is" if len(stale) == 1 else f"{len(stale)} lists are"
        box.setText(f"<b>{noun.capitalize()} older than the screening policy allows.</b>")
        box.setInformativeText(
            "<br>".join(html_escape(s.describe()) for s in stale)
            + "<br><br>Screening with them is recorded with the run, in its report and on every "
            "line. You are asked once per session."
        )
        screen = box.addButton("Screen anyway", QMessageBox.ButtonRole.AcceptRole)
        update = box.addButton("Update lists…", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is update:
            self.update_lists_requested.emit()
        return box.clickedButton() is screen

    # -- drag and drop ---------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        # Any local file is accepted here, so that a wrong one can be explained on drop.
        if not self.is_busy() and _dropped_files(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = _dropped_files(event.mimeData().urls())
        path = next((p for p in files if p.suffix.lower() in ORDER_SUFFIXES), None)
        if path is not None:
            event.acceptProposedAction()
            self.screen_file(path)
        elif files:
            event.acceptProposedAction()
            self.refuse_dropped(files[0])

    def refuse_dropped(self, path: Path) -> str:
        """Say why a dropped file is not screened; the message shown."""
        why = REFUSED_SUFFIXES.get(path.suffix.lower())
        if why is None:
            why = "not an order file Screener reads (.xlsx, .xlsm, .csv, .txt or .tsv)"
        message = f"{path.name} is {why}."
        self.status_message.emit(f"{path.name}: not screened.")
        show_error(self, "Not an order file", message)
        return message


def expected_error(details: str) -> bool:
    """A core error (worded for the user, e.g. a file the reader refused): no traceback."""
    last = details.strip().rsplit("\n", 1)[-1]
    return last.startswith("screener.core.")


def _dropped_files(urls: list[Any]) -> list[Path]:
    return [p for u in urls if u.isLocalFile() and (p := Path(u.toLocalFile())).is_file()]
