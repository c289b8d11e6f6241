"""Grouped, recorded ad-hoc search and paged audit find, each beside its baseline.

    .venv/bin/python benchmarks/evidence_search.py [HOME] [N_QUERIES]

HOME: a Screener home with the official lists imported (default: a temporary one, filled from
../shared/data/lists). Queries: the dev set's first N_QUERIES (default 300) company queries.
Baselines, measured in the same process: `search_names` (one row per list entry, nothing
recorded) for the grouped search; reading every stored line of the run for `find_lines_page`.
"""

from __future__ import annotations

import csv
import sys
import tempfile
import time
from pathlib import Path

from screener.core.evidence import history
from screener.core.evidence.searches import search_and_record
from screener.core.lists.importing import import_lists
from screener.core.names.grouped_search import search_entries
from screener.core.names.search import open_index, search_names
from screener.core.record import runs
from screener.core.record.database.store import Store

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _timed(label: str, fn: object, n: int) -> float:
    t0 = time.perf_counter()
    fn()  # type: ignore[operator]
    took = time.perf_counter() - t0
    print(f"  {label:<46} {took:7.2f} s  {took / n * 1000:7.2f} ms each")
    return took


def main() -> None:
    home = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    store = Store.open(home)
    if not store.current_versions():
        list(import_lists(store, [SHARED / "data" / "lists"]))
    index = open_index(store)
    with (SHARED / "eval" / "companies_dev.csv").open(encoding="utf-8") as f:
        queries = [r["query"] for r in csv.DictReader(f)][:n]
    print(f"{len(queries)} queries over {sum(v.names for v in store.current_versions()):,} names")
    for q in queries:  # warm the name caches so the order of what follows does not matter
        search_names(store, q, index=index)
    _timed("search_names (baseline)", lambda: [search_names(store, q, index=index)
                                                for q in queries], len(queries))  # fmt: skip
    _timed("search_entries (grouped)", lambda: [search_entries(store, q, index=index)
                                                 for q in queries], len(queries))  # fmt: skip
    _timed("search_and_record (grouped + chained)", lambda: [
        search_and_record(store, q, index=index, channel="cli") for q in queries
    ], len(queries))  # fmt: skip

    lines = 100_000
    run_id = runs.start_run(
        store, runs.RunInfo("bench.xlsx", "0" * 64, "", {}, "b", "b", index.version_ids)
    )
    batch = []
    for row in range(2, lines + 2):
        order = "4500033" if row % 25_000 == 0 else f"45{row:07d}"
        batch.append(runs.LineRecord(row, (), order, "10", ({"role": "buyer", "name": "Acme"},),
                                     "", "8542", "DE", (), (), "clear", (), ()))  # fmt: skip
        if len(batch) == 5_000:
            runs.add_lines(store, run_id, batch)
            batch = []
    print(f"audit find over a run of {lines:,} lines")
    _timed("read every line of the run (baseline)", lambda: sum(
        1 for _ in runs.iter_lines(store, run_id)), 1)  # fmt: skip
    page: list[history.LinePage] = []
    _timed("find_lines_page('4500033'), first page", lambda: page.append(
        history.find_lines_page(store, "4500033")), 1)  # fmt: skip
    print(f"  -> {page[0].summary()}")
    _timed("find_lines_page('Acme') (every line matches)", lambda: page.append(
        history.find_lines_page(store, "Acme")), 1)  # fmt: skip
    print(f"  -> {page[1].summary()}")


if __name__ == "__main__":
    main()
