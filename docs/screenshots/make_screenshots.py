"""Render the main screens offscreen into docs/screenshots/*.png (for review and docs).

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/make_screenshots.py

Uses a temporary home, the real UN list when ../shared is present, and the fake screening
generator from tests/ui/fakes.py (until core.screening.screen_file is implemented).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

from screener.core.store import Store  # noqa: E402
from screener.ui import settings  # noqa: E402
from screener.ui.app import make_application  # noqa: E402
from screener.ui.main_window import MainWindow  # noqa: E402
from screener.ui.workers import GeneratorWorker  # noqa: E402
from tests.ui.fakes import FakeScreening  # noqa: E402

OUT = Path(__file__).resolve().parent
UN = ROOT.parent / "shared/data/lists/un/consolidated_xml_2026-02-27/consolidated.xml"


def wait(worker: GeneratorWorker | None) -> None:
    if worker is None:
        return
    loop = QEventLoop()
    worker.signals.finished.connect(loop.quit)
    QTimer.singleShot(30_000, loop.quit)
    if worker.is_running():
        loop.exec()
    settle()


def settle(ms: int = 50) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shot(widget: QWidget, name: str) -> None:
    settle()
    widget.grab().save(str(OUT / f"{name}.png"))
    print(OUT / f"{name}.png")


def main() -> int:
    make_application([])
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        store = Store.open(home)
        prefs = settings.Settings(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
        window = MainWindow(home, store, prefs, screen_func=FakeScreening(lines=120))
        window.resize(1280, 800)
        window.show()
        shot(window, "lists-empty")
        if UN.exists():
            wait(window.lists.import_paths([UN]))
        shot(window, "lists")

        window.show_page(window.screen)
        shot(window, "screen-empty")
        window.screen.screen_file(Path(tmp) / "orders-2026-03.xlsx")
        wait(window.screen.worker)
        window.screen.table.selectRow(2)  # a block line with a hit
        shot(window, "screen")

        dialog = window.screen.decide()
        assert dialog is not None
        dialog.target.setCurrentIndex(1)
        dialog.actions.button(1).setChecked(True)
        dialog.justification.setPlainText("Different entity: registered in Dubai since 2009.")
        dialog.remember.setChecked(True)
        shot(dialog, "decide-dialog")
        dialog.accept()
        shot(window, "screen-decided")

        window.show_page(window.audit)
        wait(window.audit.verify())
        shot(window, "audit")
        about = window.show_about()
        shot(about, "about")
        about.close()
        window.close()
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
