"""Connecting to the team database: server, database, login and password.

The server, port, database and login are remembered (QSettings); the password never is: it is
asked for at each start and kept only in this process's memory and environment. A connection
that fails says why in one line (server unreachable, login refused, role missing) and the
dialog stays open.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from screener.core.errors import ScreenerError
from screener.core.record.database import backend
from screener.core.record.database.store import Store
from screener.ui import settings

# The remembered connection (no password): {"host", "port", "dbname", "user"}; kept here
# rather than in settings.py so the team edition stays in its own files.
TEAM_CONNECTION = settings.Key("team/connection")


def remembered(prefs: settings.Settings) -> dict[str, object] | None:
    try:
        value = json.loads(prefs.text(TEAM_CONNECTION) or "null")
    except ValueError:
        return None
    return value if isinstance(value, dict) and value.get("host") else None


class ConnectDialog(QDialog):
    """Asks for the team connection; `store` is the opened team store once accepted."""

    def __init__(self, home: Path, prefs: settings.Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Connect to the team database")
        self.home = home
        self.prefs = prefs
        self.store: Store | None = None
        self.local = False
        known = remembered(prefs) or {}
        self.host = QLineEdit(str(known.get("host", "")))
        self.host.setPlaceholderText("screening-db.example.com")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(int(str(known.get("port", 5432))))
        self.dbname = QLineEdit(str(known.get("dbname", "screener")))
        self.user = QLineEdit(str(known.get("user", "")))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("connectError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()

        form = QFormLayout()
        form.addRow("Server", self.host)
        form.addRow("Port", self.port)
        form.addRow("Database", self.dbname)
        form.addRow("Login", self.user)
        form.addRow("Password", self.password)
        note = QLabel("The password is not saved; Screener asks for it at each start.")
        note.setObjectName("hint")
        buttons = QDialogButtonBox()
        self.connect_button = buttons.addButton("Connect", QDialogButtonBox.ButtonRole.AcceptRole)
        self.local_button = QPushButton("Use this computer's database")
        buttons.addButton(self.local_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.connect_button.clicked.connect(self.try_connect)
        self.local_button.clicked.connect(self._use_local)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        (self.password if self.user.text() else self.host).setFocus()

    def url(self) -> str:
        return backend.team_url_for(
            self.host.text().strip(), self.port.value(), self.dbname.text().strip(),
            self.user.text().strip(),
        )  # fmt: skip

    def try_connect(self) -> None:
        if not (self.host.text().strip() and self.user.text().strip()):
            self._fail("Enter the server and your login.")
            return
        previous = backend.team_url(), os.environ.get("PGPASSWORD")
        backend.use_team(self.url(), self.password.text() or None)
        try:
            self.store = Store.open(self.home)
        except ScreenerError as exc:
            # Back to the database in use: the window (and the processes it starts) keep it.
            if previous[0] is not None:
                backend.use_team(previous[0], previous[1])
            else:
                backend.use_local()
            self._fail(str(exc))
            return
        self.prefs.set_text(
            TEAM_CONNECTION,
            json.dumps(
                {
                    "host": self.host.text().strip(),
                    "port": self.port.value(),
                    "dbname": self.dbname.text().strip(),
                    "user": self.user.text().strip(),
                }
            ),
        )
        self.password.clear()
        self.accept()

    def _use_local(self) -> None:
        backend.use_local()
        self.prefs.set_text(TEAM_CONNECTION, "")
        self.local = True
        self.accept()

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.password.selectAll()


def open_startup_store(home: Path, prefs: settings.Settings) -> Store | None:
    """The store the app starts with: the team database when one is set up (asking for the
    password), else this computer's SQLite database. None when the user cancels."""
    if backend.team_url() is not None:  # `screener --db URL gui`: connect as told
        return Store.open(home)
    if remembered(prefs) is None:
        return Store.open(home)
    dialog = ConnectDialog(home, prefs)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.store if dialog.store is not None else Store.open(home)


def change_connection(parent: QWidget, home: Path, prefs: settings.Settings) -> Store | None:
    """File > Team database…: the store to switch to (the team's, or this computer's), opened;
    None when the officer cancels (the database in use stays)."""
    dialog = ConnectDialog(home, prefs, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.store if dialog.store is not None else Store.open(home)
