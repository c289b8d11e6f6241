"""The main window's menu bar (File, Review, View, Help) and its Open recent list; the pages
own the actions the menus hold."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from screener.ui.main_window import MainWindow


def build_menus(window: MainWindow) -> None:
    """File, Review, View and Help, with the pages' actions and their shortcuts."""
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addAction(window.screen.open_action)
    file_menu.addAction(window.screen.columns_action)
    window.recent_menu = file_menu.addMenu("Open &recent")
    window.recent_menu.aboutToShow.connect(partial(fill_recent, window))
    file_menu.addSeparator()
    file_menu.addAction(window.lists.import_action)
    file_menu.addAction(window.lists.import_folder_action)
    file_menu.addAction(window.screen.export_action)
    file_menu.addAction("&Team database…", window.change_database)
    file_menu.addSeparator()
    quit_action = QAction("&Quit", bar)
    quit_action.setShortcut(QKeySequence.StandardKey.Quit)
    quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    quit_action.triggered.connect(window.close)
    file_menu.addAction(quit_action)

    review = bar.addMenu("&Review")
    review.addAction(window.screen.decide_action)
    review.addAction(window.screen.bulk_action)
    for act in window.screen.action_shortcuts:
        review.addAction(act)
    review.addSeparator()
    review.addAction(window.screen.next_action)
    review.addAction(window.screen.find_action)
    review.addAction(window.screen.cancel_action)

    view = bar.addMenu("&View")
    for n, (title, _page) in enumerate(window.pages):
        act = QAction(title, bar)
        act.setShortcut(QKeySequence(f"Alt+{n + 1}"))
        act.triggered.connect(partial(window.nav.setCurrentRow, n))
        view.addAction(act)

    help_menu = bar.addMenu("&Help")
    about = QAction("&About Screener", bar)
    about.setShortcuts([QKeySequence(Qt.Key.Key_F1)])
    about.setMenuRole(QAction.MenuRole.AboutRole)
    about.triggered.connect(window.show_about)
    help_menu.addAction(about)


def fill_recent(window: MainWindow) -> None:
    """File > Open recent, filled as it opens: files that are gone are shown greyed."""
    window.recent_menu.clear()
    files = window.prefs.recent_files()
    for path in files:
        act = window.recent_menu.addAction(path.name)
        act.setToolTip(str(path))
        act.setEnabled(path.exists())
        act.triggered.connect(partial(window._open_orders, path))
    if not files:
        window.recent_menu.addAction("No recent files").setEnabled(False)
    else:
        window.recent_menu.addSeparator()
        window.recent_menu.addAction("Clear list", window.prefs.clear_recent_files)
