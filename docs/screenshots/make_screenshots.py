"""Render the main screens offscreen into docs/screenshots/*.png (for review and docs).

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/make_screenshots.py [LISTS]

A real run in a temporary home: the official list files in LISTS (default
../shared/data/lists; the invented self-test list when that is missing) are imported through the
Lists page, and examples/orders.xlsx is screened by the real core through the Screen page
(screen.png, screen-decided.png); mapping-dialog.png is its "Columns…" dialog; search.png
an ad-hoc name search.

Then the same home is opened again by child processes on screens of other sizes, the window
maximised: screen-, mapping- and lists-1280x720.png, -1920x1080.png, and -1280x720@2x.png (a
2560×1440 screen at 200 %, QT_SCALE_FACTOR=2: the picture has twice the pixels).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

from screener.core.record.database.store import Store  # noqa: E402
from screener.core.resources import resources_dir  # noqa: E402
from screener.ui import settings  # noqa: E402
from screener.ui.app import make_application  # noqa: E402
from screener.ui.main_window import MainWindow  # noqa: E402
from screener.ui.workers import GeneratorWorker  # noqa: E402

OUT = Path(__file__).resolve().parent
LISTS = ROOT.parent / "shared" / "data" / "lists"
ORDERS = ROOT / "examples" / "orders.xlsx"
SEARCH = "Rosoboron Export"  # a well-known listed name, written as a customer might


def wait(worker: GeneratorWorker | None) -> None:
    if worker is None:
        return
    loop = QEventLoop()
    worker.signals.finished.connect(loop.quit)
    QTimer.singleShot(600_000, loop.quit)
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


def wait_until(condition, timeout_ms: int = 600_000) -> None:  # type: ignore[no-untyped-def]
    waited = 0
    while not condition() and waited < timeout_ms:
        settle(20)
        waited += 20
    settle()


def block_line(window: MainWindow) -> int:
    """The row (in view) of the first line to show: a block with a list hit, else a review."""
    page = window.screen
    for verdict in ("block", "review"):
        for row in range(page.proxy.rowCount()):
            line = page.model.line_at(page.proxy.mapToSource(page.proxy.index(row, 0)).row())
            if line.verdict == verdict:
                return row
    return 0


SIZES = (
    ("1280x720", 1280, 720, 1),
    ("1920x1080", 1920, 1080, 1),
    ("1280x720@2x", 2560, 1440, 2),  # physical pixels; 1280×720 logical at 200 %
)


def sized(home: Path, suffix: str) -> int:
    """In a child process on a screen of the asked size: the window maximised, a blocked line
    selected; the mapping dialog; the Lists page with its reminder."""
    make_application([])
    store = Store.open(home)
    with tempfile.TemporaryDirectory() as tmp:
        prefs = settings.Settings(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
        window = MainWindow(home, store, prefs)
        window.screen.confirm_stale = lambda stale: True  # type: ignore[method-assign]
        window.showMaximized()
        window.show_page(window.screen)
        page = window.screen
        page.screen_file(ORDERS, review=True)
        wait_until(lambda: page.mapping_dialog is not None)
        mapping = page.mapping_dialog
        assert mapping is not None
        shot(mapping, f"mapping-{suffix}")
        mapping.accept()
        wait_until(lambda: page.run_id is not None and not page.is_busy())
        page.table.selectRow(block_line(window))
        shot(window, f"screen-{suffix}")
        window.show_page(window.lists)
        shot(window, f"lists-{suffix}")
        window.close()
    store.close()
    return 0


def other_screens(home: Path) -> None:
    for suffix, width, height, scale in SIZES:
        with tempfile.TemporaryDirectory() as tmp:
            config = Path(tmp) / "screen.json"
            screen = {"name": suffix, "x": 0, "y": 0, "width": width, "height": height}
            config.write_text(json.dumps({"screens": [screen]}))
            env = {
                **os.environ,
                "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
                "QT_SCALE_FACTOR": str(scale),
            }
            subprocess.run(
                [sys.executable, __file__, "--sized", str(home), suffix], env=env, check=True
            )


def main() -> int:
    if sys.argv[1:2] == ["--sized"]:
        return sized(Path(sys.argv[2]), sys.argv[3])
    lists_path = Path(sys.argv[1]) if len(sys.argv) > 1 else LISTS
    if not lists_path.exists():
        lists_path = resources_dir() / "selftest" / "un_selftest.xml"
    make_application([])
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        store = Store.open(home)
        prefs = settings.Settings(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
        window = MainWindow(home, store, prefs)
        # The lists at hand are months old: the once-per-session question, answered "Screen anyway".
        window.screen.confirm_stale = lambda stale: True  # type: ignore[method-assign]
        window.resize(1280, 800)
        window.show()
        shot(window, "lists-empty")
        wait(window.lists.import_paths([lists_path]))
        shot(window, "lists")

        window.show_page(window.screen)
        shot(window, "screen-empty")
        page = window.screen
        page.screen_file(ORDERS, review=True)  # "Columns…": the dialog, though it is sure
        wait_until(lambda: page.mapping_dialog is not None)
        mapping = page.mapping_dialog
        assert mapping is not None
        shot(mapping, "mapping-dialog")
        mapping.accept()
        wait_until(lambda: page.run_id is not None and not page.is_busy())
        page.table.selectRow(block_line(window))
        shot(window, "screen")

        dialog = window.screen.decide()
        assert dialog is not None
        if dialog.target.count() > 1:  # the line's first list hit
            dialog.target.setCurrentIndex(1)
        dialog.form.pick(3)  # Escalated: an exact match is not cleared here
        dialog.form.justification.setPlainText(
            "Name and city match the listed entry; passed to the export-control officer with "
            "the customer's registration extract."
        )
        shot(dialog, "decide-dialog")
        dialog.accept()
        page.detail.verticalScrollBar().setValue(page.detail.verticalScrollBar().maximum())
        shot(window, "screen-decided")

        window.show_page(window.search)
        window.search.query.setText(SEARCH)
        window.search.country.setText("UAE")
        wait(window.search.search())
        shot(window, "search")

        window.show_page(window.audit)
        wait(window.audit.verify())
        shot(window, "audit")
        about = window.show_about()
        shot(about, "about")
        about.close()
        window.close()
        store.close()
        other_screens(home)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
