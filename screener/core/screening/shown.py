"""Stored lines as the officer's table shows them: each line, why it got its verdict, and the
state of its decisions (for the lines that need one).

    batch = shown_lines(store, lines, policy)
    for progress, batch in with_shown_lines(store, screen_file(store, path), policy): ...

Computed where the lines are read (the screening or loading child process), so the window's
process only receives them.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from dataclasses import dataclass

from screener.core.record import runs
from screener.core.record.database.store import Store
from screener.core.record.review.line_state import LineState, LineStatus, lines_states
from screener.core.rules.policy import Policy
from screener.core.screening import why
from screener.core.screening.run import ScreenProgress, ScreenSummary


@dataclass(frozen=True, slots=True)
class ShownLines:
    lines: tuple[runs.StoredLine, ...]
    whys: tuple[why.Why, ...]  # one per line
    states: tuple[LineState, ...]  # lines needing (or having) a decision: "3 hits open"


def shown_lines(store: Store, lines: Sequence[runs.StoredLine], policy: Policy) -> ShownLines:
    whys = tuple(why.explain(line, runs.line_hits(store, line.id), policy=policy) for line in lines)
    found = lines_states(store, [line.id for line in lines]) if lines else {}
    states = tuple(s for s in found.values() if s.status is not LineStatus.NO_DECISION_NEEDED)
    return ShownLines(tuple(lines), whys, states)


def with_shown_lines(
    store: Store, progress: Generator[ScreenProgress, None, ScreenSummary], policy: Policy
) -> Generator[tuple[ScreenProgress, ShownLines], None, ScreenSummary]:
    """A screening's progress items, each with the lines it stored as the table shows them."""
    while True:
        try:
            step = next(progress)
        except StopIteration as done:
            summary: ScreenSummary = done.value
            return summary
        lines = [runs.get_line(store, i) for i in step.new_line_ids]
        yield step, shown_lines(store, lines, policy)
