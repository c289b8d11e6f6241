"""The licences a release may name: only those covering the line are offered; the others are
listed with the reason they do not (`licence_cover.check_cover`), checked once when needed."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel

from screener.core.errors import ScreenerError
from screener.core.record.database.store import Store
from screener.core.record.review.licence_cover import Cover, check_cover
from screener.core.record.review.licences import list_licences


def licence_text(cover: Cover) -> str:
    lic = cover.licence
    left = [
        f"{n:g} {unit} left".replace("  ", " ")
        for n, unit in (
            (lic.quantity_left, lic.terms.quantity_unit),
            (lic.value_left, lic.terms.currency),
        )
        if n is not None
    ]
    until = f"valid until {lic.terms.valid_until}"
    return f"{lic.label} · {lic.terms.holder} · {until}" + (f" · {', '.join(left)}" if left else "")


class LicencePicker:
    """A combo of the covering licences and a note on the others (two widgets for a form)."""

    def __init__(self, store: Store, line_id: int) -> None:
        self.store = store
        self.line_id = line_id
        self.covers: list[Cover] | None = None
        self.combo = QComboBox()
        self.combo.setObjectName("licencePicker")
        self.note = QLabel()
        self.note.setObjectName("licenceNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #6B7280;")

    def load(self) -> list[Cover]:
        """Every registered licence checked against the line (once)."""
        if self.covers is not None:
            return self.covers
        self.covers = []
        for lic in list_licences(self.store):
            try:
                self.covers.append(check_cover(self.store, line_id=self.line_id, licence_id=lic.id))
            except ScreenerError:
                continue
        self.combo.blockSignals(True)
        self.combo.clear()
        for cover in self.covers:
            if cover.ok:
                self.combo.addItem(licence_text(cover), cover.licence.id)
        self.combo.blockSignals(False)
        refused = [c.reason for c in self.covers if not c.ok]
        note = [] if self.combo.count() else ["No registered licence covers this line."]
        if refused:
            note.append("Not offered: " + "; ".join(refused) + ".")
        if not self.covers:
            note = ["No licences registered: add one on the Licences page."]
        self.note.setText(" ".join(note))
        return self.covers
