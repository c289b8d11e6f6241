"""Which column holds what: shown before screening a layout the reader could not map surely.

The dialog never reads the file: the page inspects it off the GUI thread and hands the
`OrderFileInfo` in (`set_info`); choosing another sheet emits `sheet_requested` and the page
inspects again. The result is `chosen_mapping()` (field -> header) for `screen_file(mapping=)`,
and, with the checkbox ticked, a `MappingProfile` the page saves for this header layout.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from screener.core.orders import FIELD_LABELS, ROLES, MappingProfile, OrderFileInfo
from screener.core.orders.mapping import mapping_from_dict
from screener.ui import geometry
from screener.ui.widgets.field_choices import NOT_IN_FILE, FieldChoices

__all__ = ["NOT_IN_FILE", "MappingDialog"]


class MappingDialog(QDialog):
    sheet_requested = Signal(str)  # the user chose another sheet: inspect it, then set_info

    def __init__(self, info: OrderFileInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        self.setObjectName("mappingDialog")
        self.setWindowTitle(f"Columns of {_file_name(info.path)}")
        self.setSizeGripEnabled(True)
        geometry.fit_to_screen(self, QSize(1040, 780))

        self.sheet = QComboBox()
        self.sheet.setObjectName("sheetCombo")
        self.sheet.activated.connect(self._sheet_chosen)
        self.sheet_label = QLabel("&Sheet:")
        self.sheet_label.setBuddy(self.sheet)
        self.header_label = QLabel()
        self.header_label.setObjectName("headerRowLabel")
        self.header_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.notes = QLabel()  # which sheet was read and what else the workbook holds
        self.notes.setObjectName("fileNotes")
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: palette(placeholder-text);")
        self.summary = QLabel()
        self.summary.setObjectName("mappingSummary")
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.sheet_label)
        top.addWidget(self.sheet, 1)
        top.addSpacing(16)
        top.addWidget(self.header_label, 2)

        self.preview = QTableWidget()
        self.preview.setObjectName("mappingPreview")
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.preview.setWordWrap(False)
        self.preview.verticalHeader().setDefaultSectionSize(22)
        self.preview.horizontalHeader().setDefaultSectionSize(130)
        preview_box = QGroupBox("First rows of the file")
        QVBoxLayout(preview_box).addWidget(self.preview)

        self.fields_widget = FieldChoices(info)
        self.fields_widget.changed.connect(self._validate)
        # Its parts, as the dialog's (tests reach them here).
        self.combos, self.confidence = self.fields_widget.combos, self.fields_widget.confidence
        fields_scroll = QScrollArea()
        fields_scroll.setWidgetResizable(True)
        fields_scroll.setWidget(self.fields_widget)
        fields_box = QGroupBox("Which column holds what")
        QVBoxLayout(fields_box).addWidget(fields_scroll)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(preview_box)
        splitter.addWidget(fields_box)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([230, 400])  # the column choices matter more than the preview rows
        splitter.setChildrenCollapsible(False)

        self.save_profile = QCheckBox("Save as &profile for this layout")
        self.save_profile.setToolTip(
            "Next time a file with the same column headers is opened, these columns are used "
            "without asking."
        )
        self.buttons = QDialogButtonBox()
        self.screen_button = self.buttons.addButton(
            "&Screen", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.screen_button.setDefault(True)
        self.screen_button.setAutoDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.save_profile)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notes)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.set_info(info)

    # -- filling ----------------------------------------------------------------------

    def set_info(self, info: OrderFileInfo) -> None:
        """Show a (re-)inspection: sheet, header row, preview, the detected mapping."""
        self.info = info
        self.setEnabled(True)
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.addItems(list(info.sheets))
        self.sheet.setCurrentText(info.sheet)
        self.sheet.blockSignals(False)
        has_sheets = len(info.sheets) > 1
        self.sheet.setEnabled(has_sheets)
        self.sheet.setVisible(bool(info.sheets))
        self.sheet_label.setVisible(bool(info.sheets))
        details = [f"Header row <b>{info.header_row}</b>", f"{len(info.headers)} columns"]
        if info.kind == "csv":
            delimiter = {"\t": "tab", ",": "comma", ";": "semicolon"}.get(
                info.delimiter, repr(info.delimiter)
            )
            details.append(f"CSV, {info.encoding or 'UTF-8'}, {delimiter}-separated")
        if info.profile:
            details.append(f"saved profile “{info.profile}”")
        self.header_label.setText(" · ".join(details))
        self.notes.setText("; ".join(n[:1].upper() + n[1:] for n in info.notes))
        self.notes.setVisible(bool(info.notes))
        self._fill_preview(info)
        last = self.fields_widget.fill(info, after=self.sheet)
        QWidget.setTabOrder(last, self.save_profile)
        QWidget.setTabOrder(self.save_profile, self.screen_button)
        self._validate()

    def _fill_preview(self, info: OrderFileInfo) -> None:
        self.preview.clear()
        self.preview.setColumnCount(len(info.headers))
        self.preview.setRowCount(len(info.preview))
        self.preview.setHorizontalHeaderLabels(list(info.headers))
        self.preview.setVerticalHeaderLabels([str(number) for number, _cells in info.preview])
        for row, (_number, cells) in enumerate(info.preview):
            for column, value in enumerate(cells[: len(info.headers)]):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.preview.setItem(row, column, item)

    def _sheet_chosen(self, _index: int) -> None:
        sheet = self.sheet.currentText()
        if sheet and sheet != self.info.sheet:
            self.setEnabled(False)  # until the page hands the new sheet's info in
            self.summary.setText(f"Reading sheet “{sheet}”…")
            self.sheet_requested.emit(sheet)

    # -- result -----------------------------------------------------------------------

    def chosen_mapping(self) -> dict[str, str]:
        """field -> header, for `screen_file(mapping=...)`."""
        return self.fields_widget.chosen()

    def chosen_sheet(self) -> str | None:
        return self.info.sheet or None

    def profile(self) -> MappingProfile | None:
        """The profile to save for this layout, when the checkbox is ticked."""
        if not self.save_profile.isChecked():
            return None
        return MappingProfile(
            name=_file_name(self.info.path),
            signature=self.info.signature,
            columns=tuple(self.chosen_mapping().items()),
            sheet=self.info.sheet,
        )

    def problem(self) -> str:
        """Why the chosen columns cannot be screened ("" when they can)."""
        chosen = self.chosen_mapping()
        used: dict[str, str] = {}
        for field_name, header in chosen.items():
            if header in used:
                return (
                    f"“{header}” is chosen for both {FIELD_LABELS[used[header]].lower()} and "
                    f"{FIELD_LABELS[field_name].lower()}."
                )
            used[header] = field_name
        try:
            mapping = mapping_from_dict(self.info.headers, chosen)
        except KeyError as exc:
            return str(exc.args[0])
        if mapping.missing:
            return "Still needed: " + "; ".join(mapping.missing) + "."
        return ""

    def _validate(self) -> None:
        problem = self.problem()
        self.screen_button.setEnabled(not problem)
        if problem:
            self.summary.setText(f"<b>{problem}</b>")
            return
        low = [
            FIELD_LABELS[m.field].lower()
            for m in self.info.mapping.matches
            if m.confidence < self.info.mapping.CONFIDENT
            and self.combos.get(m.field) is not None
            and self.combos[m.field].currentData() == m.header
        ]
        parties = sum(1 for f in ROLES if f in self.chosen_mapping())
        text = f"{parties} party column{'s' if parties != 1 else ''} chosen."
        if low:
            text += " Check the highlighted guesses: " + ", ".join(low) + "."
        self.summary.setText(text)

    def accept(self) -> None:
        if self.problem():
            return
        super().accept()


def _file_name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]
