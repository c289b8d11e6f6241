"""The Approvals page (four-eyes: nobody approves their own) and the Licences page (register,
draw-downs, revoke), and releasing a line against a covering licence from the decide dialog."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from screener.core.record import runs
from screener.core.record.review import decisions
from screener.core.record.review.licences import add_licence, get_licence
from screener.core.record.review.line_state import LineStatus, lines_states
from screener.ui.decide_actions import record_request
from screener.ui.dialogs.decide_dialog import DecideDialog
from screener.ui.pages.approvals_page import ApprovalsPage
from screener.ui.pages.licences_page import LicencesPage
from tests.core.decision_fixtures import acting_as
from tests.core.test_licences import _terms

from .review_fakes import screen_lines
from .shots import shot

WHY = "born 1971 in Tula; the listed person was born 1948"


def stored_run(store) -> list[int]:
    gen = screen_lines()(store, Path("orders.xlsx"))
    progress = next(gen)
    return list(progress.new_line_ids)


def pending_clear(store, line_id: int) -> decisions.Decision:
    exact = runs.line_hits(store, line_id)[0]
    with acting_as("anna"):
        return decisions.record_decision(
            store, line_id=line_id, hit_id=exact.id, action="cleared",
            reason="different_dob", justification=WHY,
        )  # fmt: skip


def test_approvals_refuse_your_own_and_a_second_person_approves(qtbot, store) -> None:
    ids = stored_run(store)
    mine = pending_clear(store, ids[1])
    theirs = pending_clear(store, ids[3])
    with acting_as("anna"):
        page = ApprovalsPage(store)
        qtbot.addWidget(page)
        page.resize(1200, 500)
        page.show()
        assert page.model.rowCount() == 2
        assert "2 decisions waiting" in page.title.text()
        page.table.selectRow(0)
        assert page.approve_selected() == 0
        assert "recorded by anna: a second person must approve it" in page.message.text()
    with acting_as("ben"):
        page.refresh()
        assert "You are ben" in page.identity.text()
        page.table.selectRow(0)
        changed: list[object] = []
        page.decided.connect(changed.append)
        assert not page.reject_button.isEnabled()  # a rejection says why
        page.justification.setText("passport copy checked")
        shot(page, "approvals.png")
        assert page.approve_selected() == 1
        assert changed == [[ids[1]]]
        assert page.model.rowCount() == 1
        page.table.selectRow(0)
        page.justification.setText("same address as the listing")
        assert page.reject_selected() == 1
    assert decisions.decision_history(store, ids[1])[0].approval == "approved"
    assert decisions.decision_history(store, ids[3])[0].id == theirs.id
    assert lines_states(store, [ids[3]])[ids[3]].status is LineStatus.UNDECIDED
    assert mine.pending


def test_release_with_a_covering_licence_and_see_it_drawn_down(qtbot, store, tmp_path) -> None:
    ids = stored_run(store)
    doc = tmp_path / "DE-2026-0042.pdf"
    doc.write_bytes(b"%PDF-1.4 licence")
    terms = replace(_terms(), valid_until=date(2099, 12, 31), end_users=())
    covering = add_licence(store, terms, document=doc)
    add_licence(store, replace(terms, number="DE-9", goods=("8471",)), document=doc)
    line = runs.get_line(store, ids[2])  # Acme, review, HS 8542.31, Germany, 10 pcs
    dialog = DecideDialog(store, line, runs.line_hits(store, line.id))
    qtbot.addWidget(dialog)
    dialog.form.pick(5)
    assert dialog.licence.isVisibleTo(dialog)
    assert dialog.licence.count() == 1  # only the covering one is offered
    assert dialog.licence.currentData() == covering.id
    assert "covers goods 8471, not the line's HS 854231" in dialog.licence_note.text()
    dialog.justification.setPlainText("BAFA individual licence on file")
    assert dialog.ok_button.isEnabled()
    dialog.show()
    shot(dialog, "decide-dialog-licence.png")
    request = dialog.request()
    assert request is not None
    recorded = record_request(store, line.id, line.row, request)
    assert "under licence BAFA DE-2026-0042" in recorded.message
    assert get_licence(store, covering.id).quantity_left == 90

    page = LicencesPage(store)
    qtbot.addWidget(page)
    page.resize(1200, 560)
    page.show()
    assert page.model.rowCount() == 2
    assert page.select(covering.id)
    assert page.drawdowns.rowCount() == 1
    assert page.drawdown_table.model().index(0, 5).data() == "drawn"
    [row] = page.table.selectionModel().selectedRows(7)
    assert row.data() == "90 of 100 pcs"
    shot(page, "licences.png")
    assert page.revoke("withdrawn by the authority")
    assert get_licence(store, covering.id).revoked
    assert not page.revoke_button.isEnabled()


def test_add_a_licence_with_its_document(qtbot, store, tmp_path) -> None:
    page = LicencesPage(store)
    qtbot.addWidget(page)
    dialog = page.add()
    dialog.authority.setText("BAFA")
    dialog.number.setText("DE-77")
    dialog.goods.setText("8542, 3A001")
    dialog.destinations.setText("Germany")
    dialog.quantity.setText("500")
    dialog.unit.setText("pcs")
    assert dialog.register() is None
    assert "choose the licence document" in dialog.error.text()
    doc = tmp_path / "DE-77.pdf"
    doc.write_bytes(b"%PDF")
    dialog.document.setText(str(doc))
    licence = dialog.register()
    assert licence is not None
    assert licence.terms.destinations == ("DE",)
    assert page.model.rowCount() == 1
    assert page.selected() is not None

    amend = page.amend()
    assert amend is not None
    assert amend.number.text() == "DE-77"
    assert amend.number.isReadOnly()
    assert amend.quantity.text() == "500"
    amend.quantity.setText("800")
    assert amend.register() is None  # a reason is required
    assert "reason" in amend.error.text()
    amend.reason.setText("BAFA amendment notice of 2026-11-30")
    amended = amend.register()
    assert amended is not None
    assert amended.id == licence.id
    assert amended.terms.quantity_limit == 800
    assert amended.document_sha256 == licence.document_sha256  # the document kept
    amend.grab().save(str(tmp_path / "amend.png"))


def test_the_window_counts_what_waits_and_an_approval_updates_the_screen(
    qtbot, home, store, prefs
) -> None:
    from screener.ui.main_window import MainWindow

    window = MainWindow(home, store, prefs, screen_func=screen_lines())
    qtbot.addWidget(window)
    window.show()
    page = window.screen
    with qtbot.waitSignal(page.busy_changed, timeout=10_000, check_params_cb=lambda b: not b):
        page.screen_file(Path("orders.xlsx"))
    qtbot.waitUntil(lambda: page.carry_bar.worker is None, timeout=10_000)
    nav = window.nav.item(window.stack.indexOf(window.approvals))
    assert nav.text() == "Approvals"
    line_id = page.model.line_at(1).id
    d = pending_clear(store, line_id)
    page.refresh_lines([line_id])
    assert nav.text() == "Approvals (1)"
    with acting_as("ben"):
        window.show_page(window.approvals)
        window.approvals.table.selectRow(0)
        assert window.approvals.approve_selected() == 1
    assert nav.text() == "Approvals"
    assert decisions.decision_history(store, line_id)[0].id == d.id
    state = page.model.line_state(line_id)
    assert state is not None
    assert state.decided == 1
