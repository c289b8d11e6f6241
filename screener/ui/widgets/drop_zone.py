"""The empty state of the Screen page: what to do first, and where to drop a workbook."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from screener.ui import icons


class DropZone(QFrame):
    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dropZone")
        self.setStyleSheet("#dropZone { border: 2px dashed palette(mid); border-radius: 10px; }")
        picture = QLabel()
        picture.setPixmap(icons.app_icon().pixmap(72, 72))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel("Drop an order workbook here")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint = QLabel(
            "Excel (.xlsx) or CSV exported from the ERP. Every party, the goods and the route of "
            "each line are screened against the current lists."
        )
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setStyleSheet("color: palette(placeholder-text);")
        self.button = QPushButton("Open orders…")
        self.button.setToolTip("Open an order workbook (Ctrl+O)")
        self.button.clicked.connect(self.open_requested)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(picture)
        layout.addSpacing(8)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addSpacing(12)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(3)
        layout.setContentsMargins(60, 20, 60, 20)
