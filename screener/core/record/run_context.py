"""What a run knew when it started, recorded beside it: how many lines the file held, and which
lists were older than the policy allows. From these a cancelled run can say how many lines were
never screened, and a report can say it is partial and was made with stale lists.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from screener.core.record.chain.writer import ChainWriter
from screener.core.record.database.store import Store
from screener.core.record.runs import Run


@dataclass(frozen=True, slots=True)
class StaleList:
    """A list older than the policy allows, as a run used it (lists/freshness.py finds them)."""

    source: str
    title: str
    version_id: int
    published: date | None
    age_days: int | None  # None: the list carries no date
    max_age_days: int

    def describe(self) -> str:
        """ "ofac_sdn: 263 days old (policy: at most 7)"."""
        if self.age_days is None:
            return f"{self.source}: undated (policy: at most {self.max_age_days} days)"
        return f"{self.source}: {self.age_days:,} days old (policy: at most {self.max_age_days})"

    def short(self) -> str:
        return f"{self.source} {'undated' if self.age_days is None else f'{self.age_days:,} d'}"


@dataclass(frozen=True, slots=True)
class RunContext:
    run_id: int
    lines_expected: int | None
    stale: tuple[StaleList, ...]


def record_context(
    store: Store, run_id: int, *, lines_expected: int | None, stale: Sequence[StaleList]
) -> None:
    with store.write() as db:
        ChainWriter(db).append(
            "run_context",
            {
                "run_id": run_id,
                "lines_expected": lines_expected,
                "stale_lists": json.dumps(
                    [
                        {
                            "source": s.source,
                            "title": s.title,
                            "version_id": s.version_id,
                            "published": s.published.isoformat() if s.published else None,
                            "age_days": s.age_days,
                            "max_age_days": s.max_age_days,
                        }
                        for s in stale
                    ]
                ),
                "created_at": datetime.now(UTC).isoformat(timespec="milliseconds"),
            },
        )


def get_context(store: Store, run_id: int) -> RunContext | None:
    """The context of `run_id`, or None for a run recorded before contexts existed."""
    row = store.db.execute(
        "SELECT lines_expected, stale_lists FROM run_context WHERE run_id = ? ORDER BY id",
        [run_id],
    ).fetchone()
    if row is None:
        return None
    stale = tuple(
        StaleList(
            source=s["source"],
            title=s.get("title", ""),
            version_id=s["version_id"],
            published=date.fromisoformat(s["published"]) if s["published"] else None,
            age_days=s["age_days"],
            max_age_days=s["max_age_days"],
        )
        for s in json.loads(row[1])
    )
    return RunContext(run_id, row[0], stale)


@dataclass(frozen=True, slots=True)
class Completeness:
    screened: int
    expected: int | None
    partial: bool  # the run did not go through the whole file

    @property
    def not_screened(self) -> int | None:
        if self.expected is None:
            return None
        return max(self.expected - self.screened, 0)

    def describe(self) -> str:
        """ "3,766 lines screened, about 6,234 not screened" (or "all 10,000 lines screened")."""
        if not self.partial:
            return f"all {self.screened:,} lines screened"
        missing = self.not_screened
        if missing is None:
            return f"{self.screened:,} lines screened; the rest of the file was not screened"
        return f"{self.screened:,} lines screened, about {missing:,} not screened"


def completeness(run: Run, context: RunContext | None) -> Completeness:
    expected = context.lines_expected if context is not None else None
    partial = run.status != "completed"
    if partial and expected is not None and run.line_count >= expected:
        expected = run.line_count  # the count was an estimate; nothing is known to be missing
    return Completeness(run.line_count, expected, partial)


def summary_rows(store: Store, run: Run) -> list[tuple[str, Any]]:
    """Rows for the report's Summary: partial or complete, and stale lists used."""
    context = get_context(store, run.id)
    done = completeness(run, context)
    rows: list[tuple[str, Any]] = [
        (
            "Completeness",
            f"PARTIAL ({run.status}): {done.describe()}" if done.partial else done.describe(),
        )
    ]
    if context is not None:
        rows.append(
            (
                "Lists older than the policy allows",
                "; ".join(s.describe() for s in context.stale) if context.stale else "none",
            )
        )
    return rows
