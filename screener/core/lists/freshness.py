"""Freshness gate: which lists are older than the policy allows, and what to say about it.

    stale = stale_lists(store, policy=policy)          # [] when every list is current
    require_fresh(store, policy=policy, allow_stale=args.allow_stale)   # the CLI's gate

The age is counted from the list's own publication date; an undated list counts as out of date
(nobody can say it is current). Screening records what it finds here with the run and on every
line (`screening.run`), so a report read later shows that stale lists were used.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime

from screener.core.errors import ScreenerError
from screener.core.record.database.list_versions import ListVersion
from screener.core.record.database.store import Store
from screener.core.record.run_context import StaleList
from screener.core.rules.policy import Policy, load_policy


class StaleListsError(ScreenerError):
    """Screening refused: lists are older than the policy allows and no consent was given."""


def max_age_days(policy: Policy, source: str) -> int:
    return policy.max_age_per_list.get(source, policy.max_age_days)


def stale_versions(
    versions: Iterable[ListVersion], *, policy: Policy, today: date | None = None
) -> list[StaleList]:
    """The versions among `versions` that are older than the policy's maximum age."""
    today = today or datetime.now(UTC).date()
    out = []
    for v in versions:
        if v.source.startswith("custom_"):
            continue  # a company's own list is as current as its owner keeps it
        age, limit = v.age_days(today), max_age_days(policy, v.source)
        if age is None or age > limit:
            out.append(StaleList(v.source, v.title, v.id, v.published, age, limit))
    return sorted(out, key=lambda s: s.source)


def stale_lists(
    store: Store, *, policy: Policy | None = None, today: date | None = None
) -> list[StaleList]:
    """The current (newest) lists that are older than the policy allows."""
    return stale_versions(store.current_versions(), policy=policy or load_policy(), today=today)


def stale_message(stale: Sequence[StaleList]) -> str:
    """One line for the officer: which lists, how old, and what to do."""
    noun = "a list is" if len(stale) == 1 else f"{len(stale)} lists are"
    return (
        f"{noun} older than the policy allows: {'; '.join(s.describe() for s in stale)}. "
        "Update them (`screener lists update`, or import current files) or pass --allow-stale "
        "to screen anyway; the run and every line then record that stale lists were used."
    )


def require_fresh(
    store: Store, *, policy: Policy | None = None, allow_stale: bool, today: date | None = None
) -> list[StaleList]:
    """The stale lists (empty if none); raises `StaleListsError` if any and not `allow_stale`."""
    stale = stale_lists(store, policy=policy, today=today)
    if stale and not allow_stale:
        raise StaleListsError(stale_message(stale))
    return stale


def line_note(stale: Sequence[StaleList]) -> str:
    """The reason added to every line screened with stale lists."""
    return "screened with lists older than the policy allows: " + ", ".join(
        s.short() for s in stale
    )
