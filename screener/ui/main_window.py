"""The main window: navigation, pages, menus and the status bar — wiring only."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from screener.core.errors import ScreenerError
from screener.core.record.database.store import Store
from screener.core.screening.rescreen import RescreenResult
from screener.ui import geometry, icons, jobs, settings
from screener.ui.dialogs import connect_dialog
from screener.ui.dialogs.about_dialog import AboutDialog
from screener.ui.dialogs.errors import show_error
from screener.ui.main_menus import build_menus
from screener.ui.pages.approvals_page import ApprovalsPage
from screener.ui.pages.audit_page import AuditPage
from screener.ui.pages.licences_page import LicencesPage
from screener.ui.pages.lists_page import ListsPage
from screener.ui.pages.screen_page import ScreenPage
from screener.ui.pages.search_page import SearchPage
from screener.ui.widgets import connection_status

SHUTDOWN_WAIT_S = 10.0
PREFERRED_SIZE = QSize(1280, 800)  # shrunk to the screen where that is smaller
NAV_CSS = """
QListWidget#nav { border: none; background: palette(window); font-size: 11pt; outline: 0; }
QListWidget#nav::item { padding: 9px 14px; border-radius: 6px; margin: 1px 6px; }
QListWidget#nav::item:selected { background: palette(highlight);
                                 color: palette(highlighted-text); }
