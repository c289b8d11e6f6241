"""How verdicts and decisions look: labels, colours, icons (presentation only)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon

from screener.core.record.review.decisions import Action
from screener.ui import icons


@dataclass(frozen=True, slots=True)
class VerdictStyle:
    key: str
    label: str
    rank: int  # sort order: most severe first
    color: str  # strong colour (text, legend)
    tint: str  # cell background

    @property
    def icon(self) -> QIcon:
        return icons.icon(f"verdict-{self.key}")


VERDICTS: dict[str, VerdictStyle] = {
    "block": VerdictStyle("block", "Block", 0, "#B71C1C", "#F8D9D6"),
    "review": VerdictStyle("review", "Review", 1, "#8A5300", "#FCEBC0"),
    "clear": VerdictStyle("clear", "Clear", 2, "#1B5E20", "#DCEFD9"),
}
UNKNOWN = VerdictStyle("", "—", 3, "#555555", "#EEEEEE")

# Shortcut digits for the five decisions, in the order the officer sees them.
ACTION_ORDER: tuple[Action, ...] = (
    Action.CLEARED,
    Action.HOLD,
    Action.ESCALATED,
    Action.BLOCKED,
    Action.RELEASED_WITH_LICENCE,
)
ACTION_HELP: dict[Action, str] = {
    Action.CLEARED: "The party is not the listed entry (false positive); the line may proceed.",
    Action.HOLD: "Stop the line while more information is obtained.",
    Action.ESCALATED: "Pass the line to the export-control officer or legal.",
    Action.BLOCKED: "The line must not proceed.",
    Action.RELEASED_WITH_LICENCE: "The line may proceed under a licence (cite it).",
}


def verdict_style(verdict: str) -> VerdictStyle:
    return VERDICTS.get(verdict, UNKNOWN)


def needs_decision(verdict: str) -> bool:
    return verdict in ("block", "review")


def text_color(background: str) -> QColor:
    """Dark text on the light verdict tints, whatever the palette (dark mode too)."""
    return QColor("#1A1A1A") if QColor(background).lightness() > 140 else QColor("#FFFFFF")


def verdict_cell(verdict: str, role: int) -> Any:
    """Icon, tint and readable text colour of a table cell showing `verdict`; None otherwise."""
    style = verdict_style(verdict)
    if role == Qt.ItemDataRole.DecorationRole:
        return style.icon
    if role == Qt.ItemDataRole.BackgroundRole:
        return QColor(style.tint)
    if role == Qt.ItemDataRole.ForegroundRole:
        return text_color(style.tint)
    return None
