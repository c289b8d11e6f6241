"""The part of a decision every dialog asks for: the action, a reason code and a justification,
with the policy's safeguard shown live (what it needs, and whether it is four-eyes).

The safeguard comes from the core (`decisions.safeguard_for_target`) through `guard`, a callable
the dialog gives: action -> Safeguard for everything the decision will cover.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from screener.core.record.review.decisions import Action, ReasonCode
from screener.core.record.review.safeguards import NONE, Safeguard
from screener.ui.verdicts import ACTION_HELP, ACTION_ORDER

Guard = Callable[[Action], Safeguard]
FOUR_EYES = (
    "Needs a second person's approval: until someone else approves it on the Approvals page, "
    "it is pending and the line keeps its verdict."
)
NOTE_CSS = "padding: 6px 8px; border-radius: 4px; background: #FCEBC0; color: #5A3A00;"
APPROVAL_CSS = "padding: 6px 8px; border-radius: 4px; background: #DCE6F5; color: #1F3A5F;"


class DecisionForm(QWidget):
    changed = Signal()
    submit = Signal()  # Ctrl+Enter, wherever the focus is (the justification too)

    def __init__(
        self,
        guard: Guard,
        *,
        min_justification: int,
        action: Action | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._guard = guard
        self.min_justification = min_justification
        self.safeguard: Safeguard = NONE

        self.choices = QButtonGroup(self)
        action_box = QVBoxLayout()
        action_box.setSpacing(2)
        for n, act in enumerate(ACTION_ORDER, start=1):
            button = QRadioButton(f"&{n}  {act.label}")
            button.setToolTip(f"{ACTION_HELP[act]}\nShortcut: Ctrl+{n}")
            self.choices.addButton(button, n)
            action_box.addWidget(button)
            if act is action:
                button.setChecked(True)

        self.reason = QComboBox()
        self.reason.setObjectName("reasonCode")
        self.reason.addItem("Choose what distinguishes the party…", None)
        for code in ReasonCode:
            self.reason.addItem(code.label, code.value)
        self.reason_label = QLabel("Reason")

        self.justification = QPlainTextEdit()
        self.justification.setPlaceholderText(
            "Why? Required, and kept in the audit log (e.g. “different date of birth and "
            "country; EUS on file”)."
        )
        self.justification.setTabChangesFocus(True)
        self.justification.setMinimumHeight(80)
        self.counter = QLabel()
        self.counter.setObjectName("justificationCounter")

        self.safeguard_note = QLabel()
        self.safeguard_note.setObjectName("safeguardNote")
        self.safeguard_note.setWordWrap(True)
        self.safeguard_note.setStyleSheet(NOTE_CSS)
        self.four_eyes = QLabel(FOUR_EYES)
        self.four_eyes.setObjectName("fourEyesNote")
        self.four_eyes.setWordWrap(True)
        self.four_eyes.setStyleSheet(
            NOTE_CSS.replace("#FCEBC0", "#DCE6F5").replace("5A3A00", "1F3A5F")
        )

        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow("Decision", action_box)
        self.form.addRow(self.safeguard_note)
        self.form.addRow(self.reason_label, self.reason)
        self.form.addRow("Justification", self.justification)
        self.form.addRow("", self.counter)
        self.form.addRow(self.four_eyes)

        for n in range(1, len(ACTION_ORDER) + 1):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{n}"), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda n=n: self.pick(n))
        self.justification.installEventFilter(self)
        self.choices.idToggled.connect(lambda *_a: self.refresh())
        self.reason.currentIndexChanged.connect(lambda _i: self._changed())
        self.justification.textChanged.connect(self._changed)
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.submit.emit()
            return True
        return super().eventFilter(watched, event)

    def set_guard(self, guard: Guard) -> None:
        self._guard = guard
        self.refresh()

    def pick(self, n: int) -> None:
        button = self.choices.button(n)
        if button is not None:
            button.setChecked(True)

    def selected_action(self) -> Action | None:
        n = self.choices.checkedId()
        return ACTION_ORDER[n - 1] if n > 0 else None

    def text(self) -> str:
        return self.justification.toPlainText().strip()

    def reason_code(self) -> ReasonCode | None:
        code = self.reason.currentData()
        return ReasonCode(code) if self.safeguard.applies and code else None

    def refresh(self) -> None:
        """Ask the core again (the action or what the decision covers changed)."""
        action = self.selected_action()
        self.safeguard = self._guard(action) if action is not None else NONE
        applies = self.safeguard.applies
        self.safeguard_note.setVisible(applies)
        self.safeguard_note.setText(
            f"<b>Safeguarded:</b> {self.safeguard.why}. Name what distinguishes the party and "
            f"justify it in at least {self.min_justification} characters."
        )
        self.reason.setVisible(applies)
        self.reason_label.setVisible(applies)
        self.four_eyes.setVisible(self.safeguard.needs_approval)
        self._changed()

    def _changed(self) -> None:
        n = len(self.text())
        if self.safeguard.applies:
            short = n < self.min_justification
            self.counter.setText(f"{n} of at least {self.min_justification} characters")
            self.counter.setStyleSheet("color: #B71C1C;" if short else "color: #1B5E20;")
        else:
            self.counter.setText("")
        self.changed.emit()

    def missing(self) -> list[str]:
        """What still stops recording, in words for the hint line."""
        out = []
        if self.selected_action() is None:
            out.append("choose a decision (1–5)")
        if self.safeguard.applies and self.reason_code() is None:
            out.append("choose a reason")
        n = len(self.text())
        if not n:
            out.append("write a justification")
        elif self.safeguard.applies and n < self.min_justification:
            out.append(f"justify in at least {self.min_justification} characters")
        return out
