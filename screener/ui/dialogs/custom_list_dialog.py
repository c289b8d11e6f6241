"""Import your own party list (CSV) as a versioned list: file, key, title, and the layout.

The core does the work (`screener.core.lists.custom.import_custom`); a custom list is a few
hundred rows at most, so it is imported on the spot and the outcome shown in the dialog.
Goods lists a company keeps itself are named by the policy file, not imported here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from screener.core.lists.custom import import_custom
from screener.core.lists.importing import ImportOutcome, ImportStatus
from screener.core.record.database.store import Store

LAYOUT = (
    "<b>CSV layout</b> (comma or semicolon; only <code>name</code> is required): "
    "<code>name</code>, <code>aliases</code> (; separated), <code>type</code> (person, "
    "organization, vessel, aircraft), <code>country</code>, <code>identifiers</code> "
    "(<i>kind: value</i>; ...), <code>reason</code>, <code>blocking</code> (yes/no), "
    "<code>id</code>, <code>listed_on</code>, <code>related</code> (<i>kind: name (60%)</i>; ...)."
    "<br><b>Goods lists</b> (HS/CN prefix or ECCN, regime, citation, action) are named in your "
    'policy file: <code>[goods] custom_lists = ["annex.csv"]</code>.'
)


class CustomListDialog(QDialog):
    imported = Signal(object)  # the ImportOutcome of a successful import

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.outcome: ImportOutcome | None = None
        self.setWindowTitle("Import your own list")
        self.setMinimumWidth(560)
        self.path = QLineEdit()
        self.path.setObjectName("customPath")
        self.path.setPlaceholderText("watch_list.csv")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.source = QLineEdit()
        self.source.setObjectName("customSource")
        self.source.setPlaceholderText("internal (letters, digits, _)")
        self.title = QLineEdit()
        self.title.setObjectName("customTitle")
        self.title.setPlaceholderText("Internal watch list")
        form = QFormLayout()
        form.addRow("File", row)
        form.addRow("Key", self.source)
        form.addRow("Title officers see", self.title)
        layout_help = QLabel(LAYOUT)
        layout_help.setWordWrap(True)
        self.result = QLabel("")
        self.result.setObjectName("customResult")
        self.result.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = buttons.addButton("Import", QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.setObjectName("customImport")
        self.import_button.clicked.connect(self.run_import)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(layout_help)
        layout.addWidget(self.result)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Your list", "", "CSV files (*.csv *.txt)")
        if name:
            self.path.setText(name)
            if not self.source.text():
                self.source.setText(Path(name).stem.lower().replace("-", "_")[:40])

    def run_import(self) -> ImportOutcome | None:
        path, source, title = (w.text().strip() for w in (self.path, self.source, self.title))
        missing = [n for n, v in (("a file", path), ("a key", source), ("a title", title)) if not v]
        if missing:
            self.result.setText("Give " + ", ".join(missing) + ".")
            return None
        outcome = import_custom(self.store, Path(path), source=source, title=title)
        self.outcome = outcome
        if outcome.status is ImportStatus.FAILED:
            self.result.setText(f"Not imported: {outcome.error}")
            return outcome
        if outcome.status is ImportStatus.HELD:  # stored, not screened against until accepted
            self.result.setText(f"Stored but {outcome.note}")
            self.imported.emit(outcome)
            return outcome
        v = outcome.version
        assert v is not None
        verb = (
            "Imported" if outcome.status is ImportStatus.IMPORTED else "Unchanged (already stored)"
        )
        self.result.setText(
            f"{verb}: {v.title} ({v.source}), {v.entries:,} parties, {v.names:,} names."
        )
        self.imported.emit(outcome)
        return outcome
