"""`run_app(home)`: the desktop application's entry point (called by `screener gui`)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from screener import __version__
from screener.core.errors import ScreenerError
from screener.core.record.database.store import Store
from screener.ui import display, icons, instance, qtfix, settings
from screener.ui.dialogs.connect_dialog import open_startup_store
from screener.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with names (for QSettings), icon and high-DPI behaviour set."""
    qtfix.guard_none_refcount()
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        # Fractional scaling (125 %, 150 %) as the platform asks, not rounded: crisp text.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(argv if argv is not None else sys.argv)
    app.setOrganizationName(settings.ORGANIZATION)
    app.setApplicationName(settings.APPLICATION)
    app.setApplicationDisplayName("Screener")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("screener")
    app.setWindowIcon(icons.app_icon())
    return app


def run_app(home: Path) -> int:
    problem = display.missing_display_library()
    if problem is not None:  # Qt would abort with a raw plugin message
        print(f"screener: {problem}", file=sys.stderr)
        return 1
    app = make_application()
    lock, other = instance.acquire(Path(home))
    if other is not None and not instance.confirm_second_window(other):
        return 0
    prefs = settings.Settings()
    try:
        store = open_startup_store(Path(home), prefs)  # the team database, when set up
    except ScreenerError as exc:
        log.error("cannot open the store: %s", exc)
        QMessageBox.critical(None, "Screener", str(exc))
        return 1
    if store is None:
        return 0
    session = _Session(Path(home), store, prefs)
    try:
        session.open()
        return int(app.exec())
    finally:
        session.store.close()
        if lock is not None:
            lock.unlock()


class _Session:
    """The window and the store it works on; File > Team database… reopens the window on the
    newly connected store (the old window closes as on quit: jobs cancelled, state saved)."""

    def __init__(self, home: Path, store: Store, prefs: settings.Settings) -> None:
        self.home, self.store, self.prefs = home, store, prefs
        self.window: MainWindow | None = None

    def open(self) -> MainWindow:
        self.window = MainWindow(self.home, self.store, self.prefs)
        self.window.store_changed.connect(self.switch)
        self.window.show()
        return self.window

    def switch(self, store: Store) -> None:
        old_window, old_store = self.window, self.store
        app = QApplication.instance()
        quit_on_close = isinstance(app, QApplication) and app.quitOnLastWindowClosed()
        if isinstance(app, QApplication):
            app.setQuitOnLastWindowClosed(False)  # between the two windows none is open
        try:
            if old_window is not None:
                old_window.close()
                old_window.deleteLater()
            old_store.close()
            self.store = store
            self.open()
        finally:
            if isinstance(app, QApplication):
                app.setQuitOnLastWindowClosed(quit_on_close)
