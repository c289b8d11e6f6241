"""Decide many hits at once with one justification (`core.record.review.bulk`).

Either the open items of the selected lines, or every line where one party hits one list
entry (in this run, or every open run). One chained record per hit, linked by a batch;
safeguards apply per hit, and the dialog says before recording how many are safeguarded and
how many will wait for a second approval.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from screener.core.record.database.store import Store
from screener.core.record.review import bulk
from screener.core.record.review.decision_writer import LineFacts
from screener.core.record.review.decisions import Action, ReasonCode, Target
from screener.core.record.review.safeguards import NONE, Safeguard
from screener.core.record.runs import StoredHit
from screener.core.rules.policy import Policy, load_policy
from screener.ui.widgets.decision_form import DecisionForm

LINES, PARTY = 1, 2


@dataclass(frozen=True, slots=True)
class BulkRequest:
    targets: tuple[Target, ...]
    action: Action
    justification: str
    reason: ReasonCode | None
    scope: str


class BulkDialog(QDialog):
    def __init__(
        self,
        store: Store,
        run_id: int,
        line_ids: Sequence[int],
        hits: Sequence[StoredHit],
        *,
        policy: Policy | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Decide several")
        self.setMinimumWidth(660)
        self.store = store
        self.run_id = run_id
        self.line_ids = list(dict.fromkeys(line_ids))
        self.policy = policy or load_policy()
        self._hits = [h for h in hits if not h.suppressed_by]
        self._targets: list[Target] = []
        self._guards: dict[tuple[Action, int], Safeguard] = {}

        self.scopes = QButtonGroup(self)
        n = len(self.line_ids)
        self.lines_scope = QRadioButton(f"The open items of the {n} selected line{'s' * (n != 1)}")
        self.party_scope = QRadioButton("Every line where this party hits this list entry:")
        self.scopes.addButton(self.lines_scope, LINES)
        self.scopes.addButton(self.party_scope, PARTY)
        self.hit = QComboBox()
        self.hit.setObjectName("bulkHit")
        for h in self._hits:
            self.hit.addItem(f"{h.party_name} ↔ {h.entry_name} ({h.source} {h.entry_id})", h.id)
        self.every_run = QCheckBox("in every open run, not only this one")
        self.party_scope.setEnabled(bool(self._hits))
        (self.lines_scope if n > 1 or not self._hits else self.party_scope).setChecked(True)
        self.count = QLabel()
        self.count.setObjectName("bulkCount")

        self.form = DecisionForm(self._guard, min_justification=self.policy.min_justification)
        release = self.form.choices.button(5)  # a release names its licence: one line at a time
        release.setEnabled(False)
        release.setToolTip("Release lines one at a time, each against its licence (Decide…)")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #6B7280;")

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Decide</b>"))
        layout.addWidget(self.lines_scope)
        layout.addWidget(self.party_scope)
        party_row = QHBoxLayout()
        party_row.setContentsMargins(24, 0, 0, 0)
        party_row.addWidget(self.hit, 1)
        layout.addLayout(party_row)
        every_row = QHBoxLayout()
        every_row.setContentsMargins(24, 0, 0, 0)
        every_row.addWidget(self.every_run)
        layout.addLayout(every_row)
        layout.addWidget(self.count)
        layout.addWidget(self.form)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self._try_accept)
        self.form.submit.connect(self._try_accept)
        self.scopes.idToggled.connect(lambda *_a: self._retarget())
        self.hit.currentIndexChanged.connect(lambda _i: self._retarget())
        self.every_run.toggled.connect(lambda _c: self._retarget())
        self.form.changed.connect(self._update)
        self._retarget()
        self.form.justification.setFocus(Qt.FocusReason.OtherFocusReason)

    def _selected_hit(self) -> StoredHit | None:
        hit_id = self.hit.currentData()
        return next((h for h in self._hits if h.id == hit_id), None)

    def _retarget(self) -> None:
        party = self.scopes.checkedId() == PARTY
        self.hit.setEnabled(party)
        self.every_run.setEnabled(party)
        hit = self._selected_hit()
        if party and hit is not None:
            self._targets = bulk.party_entry_targets(
                self.store,
                self.run_id,
                party_name=hit.party_name,
                source=hit.source,
                entry_id=hit.entry_id,
                every_open_run=self.every_run.isChecked(),
            )
        else:
            self._targets = bulk.open_targets(self.store, self.line_ids)
        self._guards.clear()
        lines = len({t.line_id for t in self._targets})
        n = len(self._targets)
        self.count.setText(
            f"{n} open item{'s' * (n != 1)} on {lines} line{'s' * (lines != 1)}: "
            "one record each, linked as one batch."
            if n
            else "Nothing open to decide in this selection."
        )
        self.form.refresh()

    def _guard(self, action: Action) -> Safeguard:
        key = (action, len(self._targets))
        if key not in self._guards:
            facts = LineFacts(self.store.db)
            facts.prefetch(t.line_id for t in self._targets)
            guards = [facts.guard(self.policy, t, action) for t in self._targets]
            applies = [g for g in guards if g.applies]
            four_eyes = sum(g.needs_approval for g in guards)
            if applies:
                why = f"{len(applies)} of {len(guards)} are safeguarded (e.g. {applies[0].why})"
                if four_eyes:
                    why += f"; {four_eyes} will wait for a second approval"
                self._guards[key] = Safeguard(why, four_eyes > 0)
            else:
                self._guards[key] = NONE
        return self._guards[key]

    def _update(self) -> None:
        missing = self.form.missing()
        if not self._targets:
            missing.insert(0, "select lines with open items")
        self.ok_button.setEnabled(not missing)
        self.ok_button.setText(f"Decide {len(self._targets)}")
        self.hint.setText(("To record: " + " and ".join(missing) + ".") if missing else "")

    def _try_accept(self) -> None:
        if self.ok_button.isEnabled():
            self.accept()

    def scope_text(self) -> str:
        hit = self._selected_hit()
        if self.scopes.checkedId() == PARTY and hit is not None:
            return bulk.party_entry_scope(
                hit.party_name, hit.source, hit.entry_id, self.run_id, self.every_run.isChecked()
            )
        return f"the open items of {len(self.line_ids)} selected lines of run {self.run_id}"

    def request(self) -> BulkRequest | None:
        action = self.form.selected_action()
        if action is None or not self._targets or self.form.missing():
            return None
        return BulkRequest(
            tuple(self._targets), action, self.form.text(), self.form.reason_code(),
            self.scope_text(),
        )  # fmt: skip
