"""A whole screening run: read, screen and store a generated workbook, three parties per line.

    .venv/bin/python benchmarks/screening_speed.py [LINES]      (default 10,000)

Imports every file in ../shared/data/lists (or $SCREENER_LISTS) into a temporary home, then runs
each measurement in a fresh process so peak RSS belongs to that step alone:
  baseline  reading the workbook only (the floor screening cannot go below)
  index     building the name index (first screening after an import pays this once)
  screen    the run: read + screen + store, index from its cache, at LINES/4 and LINES lines,
            in one process (workers=1) and with party names searched across every core
Aim (issue 5): the whole run for 10,000 lines under 10 s; memory flat in the line count.

The orders repeat customers as real ERP exports do (a few thousand distinct parties), and about
one line in a hundred names a listed party with a typo or word-order change.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

HEADER = ["Order No.", "Line", "Sold-to Party", "Sold-to Country", "Ship-to Party",
          "Ship-to Country", "End User", "End-User Country", "Description", "HS Code",
          "Qty", "Net Value", "Currency", "Routing/Transit"]  # fmt: skip
GOODS = [("32-bit microcontroller", "8542.31"), ("CNC machining centre", "8457.10"),
         ("ball bearings", "8482.10"), ("office chairs", "9401.30"),
         ("oscilloscope", "9030.20"), ("hand tools", "8205.59"), ("laptop", "8471.30")]  # fmt: skip
COUNTRIES = ["DE", "FR", "IT", "IN", "AE", "TR", "CN", "HK", "KZ", "AM", "GE", "US", "JP",
             "Türkiye", "U.A.E.", "India", "Kazakhstan"]  # fmt: skip
WORDS = ["Nordic", "Precision", "Global", "Alpine", "Eastern", "Delta", "Sapphire", "Orion",
         "Vertex", "Harbor", "Summit", "Falcon", "Crescent", "Titan", "Lotus", "Meridian",
         "Pioneer", "Atlas", "Quantum", "Silver", "Golden", "Bright", "Union", "Prime"]  # fmt: skip
TRADES = ["Trading", "Machinery", "Electronics", "Components", "Industrial", "Logistics",
          "Engineering", "Tools", "Systems", "Supply", "Instruments", "Technologies"]  # fmt: skip
FORMS = ["LLC", "GmbH", "Pvt Ltd", "FZE", "A.S.", "Co., Ltd.", "Ltd", "SARL", "LLP", "TOO"]


def company(rng: random.Random) -> str:
    return f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(TRADES)} {rng.choice(FORMS)}"


def variant(name: str, rng: random.Random) -> str:
    """A listed name as an order file might hold it: a typo, or the words swapped."""
    words = name.split()
    if len(words) > 1 and rng.random() < 0.5:
        words[0], words[1] = words[1], words[0]
        return " ".join(words)
    i = rng.randrange(len(name))
    return name[:i] + name[i + 1 :] if len(name) > 8 else name


def write_orders(path: Path, lines: int, listed: list[str]) -> int:
    rng = random.Random(7)
    pools = [[company(rng) for _ in range(n)] for n in (1500, 900, 600)]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Orders")
    ws.append(HEADER)
    names: set[str] = set()
    for i in range(lines):
        parties = [rng.choice(pool) for pool in pools]
        if listed and rng.random() < 0.01:
            parties[rng.randrange(3)] = variant(rng.choice(listed), rng)
        names.update(parties)
        goods, hs = rng.choice(GOODS)
        ws.append([f"SO-{4_500_000 + i // 4}", i % 4 + 1, parties[0], rng.choice(COUNTRIES),
                   parties[1], rng.choice(COUNTRIES), parties[2], rng.choice(COUNTRIES), goods,
                   hs, rng.randint(1, 500), round(rng.uniform(50, 90_000), 2), "EUR",
                   "TR; AE" if i % 9 == 0 else ""])  # fmt: skip
    wb.save(path)
    return len(names)


def child(step: str, home: Path, orders: Path) -> dict[str, float]:
    """One measurement, in its own process."""
    from screener.core.names.search import open_index
    from screener.core.orders import read_orders
    from screener.core.record.database.store import Store
    from screener.core.screening.run import run_screening, screen_file

    started = time.perf_counter()
    figures: dict[str, float] = {}
    if step == "baseline":
        figures["lines"] = sum(1 for _ in read_orders(orders))
    elif step == "index":
        figures["names"] = len(open_index(Store.open(home)).version_ids)
    else:
        workers = 1 if step == "screen1" else None
        summary = run_screening(screen_file(Store.open(home), orders, workers=workers))
        figures["lines"] = summary.lines
        for verdict, count in summary.counts.items():
            figures[verdict] = count
    figures["seconds"] = time.perf_counter() - started
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures["worker_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return figures


def run_child(step: str, home: Path, orders: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", step, str(home), str(orders)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> None:
    from screener.cli.demo import lists_folder
    from screener.core.lists.importing import import_lists
    from screener.core.record.database.store import Store

    lines = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        store = Store.open(home)
        started = time.perf_counter()
        outcomes = list(import_lists(store, [lists_folder()]))
        print(f"lists: {len(outcomes)} files imported in {time.perf_counter() - started:.1f} s")
        listed = [
            r[0]
            for r in store.db.execute(
                "SELECT name FROM list_names WHERE is_primary = 1 AND length(name) > 12"
                " ORDER BY id LIMIT 400"
            )
        ]
        results = {}
        for size in (lines // 4, lines):
            orders = Path(tmp) / f"orders-{size}.xlsx"
            distinct = write_orders(orders, size, listed)
            print(f"{size:,} lines: {distinct:,} distinct party names")
            results[size] = orders
        base = run_child("baseline", home, results[lines])
        print(f"baseline  read only     {lines:>7,} lines {base['seconds']:6.2f} s  "
              f"peak {base['peak_mb']:5.0f} MB")  # fmt: skip
        index = run_child("index", home, results[lines])
        print(f"index     build + cache               {index['seconds']:6.2f} s  "
              f"peak {index['peak_mb']:5.0f} MB")  # fmt: skip
        from screener.core.screening.parallel import worker_count

        for orders in results.values():
            single = 0.0
            for step in ("screen1", "screen"):
                got = run_child(step, home, orders)
                rate = got["lines"] / got["seconds"]
                label = "1 process" if step == "screen1" else f"{worker_count()} workers"
                single = single or got["seconds"]
                verdicts = ", ".join(
                    f"{v} {int(got.get(v, 0))}" for v in ("block", "review", "clear")
                )
                print(f"screen    {label:<11} {int(got['lines']):>7,} lines {got['seconds']:6.2f} s"
                      f"  peak {got['peak_mb']:5.0f} MB (worker {got['worker_mb']:4.0f})"
                      f"  {rate:,.0f} lines/s"
                      f"  speed-up x{single / got['seconds']:.2f}  ({verdicts})")  # fmt: skip
        print(f"aim: {lines:,} lines under 10 s (index from cache); memory flat in line count")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))))
    else:
        main()
