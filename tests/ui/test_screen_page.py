"""The Screen page: lines stream into the table, filter, decide, next undecided, cancel."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMessageBox

from screener.core.record import runs
from screener.core.record.database.store import Store
from screener.core.record.review import decisions
from screener.core.record.review.decisions import Action
from screener.ui.models.results_model import Column
from screener.ui.pages.screen_page import ScreenPage

from .fakes import FakeScreening


def make_page(qtbot, home: Path, store: Store, prefs, fake: FakeScreening) -> ScreenPage:
    page = ScreenPage(home, store, prefs, screen_func=fake)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


def screen(qtbot, page: ScreenPage, name: str = "orders.xlsx") -> None:
    with qtbot.waitSignal(page.busy_changed, timeout=10_000, check_params_cb=lambda b: not b):
        assert page.screen_file(Path(name))


def visible_rows(page: ScreenPage) -> int:
    return page.proxy.rowCount()


def test_lines_stream_into_table_with_counts(qtbot, home, store, prefs) -> None:
    page = make_page(qtbot, home, store, prefs, FakeScreening(lines=40, batch_size=10))
    batches: list[int] = []
    page.model.rowsInserted.connect(lambda _p, first, last: batches.append(last - first + 1))
    screen(qtbot, page)
    assert batches == [10, 10, 10, 10]
    assert visible_rows(page) == 40
    assert page.filter_bar.chips["block"].text() == "Block  5"
    assert page.filter_bar.chips["clear"].text() == "Clear  20"
    assert "20 undecided" in page.filter_bar.undecided_label.text()
    assert runs.get_run(store, page.run_id).status == "completed"
    assert "completed" in page.run_label.text()
    assert not page.progress.isVisible()
    # the first line is selected and shown in the detail panel
    assert "Nordlicht" in page.detail.toPlainText()
    assert str(Path("orders.xlsx")) in [str(p) for p in prefs.recent_files()]


def test_filter_by_verdict_chip_and_text(qtbot, home, store, prefs) -> None:
    page = make_page(qtbot, home, store, prefs, FakeScreening(lines=24))
    screen(qtbot, page)
    page.filter_bar.chips["clear"].click()
    page.filter_bar.chips["review"].click()
    assert visible_rows(page) == 3
    assert {page.proxy.index(r, Column.VERDICT).data() for r in range(3)} == {"Block"}
    page.filter_bar.chips["review"].click()
    qtbot.keyClicks(page.filter_bar.search, "harbour")
    page.filter_bar.flush()
    assert visible_rows(page) == 3  # Bright Harbour Shipping, review
    assert {page.proxy.index(r, Column.PARTY).data() for r in range(3)} == {
        "Bright Harbour Shipping Ltd  (buyer)"
    }
    page.filter_bar.search.clear()
    page.filter_bar.flush()
    page.filter_bar.decision.setCurrentIndex(1)  # Undecided
    assert visible_rows(page) == 12  # 3 block + 9 review


def test_decide_needs_justification_then_updates_row(qtbot, home, store, prefs) -> None:
    page = make_page(qtbot, home, store, prefs, FakeScreening(lines=8))
    screen(qtbot, page)
    assert page.select_line(page.model.line_at(1).id)  # Acme Trading, review, one hit
    before = page.model.undecided_count()
    dialog = page.decide()
    assert dialog is not None
    assert not dialog.ok_button.isEnabled()  # no action, no justification
    dialog.form.choices.button(2).click()  # Hold
    assert not dialog.ok_button.isEnabled()
    assert "justification" in dialog.hint.text()
    qtbot.keyClicks(dialog.justification, "   ")
    assert not dialog.ok_button.isEnabled()  # blanks are not a justification
    qtbot.keyClicks(dialog.justification, "awaiting end-user statement")
    assert dialog.ok_button.isEnabled()
    assert not dialog.remember.isEnabled()  # only a cleared hit can be remembered
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    row = page.model.row_of(page.model.line_at(1).id)
    assert page.model.index(row, Column.DECISION).data() == "Hold"
    assert page.model.undecided_count() == before - 1
    assert "awaiting end-user statement" in page.detail.toPlainText()
    [decision] = decisions.decision_history(store, page.model.line_at(1).id)
    assert decision.action is Action.HOLD


def test_clear_a_hit_and_remember_it(qtbot, home, store, prefs) -> None:
    page = make_page(qtbot, home, store, prefs, FakeScreening(lines=8))
    screen(qtbot, page)
    line = page.model.line_at(1)  # Acme Trading, review: a 91% hit, below the blocking bar
    page.select_line(line.id)
    dialog = page.decide(Action.CLEARED)
    assert dialog is not None
    assert dialog.selected_action() is Action.CLEARED
    assert not dialog.remember.isEnabled()  # the whole line is targeted
    dialog.target.setCurrentIndex(1)
    assert dialog.remember.isEnabled()
    dialog.remember.setChecked(True)
    assert dialog.remember_until.isEnabled()
    qtbot.keyClicks(dialog.justification, "different entity, other registration")
    dialog.accept()
    assert decisions.active_accepted_matches(store)[0].party_name == "Acme Trading LLC"
    assert page.model.decision(line.id).action is Action.CLEARED


def test_clearing_an_exact_hit_on_a_blocking_list_needs_a_reason(qtbot, home, store, prefs) -> None:
    page = make_page(qtbot, home, store, prefs, FakeScreening(lines=8))
    screen(qtbot, page)
    line = page.model.line_at(2)  # Sever Logistics, block: 96% on the EU list
    page.select_line(line.id)
    dialog = page.decide(Action.CLEARED)
    assert dialog is not None
    dialog.target.setCurrentIndex(1)
    qtbot.keyClicks(dialog.justification, "ok")
    # The dialog asks for what the safeguard needs before it lets the officer record.
    assert not dialog.ok_button.isEnabled()
    assert "choose a reason" in dialog.hint.text()
    dialog.accept()  # even forced, the core refuses it, and says why
    box = page.findChild(QMessageBox, "errorBox")
    assert box is not None
    assert "needs a reason" in box.text()
    assert decisions.decision_history(store, line.id) == []


def test_shortcut_opens_decide_with_action(qtbot, home, store, prefs) -> None:
    page = make_page(qtbot, home, store, prefs, FakeScreening(lines=8))
    screen(qtbot, page)
    page.select_line(page.model.line_at(1).id)
    page.action_shortcuts[3].trigger()  # Ctrl+4
    assert page.decide_dialog is not None
    assert page.decide_dialog.selected_action() is Action.BLOCKED
    assert "Ctrl+4" in page.action_shortcuts[3].shortcut().toString()
    page.decide_dialog.reject()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter on a line: decide, no action yet
    assert page.decide_dialog is not None
    assert page.decide_dialog.selected_action() is None
    page.decide_dialog.reject()


def test_dropping_an_order_file_screens_it(qtbot, home, store, prefs, tmp_path) -> None:
    page = make_page(qtbot, home, store, prefs, FakeScreening(lines=5))
    orders = tmp_path / "dropped.xlsx"
    orders.write_bytes(b"PK")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(orders))])
    pos = QPointF(page.rect().center())
    enter = QDragEnterEvent(
        page.rect().center(),  # QPoint here, QPointF for the drop (as in Qt's C++ API)
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    page.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        pos,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(page.busy_changed, timeout=10_000, check_params_cb=lambda b: not b):
        page.dropEvent(drop)
    assert page.model.rowCount() == 5
    assert runs.get_run(store, page.run_id).file_name == "dropped.xlsx"


def test_next_undecided_skips_clear_and_decided_lines(qtbot, home, store, prefs) -> None:
    page = make_page(qtbot, home, store, prefs, FakeScreening(lines=16))
    screen(qtbot, page)
    page.table.selectRow(0)
    assert page.next_undecided()
    assert page.model.line_at(1).id == page.current_line_id()  # row 3: review
    decision = decisions.record_decision(
        store, line_id=page.model.line_at(2).id, action="blocked", justification="listed"
    )
    page.model.set_decision(decision)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N)
    assert page.current_line_id() == page.model.line_at(3).id  # row 4 decided: skipped


def test_cancel_mid_run_keeps_lines_already_screened(qtbot, home, store, prefs) -> None:
    page = make_page(
        qtbot, home, store, prefs, FakeScreening(lines=100, batch_size=10, hold_after=30)
    )
    page.screen_file(Path("big.xlsx"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 30, timeout=10_000)
    assert page.progress.isVisible()
    assert not page.open_action.isEnabled()  # one screening at a time
    with qtbot.waitSignal(page.busy_changed, timeout=10_000):
        qtbot.mouseClick(page.progress.cancel_button, Qt.MouseButton.LeftButton)
    assert page.worker is None
    assert page.model.rowCount() == 30
    assert runs.get_run(store, page.run_id).status == "cancelled"
    assert "cancelled" in page.run_label.text()
    assert page.open_action.isEnabled()


def test_screening_error_shows_a_message(qtbot, home, store, prefs) -> None:
    page = make_page(qtbot, home, store, prefs, FakeScreening(lines=30, fail_after=12))
    screen(qtbot, page)
    box = page.findChild(QMessageBox, "errorBox")
    assert box is not None
    assert "could not be read" in box.text()
    assert page.model.rowCount() == 10  # the stored batch stays visible
    box.close()


def test_real_screen_file_not_ready_is_an_error_not_a_crash(qtbot, home, store, prefs) -> None:
    # TODO(core.screening): replace with a real order file once screen_file is implemented.
    page = ScreenPage(home, store, prefs)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.busy_changed, timeout=10_000, check_params_cb=lambda b: not b):
        page.screen_file(Path("orders.xlsx"))
    if page.run_id is None:
        assert page.findChild(QMessageBox, "errorBox") is not None
        assert page.stack.currentIndex() == 0  # back to the drop zone


@pytest.mark.parametrize("name", ["report.xlsx"])
def test_export_report_of_the_run(qtbot, home, store, prefs, tmp_path, name) -> None:
    page = make_page(qtbot, home, store, prefs, FakeScreening(lines=8))
    screen(qtbot, page)
    out = tmp_path / name
    with qtbot.waitSignal(page.busy_changed, timeout=10_000, check_params_cb=lambda b: not b):
        assert page.export_report(out) is not None
    assert out.exists()
    assert out.stat().st_size > 0
