"""Decide one hit, one goods/route finding, or the open items of a line.

What the decision needs is asked of the core as the officer chooses: a safeguarded decision
(`decisions.safeguard_for_target`) shows the reason codes and the policy's minimum
justification, and says when it will wait for a second person's approval. "Released with
licence" picks from the licences that cover the line (`licence_cover.check_cover`); the others
are listed with the reason they do not. Ctrl+Enter records.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from screener.core.errors import ScreenerError
from screener.core.record.database.store import Store
from screener.core.record.review import decisions
from screener.core.record.review.decisions import Action, ReasonCode, Target
from screener.core.record.review.line_state import LineState, lines_states
from screener.core.record.review.safeguards import NONE, Safeguard
from screener.core.record.runs import StoredHit, StoredLine
from screener.core.rules.policy import Policy, load_policy
from screener.ui.models.results_columns import first_party
from screener.ui.widgets.decision_form import DecisionForm
from screener.ui.widgets.licence_picker import LicencePicker

REMEMBER_DAYS = 365
REMEMBER_TIP = (
    "Later runs will not raise this party against this list entry until the date, "
    "or until the list entry changes."
)
REMEMBER_DISABLED_TIP = "Only a single hit cleared as a false positive can be remembered."
OPEN, LINE, HIT, FINDING = "open", "line", "hit", "finding"


@dataclass(frozen=True, slots=True)
class DecisionRequest:
    action: Action
    justification: str
    hit_id: int | None
    remember: bool
    remember_until: date | None
    finding_key: str | None = None
    open_items: bool = False  # every open item of the line, one record each (a batch)
    reason: ReasonCode | None = None
    licence_id: int | None = None


def combine(guards: Sequence[Safeguard]) -> Safeguard:
    """One safeguard for a decision over several items: the first reason, any four-eyes."""
    why = next((g.why for g in guards if g.applies), "")
    return Safeguard(why, any(g.needs_approval for g in guards)) if why else NONE


class DecideDialog(QDialog):
    def __init__(
        self,
        store: Store,
        line: StoredLine,
        hits: Sequence[StoredHit],
        *,
        action: Action | None = None,
        hit_id: int | None = None,
        finding_key: str | None = None,
        policy: Policy | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Decide")
        self.setMinimumWidth(660)  # room for "party ↔ listed name (list)" in Applies to
        self.store = store
        self.line = line
        self.policy = policy or load_policy()
        self._hits = list(hits)
        self.state: LineState | None = lines_states(store, [line.id]).get(line.id)

        title = QLabel(
            f"<b>Row {line.row}</b> &nbsp;{first_party(line)}"
            + (f" &nbsp;<span style='color:#6B7280'>{self.state.progress}</span>"
               if self.state and self.state.items else "")
        )  # fmt: skip
        title.setTextFormat(Qt.TextFormat.RichText)

        self.target = QComboBox()
        self.target.setObjectName("decideTarget")
        self._fill_targets()
        if hit_id is not None:
            self.target.setCurrentIndex(max(0, self.target.findData(f"{HIT}:{hit_id}")))
        elif finding_key is not None:
            self.target.setCurrentIndex(max(0, self.target.findData(f"{FINDING}:{finding_key}")))

        self.form = DecisionForm(
            self._guard, min_justification=self.policy.min_justification, action=action
        )
        self.justification = self.form.justification

        self.picker = LicencePicker(store, line.id)
        self.licence, self.licence_note = self.picker.combo, self.picker.note
        self.licence_label = QLabel("Licence")

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
        self.ok_button.setToolTip("Record (Ctrl+Enter)")
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #6B7280;")

        top = QFormLayout()
        top.addRow("Applies to", self.target)
        # Below the justification, aligned with it: the licence (releases) and remembering.
        self.form.form.insertRow(4, self.licence_label, self.licence)
        self.form.form.insertRow(5, "", self.licence_note)
        self.form.form.addRow("", remember_row)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(self.form)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self._try_accept)
        self.form.submit.connect(self._try_accept)
        self.target.currentIndexChanged.connect(lambda _i: self.form.refresh())
        self.form.changed.connect(self._update)
        self.licence.currentIndexChanged.connect(lambda _i: self._update())
        self.remember.toggled.connect(lambda _c: self._update())
        self.form.refresh()
        if action is not None:
            self.justification.setFocus()

    # -- what the decision covers -------------------------------------------------------

    def _fill_targets(self) -> None:
        state = self.state
        items = state.items if state else ()
        open_items = [s for s in items if s.current is None and s.pending is None]
        if open_items:
            noun = "item" if len(open_items) == 1 else "items"
            self.target.addItem(f"The line's open {noun} ({len(open_items)})", OPEN)
        else:
            self.target.addItem("The whole line (every item)", LINE)
        by_hit = {s.item.hit_id: s for s in items if s.item.kind == HIT}
        for hit in self._hits:
            self.target.addItem(
                f"{hit.party_name} ↔ {hit.entry_name} ({hit.source}, {hit.score:.0%})"
                + _state_note(by_hit.get(hit.id)),
                f"{HIT}:{hit.id}",
            )
        for s in items:
            if s.item.kind == FINDING:
                self.target.addItem(
                    f"Finding: {s.item.label}" + _state_note(s), f"{FINDING}:{s.item.finding_key}"
                )

    def current_target(self) -> tuple[str, Any]:
        """(kind, hit id | finding key | None) of what "Applies to" names."""
        kind, _sep, value = str(self.target.currentData()).partition(":")
        return kind, (int(value) if kind == HIT else value or None)

    def _targets(self) -> list[Target]:
        kind, value = self.current_target()
        line_id = self.line.id
        if kind == HIT:
            return [Target(line_id, hit_id=value)]
        if kind == FINDING:
            return [Target(line_id, finding_key=value)]
        if kind == OPEN and self.state is not None:
            return [
                Target(line_id, s.item.hit_id, s.item.finding_key)
                for s in self.state.items
                if s.current is None and s.pending is None
            ]
        return [Target(line_id)]

    def _guard(self, action: Action) -> Safeguard:
        try:
            if action is Action.RELEASED_WITH_LICENCE:  # a release covers the line or one hit
                kind, value = self.current_target()
                target = Target(self.line.id, hit_id=value if kind == HIT else None)
                return decisions.safeguard_for_target(
                    self.store, target, action, policy=self.policy
                )
            return combine(
                [
                    decisions.safeguard_for_target(self.store, t, action, policy=self.policy)
                    for t in self._targets()
                ]
            )
        except ScreenerError:
            return NONE

    # -- state ----------------------------------------------------------------------------

    def selected_action(self) -> Action | None:
        return self.form.selected_action()

    def _update(self) -> None:
        action = self.selected_action()
        kind, _value = self.current_target()
        releasing = action is Action.RELEASED_WITH_LICENCE
        if releasing:
            self.picker.load()
        for w in (self.licence, self.licence_label, self.licence_note):
            w.setVisible(releasing)
        can_remember = action is Action.CLEARED and kind == HIT
        self.remember.setEnabled(can_remember)
        if not can_remember:
            self.remember.setChecked(False)
        self.remember_until.setEnabled(can_remember and self.remember.isChecked())
        self.remember.setToolTip(REMEMBER_TIP if can_remember else REMEMBER_DISABLED_TIP)
        missing = self.form.missing()
        if releasing and self.licence.currentData() is None:
            missing.append("choose a covering licence")
        if releasing and kind == FINDING:
            missing.append("release the line or one hit (not a finding)")
        self.ok_button.setEnabled(not missing)
        self.ok_button.setText(
            "Record for approval" if self.form.safeguard.needs_approval else "Record decision"
        )
        self.hint.setText(("To record: " + " and ".join(missing) + ".") if missing else "")

    def _try_accept(self) -> None:
        if self.ok_button.isEnabled():
            self.accept()

    def request(self) -> DecisionRequest | None:
        action = self.selected_action()
        text = self.form.text()
        if action is None or not text:
            return None
        kind, value = self.current_target()
        remember = self.remember.isEnabled() and self.remember.isChecked()
        releasing = action is Action.RELEASED_WITH_LICENCE
        return DecisionRequest(
            action=action,
            justification=text,
            hit_id=value if kind == HIT else None,
            remember=remember,
            remember_until=_day(self.remember_until) if remember else None,
            finding_key=value if kind == FINDING else None,
            open_items=kind == OPEN and not releasing,
            reason=self.form.reason_code(),
            licence_id=self.licence.currentData() if releasing else None,
        )


def _day(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


def _state_note(state: object) -> str:
    current = getattr(state, "current", None)
    if current is not None:
        return f"  — decided: {current.action.label}"
    if getattr(state, "pending", None) is not None:
        return "  — pending approval"
    return ""
