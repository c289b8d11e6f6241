"""Screenshots of the review screens: rendered in every test run, written to docs/screenshots
only when SCREENER_SCREENSHOTS=1 (so a test run leaves the worktree clean)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QWidget

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def shot(widget: QWidget, name: str) -> None:
    image = widget.grab()
    assert not image.isNull()
    if os.environ.get("SCREENER_SCREENSHOTS") == "1":
        image.save(str(SHOTS / name))
