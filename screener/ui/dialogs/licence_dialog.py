"""Register a licence: its authority, number, type, holder, goods, destinations, end users,
limits, validity and the licence document (whose sha256 is recorded with it); or amend one
(new terms with a reason, recorded as a new row; draw-downs so far still count)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
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

from screener.core.errors import ScreenerError
from screener.core.record.database.store import Store
from screener.core.record.review.licences import (
    Licence,
    LicenceTerms,
    LicenceType,
    add_licence,
    amend_licence,
)


def _split(text: str, sep: str = ",") -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split(sep) if p.strip())


def _day(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


def _number(text: str, what: str) -> float | None:
    s = text.strip().replace(" ", "").replace(",", "")
    if not s:
        return None
    try:
        return float(s)
    except ValueError:
        raise ScreenerError(f"{what} {text.strip()!r} is not a number") from None


class LicenceDialog(QDialog):
    def __init__(
        self, store: Store, parent: QWidget | None = None, *, amending: Licence | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Amend licence {amending.label}" if amending else "Register a licence")
        self.setMinimumWidth(560)
        self.store = store
        self.amending = amending
        self.licence: Licence | None = None
        self.authority = QLineEdit()
        self.authority.setPlaceholderText("e.g. BAFA, BIS, ECJU")
        self.number = QLineEdit()
        self.type = QComboBox()
        for t in LicenceType:
            self.type.addItem(t.value.capitalize(), t.value)
        self.holder = QLineEdit()
        self.goods = QLineEdit()
        self.goods.setPlaceholderText("HS code prefixes or ECCNs, comma-separated: 8542, 3A001")
        self.destinations = QLineEdit()
        self.destinations.setPlaceholderText("Countries, comma-separated (empty: any)")
        self.end_users = QLineEdit()
        self.end_users.setPlaceholderText("End users, separated by ; (empty: any)")
        self.quantity = QLineEdit()
        self.quantity.setPlaceholderText("Limit (empty: none)")
        self.unit = QLineEdit()
        self.unit.setPlaceholderText("unit, e.g. pcs")
        self.value = QLineEdit()
        self.value.setPlaceholderText("Limit (empty: none)")
        self.currency = QLineEdit()
        self.currency.setPlaceholderText("EUR")
        today = QDate.currentDate()
        self.valid_from = QDateEdit(today)
        self.valid_until = QDateEdit(today.addYears(1))
        for d in (self.valid_from, self.valid_until):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
        self.document = QLineEdit()
        self.document.setPlaceholderText("The licence document (PDF): its sha256 is recorded")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._choose)
        self.note = QLineEdit()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Why: e.g. the authority's amendment notice of 2026-11-30")
        self.error = QLabel()
        self.error.setObjectName("licenceError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #B71C1C;")

        def pair(a: QWidget, b: QWidget) -> QHBoxLayout:
            row = QHBoxLayout()
            row.addWidget(a, 2)
            row.addWidget(b, 1)
            return row

        form = QFormLayout()
        form.addRow("Authority", self.authority)
        form.addRow("Number", self.number)
        form.addRow("Type", self.type)
        form.addRow("Holder", self.holder)
        form.addRow("Goods", self.goods)
        form.addRow("Destinations", self.destinations)
        form.addRow("End users", self.end_users)
        form.addRow("Quantity", pair(self.quantity, self.unit))
        form.addRow("Value", pair(self.value, self.currency))
        form.addRow("Valid", pair(self.valid_from, self.valid_until))
        form.addRow("Document", pair(self.document, browse))
        form.addRow("Note", self.note)
        if amending is not None:
            form.addRow("Reason", self.reason)
            self._fill(amending)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Record amendment" if amending else "Register")
        buttons.accepted.connect(self.register)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _fill(self, lic: Licence) -> None:
        """The licence's current terms, to change; who issued it and its number stay."""
        t = lic.terms
        for edit, text in (
            (self.authority, t.authority), (self.number, t.number), (self.holder, t.holder),
            (self.goods, ", ".join(t.goods)), (self.destinations, ", ".join(t.destinations)),
            (self.end_users, "; ".join(t.end_users)), (self.unit, t.quantity_unit),
            (self.quantity, "" if t.quantity_limit is None else f"{t.quantity_limit:g}"),
            (self.value, "" if t.value_limit is None else f"{t.value_limit:g}"),
            (self.currency, t.currency), (self.note, t.note),
        ):  # fmt: skip
            edit.setText(text)
        for edit in (self.authority, self.number):
            edit.setReadOnly(True)
        self.type.setCurrentIndex(self.type.findData(t.type.value))
        self.type.setEnabled(False)
        self.valid_from.setDate(QDate(t.valid_from.year, t.valid_from.month, t.valid_from.day))
        self.valid_until.setDate(QDate(t.valid_until.year, t.valid_until.month, t.valid_until.day))
        self.document.setPlaceholderText(f"Keep {lic.document_name}, or choose the amended one")

    def _choose(self) -> None:
        name, _f = QFileDialog.getOpenFileName(self, "Licence document", "", "All files (*)")
        if name:
            self.document.setText(name)

    def terms(self) -> LicenceTerms:
        return LicenceTerms(
            authority=self.authority.text(),
            number=self.number.text(),
            type=LicenceType(self.type.currentData()),
            holder=self.holder.text(),
            goods=_split(self.goods.text()),
            valid_from=_day(self.valid_from),
            valid_until=_day(self.valid_until),
            destinations=_split(self.destinations.text()),
            end_users=_split(self.end_users.text(), ";"),
            quantity_limit=_number(self.quantity.text(), "quantity"),
            quantity_unit=self.unit.text(),
            value_limit=_number(self.value.text(), "value"),
            currency=self.currency.text(),
            note=self.note.text(),
        )

    def register(self) -> Licence | None:
        """Register (or amend) the licence (the core checks the terms); errors stay here."""
        try:
            if self.amending is not None:
                document = self.document.text().strip()
                self.licence = amend_licence(
                    self.store,
                    self.amending.id,
                    self.terms(),
                    reason=self.reason.text(),
                    document=Path(document) if document else None,
                )
                self.accept()
                return self.licence
            if not self.document.text().strip():
                raise ScreenerError("choose the licence document: its sha256 is the evidence")
            self.licence = add_licence(
                self.store, self.terms(), document=Path(self.document.text().strip())
            )
        except ScreenerError as exc:
            self.error.setText(str(exc))
            return None
        self.accept()
        return self.licence
