"""The column mapping dialog: shown for a layout the reader cannot map surely, with a preview;
the officer's choice is screened and can be saved, so the same layout is not asked again."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from screener.core.lists import importing as lists
from screener.core.orders import ColumnMapping, ColumnMatch, OrderFileInfo, find_profile
from screener.core.record import runs
from screener.core.record.database.store import Store
from screener.core.resources import resources_dir
from screener.ui.dialogs.mapping_dialog import NOT_IN_FILE, MappingDialog
from screener.ui.models.results_model import Column
from screener.ui.pages.screen_page import PROFILES, ScreenPage

ODD_HEADER = "Vorgang,Partner 1,Partner 1 Sitz,Ziel,Tarif,Bezeichnung\n"
ODD_ROWS = (
    "V-1,Nordlicht Maschinenbau GmbH,DE,DE,8482.10,Ball bearings\n"
    "V-2,Tecnica Iberica SA,ES,ES,8413.50,Hydraulic pump\n"
    "V-3,Meridian Parts BV,NL,NL,9401.30,Office chairs\n"
)


@pytest.fixture
def listed_store(store: Store) -> Store:
    list(lists.import_lists(store, [resources_dir() / "selftest" / "un_selftest.xml"]))
    return store


def odd_layout(path: Path) -> Path:
    path.write_text(ODD_HEADER + ODD_ROWS, encoding="utf-8")
    return path


def make_page(qtbot, home: Path, store: Store, prefs) -> ScreenPage:
    page = ScreenPage(home, store, prefs)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    return page


def open_dialog(qtbot, page: ScreenPage, path: Path, **kwargs) -> MappingDialog:
    assert page.screen_file(path, **kwargs)
    qtbot.waitUntil(lambda: page.mapping_dialog is not None, timeout=20_000)
    assert page.mapping_dialog is not None
    return page.mapping_dialog


def wait_idle(qtbot, page: ScreenPage) -> None:
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=30_000)


def choose(dialog: MappingDialog, field: str, header: str) -> None:
    combo = dialog.combos[field]
    combo.setCurrentIndex(combo.findText(header))


def test_unrecognised_layout_shows_dialog_with_preview(qtbot, home, store, prefs, tmp_path):
    page = make_page(qtbot, home, store, prefs)
    dialog = open_dialog(qtbot, page, odd_layout(tmp_path / "erp.csv"))

    assert dialog.isVisible()
    assert "erp.csv" in dialog.windowTitle()
    assert "Header row <b>1</b>" in dialog.header_label.text()
    headers = [
        dialog.preview.horizontalHeaderItem(c).text() for c in range(dialog.preview.columnCount())
    ]
    assert headers == ["Vorgang", "Partner 1", "Partner 1 Sitz", "Ziel", "Tarif", "Bezeichnung"]
    assert dialog.preview.rowCount() == 3
    assert dialog.preview.item(0, 1).text() == "Nordlicht Maschinenbau GmbH"
    assert dialog.preview.verticalHeaderItem(0).text() == "2"  # the spreadsheet row number
    # The one column it recognised is pre-selected with its confidence; the rest are open.
    assert dialog.combos["description"].currentText() == "Bezeichnung"
    assert dialog.confidence["description"].text() == "100%"
    assert dialog.combos["buyer"].currentText() == NOT_IN_FILE
    assert dialog.combos["buyer"].count() == 7  # "not in file" + the six headers
    # Nothing to screen yet: the dialog says what is missing.
    assert not dialog.screen_button.isEnabled()
    assert "party name column" in dialog.summary.text()
    assert page.run_id is None

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc cancels: nothing is screened
    assert page.mapping_dialog is None
    assert page.run_id is None
    assert not page.is_busy()


def test_chosen_columns_are_screened_and_saved_profile_skips_dialog(
    qtbot, home, listed_store, prefs, tmp_path
):
    store = listed_store
    page = make_page(qtbot, home, store, prefs)
    dialog = open_dialog(qtbot, page, odd_layout(tmp_path / "erp-march.csv"))
    choose(dialog, "order_no", "Vorgang")
    choose(dialog, "buyer", "Partner 1")
    choose(dialog, "buyer_country", "Partner 1 Sitz")
    choose(dialog, "destination", "Ziel")
    choose(dialog, "hs_code", "Tarif")
    assert dialog.confidence["buyer"].text() == "chosen"
    assert dialog.screen_button.isEnabled()
    # the same column cannot hold two fields
    choose(dialog, "currency", "Ziel")
    assert not dialog.screen_button.isEnabled()
    assert "Ziel" in dialog.summary.text()
    choose(dialog, "currency", NOT_IN_FILE)
    assert dialog.screen_button.isEnabled()
    dialog.save_profile.setChecked(True)

    qtbot.keyClick(dialog.combos["hs_code"], Qt.Key.Key_Return)  # Enter accepts
    qtbot.waitUntil(lambda: page.run_id is not None and not page.is_busy(), timeout=30_000)
    run = runs.get_run(store, page.run_id)
    assert run.status == "completed"
    assert run.mapping["buyer"] == "Partner 1"
    assert run.mapping["hs_code"] == "Tarif"
    assert page.model.rowCount() == 3
    parties = [page.proxy.index(r, Column.PARTY).data() for r in range(3)]
    assert any("Nordlicht" in p for p in parties)
    assert len(page.profiles.latest()) == 1  # saved in the record
    assert not list((home / PROFILES).glob("*.json"))  # not a file on this desk only

    # Next month's export of the same layout: screened at once with the saved columns.
    second = tmp_path / "erp-april.csv"
    second.write_text(ODD_HEADER + "V-9,Helvetia Präzision AG,CH,CH,8482.10,Bearings\n", "utf-8")
    first_run = page.run_id
    assert page.screen_file(second)
    qtbot.waitUntil(
        lambda: page.run_id not in (None, first_run) and not page.is_busy(), timeout=30_000
    )
    assert page.mapping_dialog is None
    assert page.model.rowCount() == 1
    assert runs.get_run(store, page.run_id).mapping["buyer"] == "Partner 1"

    # "Columns…" still shows the dialog, with the saved profile's choice pre-selected.
    page.columns_button.click()
    qtbot.waitUntil(lambda: page.mapping_dialog is not None, timeout=20_000)
    dialog = page.mapping_dialog
    assert dialog.combos["buyer"].currentText() == "Partner 1"
    assert "profile" in dialog.header_label.text()
    dialog.reject()


def test_sheet_chooser_reinspects(qtbot, home, listed_store, prefs, tmp_path):
    store = listed_store
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Notes"
    notes.append(["Exported from the ERP on Monday"])
    notes.append(["Ref", "Who"])
    orders = book.create_sheet("Orders")
    orders.append(["Order No.", "Customer", "Destination", "HS Code"])
    orders.append(["PO-1", "Nordlicht Maschinenbau GmbH", "DE", "8482.10"])
    path = tmp_path / "two-sheets.xlsx"
    book.save(path)
    page = make_page(qtbot, home, store, prefs)

    dialog = open_dialog(qtbot, page, path, sheet="Notes")
    assert dialog.sheet.isEnabled()
    assert [dialog.sheet.itemText(i) for i in range(dialog.sheet.count())] == ["Notes", "Orders"]
    dialog.sheet.setCurrentText("Orders")
    dialog.sheet.activated.emit(dialog.sheet.currentIndex())
    qtbot.waitUntil(lambda: dialog.info.sheet == "Orders" and dialog.isEnabled(), timeout=20_000)
    assert dialog.notes.isVisibleTo(dialog)
    assert dialog.notes.text() == "Read sheet 'Orders' (chosen); the workbook also has 'Notes'"
    assert dialog.combos["buyer"].currentText() == "Customer"
    assert dialog.preview.item(0, 1).text() == "Nordlicht Maschinenbau GmbH"
    assert dialog.screen_button.isEnabled()
    dialog.screen_button.click()
    wait_idle(qtbot, page)
    assert runs.get_run(store, page.run_id).sheet == "Orders"
    assert "two-sheets.xlsx, sheet “Orders”" in page.run_label.text()
    assert page.model.rowCount() == 1


def test_low_confidence_guess_is_highlighted(qtbot):
    match = ColumnMatch("buyer", "Partner", 1, 0.6, "'Partner' may be a party name")
    sure = ColumnMatch("destination", "Land", 2, 1.0, "'Land' is a synonym of destination")
    info = OrderFileInfo(
        path="/tmp/x.csv",
        kind="csv",
        sheets=(),
        sheet="",
        header_row=1,
        headers=("Nr", "Partner", "Land"),
        signature="abc",
        mapping=ColumnMapping((match, sure)),
        preview=((2, ("1", "Nordlicht", "DE")),),
    )
    dialog = MappingDialog(info)
    qtbot.addWidget(dialog)
    assert dialog.confidence["buyer"].text() == "60%"
    assert dialog.confidence["buyer"].property("low") is True
    assert dialog.confidence["destination"].property("low") is False
    assert "buyer" in dialog.summary.text().lower()
    assert dialog.confidence["buyer"].toolTip() == "'Partner' may be a party name"
    assert not dialog.sheet.isVisible()
    dialog.save_profile.setChecked(True)
    profile = dialog.profile()
    assert profile is not None
    assert profile.signature == "abc"
    assert dict(profile.columns) == {"buyer": "Partner", "destination": "Land"}
    assert find_profile(Path("/nonexistent"), "abc") is None


def test_unreadable_file_says_why_and_screens_nothing(qtbot, home, store, prefs, tmp_path):
    bad = tmp_path / "orders.xlsx"
    bad.write_bytes(b"this is not a workbook")
    page = make_page(qtbot, home, store, prefs)
    assert page.screen_file(bad)
    wait_idle(qtbot, page)
    boxes = [b for b in page.findChildren(QMessageBox) if b.objectName() == "errorBox"]
    assert len(boxes) == 1
    assert "orders.xlsx" in boxes[0].windowTitle() or "orders.xlsx" in boxes[0].text()
    assert page.mapping_dialog is None
    assert page.run_id is None
    assert page.open_action.isEnabled()
