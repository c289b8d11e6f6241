"""Approvals: decisions waiting for a second person (four-eyes), for a supervisor to approve
or reject with a justification (`core.record.review.approvals`).

Nobody approves their own decision: the core refuses it, and the page shows the core's words.
Who approves is the logged-in account (`writer.operator_identity()`), never typed here.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from screener.core.errors import ScreenerError
from screener.core.record.chain.writer import operator_identity
from screener.core.record.database.store import Store
from screener.core.record.review import approvals
from screener.core.record.review.approvals import PendingApproval
from screener.ui.models._table import Col, ItemRole, RecordTableModel, SortRole


def _about(p: PendingApproval) -> str:
    if p.hit_name:
        return f"{p.hit_name} ({p.score:.0%})" if p.score is not None else p.hit_name
    return "goods/route finding" if p.decision.finding_key else "whole line"


class ApprovalsModel(RecordTableModel[PendingApproval]):
    columns = (
        Col("#", lambda p: str(p.decision.id), sort=lambda p: p.decision.id, align_right=True),
        Col(
            "Run · row",
            lambda p: f"{p.decision.run_id} · {p.row}",
            sort=lambda p: (p.decision.run_id, p.row),
        ),
        Col("Order", lambda p: p.order_no),
        Col("About", _about),
        Col("Decision", lambda p: p.decision.action.label),
        Col("Reason", lambda p: p.decision.reason.label if p.decision.reason else ""),
        Col(
            "Justification",
            lambda p: p.decision.justification,
            tip=lambda p: p.decision.justification,
        ),
        Col("By", lambda p: p.decision.operator),
        Col(
            "When",
            lambda p: f"{p.decision.decided_at.astimezone():%Y-%m-%d %H:%M}",
            sort=lambda p: p.decision.id,
        ),
        Col("Why it needs approval", lambda p: p.why, tip=lambda p: p.why),
    )


class ApprovalsPage(QWidget):
    status_message = Signal(str)
    decided = Signal(object)  # line ids whose state changed (the Screen page refreshes them)
    count_changed = Signal(int)  # decisions waiting (the navigation shows it)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.model = ApprovalsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.table = QTableView()
        self.table.setObjectName("approvalsTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update())

        self.title = QLabel()
        self.title.setObjectName("approvalsTitle")
        self.identity = QLabel()
        self.identity.setStyleSheet("color: #6B7280;")
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.justification = QLineEdit()
        self.justification.setObjectName("approvalJustification")
        self.justification.setPlaceholderText(
            "Your justification (required to reject; kept in the audit log)"
        )
        self.justification.textChanged.connect(lambda _t: self._update())
        self.approve_button = QPushButton("Approve")
        self.approve_button.setObjectName("approveButton")
        self.approve_button.clicked.connect(self.approve_selected)
        self.reject_button = QPushButton("Reject")
        self.reject_button.setObjectName("rejectButton")
        self.reject_button.clicked.connect(self.reject_selected)
        self.message = QLabel()
        self.message.setObjectName("approvalMessage")
        self.message.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.identity)
        top.addWidget(self.refresh_button)
        act = QHBoxLayout()
        act.addWidget(self.justification, 1)
        act.addWidget(self.approve_button)
        act.addWidget(self.reject_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(act)
        layout.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        user, host = operator_identity()
        self.identity.setText(f"You are {user} on {host}")
        self.model.set_items(approvals.pending_approvals(self.store))
        n = self.model.rowCount()
        self.title.setText(
            f"<b>{n} decision{'s' * (n != 1)} waiting for a second approval</b>"
            if n
            else "<b>Nothing waits for approval</b>"
        )
        self._update()
        self.count_changed.emit(n)

    def selected(self) -> list[PendingApproval]:
        rows = self.table.selectionModel().selectedRows()
        return [self.proxy.data(i, ItemRole) for i in rows]

    def _update(self) -> None:
        chosen = bool(self.selected())
        self.approve_button.setEnabled(chosen)
        self.reject_button.setEnabled(chosen and bool(self.justification.text().strip()))
        self.reject_button.setToolTip(
            "" if self.justification.text().strip() else "Say why before rejecting"
        )

    def approve_selected(self) -> int:
        return self._settle(approve=True)

    def reject_selected(self) -> int:
        return self._settle(approve=False)

    def _settle(self, *, approve: bool) -> int:
        text = self.justification.text().strip()
        done: list[int] = []
        errors: list[str] = []
        for p in self.selected():
            try:
                if approve:
                    approvals.approve(self.store, p.decision.id, justification=text)
                else:
                    approvals.reject(self.store, p.decision.id, justification=text)
            except ScreenerError as exc:
                errors.append(f"{exc}.")
                continue
            done.append(p.decision.line_id)
        verb = "approved" if approve else "rejected"
        parts = [f"{len(done)} {verb}."] if done else []
        self.message.setText(" ".join(parts + errors))
        self.message.setStyleSheet("color: #B71C1C;" if errors else "color: #1B5E20;")
        if done:
            self.justification.clear()
            self.decided.emit(done)
            self.status_message.emit(f"{len(done)} decision{'s' * (len(done) != 1)} {verb}")
        self.refresh()
        return len(done)
