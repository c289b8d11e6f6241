"""The status bar's "who am I connected as": login and roles on a team database."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from screener.core.errors import ScreenerError
from screener.core.record.database.store import Store


def connection_text(store: Store) -> str:
    if store.backend != "postgresql":
        return "This computer's database"
    from screener.core.record.database import team

    try:
        me = team.whoami(store.db)  # type: ignore[arg-type]  # the team store's database
    except ScreenerError:
        return "Team database (connection lost)"
    roles = ", ".join(me.roles) or "no team role"
    return f"Team: {me.login} ({roles}) · {store.db.conn.where.split(' as ')[0]}"  # type: ignore[attr-defined]


def connection_label(store: Store) -> QLabel:
    label = QLabel(connection_text(store))
    label.setObjectName("connectionStatus")
    label.setToolTip("Who records what you do: set by the database server, not by this computer")
    return label
