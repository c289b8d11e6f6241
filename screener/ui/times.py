"""How the app shows a moment: local time with seconds and the time zone, everywhere the same.

Two officers in different offices comparing a decision must see the same instant, so the zone
is always written: its abbreviation where the platform gives a short one ("CET", "UTC"), else
the offset from UTC ("UTC+05:30"; Windows names zones in long words).
"""

from __future__ import annotations

from datetime import datetime


def local(moment: datetime | None) -> str:
    """ "2026-12-01 10:15:42 CET"; "" for None. A naive time is taken as UTC (as stored)."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        from datetime import UTC

        moment = moment.replace(tzinfo=UTC)
    mine = moment.astimezone()
    return f"{mine:%Y-%m-%d %H:%M:%S} {zone(mine)}"


def zone(moment: datetime) -> str:
    name = moment.tzname() or ""
    if name and len(name) <= 5 and name[0] not in "+-":
        return name
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{mins:02d}"
