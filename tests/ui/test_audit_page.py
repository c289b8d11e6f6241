"""The Audit page lists runs and their decisions, verifies the chain, and opens a run."""

from __future__ import annotations

import sqlite3

from screener.core.record import runs
from screener.core.record.database.store import Store
from screener.core.record.review import decisions
from screener.ui.pages.audit_page import AuditPage

from .fakes import store_run


def make_page(qtbot, home, store: Store) -> AuditPage:
    page = AuditPage(home, store)
    qtbot.addWidget(page)
    page.show()
    return page


def test_runs_and_decisions_are_listed(qtbot, home, store) -> None:
    run_id = store_run(store, range(8))
    line = next(runs.iter_lines(store, run_id))
    decisions.record_decision(store, line_id=line.id, action="hold", justification="EUS")
    page = make_page(qtbot, home, store)
    assert page.runs.rowCount() == 1
    assert page.selected_run_id() == run_id
    assert page.decisions.rowCount() == 1
    assert page.decisions_view.model().index(0, 3).data() == "Hold"
    with qtbot.waitSignal(page.open_run_requested) as opened:
        page.open_button.click()
    assert opened.args == [run_id]


def test_verify_chain_ok_then_broken(qtbot, home, store) -> None:
    store_run(store, range(4))
    page = make_page(qtbot, home, store)
    with qtbot.waitSignal(page.status_message, timeout=10_000):
        page.verify()
    qtbot.waitUntil(lambda: page.worker is None)
    assert page.last_report is not None
    assert page.last_report.ok
    assert "intact" in page.verify_label.text()

    # Someone edits a decision-log row behind Screener's back.
    conn = sqlite3.connect(store.path)
    conn.execute("DROP TRIGGER IF EXISTS lines_no_update")
    conn.execute("UPDATE lines SET verdict = 'clear' WHERE row = 3")
    conn.commit()
    conn.close()
    with qtbot.waitSignal(page.status_message, timeout=10_000):
        page.verify()
    qtbot.waitUntil(lambda: page.worker is None)
    assert not page.last_report.ok
    assert "BROKEN" in page.verify_label.text()


def test_superseded_decisions_are_shown_struck_through(qtbot, home, store) -> None:
    from PySide6.QtCore import Qt

    from screener.ui.models.decisions_model import SupersededRole

    run_id = store_run(store, range(4))
    line = next(runs.iter_lines(store, run_id))
    first = decisions.record_decision(store, line_id=line.id, action="hold", justification="EUS")
    second = decisions.record_decision(
        store, line_id=line.id, action="cleared", justification="EUS received"
    )
    page = make_page(qtbot, home, store)
    view = page.decisions_view.model()
    assert view.rowCount() == 2
    old = view.index(0, 3)
    assert old.data() == "Hold"
    assert old.data(SupersededRole) is True
    assert old.data(Qt.ItemDataRole.FontRole).strikeOut()
    assert view.index(0, view.columnCount() - 1).data().startswith(f"#{second.id} Cleared")
    assert view.index(1, 3).data(SupersededRole) is False
    assert view.index(1, view.columnCount() - 1).data() == ""
    assert "1 current, 1 superseded" in page.decisions_label.text()
    assert first.id < second.id
    assert page.runs_view.model().index(0, 8).data() == "1 block · 2 review · 1 clear"


def test_find_lines_across_runs_and_open_history(qtbot, home, store) -> None:
    store_run(store, range(4))
    second = store_run(store, range(4))
    page = make_page(qtbot, home, store)
    page.find_edit.setText("acme")
    matches = page.find()
    assert next((m.run_id, m.party) for m in matches) == (second, "Acme Trading LLC")
    assert len(matches) == 2
    found = page.found_view.model()
    assert found.index(0, 5).data() == "Review"
    assert "2 lines" in page.found_label.text()
    with qtbot.waitSignal(page.open_line_requested) as opened:
        page.found_view.doubleClicked.emit(found.index(0, 0))
    assert opened.args == [second, matches[0].line_id]
    assert page.history_dialog is not None
    assert "row 3" in page.history_dialog.windowTitle()
    page.history_dialog.close()
    page.find_edit.setText("nobody at all")
    assert page.find() == []
    assert "No screened line" in page.found_label.text()


def test_export_report_runs_off_the_gui_thread(qtbot, home, store, tmp_path) -> None:
    store_run(store, range(4))
    page = make_page(qtbot, home, store)
    out = tmp_path / "report.xlsx"
    with qtbot.waitSignal(page.status_message, timeout=10_000) as done:
        worker = page.export_report(out)
        assert worker is not None
        qtbot.waitUntil(lambda: page.report_worker is None, timeout=20_000)
    assert out.exists()
    assert page.last_export == out
    assert done.args is not None
