"""The main window opens offscreen, with pages, menus and shortcuts wired."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QTextBrowser

from screener import __version__
from screener.core.record import runs
from screener.core.rules.policy import load_policy
from screener.ui.dialogs.about_dialog import AboutDialog
from screener.ui.main_window import MainWindow

from .fakes import FakeScreening, store_run


def make_window(qtbot, home, store, prefs, **kw) -> MainWindow:
    window = MainWindow(home, store, prefs, **kw)
    qtbot.addWidget(window)
    window.show()
    return window


def shortcuts(window: MainWindow) -> dict[str, str]:
    out = {}
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if not action.shortcut().isEmpty():
                out[action.shortcut().toString()] = action.text().replace("&", "")
    return out


def test_window_opens_with_pages_and_shortcuts(qtbot, home, store, prefs) -> None:
    window = make_window(qtbot, home, store, prefs)
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "Screen",
        "Lists",
        "Search",
        "Audit",
        "Approvals",
        "Licences",
    ]
    assert window.stack.currentWidget() is window.lists  # no lists yet: start there
    keys = shortcuts(window)
    assert keys[QKeySequence(QKeySequence.StandardKey.Open).toString()] == "Open orders…"
    assert keys["Ctrl+I"] == "Import lists…"
    assert keys["Ctrl+E"] == "Export report…"
    assert keys["F1"] == "About Screener"
    assert keys["Ctrl+N"] == "Next undecided"
    assert "No lists imported" in window.lists_status.text()


def test_about_shows_version_and_lists(qtbot, home, store, prefs) -> None:
    window = make_window(qtbot, home, store, prefs)
    dialog = window.show_about()
    assert isinstance(dialog, AboutDialog)
    title = dialog.findChild(QLabel, "aboutTitle")
    assert f"Screener {__version__}" in title.text()
    info = dialog.findChild(QTextBrowser, "aboutInfo").toPlainText()
    assert "No lists imported" in info
    assert str(store.path) in info
    assert f"Policy {load_policy().label}" in info  # what every run records
    assert "Matcher version" in info
    dialog.close()


def test_audit_open_run_shows_it_on_screen_page(qtbot, home, store, prefs) -> None:
    run_id = store_run(store, range(30))
    window = make_window(qtbot, home, store, prefs)
    window.show_page(window.audit)
    with qtbot.waitSignal(
        window.screen.busy_changed, timeout=10_000, check_params_cb=lambda busy: not busy
    ):
        window.audit.open_button.click()
    assert window.stack.currentWidget() is window.screen
    assert window.screen.model.rowCount() == 30
    assert window.screen.run_id == run_id


def test_close_cancels_running_work_and_saves_geometry(qtbot, home, store, prefs) -> None:
    window = make_window(
        qtbot, home, store, prefs, screen_func=FakeScreening(lines=100, hold_after=20)
    )
    window.screen.screen_file(Path("orders.xlsx"))
    qtbot.waitUntil(lambda: window.screen.model.rowCount() == 20, timeout=10_000)
    window.close()
    assert window.screen.worker is None or not window.screen.worker.is_running()
    assert any(k.startswith("window/geometry/") for k in prefs.q.allKeys())  # per screen
    assert runs.list_runs(store)[0].status == "cancelled"
    qtbot.waitUntil(lambda: window.screen.worker is None)


def test_rescreen_after_import_shows_the_new_run(
    qtbot, home, store, prefs, tmp_path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from screener.core.screening.run import run_screening, screen_file
    from tests.core.test_rescreen import FABRIKAM, NORDLICHT, ORDERS, _un_list

    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    window = make_window(qtbot, home, store, prefs)
    with qtbot.waitSignal(window.lists.lists_changed, timeout=30_000):
        window.lists.import_paths([_un_list(tmp_path, "2026-01-01", FABRIKAM)])
    qtbot.waitUntil(lambda: window.lists.worker is None)
    orders = tmp_path / "orders.csv"
    orders.write_text(ORDERS, encoding="utf-8")
    first = run_screening(screen_file(store, orders))
    window.screen.open_run(first.run_id)
    qtbot.waitUntil(lambda: not window.screen.is_busy(), timeout=10_000)
    assert window.screen.model.verdict_counts()["block"] == 1

    with qtbot.waitSignal(window.lists.rescreened, timeout=30_000) as rescreened:
        window.lists.import_paths([_un_list(tmp_path, "2026-02-01", FABRIKAM, NORDLICHT)])
    (result,) = rescreened.args[0]
    qtbot.waitUntil(lambda: window.screen.run_id == result.summary.run_id, timeout=10_000)
    qtbot.waitUntil(lambda: not window.screen.is_busy() and window.lists.worker is None)
    assert window.screen.model.verdict_counts()["block"] == 2  # the newly listed party
    qtbot.waitUntil(lambda: window.audit.runs.rowCount() == 2, timeout=10_000)  # listed in Audit
