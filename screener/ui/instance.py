"""One window per database, or a warning: two windows on the same home each keep their own
view of runs and decisions, and an officer deciding in one does not see the other's work."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QMessageBox, QWidget

LOCK_NAME = "window.lock"


def acquire(home: Path) -> tuple[QLockFile | None, str | None]:
    """(the lock, held while the window is open; who else has it open, or None)."""
    home.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(home / LOCK_NAME))
    lock.setStaleLockTime(0)  # a lock of a process that is gone is stale at once
    if lock.tryLock(0):
        return lock, None
    info = lock.getLockInfo()  # (pid, host, app) in PySide6
    if isinstance(info, tuple) and len(info) >= 3 and info[0]:
        who = f"process {info[-3]} on {info[-2]}"
    else:
        who = "another program"
    return None, f"Screener ({who}) already has this database open:\n{home}"


def confirm_second_window(other: str, parent: QWidget | None = None) -> bool:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Already open")
    box.setText(other)
    box.setInformativeText(
        "A second window shows runs and decisions as they were when it opened; decisions "
        "made in one window appear in the other only after a refresh. Open it anyway?"
    )
    box.setStandardButtons(QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Open
