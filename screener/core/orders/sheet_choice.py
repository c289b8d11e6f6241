"""Which sheet of a workbook holds the orders: the one Excel opens on, and what else there is.

A hidden first sheet must not be screened in place of the visible one the officer sees (a
harmless line hiding a listed party), and when a workbook has several sheets the officer is
told which one was read.
"""

from __future__ import annotations

from typing import Any


def candidates(wb: Any, worksheets: list[Any]) -> list[Any]:
    """Sheets to look for orders in: the active one first (what Excel opens on), then the
    other visible ones; a hidden sheet only when named."""
    visible = [ws for ws in worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
    try:
        active = wb.active
    except (IndexError, AttributeError):
        active = None
    if active in visible:
        visible.remove(active)
        visible.insert(0, active)
    return visible


def notes(ws: Any, worksheets: list[Any], usable: list[Any]) -> tuple[str, ...]:
    """One note naming the sheet read and the others, when there are others."""
    if len(worksheets) < 2:
        return ()
    others = [
        f"{o.title!r}" + ("" if o in usable else " (hidden)") for o in worksheets if o is not ws
    ]
    how = "the active sheet" if usable and ws is usable[0] else "chosen"
    return (f"read sheet {ws.title!r} ({how}); the workbook also has {', '.join(others)}",)