"""


class MainWindow(QMainWindow):
    store_changed = Signal(object)  # the Store to reopen the window on (File > Team database…)

    def __init__(
        self,
        home: Path,
        store: Store,
        prefs: settings.Settings,
        *,
        screen_func: jobs.ScreenFunc | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle("Screener")
        self.setWindowIcon(icons.app_icon())
        self.store = store
        self.prefs = prefs
        self.home = home

        self.screen = ScreenPage(home, store, prefs, screen_func=screen_func)
        self.lists = ListsPage(home, store, prefs)
        self.search = SearchPage(home, store)
        self.audit = AuditPage(home, store)
        self.approvals = ApprovalsPage(store)
        self.licences = LicencesPage(store)
        self.pages: list[tuple[str, QWidget]] = [
            ("Screen", self.screen),
            ("Lists", self.lists),
            ("Search", self.search),
            ("Audit", self.audit),
            ("Approvals", self.approvals),
            ("Licences", self.licences),
        ]

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setStyleSheet(NAV_CSS)
        self.nav.setFixedWidth(150)
        self.nav.setIconSize(QSize(18, 18))
        self.stack = QStackedWidget()
        for n, (title, page) in enumerate(self.pages, start=1):
            item = QListWidgetItem(title)
            item.setToolTip(f"{title} (Alt+{n})")
            self.nav.addItem(item)
            self.stack.addWidget(page)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 6, 6, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.lists_status = QLabel()
        self.lists_status.setObjectName("listsStatus")
        self.statusBar().addPermanentWidget(self.lists_status)
        self.statusBar().addPermanentWidget(connection_status.connection_label(store))
        build_menus(
            self.menuBar(),
            self.screen,
            self.lists,
            self.prefs,
            page_titles=[title for title, _page in self.pages],
            show_page=self.nav.setCurrentRow,
            open_orders=self._open_orders,
            change_database=self.change_database,
            quit_app=self.close,
            show_about=self.show_about,
        )
        self._connect()
        self._update_lists_status()
        self._restore()
        stale = self.lists.stale_count()
        if stale:  # the reminder, once at start; the Lists page keeps showing it
            self.statusBar().showMessage(
                f"Reminder: {stale} list{'s are' if stale != 1 else ' is'} older than the "
                "policy allows. Update them on the Lists page.",
                15_000,
            )

    # -- wiring -----------------------------------------------------------------------

    def _connect(self) -> None:
        status = self.statusBar()
        for page in (self.screen, self.lists, self.search, self.audit, self.approvals,
                     self.licences):  # fmt: skip
            page.status_message.connect(lambda text: status.showMessage(text, 8000))
        self.screen.open_action.triggered.connect(lambda: self.show_page(self.screen))
        self.lists.import_action.triggered.connect(lambda: self.show_page(self.lists))
        self.lists.import_folder_action.triggered.connect(lambda: self.show_page(self.lists))
        self.screen.run_changed.connect(lambda _run: self.audit.refresh())
        self.lists.lists_changed.connect(self._update_lists_status)
        self.lists.lists_changed.connect(self.search.refresh_lists)
        self.lists.rescreened.connect(self._on_rescreened)
        self.audit.open_run_requested.connect(self._open_run)
        # Four-eyes: a decision approved or rejected changes its line's state on the Screen page.
        self.approvals.decided.connect(self.screen.refresh_lines)
        self.approvals.decided.connect(lambda _ids: self.audit.refresh())
        self.nav.currentRowChanged.connect(self._page_shown)
        self.approvals.count_changed.connect(self._show_waiting)
        self.screen.lines_refreshed.connect(lambda _ids: self.approvals.refresh())
        self._show_waiting(self.approvals.model.rowCount())
        self.screen.update_lists_requested.connect(self._update_lists)

    def _show_waiting(self, n: int) -> None:
        item = self.nav.item(self.stack.indexOf(self.approvals))
        item.setText(f"Approvals ({n})" if n else "Approvals")

    def _page_shown(self, row: int) -> None:
        page = self.stack.widget(row)
        if page in (self.approvals, self.licences):  # decided elsewhere since: show it fresh
            page.refresh()  # type: ignore[attr-defined]

    def _update_lists(self) -> None:
        self.show_page(self.lists)
        self.lists.update_lists()

    def show_page(self, page: QWidget) -> None:
        self.nav.setCurrentRow(self.stack.indexOf(page))

    def _open_orders(self, path: Path) -> None:
        self.show_page(self.screen)
        self.screen.screen_file(path)

    def _open_run(self, run_id: int) -> None:
        self.show_page(self.screen)
        self.screen.open_run(run_id)

    def _on_rescreened(self, results: list[RescreenResult]) -> None:
        """New runs exist: the Audit page lists them; a re-screened run on show is replaced."""
        self.audit.refresh()
        shown = self.screen.run_id
        for result in results:
            if result.parent.id == shown and not self.screen.is_busy():
                self.screen.open_run(result.summary.run_id)

    def _update_lists_status(self) -> None:
        versions = self.store.current_versions()
        stale = sum(1 for v in versions if self.lists.model.is_stale(v))
        if not versions:
            text = "No lists imported"
        else:
            noun = "list" if len(versions) == 1 else "lists"
            text = f"{len(versions)} {noun}" + (f", {stale} out of date" if stale else ", current")
        self.lists_status.setText(text)
        self.lists_status.setStyleSheet("color: #8A5300;" if stale or not versions else "")
        self.lists_status.setToolTip(
            f"{stale} of the lists are older than the policy allows: see the Lists page"
            if stale
            else ""
        )

    def show_about(self) -> AboutDialog:
        dialog = AboutDialog(self.store, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- state ------------------------------------------------------------------------

    def _restore(self) -> None:
        geometry.restore(self.prefs, settings.GEOMETRY, self, PREFERRED_SIZE)
        state = self.prefs.bytes(settings.WINDOW_STATE)
        if state is not None:
            self.restoreState(state)
        self.nav.setCurrentRow(0 if self.store.current_versions() else 1)

    def busy_workers(self) -> list[object]:
        return [
            w
            for w in (
                self.screen.worker,
                self.screen.bulk_worker,
                self.screen.carry_bar.worker,
                self.lists.worker,
                self.audit.worker,
                self.search.worker,
            )
            if w is not None
        ]

    def change_database(self) -> bool:
        """Connect to the team database (or back to this computer's) and reopen the window on
        it: every page, and every process the window starts, then records there."""
        if self.busy_workers():
            self.statusBar().showMessage("Finish or cancel the running job first.", 8_000)
            return False
        try:
            store = connect_dialog.change_connection(self, self.home, self.prefs)
        except ScreenerError as exc:
            show_error(self, "Database not changed", str(exc))
            return False
        if store is None:
            return False
        self.store_changed.emit(store)
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        workers = self.busy_workers()
        for worker in workers:
            worker.cancel()  # type: ignore[attr-defined]
        for worker in workers:
            worker.wait(SHUTDOWN_WAIT_S)  # type: ignore[attr-defined]
        self.search.service.close()
        geometry.save(self.prefs, settings.GEOMETRY, self)
        self.prefs.set_bytes(settings.WINDOW_STATE, self.saveState())
        self.screen.save_state()
        self.prefs.sync()
        super().closeEvent(event)
