"""The Screen table's Decision column: what a line's cell says (its outcome, or what is still
open on it), its tooltip, and its icon or italics."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from screener.core.record.review.decisions import Decision
from screener.core.record.review.line_state import LineState, LineStatus
from screener.ui import icons, times
from screener.ui.verdicts import needs_decision


def decision_text(verdict: str, decision: Decision | None, state: LineState | None) -> str:
    """ "Hold"; "3 hits open"; "2 of 6 hits decided"; "Undecided"; "" for a clear line."""
    if decision is not None:
        return decision.action.label
    if state is not None and state.total and state.status is not LineStatus.NO_DECISION_NEEDED:
        if not (state.decided or state.pending):
            return state.open_items[:1].upper() + state.open_items[1:]  # "3 hits open"
        return state.progress[:1].upper() + state.progress[1:]
    return "Undecided" if needs_decision(verdict) else ""


def decision_tip(decision: Decision | None, state: LineState | None) -> str | None:
    """The line's progress, and who decided what, when, and why."""
    progress = f"{state.progress}\n" if state is not None and state.items else ""
    if decision is None:
        return progress.strip() or None
    return (
        progress
        + f"{decision.operator}, {times.local(decision.decided_at)}: "
        + decision.justification
    )


def decision_style(verdict: str, decided: bool, role: int) -> Any:
    """A decided line's icon; italics for a line still needing a decision."""
    if role == Qt.ItemDataRole.DecorationRole and decided:
        return icons.icon("decided")
    if role == Qt.ItemDataRole.FontRole and not decided and needs_decision(verdict):
        font = QFont()
        font.setItalic(True)
        return font
    return None
