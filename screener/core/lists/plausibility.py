"""Is a new list version plausible as the one to screen against? Doubts, in words.

A version dated more than two days ahead, or holding under half the entries of the version of
the same list now in use, is stored (it is evidence of what was imported) but not made current
until the officer accepts it: a wrong or truncated file must not silently replace a list.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from screener.core.record.database.list_versions import ListVersion

FUTURE_DAYS = 2
MIN_SHARE = 0.5


def doubts(
    source: str,
    published: date | None,
    entries: int,
    current: ListVersion | None,
    *,
    today: date | None = None,
) -> list[str]:
    today = today or datetime.now(UTC).date()
    found = []
    if published is not None and published > today + timedelta(days=FUTURE_DAYS):
        found.append(f"dated {published.isoformat()}, more than {FUTURE_DAYS} days in the future")
    if current is not None and entries < current.entries * MIN_SHARE:
        found.append(
            f"{entries:,} entries, under half the {current.entries:,} of the {source} version"
            f" in use ({current.published.isoformat() if current.published else 'undated'})"
        )
    return found


def held_message(reasons: list[str] | str) -> str:
    text = "; ".join(reasons) if isinstance(reasons, list) else reasons
    return f"not used for screening: {text}; check the file, then `lists import --accept` it"
