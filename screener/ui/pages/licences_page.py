"""Licences: the register a "released with licence" decision draws on
(`core.record.review.licences`).

Every licence with what is left of it; the selected one's draw-downs (a release awaiting its
second approval holds its amount, a rejected one gives it back); add with the licence document,
revoke with a reason. Nothing is edited in place: an amendment or revocation is a new record.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from screener.core.errors import ScreenerError
from screener.core.record.database.store import Store
from screener.core.record.review.licence_cover import Drawdown, drawdowns
from screener.core.record.review.licences import Licence, list_licences, revoke_licence
from screener.ui.dialogs.errors import show_error
from screener.ui.dialogs.licence_dialog import LicenceDialog
from screener.ui.models._table import Col, ItemRole, RecordTableModel, SortRole


def _left(left: float | None, limit: float | None, unit: str) -> str:
    if limit is None:
        return "no limit"
    return f"{left or 0:g} of {limit:g} {unit}".strip()


def _status(lic: Licence) -> str:
    return "revoked" if lic.revoked else lic.status


class LicencesModel(RecordTableModel[Licence]):
    columns = (
        Col("Licence", lambda x: x.label),
        Col("Type", lambda x: x.terms.type.value),
        Col("Holder", lambda x: x.terms.holder),
        Col("Goods", lambda x: ", ".join(x.terms.goods)),
        Col("Destinations", lambda x: ", ".join(x.terms.destinations) or "any"),
        Col("End users", lambda x: "; ".join(x.terms.end_users) or "any"),
        Col(
            "Valid",
            lambda x: f"{x.terms.valid_from} – {x.terms.valid_until}",
            sort=lambda x: x.terms.valid_until,
        ),
        Col(
            "Quantity left",
            lambda x: _left(x.quantity_left, x.terms.quantity_limit, x.terms.quantity_unit),
        ),
        Col("Value left", lambda x: _left(x.value_left, x.terms.value_limit, x.terms.currency)),
        Col("Status", _status, tip=lambda x: x.reason or None),
        Col("Document", lambda x: x.document_name, tip=lambda x: f"sha256 {x.document_sha256}"),
    )


class DrawdownsModel(RecordTableModel[Drawdown]):
    columns = (
        Col("#", lambda w: str(w.id), sort=lambda w: w.id, align_right=True),
        Col("Decision", lambda w: str(w.decision_id), sort=lambda w: w.decision_id),
        Col("Line", lambda w: str(w.line_id), sort=lambda w: w.line_id),
        Col("Quantity", lambda w: f"{w.quantity:g}", sort=lambda w: w.quantity, align_right=True),
        Col("Value", lambda w: f"{w.value:g}", sort=lambda w: w.value, align_right=True),
        Col(
            "Status",
            lambda w: w.status,
            header_tip="drawn; reserved while its release awaits approval; given back when "
            "the release was rejected",
        ),
        Col("By", lambda w: w.operator),
        Col("When", lambda w: f"{w.recorded_at.astimezone():%Y-%m-%d %H:%M}", sort=lambda w: w.id),
    )


def _table(model: RecordTableModel[object], name: str) -> QTableView:
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SortRole)
    view = QTableView()
    view.setObjectName(name)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class LicencesPage(QWidget):
    status_message = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.dialog: LicenceDialog | None = None
        self.model = LicencesModel(self)
        self.table = _table(self.model, "licencesTable")  # type: ignore[arg-type]
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_drawdowns())
        self.drawdowns = DrawdownsModel(self)
        self.drawdown_table = _table(self.drawdowns, "drawdownsTable")  # type: ignore[arg-type]
        self.title = QLabel()
        self.title.setWordWrap(True)  # the window must still fit a small screen
        self.drawdown_label = QLabel("Draw-downs")
        self.add_button = QPushButton("Add licence…")
        self.add_button.clicked.connect(lambda: self.add())
        self.amend_button = QPushButton("Amend…")
        self.amend_button.setToolTip("New terms with a reason; draw-downs so far still count")
        self.amend_button.clicked.connect(lambda: self.amend())
        self.revoke_button = QPushButton("Revoke…")
        self.revoke_button.setToolTip("Withdraw it from use; it stays in the register")
        self.revoke_button.clicked.connect(lambda: self.revoke())
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.add_button)
        top.addWidget(self.amend_button)
        top.addWidget(self.revoke_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.drawdown_label)
        lower_layout.addWidget(self.drawdown_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setSizes([420, 240])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.refresh()

    def refresh(self) -> None:
        chosen = self.selected()
        self.model.set_items(list_licences(self.store))
        n = self.model.rowCount()
        live = sum(not x.revoked for x in self.model.items())
        self.title.setText(
            f"<b>{n} licence{'s' * (n != 1)}</b>, {live} in force"
            if n
            else "<b>No licences registered</b> — add one to release lines against it"
        )
        if chosen is not None:
            self.select(chosen.id)
        self._show_drawdowns()

    def selected(self) -> Licence | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.model().data(rows[0], ItemRole) if rows else None

    def select(self, licence_id: int) -> bool:
        proxy = self.table.model()
        for row in range(proxy.rowCount()):
            if proxy.data(proxy.index(row, 0), ItemRole).id == licence_id:
                self.table.selectRow(row)
                return True
        return False

    def _show_drawdowns(self) -> None:
        lic = self.selected()
        self.revoke_button.setEnabled(lic is not None and not lic.revoked)
        self.amend_button.setEnabled(lic is not None and not lic.revoked)
        if lic is None:
            self.drawdowns.set_items([])
            self.drawdown_label.setText("Draw-downs: select a licence")
            return
        items = drawdowns(self.store, lic.id)
        self.drawdowns.set_items(items)
        self.drawdown_label.setText(
            f"Draw-downs of {lic.label}: {len(items)}" if items else f"{lic.label}: not used yet"
        )

    def add(self) -> LicenceDialog:
        return self._open(LicenceDialog(self.store, self))

    def amend(self) -> LicenceDialog | None:
        lic = self.selected()
        if lic is None or lic.revoked:
            return None
        return self._open(LicenceDialog(self.store, self, amending=lic))

    def _open(self, dialog: LicenceDialog) -> LicenceDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._added(dialog))
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _added(self, dialog: LicenceDialog) -> None:
        self.refresh()
        if dialog.licence is not None:
            self.select(dialog.licence.id)
            done = "amended" if dialog.amending else "registered"
            self.status_message.emit(f"Licence {dialog.licence.label} {done}")

    def revoke(self, reason: str | None = None) -> bool:
        lic = self.selected()
        if lic is None:
            return False
        if reason is None:
            reason, ok = QInputDialog.getText(
                self, "Revoke licence", f"Why is {lic.label} revoked?"
            )
            if not ok:
                return False
        try:
            revoke_licence(self.store, lic.id, reason=reason)
        except ScreenerError as exc:
            show_error(self, "Not revoked", str(exc))
            return False
        self.refresh()
        self.status_message.emit(f"Licence {lic.label} revoked")
        return True
