"""Party names searched across worker processes give the run one process gives, line by line."""

from __future__ import annotations

import dataclasses
import multiprocessing
import random
from pathlib import Path
from typing import Any

import pytest

from screener.core.lists.importing import import_lists
from screener.core.record import runs
from screener.core.record.database.store import Store
from screener.core.screening import parallel
from screener.core.screening.run import Source, run_screening, screen_lines
from tests.core.test_screening import Line, Party

CLEAN = ["Nordic", "Precision", "Alpine", "Delta", "Orion", "Vertex", "Harbor", "Summit"]


@pytest.fixture
def store(un_list: Path, home: Path) -> Store:
    store = Store.open(home)
    un = un_list
    assert [o.status.value for o in import_lists(store, [un])] == ["imported"]
    return store


@pytest.fixture
def ahead_used(monkeypatch: pytest.MonkeyPatch) -> list[parallel.NameSearchAhead]:
    """Every search-ahead a run made, to see the workers did search."""
    made: list[parallel.NameSearchAhead] = []
    real = parallel.NameSearchAhead

    def spy(*args: Any, **kw: Any) -> parallel.NameSearchAhead:
        made.append(real(*args, **kw))
        return made[-1]

    monkeypatch.setattr(parallel, "NameSearchAhead", spy)
    return made


def _lines(store: Store, count: int = 500) -> list[Line]:
    rng = random.Random(4)
    listed = [r[0] for r in store.db.execute("SELECT name FROM list_names ORDER BY id")]
    lines = []
    for row in range(2, count + 2):
        names = []
        for _ in range(3):
            if rng.random() < 0.4:
                name = rng.choice(listed)
                if rng.random() < 0.5 and len(name) > 8:  # a typo
                    i = rng.randrange(len(name))
                    name = name[:i] + name[i + 1 :]
            else:
                name = f"{rng.choice(CLEAN)} {rng.choice(CLEAN)} {rng.randrange(400)} GmbH"
            names.append(name)
        parties = tuple(
            Party(role, name, rng.choice(["KP", "CN", "DE", "IR", ""]))
            for role, name in zip(("buyer", "consignee", "end_user"), names, strict=True)
        )
        lines.append(Line(row, parties, "8542.31", rng.choice(["CN", "DE", "KP"])))
    return lines


def _run(store: Store, lines: list[Line], **kw: Any) -> list[tuple[Any, ...]]:
    summary = run_screening(
        screen_lines(store, lines, source=Source("orders.xlsx", "0" * 64), **kw)  # type: ignore[arg-type]
    )
    assert summary.status == "completed"
    out = []
    for line in runs.iter_lines(store, summary.run_id):
        hits = [
            {k: v for k, v in dataclasses.asdict(h).items() if k not in {"id", "line_id"}}
            for h in runs.line_hits(store, line.id)
        ]
        out.append((line.row, line.verdict, line.reasons, line.findings, hits))
    return out


def test_parallel_run_matches_one_process_line_by_line(
    store: Store, ahead_used: list[parallel.NameSearchAhead]
) -> None:
    lines = _lines(store)
    single = _run(store, lines, workers=1)
    assert sum(bool(hits) for *_, hits in single) > 50  # listed parties are found
    both = _run(store, lines, workers=2)
    assert ahead_used[-1].searched_ahead > 500  # the workers did the searching
    assert both == single
    assert not multiprocessing.active_children()  # the workers are gone with the run


def test_spawned_workers_load_the_cached_index_and_match(
    store: Store, ahead_used: list[parallel.NameSearchAhead], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = _lines(store, 300)
    single = _run(store, lines, workers=1)
    monkeypatch.setattr(parallel, "_start_method", lambda: "spawn")
    got = _run(store, lines, workers=2)
    # Verdicts, reasons, hits, scores and explanations alike: the workers map the cache file.
    assert got == single
    assert ahead_used[-1].searched_ahead > 300


def test_a_cache_file_not_matching_falls_back_to_one_process_same_hits(
    store: Store, ahead_used: list[parallel.NameSearchAhead], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = _lines(store, 300)
    single = _run(store, lines, workers=1)
    monkeypatch.setattr(parallel, "_start_method", lambda: "spawn")
    real = parallel.cache_file

    def tampered(store: Store, index: Any) -> tuple[Path, str] | None:
        found = real(store, index)
        return (found[0], "0" * 64) if found else None

    monkeypatch.setattr(parallel, "cache_file", tampered)
    assert _run(store, lines, workers=2) == single
    assert ahead_used[-1].searched_ahead == 0  # the workers refused the file


def test_cancel_stops_a_parallel_run_and_its_workers(store: Store) -> None:
    lines = _lines(store, 800)
    seen = []
    gen = screen_lines(
        store,
        lines,  # type: ignore[arg-type]
        source=Source("orders.xlsx", "0" * 64),
        workers=2,
        cancelled=lambda: bool(seen),
    )
    seen.append(next(gen))
    summary = run_screening(gen)
    assert summary.status == "cancelled"
    assert summary.lines < len(lines)
    assert not multiprocessing.active_children()
