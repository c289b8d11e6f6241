"""The main window's menu bar (File, Review, View, Help) and its Open recent list; the pages
own the actions the menus hold, the window the few it answers itself."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from screener.ui import settings
from screener.ui.pages.lists_page import ListsPage
from screener.ui.pages.screen_page import ScreenPage


def build_menus(
    bar: QMenuBar,
    screen: ScreenPage,
    lists: ListsPage,
    prefs: settings.Settings,
    *,
    page_titles: Sequence[str],
    show_page: Callable[[int], None],
    open_orders: Callable[[Path], None],
    change_database: Callable[[], object],
    quit_app: Callable[[], object],
    show_about: Callable[[], object],
) -> None:
    """File, Review, View and Help, with the pages' actions and their shortcuts."""
    file_menu = bar.addMenu("&File")
    file_menu.addAction(screen.open_action)
    file_menu.addAction(screen.columns_action)
    recent = file_menu.addMenu("Open &recent")
    recent.aboutToShow.connect(partial(fill_recent, recent, prefs, open_orders))
    file_menu.addSeparator()
    file_menu.addAction(lists.import_action)
    file_menu.addAction(lists.import_folder_action)
    file_menu.addAction(screen.export_action)
    file_menu.addAction("&Team database…", change_database)
    file_menu.addSeparator()
    quit_action = QAction("&Quit", bar)
    quit_action.setShortcut(QKeySequence.StandardKey.Quit)
    quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    quit_action.triggered.connect(quit_app)
    file_menu.addAction(quit_action)

    review = bar.addMenu("&Review")
    review.addAction(screen.decide_action)
    review.addAction(screen.bulk_action)
    for act in screen.action_shortcuts:
        review.addAction(act)
    review.addSeparator()
    review.addAction(screen.next_action)
    review.addAction(screen.find_action)
    review.addAction(screen.cancel_action)

    view = bar.addMenu("&View")
    for n, title in enumerate(page_titles):
        act = QAction(title, bar)
        act.setShortcut(QKeySequence(f"Alt+{n + 1}"))
        act.triggered.connect(partial(show_page, n))
        view.addAction(act)

    help_menu = bar.addMenu("&Help")
    about = QAction("&About Screener", bar)
    about.setShortcuts([QKeySequence(Qt.Key.Key_F1)])
    about.setMenuRole(QAction.MenuRole.AboutRole)
    about.triggered.connect(show_about)
    help_menu.addAction(about)


def fill_recent(menu: QMenu, prefs: settings.Settings, open_orders: Callable[[Path], None]) -> None:
    """File > Open recent, filled as it opens: files that are gone are shown greyed."""
    menu.clear()
    files = prefs.recent_files()
    for path in files:
        act = menu.addAction(path.name)
        act.setToolTip(str(path))
        act.setEnabled(path.exists())
        act.triggered.connect(partial(open_orders, path))
    if not files:
        menu.addAction("No recent files").setEnabled(False)
    else:
        menu.addSeparator()
        menu.addAction("Clear list", prefs.clear_recent_files)
