"""Re-screening stored lines after a list import, and finding the lines that got worse.

    plan = plan_rescreen(store, since=date(2026, 1, 1))     # runs screened on older lists
    gen = rescreen_run(store, plan[0])                       # like screen_file: yields progress
    result = <generator return value>                        # RescreenResult with `worse` lines

The new run is linked to the one it re-screens (`parent_run_id`), so the record shows which
lines were screened on which list versions and what changed. The order file is not needed:
every line keeps its parties, goods and route as they were read.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from screener.core.names.search import MATCHER_VERSION
from screener.core.orders import detect_mapping
from screener.core.record import runs
from screener.core.record.database.store import Store
from screener.core.record.review.decisions import latest_decisions
from screener.core.rules.policy import Policy, load_policy
from screener.core.screening.run import ScreenProgress, ScreenSummary, Source, screen_lines

_RANK = {"clear": 0, "review": 1, "block": 2}
_PAGE = 1000  # lines read from the old run at a time: memory stays flat on 100,000 lines


@dataclass(frozen=True, slots=True)
class Worse:
    """A line whose verdict got worse on the newer lists."""

    row: int
    order_no: str
    before: str
    after: str
    reasons: tuple[str, ...]  # the new verdict's reasons
    decision_before: str  # the officer's last decision on the old line ("" if none)
    line_id: int  # the line in the new run


@dataclass(frozen=True, slots=True)
class RescreenResult:
    parent: runs.Run
    summary: ScreenSummary
    worse: tuple[Worse, ...]


def plan_rescreen(
    store: Store,
    *,
    since: date | None = None,
    run_ids: Sequence[int] = (),
    policy: Policy | None = None,
) -> list[runs.Run]:
    """The runs to re-screen, oldest first: for every order file screened (on or after `since`),
    its newest run, when that was screened on older lists, an older matcher or policy.

    With `run_ids`, exactly those runs (a re-screen of an up-to-date run is allowed then).
    """
    if run_ids:
        return [runs.get_run(store, run_id) for run_id in sorted(set(run_ids))]
    current = tuple(sorted(v.id for v in store.current_versions()))  # as `open_index` keys
    label = (policy or load_policy()).label
    every = runs.list_runs(store, limit=1_000_000)
    # One file screened twice, or re-screened before, is re-screened once: its newest run.
    newest: dict[tuple[str, str, str], runs.Run] = {}
    by_id = {r.id: r for r in every}
    for run in sorted(every, key=lambda r: r.id):
        if run.status not in ("completed", "cancelled"):
            continue  # a failed or killed run is screened again from its file, not here
        origin = run
        while origin.parent_run_id is not None and origin.parent_run_id in by_id:
            origin = by_id[origin.parent_run_id]
        if since is not None and origin.started_at.date() < since:
            continue
        newest[(origin.file_sha256, origin.sheet, json.dumps(origin.mapping, sort_keys=True))] = run
    return [
        run
        for run in sorted(newest.values(), key=lambda r: r.id)
        if tuple(run.list_version_ids) != tuple(current)
        or run.matcher_version != MATCHER_VERSION
        or run.policy_version != label
    ]


def rescreen_run(
    store: Store,
    parent: runs.Run,
    *,
    cancelled: Callable[[], bool] | None = None,
    batch_size: int = 200,
    policy: Policy | None = None,
) -> Generator[ScreenProgress, None, RescreenResult]:
    """Screen the stored lines of `parent` again on the newest lists, as a new linked run."""
    source = Source(parent.file_name, parent.file_sha256, parent.sheet, parent.mapping)
    eccn_column = _EccnColumn(parent.mapping)
    summary = yield from screen_lines(
        store,
        (_Line.of(line, eccn_column) for line in _stored_lines(store, parent.id)),
        source=source,
        cancelled=cancelled,
        batch_size=batch_size,
        total=parent.line_count,
        policy=policy,
        parent_run_id=parent.id,
    )
    return RescreenResult(parent, summary, tuple(_worse(store, parent.id, summary.run_id)))


def _worse(store: Store, before_id: int, after_id: int) -> Iterator[Worse]:
    decided = {line_id: d.action.label for line_id, d in latest_decisions(store, before_id).items()}
    old = {line.row: line for line in _stored_lines(store, before_id)}
    for line in _stored_lines(store, after_id):
        was = old.get(line.row)
        if was is not None and _RANK[line.verdict] > _RANK[was.verdict]:
            yield Worse(
                line.row,
                line.order_no,
                was.verdict,
                line.verdict,
                line.reasons,
                decided.get(was.id, ""),
                line.id,
            )


def _stored_lines(store: Store, run_id: int) -> Iterator[runs.StoredLine]:
    """A run's lines in row order, a page at a time, so no cursor stays open across writes."""
    after = -1
    while True:
        page = runs.lines_page(store, run_id, after_row=after, limit=_PAGE)
        if not page:
            return
        yield from page
        after = page[-1].row


@dataclass(frozen=True, slots=True)
class _Party:
    role: str
    name: str
    country: str
    address: str
    country_from_destination: bool


@dataclass(frozen=True, slots=True)
class _Line:
    """A stored line in the shape screening reads (`screening.line_screener.LineLike`)."""

    row: int
    cells: tuple[tuple[str, str], ...]
    order_no: str
    line_no: str
    parties: tuple[_Party, ...]
    description: str
    hs_code: str
    destination: str
    transit: tuple[str, ...]
    problems: tuple[str, ...]
    eccn: str

    @classmethod
    def of(cls, line: runs.StoredLine, eccn_column: _EccnColumn) -> _Line:
        return cls(
            line.row,
            line.cells,
            line.order_no,
            line.line_no,
            tuple(_party(p) for p in line.parties),
            line.description,
            line.hs_code,
            line.destination,
            line.transit,
            line.problems,
            eccn_column.value(line.cells),
        )


class _EccnColumn:
    """The ECCN of a stored line, from its original cells: the column the run mapped, or the
    one the reader finds by its header (the run records only a mapping the user chose)."""

    def __init__(self, mapping: dict[str, str]) -> None:
        self.chosen = mapping.get("eccn")
        self.found: dict[tuple[str, ...], str | None] = {}

    def value(self, cells: tuple[tuple[str, str], ...]) -> str:
        headers = tuple(h for h, _ in cells)
        if headers not in self.found:
            match = detect_mapping(headers).get("eccn")
            self.found[headers] = self.chosen or (match.header if match else None)
        column = self.found[headers]
        return next((v for h, v in cells if h == column), "") if column else ""


def _party(data: dict[str, Any]) -> _Party:
    return _Party(
        role=str(data.get("role", "")),
        name=str(data.get("name", "")),
        country=str(data.get("country", "")),
        address=str(data.get("address", "")),
        country_from_destination=bool(data.get("country_from_destination", False)),
    )
