"""Per-user GUI state in QSettings; every key is declared here, once.

Screening policy does not live here (that is core's TOML config): only window geometry,
folders and recent files — things that are fine to lose.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "Screener"
APPLICATION = "Screener"
MAX_RECENT_FILES = 8


@dataclass(frozen=True, slots=True)
class Key:
    name: str


GEOMETRY = Key("window/geometry")
WINDOW_STATE = Key("window/state")
SCREEN_SPLITTER = Key("screen/splitter")
CURRENT_PAGE = Key("window/page")
LAST_ORDERS_FOLDER = Key("folders/orders")
LAST_LISTS_FOLDER = Key("folders/lists")
LAST_REPORT_FOLDER = Key("folders/reports")
RECENT_FILES = Key("orders/recent")


class Settings:
    """Typed access to the keys above; pass a QSettings (tests give an ini file in tmp)."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.q = qsettings if qsettings is not None else QSettings()

    def bytes(self, key: Key) -> QByteArray | None:
        value = self.q.value(key.name)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_bytes(self, key: Key, value: QByteArray) -> None:
        self.q.setValue(key.name, value)

    def text(self, key: Key, default: str = "") -> str:
        value = self.q.value(key.name, default)
        return value if isinstance(value, str) else default

    def set_text(self, key: Key, value: str) -> None:
        self.q.setValue(key.name, value)

    def folder(self, key: Key) -> str:
        """The last folder used for `key`, if it still exists (else home)."""
        value = self.text(key)
        return value if value and Path(value).is_dir() else str(Path.home())

    def set_folder(self, key: Key, path: Path) -> None:
        self.set_text(key, str(path if path.is_dir() else path.parent))

    def recent_files(self) -> list[Path]:
        value = self.q.value(RECENT_FILES.name, [])
        if isinstance(value, str):  # QSettings gives a lone string for a one-item list
            value = [value]
        return [Path(v) for v in value or [] if isinstance(v, str)]

    def add_recent_file(self, path: Path) -> list[Path]:
        files = [path, *(p for p in self.recent_files() if p != path)][:MAX_RECENT_FILES]
        self.q.setValue(RECENT_FILES.name, [str(p) for p in files])
        return files

    def clear_recent_files(self) -> None:
        self.q.remove(RECENT_FILES.name)

    def sync(self) -> None:
        self.q.sync()
