"""The officer's desk: stale lists, why a line is blocked, small screens, and the small things
that cost trust (issue "a screening day without friction")."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, QRect, QSize, Qt, QUrl
from PySide6.QtGui import QDropEvent, QStandardItemModel
from PySide6.QtWidgets import QMessageBox, QTableView

from screener.core.entries import EntityType, Entry, ParsedList
from screener.core.lists.freshness import stale_lists
from screener.core.record.database.store import Store
from screener.ui import display, geometry, instance, times
from screener.ui.dialogs.decide_dialog import DecideDialog
from screener.ui.main_window import MainWindow
from screener.ui.models.results_model import Column
from screener.ui.pages.lists_page import ListsPage
from screener.ui.pages.screen_page import ScreenPage
from screener.ui.widgets.progress_strip import lines_text
from screener.ui.widgets.sort_arrow import fix_sort_arrows
from tests.conftest import REPO

from .conftest import REAL_CONFIRM_STALE
from .fakes import FakeScreening

TODAY = datetime.now(UTC).date()


def add_list(store: Store, source: str, days_old: int) -> None:
    store.add_list_version(
        ParsedList(
            source=source,
            title=source.upper(),
            format="test",
            published=TODAY - timedelta(days=days_old),
            published_basis="test",
            files=(Path(f"{source}.csv"),),
            entries=[Entry(entry_id="1", type=EntityType.ORGANIZATION, name="Nobody Listed")],
        ),
        sha256=f"{source}{days_old}".ljust(64, "0")[:64],
        size=1,
    )


def make_page(qtbot, home, store, prefs, fake: FakeScreening | None = None) -> ScreenPage:
    page = ScreenPage(home, store, prefs, screen_func=fake or FakeScreening(lines=12))
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


def screen(qtbot, page: ScreenPage, name: str = "orders.xlsx") -> None:
    with qtbot.waitSignal(page.busy_changed, timeout=10_000, check_params_cb=lambda b: not b):
        assert page.screen_file(Path(name))


# -- 1. freshness gate -------------------------------------------------------------------------


def test_stale_lists_are_asked_about_once_per_session(qtbot, home, store, prefs) -> None:
    add_list(store, "ofac_sdn", 30)
    page = make_page(qtbot, home, store, prefs)
    asked: list[list[str]] = []

    def refuse(stale):  # type: ignore[no-untyped-def]
        asked.append([s.source for s in stale])
        return False

    page.confirm_stale = refuse  # type: ignore[method-assign]
    messages: list[str] = []
    page.status_message.connect(messages.append)
    page.screen_file(Path("orders.xlsx"))
    assert asked == [["ofac_sdn"]]
    assert page.model.rowCount() == 0  # refused: nothing screened
    assert "not screened (lists older than the policy)" in messages[-1]

    page.confirm_stale = lambda stale: asked.append(["yes"]) or True  # type: ignore[method-assign]
    screen(qtbot, page)
    screen(qtbot, page, "second.xlsx")
    assert asked == [["ofac_sdn"], ["yes"]]  # the second file is not asked again
    assert page.model.rowCount() == 12

    add_list(store, "un_sc", 40)  # a newly stale list: asked again
    screen(qtbot, page, "third.xlsx")
    assert asked[-1] == ["yes"]
    assert len(asked) == 3


def test_fresh_lists_are_not_asked_about(qtbot, home, store, prefs) -> None:
    add_list(store, "ofac_sdn", 2)
    page = make_page(qtbot, home, store, prefs)
    page.confirm_stale = lambda stale: pytest.fail("asked")  # type: ignore[method-assign]
    screen(qtbot, page)
    assert page.model.rowCount() == 12


def test_the_question_names_each_stale_list_and_offers_an_update(
    qtbot, home, store, prefs, monkeypatch
) -> None:
    add_list(store, "ofac_sdn", 30)
    page = make_page(qtbot, home, store, prefs)
    seen: dict[str, str] = {}

    def fake_exec(box: QMessageBox) -> int:
        seen["text"] = box.text() + box.informativeText()
        update = next(b for b in box.buttons() if b.text() == "Update lists…")
        update.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    with qtbot.waitSignal(page.update_lists_requested, timeout=2000):
        assert REAL_CONFIRM_STALE(page, stale_lists(store)) is False
    assert "ofac_sdn: 30 days old (policy: at most 7)" in seen["text"]


# -- 2. results table answers why --------------------------------------------------------------


def test_verdict_and_decision_stay_in_view_at_900_px(qtbot, home, store, prefs) -> None:
    window = MainWindow(home, store, prefs, screen_func=FakeScreening(lines=12))
    qtbot.addWidget(window)
    window.resize(900, 600)
    window.show()
    window.show_page(window.screen)
    screen(qtbot, window.screen)
    table = window.screen.table
    visible = table.viewport().width()
    for column in (Column.ROW, Column.VERDICT, Column.DECISION):
        assert table.columnViewportPosition(column) + table.columnWidth(column) <= visible


def test_table_shows_deciding_party_best_hit_and_first_reason(qtbot, home, store, prefs) -> None:
    page = make_page(qtbot, home, store, prefs)
    screen(qtbot, page)
    row = next(
        r for r in range(page.proxy.rowCount())
        if page.proxy.index(r, Column.VERDICT).data() == "Block"
    )  # fmt: skip
    assert page.proxy.index(row, Column.PARTY).data() == "Sever Logistics OOO  (buyer)"
    assert page.proxy.index(row, Column.HIT).data() == "eu_fsf 96%"
    reason = page.proxy.index(row, Column.REASON).data()
    assert reason.startswith("buyer Sever Logistics OOO resembles SEVER LOGISTIKA")
    tip = page.proxy.index(row, Column.REASON).data(Qt.ItemDataRole.ToolTipRole)
    assert "Order file and lists:" in tip or "Parties:" in tip
    assert reason in tip
    assert page.model.headerData(Column.HIT, Qt.Orientation.Horizontal) == "Best hit"


# -- 3. progress with a total -----------------------------------------------------------------


def test_progress_text_has_the_total_percent_and_time_left() -> None:
    assert lines_text(4600, 10_000, 339.0) == (
        "4,600 of about 10,000 lines · 46% · 339 lines/s · about 16 s left"
    )
    assert lines_text(100, 60_000, 100.0).endswith("about 9 min 59 s left")
    assert lines_text(120, None, 50.0) == "120 lines · 50 lines/s"
    assert lines_text(250, 247, 80.0) == "250 of about 250 lines · 100% · 80 lines/s"


# -- 4. small screens and high DPI ------------------------------------------------------------


def test_a_window_is_fitted_to_a_smaller_screen() -> None:
    laptop_at_200 = QRect(0, 0, 800, 500)
    rect = geometry.fitted(QSize(1280, 800), laptop_at_200)
    assert laptop_at_200.contains(rect)
    assert rect.width() <= 800
    assert rect.height() <= 500
    assert geometry.fitted(QSize(1280, 800), QRect(0, 0, 1920, 1080)).size() == QSize(1280, 800)


SMALL_SCREEN = """
import json, os, sys, tempfile
from pathlib import Path
from PySide6.QtCore import QSettings, QRect
from screener.core.orders import inspect_orders
from screener.core.record.database.store import Store
from screener.ui import settings
from screener.ui.app import make_application
from screener.ui.dialogs.mapping_dialog import MappingDialog
from screener.ui.main_window import MainWindow
app = make_application([])
tmp = Path(tempfile.mkdtemp())
store = Store.open(tmp / "home")
prefs = settings.Settings(QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat))
window = MainWindow(tmp / "home", store, prefs)
window.show()
window.show_page(window.screen)
window.screen.stack.setCurrentIndex(1)  # the results, as after a screening
app.processEvents()
avail = app.primaryScreen().availableGeometry()
button = window.screen.decide_button
corner = button.mapTo(window, button.rect().bottomRight())
dialog = MappingDialog(inspect_orders(Path(sys.argv[1])), parent=window)
dialog.show()
app.processEvents()
print(json.dumps({
    "screen": [avail.width(), avail.height()], "dpr": app.primaryScreen().devicePixelRatio(),
    "window_fits": avail.contains(window.frameGeometry()) or avail.contains(window.geometry()),
    "button_inside": window.rect().contains(corner),
    "dialog_fits": avail.contains(dialog.geometry()),
    "window": [window.geometry().x(), window.geometry().y(), window.width(), window.height()],
    "dialog": [dialog.geometry().x(), dialog.geometry().y(), dialog.width(), dialog.height()],
}))
"""


def test_window_and_mapping_dialog_fit_a_laptop_at_200_percent(tmp_path: Path) -> None:
    config = tmp_path / "screen.json"
    config.write_text(
        '{"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1600, "height": 1000}]}'
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(REPO),
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": "2",
        "HOME": str(tmp_path),
    }
    out = subprocess.run(
        [sys.executable, "-c", SMALL_SCREEN, str(REPO / "examples" / "orders.xlsx")],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    ).stdout  # fmt: skip
    import json

    result = json.loads(out.strip().splitlines()[-1])
    assert result["screen"] == [800, 500]
    assert result["dpr"] == 2
    assert result["window_fits"], str(result)
    assert result["button_inside"]  # the Decide button is on the screen, not past its edge
    assert result["dialog_fits"]


def test_geometry_is_remembered_per_screen(qtbot, home, store, prefs) -> None:
    window = MainWindow(home, store, prefs)
    qtbot.addWidget(window)
    window.show()
    size = window.minimumSizeHint() + QSize(11, 7)  # not the fitted default
    window.resize(size)
    window.close()
    screen = window.windowHandle().screen() if window.windowHandle() else None
    key = geometry.screen_key(geometry.settings.GEOMETRY, screen)
    assert key.name.startswith("window/geometry/")
    assert prefs.bytes(key) is not None
    again = MainWindow(home, store, prefs)
    qtbot.addWidget(again)
    assert again.size() == size


# -- 5. the small things ----------------------------------------------------------------------


def test_a_filter_hiding_the_line_on_show_clears_the_detail(qtbot, home, store, prefs) -> None:
    page = make_page(qtbot, home, store, prefs)
    screen(qtbot, page)
    row = next(
        r for r in range(page.proxy.rowCount())
        if page.proxy.index(r, Column.VERDICT).data() == "Clear"
    )  # fmt: skip
    page.table.selectRow(row)
    assert page.detail.shown_line_id is not None
    assert "Nordlicht" in page.detail.toPlainText() or "Tecnica" in page.detail.toPlainText()
    page.filter_bar.chips["clear"].click()  # hides the line on show
    assert page.detail.shown_line_id is None
    assert "Select a line" in page.detail.toPlainText()
    assert not page.decide_button.isEnabled()


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("orders.xls", "Excel 97-2003 workbook: open it in Excel and save it as .xlsx"),
        ("orders.ods", "OpenDocument sheet: save it as .xlsx"),
        ("orders.pdf", "a PDF: export the orders from the ERP as .xlsx or .csv"),
        ("notes.docx", "not an order file Screener reads"),
    ],
)
def test_a_dropped_file_that_is_not_an_order_file_is_explained(
    qtbot, home, store, prefs, tmp_path, name, says
) -> None:
    page = make_page(qtbot, home, store, prefs)
    path = tmp_path / name
    path.write_bytes(b"x")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    drop = QDropEvent(
        QPointF(page.rect().center()), Qt.DropAction.CopyAction, mime,
        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    page.dropEvent(drop)
    assert drop.isAccepted()
    box = page.findChild(QMessageBox, "errorBox")
    assert box is not None
    assert says in box.text()
    assert box.text().startswith(name)
    assert not page.is_busy()


def test_a_readme_renamed_csv_is_not_an_order_file(qtbot, home, store, prefs, tmp_path) -> None:
    page = ScreenPage(home, store, prefs)  # the real inspection
    qtbot.addWidget(page)
    page.show()
    readme = tmp_path / "README.csv"
    readme.write_text((REPO / "README.md").read_text(encoding="utf-8"), encoding="utf-8")
    page.screen_file(readme)
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=20_000)
    assert page.mapping_dialog is None
    box = page.findChild(QMessageBox, "errorBox")
    assert box is not None
    assert box.text().startswith("README.csv is not an order file: no column holds a party")


def test_sort_arrow_points_the_way_the_column_is_sorted(qtbot) -> None:
    def header_image(order: Qt.SortOrder, fixed: bool):  # type: ignore[no-untyped-def]
        model = QStandardItemModel(3, 1)
        model.setHorizontalHeaderLabels(["Run"])
        view = QTableView()
        qtbot.addWidget(view)
        view.setModel(model)
        view.setSortingEnabled(True)
        if fixed:
            fix_sort_arrows(view.horizontalHeader())
        view.resize(300, 200)
        view.sortByColumn(0, order)
        view.show()
        return view.horizontalHeader().grab().toImage()

    asc, desc = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
    assert header_image(asc, False) != header_image(desc, False)
    # Qt draws for a descending column what it draws for an ascending one, and the fix swaps
    # them: descending now shows Qt's ascending arrow (▼), ascending its descending one (▲).
    assert header_image(desc, True) == header_image(asc, False)
    assert header_image(asc, True) == header_image(desc, False)


def test_times_show_seconds_and_the_time_zone() -> None:
    text = times.local(datetime(2026, 12, 1, 9, 5, 7, tzinfo=UTC))
    assert re.fullmatch(r"2026-12-01 \d\d:\d\d:07 (\w{1,5}|UTC[+-]\d\d:\d\d)", text), text
    assert times.local(None) == ""


def test_a_second_window_on_the_same_database_is_warned(home: Path) -> None:
    lock, other = instance.acquire(home)
    assert lock is not None
    assert other is None
    second, who = instance.acquire(home)
    assert second is None
    assert who is not None
    assert "already has this database open" in who
    lock.unlock()
    third, nobody = instance.acquire(home)
    assert third is not None
    assert nobody is None
    third.unlock()


def test_ctrl_enter_records_the_decision(qtbot, home, store, prefs) -> None:
    page = make_page(qtbot, home, store, prefs)
    screen(qtbot, page)
    page.table.selectRow(0)
    dialog = page.decide()
    assert isinstance(dialog, DecideDialog)
    dialog.form.choices.button(1).setChecked(True)
    dialog.justification.setPlainText("Known customer since 2019; registration checked.")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    dialog.justification.setFocus()
    assert dialog.ok_button.isEnabled(), dialog.hint.text()
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.keyClick(dialog.justification, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_the_import_log_follows_its_newest_line(qtbot, home, store, prefs) -> None:
    page = ListsPage(home, store, prefs)
    qtbot.addWidget(page)
    page.resize(900, 600)
    page.show()
    for n in range(300):
        page.log_line(f"line {n}")
    bar = page.log.verticalScrollBar()
    assert bar.maximum() > 0
    assert bar.value() == bar.maximum()


def test_status_bar_agrees_with_the_lists_header_during_an_import(
    qtbot, home, store, prefs, tmp_path
) -> None:
    from tests.core.test_rescreen import FABRIKAM, _un_list

    window = MainWindow(home, store, prefs)
    qtbot.addWidget(window)
    first = _un_list(tmp_path, "2026-01-01", FABRIKAM)
    seen: list[tuple[str, str]] = []

    def on_change() -> None:
        seen.append((window.lists.summary.text(), window.lists_status.text()))

    window.lists.lists_changed.connect(on_change)
    window.lists.import_paths([first])
    qtbot.waitUntil(lambda: window.lists.worker is None, timeout=30_000)
    assert seen
    header, status = seen[0]  # the first change, before the import had finished
    assert "1 list" in header
    assert status.startswith("1 list")


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"DISPLAY": ":0"}, True),
        ({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"}, True),
        ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, False),
        ({"QT_QPA_PLATFORM": "offscreen"}, False),
        ({}, False),
    ],
)
def test_a_missing_qt_display_library_is_named(env: dict[str, str], missing: bool) -> None:
    def no_cursor(name: str) -> object:
        raise OSError(f"{name}: cannot open shared object file")

    message = display.missing_display_library(platform="linux", env=env, load=no_cursor)
    assert (message is not None) == missing
    if message is not None:
        assert "libxcb-cursor.so.0" in message
        assert "sudo apt install libxcb-cursor0" in message
    assert display.missing_display_library(platform="linux", env=env, load=lambda n: n) is None
    assert display.missing_display_library(platform="win32", env=env, load=no_cursor) is None


def test_the_gui_command_says_what_to_install_instead_of_aborting(
    monkeypatch, home: Path, capsys
) -> None:
    from screener.ui import app

    monkeypatch.setattr(display, "missing_display_library", lambda: "needs libxcb-cursor.so.0")
    assert app.run_app(home) == 1
    assert "screener: needs libxcb-cursor.so.0" in capsys.readouterr().err


# -- 6. Lists page: update and reminder -------------------------------------------------------


def test_lists_page_reminds_while_a_list_is_older_than_the_policy(
    qtbot, home, store, prefs
) -> None:
    add_list(store, "un_sc", 2)
    page = ListsPage(home, store, prefs)
    qtbot.addWidget(page)
    page.show()
    assert not page.reminder.isVisible()
    add_list(store, "ofac_sdn", 40)
    page.refresh()
    assert page.reminder.isVisible()
    assert "older than the policy allows" in page.reminder.text()
    assert "ofac_sdn 40 d" in page.reminder.text()
    assert "un_sc" not in page.reminder.text()


def test_update_lists_offline_says_so_and_keeps_the_lists(qtbot, home, store, prefs) -> None:
    add_list(store, "un_sc", 2)
    page = ListsPage(home, store, prefs)
    qtbot.addWidget(page)
    page.show()
    messages: list[str] = []
    page.status_message.connect(messages.append)
    worker = page.update_lists(mirror="http://127.0.0.1:9")  # nothing listens there
    assert worker is not None
    assert not page.update_button.isEnabled()
    qtbot.waitUntil(lambda: page.worker is None, timeout=60_000)
    log = page.log.toPlainText()
    assert "Working offline?" in log
    assert "Offline: no publisher could be reached" in log
    assert any("offline (the lists already imported stay in use)" in m for m in messages)
    assert [v.source for v in store.current_versions()] == ["un_sc"]
    assert page.update_button.isEnabled()


def test_the_audit_runs_list_says_what_a_cancelled_run_did_not_screen(home, store) -> None:
    from screener.core.record import run_context, runs
    from screener.core.screening.run import run_screening, screen_file
    from screener.ui.models.runs_model import STATUS_COLUMN, RunsModel

    add_list(store, "ofac_sdn", 30)
    stop = False
    gen = screen_file(
        store, REPO / "examples" / "orders.csv", batch_size=10, cancelled=lambda: stop
    )
    next(gen)
    stop = True
    summary = run_screening(gen)
    model = RunsModel()
    run = runs.get_run(store, summary.run_id)
    model.set_runs([run], {}, {run.id: run_context.get_context(store, run.id)})
    status = model.index(0, STATUS_COLUMN)
    assert status.data() == "cancelled: about 20 not screened"
    assert status.data(Qt.ItemDataRole.ToolTipRole) == (
        "Partial run: 10 lines screened, about 20 not screened"
    )
    assert model.index(0, len(model.columns) - 1).data().endswith("1 lists (1 stale)")
