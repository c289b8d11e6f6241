"""Screening an order file: every party, the goods and the route of every line.

    gen = screen_file(store, Path("orders.xlsx"))
    for progress in gen: ...          # every ~batch_size lines; the lines are already stored
    summary = <generator return value> (see `run_screening` for a plain call)

The generator is the whole contract with the GUI and the CLI: it yields progress after each
stored batch, checks `cancelled()` between lines, and returns a `ScreenSummary`.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from screener.core.store import Store


@dataclass(frozen=True, slots=True)
class ScreenProgress:
    run_id: int
    done: int  # lines screened and stored so far
    total: int | None  # lines expected (None while unknown)
    elapsed_s: float
    new_line_ids: tuple[int, ...]  # lines stored since the previous progress

    @property
    def lines_per_s(self) -> float:
        return self.done / self.elapsed_s if self.elapsed_s > 0 else 0.0


@dataclass(frozen=True, slots=True)
class ScreenSummary:
    run_id: int
    status: str  # completed | cancelled
    lines: int
    seconds: float
    counts: Mapping[str, int] = field(default_factory=dict)  # verdict -> lines
    problems: int = 0  # lines with cell problems


def screen_file(
    store: Store,
    path: Path,
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
    cancelled: Callable[[], bool] | None = None,
    batch_size: int = 200,
) -> Generator[ScreenProgress, None, ScreenSummary]:
    raise NotImplementedError("being written")
    yield  # pragma: no cover
