"""Record a decision on a line (or one of its hits), with a required justification."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from screener.core.record.decisions import Action
from screener.core.record.runs import StoredHit, StoredLine
from screener.ui.models.results_model import first_party
from screener.ui.verdicts import ACTION_HELP, ACTION_ORDER

REMEMBER_DAYS = 365
REMEMBER_TIP = (
    "Later runs will not raise this party against this list entry until the date, "
    "or until the list entry changes."
)
REMEMBER_DISABLED_TIP = "Only a single hit cleared as a false positive can be remembered."


@dataclass(frozen=True, slots=True)
class DecisionRequest:
    action: Action
    justification: str
    hit_id: int | None
    remember: bool
    remember_until: date | None


class DecideDialog(QDialog):
    def __init__(
        self,
        line: StoredLine,
        hits: Sequence[StoredHit],
        *,
        action: Action | None = None,
        hit_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Decide")
        self.setMinimumWidth(640)  # room for "party ↔ listed name (list)" in Applies to
        self._hits = list(hits)

        title = QLabel(f"<b>Row {line.row}</b> &nbsp;{first_party(line)}")
        title.setTextFormat(Qt.TextFormat.RichText)

        self.target = QComboBox()
        self.target.addItem("Whole line", None)
        for hit in self._hits:
            self.target.addItem(
                f"{hit.party_name} ↔ {hit.entry_name} ({hit.source}, {hit.score:.0%})", hit.id
            )
        if hit_id is not None:
            self.target.setCurrentIndex(max(0, self.target.findData(hit_id)))

        self.actions = QButtonGroup(self)
        action_box = QVBoxLayout()
        action_box.setSpacing(2)
        for n, act in enumerate(ACTION_ORDER, start=1):
            button = QRadioButton(f"&{n}  {act.label}")
            button.setToolTip(f"{ACTION_HELP[act]}\nShortcut: {n} (Ctrl+{n} in the results table)")
            self.actions.addButton(button, n)
            action_box.addWidget(button)
            if act is action:
                button.setChecked(True)

        self.justification = QPlainTextEdit()
        self.justification.setPlaceholderText(
            "Why? Required, and kept in the audit log (e.g. “different date of birth and "
            "country; EUS on file”)."
        )
        self.justification.setTabChangesFocus(True)
        self.justification.setMinimumHeight(90)

        self.remember = QCheckBox("Remember as accepted false positive until")
        self.remember_until = QDateEdit(QDate.currentDate().addDays(REMEMBER_DAYS))
        self.remember_until.setCalendarPopup(True)
        self.remember_until.setMinimumDate(QDate.currentDate().addDays(1))
        self.remember_until.setDisplayFormat("yyyy-MM-dd")
        remember_row = QHBoxLayout()
        remember_row.addWidget(self.remember)
        remember_row.addWidget(self.remember_until)
        remember_row.addStretch(1)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Record decision")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setStyleSheet("color: #6B7280;")

        form = QFormLayout()
        form.addRow("Applies to", self.target)
        form.addRow("Decision", action_box)
        form.addRow("Justification", self.justification)
        form.addRow("", remember_row)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

        # Digits pick an action unless the officer is typing the justification.
        for n in range(1, len(ACTION_ORDER) + 1):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{n}"), self)
            shortcut.activated.connect(lambda n=n: self._pick(n))
        QShortcut(QKeySequence("Ctrl+Return"), self).activated.connect(self.ok_button.click)
        self.target.currentIndexChanged.connect(self._update)
        self.actions.idToggled.connect(self._update)
        self.justification.textChanged.connect(self._update)
        self.remember.toggled.connect(self._update)
        self._update()
        if action is not None:
            self.justification.setFocus()

    def _pick(self, n: int) -> None:
        button = self.actions.button(n)
        if button is not None:
            button.setChecked(True)

    def selected_action(self) -> Action | None:
        n = self.actions.checkedId()
        return ACTION_ORDER[n - 1] if n > 0 else None

    def _update(self) -> None:
        action = self.selected_action()
        hit_id = self.target.currentData()
        can_remember = action is Action.CLEARED and hit_id is not None
        self.remember.setEnabled(can_remember)
        if not can_remember:
            self.remember.setChecked(False)
        self.remember_until.setEnabled(can_remember and self.remember.isChecked())
        missing = []
        if action is None:
            missing.append("choose a decision (1–5)")
        if not self.justification.toPlainText().strip():
            missing.append("write a justification")
        self.ok_button.setEnabled(not missing)
        self.hint.setText(("To record: " + " and ".join(missing) + ".") if missing else "")
        self.remember.setToolTip(REMEMBER_TIP if can_remember else REMEMBER_DISABLED_TIP)

    def request(self) -> DecisionRequest | None:
        action = self.selected_action()
        text = self.justification.toPlainText().strip()
        if action is None or not text:
            return None
        remember = self.remember.isEnabled() and self.remember.isChecked()
        return DecisionRequest(
            action=action,
            justification=text,
            hit_id=self.target.currentData(),
            remember=remember,
            remember_until=self.remember_until.date().toPython() if remember else None,
        )
