"""Counting a widget's paint events, for tests that a change paints (or does not) at once."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject


class Paints(QObject):
    """An event filter: `count` goes up with every paint event of the widgets it watches."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False
