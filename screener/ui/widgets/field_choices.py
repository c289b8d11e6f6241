"""Which column holds what, field by field: a choice of the file's columns for each, and how
sure the detection was (a low guess highlighted). The mapping dialog's main part."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QWidget

from screener.core.orders import FIELD_LABELS, OrderFileInfo

NOT_IN_FILE = "— not in file —"
# The fields the dialog always offers, in the order an officer reads an order line.
SHOWN_FIELDS = (
    "order_no",
    "buyer",
    "buyer_country",
    "consignee",
    "consignee_country",
    "end_user",
    "end_user_country",
    "intermediate",
    "intermediate_country",
    "description",
    "hs_code",
    "eccn",
    "quantity",
    "value",
    "currency",
    "destination",
    "transit",
)
LOW = QColor("#fde2b8")  # low-confidence match: look at this one
NONE = QColor("#eeeeee")


class FieldChoices(QWidget):
    changed = Signal()  # the officer chose another column for a field

    def __init__(self, info: OrderFileInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        self.combos: dict[str, QComboBox] = {}
        self.confidence: dict[str, QLabel] = {}
        self.grid = QGridLayout(self)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(4)

    def chosen(self) -> dict[str, str]:
        """field -> header, for the fields given a column."""
        return {f: c.currentData() for f, c in self.combos.items() if c.currentData()}

    def fill(self, info: OrderFileInfo, after: QWidget) -> QWidget:
        """One choice per field, as detected in `info`; returns the last, for the tab order
        (which goes down the first column, then the second, starting `after`)."""
        self.info = info
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.combos.clear()
        self.confidence.clear()
        detected = {m.field: m for m in info.mapping.matches}
        fields = list(SHOWN_FIELDS) + [f for f in detected if f not in SHOWN_FIELDS]
        half = (len(fields) + 1) // 2
        previous = after
        for n, field_name in enumerate(fields):
            combo = QComboBox()
            combo.setObjectName(f"field_{field_name}")
            # Long ERP headers must not widen the dialog past a small screen.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(16)
            combo.addItem(NOT_IN_FILE, "")
            for header in info.headers:
                combo.addItem(header, header)
            match = detected.get(field_name)
            combo.setCurrentIndex(combo.findData(match.header) if match is not None else 0)
            combo.currentIndexChanged.connect(lambda _i, f=field_name: self._field_changed(f))
            label = QLabel(f"{FIELD_LABELS[field_name]}:")
            label.setBuddy(combo)
            confidence = QLabel()
            confidence.setObjectName(f"confidence_{field_name}")
            confidence.setAutoFillBackground(True)
            confidence.setMinimumWidth(76)
            confidence.setAlignment(Qt.AlignmentFlag.AlignCenter)
            row, col = (n, 0) if n < half else (n - half, 3)
            self.grid.addWidget(label, row, col)
            self.grid.addWidget(combo, row, col + 1)
            self.grid.addWidget(confidence, row, col + 2)
            self.combos[field_name] = combo
            self.confidence[field_name] = confidence
            self._show_confidence(field_name, match.confidence if match else None, match)
            # Tab order: down the first column, then down the second.
            QWidget.setTabOrder(previous, combo)
            previous = combo
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(4, 1)
        self.grid.setColumnMinimumWidth(2, 80)
        self.grid.setColumnMinimumWidth(3, 24)
        return previous

    def _show_confidence(self, field_name: str, confidence: float | None, match: object) -> None:
        label = self.confidence[field_name]
        palette = label.palette()
        if confidence is None:
            label.setText("")
            label.setToolTip("")
            palette.setColor(label.backgroundRole(), self.palette().window().color())
        else:
            label.setText(f"{confidence:.0%}")
            reason = getattr(match, "reason", "")
            label.setToolTip(reason)
            low = confidence < self.info.mapping.CONFIDENT
            palette.setColor(label.backgroundRole(), LOW if low else NONE)
            label.setProperty("low", low)
        label.setPalette(palette)

    def _field_changed(self, field_name: str) -> None:
        chosen = self.combos[field_name].currentData()
        detected = self.info.mapping.get(field_name)
        if not chosen:
            self._show_confidence(field_name, None, None)
        elif detected is not None and detected.header == chosen:
            self._show_confidence(field_name, detected.confidence, detected)
        else:
            self.confidence[field_name].setText("chosen")
            self.confidence[field_name].setToolTip("chosen by you")
            self._show_confidence_color(field_name, low=False)
        self.changed.emit()

    def _show_confidence_color(self, field_name: str, *, low: bool) -> None:
        label = self.confidence[field_name]
        palette = label.palette()
        palette.setColor(label.backgroundRole(), LOW if low else NONE)
        label.setPalette(palette)
        label.setProperty("low", low)
