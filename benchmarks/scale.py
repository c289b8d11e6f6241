"""Scale: synthetic lists of 1x, 5x and 20x today's name count, imported, indexed and searched.

    nice .venv/bin/python benchmarks/scale.py [--sizes 1,5,20] [--lines 10000] [--recall 10]
                                              [--queries 200]

Imports every file in ../shared/data/lists (or $SCREENER_LISTS) to count today's names and
collect their words, then per size writes a targets.simple.csv of that many names into a
temporary folder (real words recombined, one typo per name; never kept) and measures, each
step in a fresh process so its memory is its own:
  import    importing the synthetic list
  build     the first open: the name index built and cached
  open      a later open from the cache; RSS of the process holding the index
  search    queries/s through the index; exhaustive-hit recall on a sample (--recall queries)
  screen    LINES order lines x 3 parties read, screened and stored (beside reading alone)
20x takes many minutes: leave it out (--sizes 1,5) on a busy machine.
Aims (issue 18): open < 0.2 s, RSS per extra process < 100 MB, 20x build < 60 s, >= 200
queries/s per core, screening <= 2x reading, 100% recall.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic_names import clean_name, edited, latin_words, recombined

SCHEMAS = [("Person", 0.4), ("Company", 0.55), ("Vessel", 0.05)]


def rss_mb() -> float:
    """Resident memory now (Linux), else the peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_list(path: Path, words: list[str], names: int, seed: int) -> None:
    rng = random.Random(seed)
    kinds, weights = zip(*SCHEMAS, strict=True)
    written = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["id", "schema", "name", "aliases", "countries", "dataset"])
        while written < names:
            schema = rng.choices(kinds, weights)[0]
            length = rng.choice((2, 2, 3, 3, 3, 4)) if schema != "Vessel" else 1
            own = [recombined(words, rng, length) for _ in range(1 + rng.choice((0, 1, 1, 2)))]
            out.writerow(
                [
                    f"SYN-{written}",
                    schema,
                    own[0],
                    ";".join(own[1:]),
                    rng.choice(("ru", "ir", "cn", "ae", "")),
                    "Synthetic scale list",
                ]
            )
            written += len(own)


def child(step: str, home: Path, arg: str) -> dict[str, float]:
    from screener.core.names.search import open_index
    from screener.core.record.database.store import Store

    figures: dict[str, float] = {}
    started = time.perf_counter()
    if step == "import":
        from screener.core.lists.importing import import_lists

        store = Store.open(home)
        outcomes = list(import_lists(store, [Path(arg)]))
        figures["ok"] = float(all(o.error is None for o in outcomes))
    elif step == "build":
        figures["names"] = len(open_index(Store.open(home)).names)
    elif step == "open":
        store = Store.open(home)
        index = open_index(store)
        figures["seconds"] = time.perf_counter() - started
        figures["rss_mb"] = rss_mb()
        figures.update(_search(store, index, json.loads(arg)))
        figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return figures
    elif step == "read":
        from screener.core.orders import read_orders

        figures["lines"] = sum(1 for _ in read_orders(Path(arg)))
    elif step == "screen":
        from screener.core.screening.run import run_screening, screen_file

        figures["lines"] = run_screening(screen_file(Store.open(home), Path(arg))).lines
    figures["seconds"] = time.perf_counter() - started
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def _search(store: object, index: object, opts: dict[str, int]) -> dict[str, float]:
    names = index.names  # type: ignore[attr-defined]
    listed = [r[0] for r in store.db.execute("SELECT name FROM list_names ORDER BY id")]  # type: ignore[attr-defined]
    rng = random.Random(5)
    qs = [
        edited(rng.choice(listed), rng)[0] if i % 2 else clean_name(rng)
        for i in range(opts["queries"])
    ]
    t = time.perf_counter()
    cpu = time.process_time()
    for q in qs:
        names.search(q)
    wall, cpu = time.perf_counter() - t, time.process_time() - cpu
    kept = total = 0
    for q in qs[: opts["recall"]]:
        found = {c.key for c in names.search(q, limit=10_000)}
        reference = names.search_exhaustive(q, limit=10_000)
        total += len(reference)
        kept += sum(c.key in found for c in reference)
    return {
        "qps": len(qs) / wall,
        "qps_cpu": len(qs) / max(cpu, 1e-9),
        "recall_kept": kept,
        "recall_total": total,
    }


def run_child(step: str, home: Path, arg: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", step, str(home), arg],
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

    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1,5,20", help="multiples of today's name count")
    ap.add_argument("--lines", type=int, default=10_000)
    ap.add_argument("--recall", type=int, default=10, help="queries scored exhaustively")
    ap.add_argument("--queries", type=int, default=200)
    args = ap.parse_args()
    sizes = [float(s) for s in args.sizes.split(",") if s]
    import screening_speed  # the order generator of the screening benchmark

    with tempfile.TemporaryDirectory() as tmp:
        real = Store.open(Path(tmp) / "real")
        list(import_lists(real, [lists_folder()]))
        current = [v.id for v in real.current_versions()]
        listed = [row.name for row in real.iter_names(current)]  # what the index holds
        real.close()
        words = latin_words(listed)
        print(f"today: {len(listed):,} listed names, {len(set(words)):,} distinct words")
        opts = json.dumps({"queries": args.queries, "recall": args.recall})
        print(
            f"{'size':>5} {'names':>10} {'import s':>9} {'build s':>8} {'build MB':>9}"
            f" {'open s':>7} {'RSS MB':>7} {'q/s':>6} {'q/cpu-s':>8} {'recall':>11}"
            f" {'read s':>7} {'screen s':>9} {'x read':>7}"
        )
        for size in sizes:
            folder = Path(tmp) / f"x{size:g}"
            folder.mkdir()
            csv_path = folder / "targets.simple.csv"
            write_list(csv_path, words, int(size * len(listed)), seed=int(size * 10))
            home = folder / "home"
            imp = run_child("import", home, str(csv_path))
            build = run_child("build", home, "")
            opened = run_child("open", home, opts)
            store = Store.open(home)
            variants = [
                r[0] for r in store.db.execute("SELECT name FROM list_names ORDER BY id LIMIT 400")
            ]
            store.close()
            orders = folder / "orders.xlsx"
            screening_speed.write_orders(orders, args.lines, variants)
            read = run_child("read", home, str(orders))
            screen = run_child("screen", home, str(orders))
            recall = f"{int(opened['recall_kept'])}/{int(opened['recall_total'])}"
            print(
                f"{size:>4g}x {int(build['names']):>10,} {imp['seconds']:>9.1f}"
                f" {build['seconds']:>8.1f} {build['peak_mb']:>9.0f} {opened['seconds']:>7.2f}"
                f" {opened['rss_mb']:>7.0f} {opened['qps']:>6.0f} {opened['qps_cpu']:>8.0f}"
                f" {recall:>11} {read['seconds']:>7.1f} {screen['seconds']:>9.1f}"
                f" {screen['seconds'] / read['seconds']:>6.1f}x",
                flush=True,
            )
        print("no index sharing yet: a second process holding the index costs the same RSS again")
        print(
            "aims: open < 0.2 s; RSS per extra process < 100 MB; 20x build < 60 s;"
            " >= 200 q/cpu-s; screen <= 2x read; recall 100%"
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(child(sys.argv[2], Path(sys.argv[3]), sys.argv[4])))
    else:
        main()
