"""Reviewing a run: one hit decided leaves the line open with its progress; safeguards and
four-eyes shown before recording; bulk decisions; carry-forward offered after a re-screening."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from screener.core.record import runs
from screener.core.record.review import approvals, decisions
from screener.core.record.review.decisions import Action, ReasonCode
from screener.core.record.review.line_state import LineStatus, lines_states
from screener.ui.models.results_model import Column
from screener.ui.pages.screen_page import ScreenPage
from tests.core.decision_fixtures import acting_as

from .review_fakes import KALASHNIKOV, screen_lines
from .shots import shot

WHY = "born 1971 in Tula; the listed person was born 1948"


def make_page(qtbot, home, store, prefs) -> ScreenPage:
    page = ScreenPage(home, store, prefs, screen_func=screen_lines())
    qtbot.addWidget(page)
    page.resize(1400, 820)
    page.show()
    return page


def screen(qtbot, page: ScreenPage) -> None:
    with qtbot.waitSignal(page.busy_changed, timeout=30_000, check_params_cb=lambda b: not b):
        assert page.screen_file(Path("orders.xlsx"))
    if page.carry_bar.worker is not None:
        qtbot.waitUntil(lambda: page.carry_bar.worker is None, timeout=30_000)


def decision_cell(page: ScreenPage, row: int) -> str:
    line_id = page.model.line_at(row).id
    return page.model.index(page.model.row_of(line_id), Column.DECISION).data()


def test_clearing_one_hit_leaves_the_line_open_with_its_progress(qtbot, home, store, prefs):
    page = make_page(qtbot, home, store, prefs)
    screen(qtbot, page)
    line = page.model.line_at(1)  # Kalashnikov: 100% SDN, 98% CSL, 81% EU
    assert decision_cell(page, 1) == "3 hits open"  # what is open, before any decision
    page.select_line(line.id)
    assert page.items_panel.table.rowCount() == 3
    assert page.items_panel.table.item(0, 3).text() == "open"
    low = runs.line_hits(store, line.id)[2]
    page.items_panel.select_hit(low.id)
    page.items_panel.decide_current()
    dialog = page.decide_dialog
    assert dialog is not None
    assert dialog.current_target() == ("hit", low.id)
    dialog.form.pick(1)  # cleared: an 81% hit is below the blocking bar
    assert not dialog.form.safeguard.applies
    qtbot.keyClicks(dialog.justification, "a different group, other city")
    qtbot.keyClick(dialog.justification, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert decision_cell(page, 1) == "1 of 3 hits decided"
    assert page.model.decision(line.id) is None  # not "Cleared": two exact hits are open
    assert page.filter_bar.undecided_label.text().startswith("5 undecided") or (
        "5 undecided" in page.filter_bar.undecided_label.text()
    )
    states = [page.items_panel.table.item(r, 3).text() for r in range(3)]
    assert states[2].startswith("Cleared (false positive)")
    assert states[:2] == ["open", "open"]
    shot(page, "screen-hit-decided.png")


def test_exact_clear_shows_its_safeguard_and_waits_for_a_second_person(qtbot, home, store, prefs):
    page = make_page(qtbot, home, store, prefs)
    screen(qtbot, page)
    line = page.model.line_at(1)
    page.select_line(line.id)
    exact = runs.line_hits(store, line.id)[0]
    dialog = page.decide(Action.CLEARED, hit_id=exact.id)
    assert dialog is not None
    form = dialog.form
    assert form.safeguard_note.isVisibleTo(dialog)
    assert "clearing a 100% match on blocking list ofac_sdn" in form.safeguard_note.text()
    assert form.reason.isVisibleTo(dialog)
    assert form.four_eyes.isVisibleTo(dialog)
    assert "second person's approval" in form.four_eyes.text()
    qtbot.keyClicks(dialog.justification, "ok")
    assert not dialog.ok_button.isEnabled()
    assert "choose a reason" in dialog.hint.text()
    assert "at least 20 characters" in dialog.hint.text()
    assert form.counter.text() == "2 of at least 20 characters"
    form.reason.setCurrentIndex(form.reason.findData("different_dob"))
    dialog.justification.setPlainText(WHY)
    assert dialog.ok_button.isEnabled(), dialog.hint.text()
    assert dialog.ok_button.text() == "Record for approval"
    shot(dialog, "decide-dialog-safeguard.png")
    qtbot.keyClick(dialog.justification, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    [d] = decisions.decision_history(store, line.id)
    assert d.pending
    assert d.reason is ReasonCode.DIFFERENT_DOB
    assert "pending approval" in decision_cell(page, 1)
    assert page.items_panel.table.item(0, 3).text() == "pending approval"
    assert "[pending approval]" in page.detail.toPlainText()
    with acting_as("ben"):
        approvals.approve(store, d.id)
    page.refresh_lines([line.id])
    assert page.items_panel.table.item(0, 3).text().startswith("Cleared")


def test_the_open_items_of_a_line_are_decided_as_one_batch(qtbot, home, store, prefs):
    page = make_page(qtbot, home, store, prefs)
    screen(qtbot, page)
    line = page.model.line_at(1)
    page.select_line(line.id)
    dialog = page.decide(Action.BLOCKED)
    assert dialog is not None
    assert dialog.target.currentText() == "The line's open items (3)"
    qtbot.keyClicks(dialog.justification, "SDN and EU listed")
    dialog.ok_button.click()
    history = decisions.decision_history(store, line.id)
    assert len(history) == 3
    assert len({d.batch_id for d in history}) == 1
    assert decision_cell(page, 1) == "Blocked"


def test_bulk_every_line_where_the_party_hits_the_entry(qtbot, home, store, prefs):
    page = make_page(qtbot, home, store, prefs)
    screen(qtbot, page)
    page.select_line(page.model.line_at(2).id)  # Acme Trading ↔ OFAC 200, also on row 6
    dialog = page.decide_several()
    assert dialog is not None
    assert dialog.party_scope.isChecked()
    assert dialog.count.text().startswith("2 open items on 2 lines")
    assert not dialog.form.choices.button(5).isEnabled()  # releases go one by one
    dialog.form.pick(2)  # hold
    qtbot.keyClicks(dialog.form.justification, "end-use statement requested")
    assert dialog.ok_button.text() == "Decide 2"
    shot(dialog, "bulk-dialog.png")
    with qtbot.waitSignal(page.status_message, timeout=30_000,
                          check_params_cb=lambda t: t.startswith("Batch")):  # fmt: skip
        dialog.ok_button.click()
    qtbot.waitUntil(lambda: page.bulk_worker is None, timeout=30_000)
    assert decision_cell(page, 2) == "Hold"
    assert decision_cell(page, 4) == "Hold"


def test_bulk_over_selected_lines_needs_safeguards_per_hit(qtbot, home, store, prefs):
    page = make_page(qtbot, home, store, prefs)
    screen(qtbot, page)
    page.table.selectAll()
    dialog = page.decide_several()
    assert dialog is not None
    assert dialog.lines_scope.isChecked()
    assert dialog.count.text().startswith("7 open items on 5 lines")
    dialog.form.pick(1)  # clearing exact SDN hits: safeguarded and four-eyes
    assert "3 of 7 are safeguarded" in dialog.form.safeguard_note.text()
    assert dialog.form.four_eyes.isVisibleTo(dialog)
    dialog.reject()


def test_rescreening_offers_to_carry_decisions_forward(qtbot, home, store, prefs):
    page = make_page(qtbot, home, store, prefs)
    screen(qtbot, page)
    first_run = page.run_id
    line = page.model.line_at(2)
    decisions.record_decision(store, line_id=line.id, action="hold", justification="EUS")
    assert not page.carry_bar.isVisible()
    with qtbot.waitSignal(page.carry_bar.offered, timeout=30_000):  # a loaded machine is slow
        assert page.screen_file(Path("orders.xlsx"))
    assert page.run_id != first_run
    assert page.carry_bar.isVisible()
    assert "1 decision" in page.carry_bar.label.text()
    shot(page, "carry-forward.png")
    with qtbot.waitSignal(page.carry_bar.carried, timeout=30_000):
        page.carry_bar.carry_button.click()
    qtbot.waitUntil(lambda: page.carry_bar.worker is None, timeout=30_000)
    assert not page.carry_bar.isVisible()
    new_line = page.model.line_at(2)
    assert decision_cell(page, 2) == "Hold"
    [carried] = decisions.decision_history(store, new_line.id)
    assert carried.carried_from is not None
    state = lines_states(store, [new_line.id])[new_line.id]
    assert state.status is LineStatus.DECIDED
    assert KALASHNIKOV in page.model.line_at(1).parties[0]["name"]


def test_a_goods_or_route_finding_is_decided_on_its_own(qtbot, home, store, prefs):
    from dataclasses import replace

    from tests.core.decision_fixtures import EMBARGO, HS_MISSING

    from .review_fakes import line

    findings = replace(line(2, "Nordlicht GmbH", "block"), findings=(EMBARGO, HS_MISSING))
    page = ScreenPage(home, store, prefs, screen_func=screen_lines([findings]))
    qtbot.addWidget(page)
    page.show()
    screen(qtbot, page)
    line_id = page.model.line_at(0).id
    page.select_line(line_id)
    table = page.items_panel.table
    assert table.rowCount() == 2
    assert "embargo" in table.item(0, 0).text()
    assert table.item(0, 2).text() == "goods/route"
    page.items_panel.table.setCurrentCell(1, 0)  # the missing HS code
    page.items_panel.decide_current()
    dialog = page.decide_dialog
    assert dialog is not None
    assert dialog.current_target()[0] == "finding"
    dialog.form.pick(2)
    qtbot.keyClicks(dialog.justification, "HS code asked from the customer")
    dialog.ok_button.click()
    [d] = decisions.decision_history(store, line_id)
    assert d.finding_key is not None
    assert d.hit_id is None
    assert decision_cell(page, 0) == "1 of 2 findings decided"
