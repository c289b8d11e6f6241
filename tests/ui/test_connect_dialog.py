"""Connecting the desktop app to a team database: clear failures, no password kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from screener.core.record.database import backend
from screener.ui import settings
from screener.ui.dialogs.connect_dialog import ConnectDialog, open_startup_store, remembered
from screener.ui.widgets.connection_status import connection_text
from tests import pgcluster


@pytest.fixture(autouse=True)
def _local_afterwards(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ("SCREENER_DB", "PGPASSWORD"):
        monkeypatch.setenv(name, "")  # the dialog sets them for this process; undone after
        monkeypatch.delenv(name)
    yield
    backend.use_local()


def _fill(dialog: ConnectDialog, cluster: pgcluster.Cluster, db: str, password: str) -> None:
    dialog.host.setText(str(cluster.dir))  # a Unix socket folder is a host to libpq
    dialog.dbname.setText(db)
    dialog.user.setText("everyone")
    dialog.password.setText(password)


def test_wrong_password_says_so_and_the_right_one_connects_without_saving_it(
    qtbot: QtBot,
    pg_cluster: pgcluster.Cluster,
    team_db: str,
    home: Path,
    tmp_path: Path,
    prefs: settings.Settings,
) -> None:
    dialog = ConnectDialog(home, prefs)
    qtbot.addWidget(dialog)
    _fill(dialog, pg_cluster, team_db, "not-the-password")
    dialog.try_connect()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert not dialog.error.isHidden()
    assert "password authentication failed" in dialog.error.text()
    assert "\n" not in dialog.error.text()

    dialog.password.setText(pgcluster.PASSWORD)
    dialog.try_connect()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.store is not None
    assert dialog.store.backend == "postgresql"
    text = connection_text(dialog.store)
    assert text.startswith("Team: everyone (admin, officer, supervisor)")
    dialog.grab().save(str(tmp_path / "connect.png"))
    prefs.q.sync()
    saved = (tmp_path / "settings.ini").read_text()
    assert team_db in saved
    assert pgcluster.PASSWORD not in saved
    assert remembered(prefs) == {
        "host": str(pg_cluster.dir),
        "port": 5432,
        "dbname": team_db,
        "user": "everyone",
    }
    dialog.store.close()


def test_unreachable_server_and_the_local_choice(
    qtbot: QtBot, home: Path, prefs: settings.Settings
) -> None:
    dialog = ConnectDialog(home, prefs)
    qtbot.addWidget(dialog)
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(1)  # nothing listens on port 1
    dialog.user.setText("olga")
    dialog.try_connect()
    assert "cannot connect to the team database" in dialog.error.text()
    assert backend.team_url() is None
    dialog.local_button.click()
    assert dialog.local
    store = open_startup_store(home, prefs)  # nothing remembered: this computer's database
    assert store is not None
    assert store.backend == "sqlite"
    assert connection_text(store) == "This computer's database"


def test_changing_the_database_reopens_the_window_on_it(
    qtbot: QtBot,
    pg_cluster: pgcluster.Cluster,
    team_db: str,
    home: Path,
    prefs: settings.Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from screener.core.record.database.store import Store
    from screener.ui import app
    from screener.ui.dialogs import connect_dialog

    session = app._Session(home, Store.open(home), prefs)
    first = session.open()
    qtbot.addWidget(first)
    assert first.store.backend == "sqlite"

    def connect(self: ConnectDialog) -> int:  # the officer fills the dialog and connects
        _fill(self, pg_cluster, team_db, pgcluster.PASSWORD)
        self.try_connect()
        return int(self.result())

    monkeypatch.setattr(connect_dialog.ConnectDialog, "exec", connect)
    assert first.change_database()
    second = session.window
    assert second is not None
    assert second is not first
    qtbot.addWidget(second)
    # Every page and every child process now records on the team database.
    assert second.store.backend == "postgresql"
    assert second.screen.store is second.store
    assert backend.team_url() is not None
    assert not first.isVisible()

    def fail(self: ConnectDialog) -> int:  # a wrong password: the team database stays
        _fill(self, pg_cluster, team_db, "wrong")
        self.try_connect()
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(connect_dialog.ConnectDialog, "exec", fail)
    assert not second.change_database()
    assert session.window is second
    assert backend.team_url() is not None  # not silently switched to this computer's
    session.window.close()
    session.store.close()
