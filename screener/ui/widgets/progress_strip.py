"""A slim progress row for a background job: bar, rate text and Cancel."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget


class ProgressStrip(QWidget):
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(10)
        self.label = QLabel()
        self.label.setObjectName("progressLabel")
        self.label.setMinimumWidth(200)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop after the current batch (Esc); what is done is kept")
        self.cancel_button.clicked.connect(self._cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.label)
        layout.addWidget(self.cancel_button)
        self.hide()

    def begin(self, text: str) -> None:
        self.bar.setRange(0, 0)  # busy until a total is known
        self.label.setText(text)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText("Cancel")
        self.show()

    def update_progress(self, done: int, total: int | None, text: str) -> None:
        """`total` 0: a step of unknown length (busy bar); None: keep the bar as it is."""
        if total == 0:
            self.bar.setRange(0, 0)
        elif total:
            self.bar.setRange(0, total)
            self._set_value(min(done, total))
        self.label.setText(text)

    def _set_value(self, value: int) -> None:
        # QProgressBar.setValue repaints at once, and a repaint paints every part of the
        # window waiting for it: the table just given new rows, inside the slot that gave them
        # (one stall instead of two short ones). With updates off it only schedules its paint.
        self.bar.setUpdatesEnabled(False)
        self.bar.setValue(value)
        self.bar.setUpdatesEnabled(True)

    def show_lines(self, done: int, total: int | None, lines_per_s: float) -> str:
        """Lines screened against the lines expected: percent and time left; the text shown."""
        text = lines_text(done, total, lines_per_s)
        self.update_progress(done, max(total or 0, done) or None, text)
        return text

    def _cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText("Cancelling…")
        self.cancel_requested.emit()

    def end(self) -> None:
        self.hide()


def lines_text(done: int, total: int | None, lines_per_s: float) -> str:
    """ "4,600 of about 10,000 lines · 46% · 339 lines/s · about 16 s left"."""
    rate = f" · {lines_per_s:,.0f} lines/s" if lines_per_s else ""
    if not total:
        return f"{done:,} lines{rate}"
    total = max(total, done)
    text = f"{done:,} of about {total:,} lines · {done / total:.0%}{rate}"
    if lines_per_s and done < total:
        text += f" · about {_duration((total - done) / lines_per_s)} left"
    return text


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{max(seconds, 1):.0f} s"
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes} min {secs:02d} s"
