"""The custom-list dialog imports a company's own CSV as a list version and says what it did."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from screener.core.lists.importing import ImportStatus
from screener.core.record.database.store import Store
from screener.ui.dialogs.custom_list_dialog import CustomListDialog
from tests.conftest import REPO


def test_dialog_imports_the_example_watch_list(qtbot, store: Store, tmp_path: Path) -> None:
    dialog = CustomListDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "Give a file, a key, a title" in dialog.result.text()
    dialog.path.setText(str(REPO / "examples" / "watch_list.csv"))
    dialog.source.setText("internal")
    dialog.title.setText("Internal watch list")
    with qtbot.waitSignal(dialog.imported, timeout=5_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome is not None
    assert dialog.outcome.status is ImportStatus.IMPORTED
    assert "Imported: Internal watch list (custom_internal), 2 parties" in dialog.result.text()
    assert [v.source for v in store.current_versions()] == ["custom_internal"]
    dialog.grab().save(str(tmp_path / "custom_list_dialog.png"))


def test_dialog_shows_why_a_file_is_refused(qtbot, store: Store, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name,blocking\nAcme,maybe\n", encoding="utf-8")
    dialog = CustomListDialog(store)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(bad))
    dialog.source.setText("x")
    dialog.title.setText("X")
    outcome = dialog.run_import()
    assert outcome is not None
    assert outcome.status is ImportStatus.FAILED
    assert "row 2, column blocking: 'maybe'" in dialog.result.text()
