"""Scale: synthetic lists of 1x, 5x and 20x today's name count, imported, indexed and searched.

    nice .venv/bin/python benchmarks/scale.py [--sizes 1,5,20] [--lines 10000] [--recall 10]
                                              [--queries 200] [--baseline DIR]

Imports every file in ../shared/data/lists (or $SCREENER_LISTS) to count today's names and
collect their words, then per size writes a targets.simple.csv of that many names into a
temporary folder (real words recombined, one typo per name; never kept) and measures, each
step in a fresh process so its memory is its own:
  import    importing the synthetic list
  build     the first open: the name index built and cached
  rebuild   the open after one list changed (1% of its names renamed, re-imported as a new
            version): the index built again, from the previous one where the code can
  open      1st: the first open after the build (the cache file checked in full once);
            later: an open once the file is trusted by its size and times (best of 3);
            store: opening the database before it (its own integrity check), apart
  holder    a process that opened the index and searched: RSS, and its private memory (what
            it does not share with other processes), queries/s
  2nd       a second process opening and searching while the first holds the index
  recall    exhaustive-hit recall on a sample (--recall queries; 0 leaves it out)
  screen    LINES order lines x 3 parties read, screened and stored (beside reading alone;
            --lines 0 leaves it out)
--baseline DIR runs the same steps on another checkout of the code (e.g. `git archive main`
unpacked into DIR) on a copy of the same database, printed as the line beside.
20x takes many minutes: leave it out (--sizes 1,5) on a busy machine.
Aims (issue 18): open < 0.2 s, RSS per extra process < 100 MB, 20x build < 60 s, >= 200
queries/s per core, screening <= 2x reading, 100% recall.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from synthetic_names import clean_name, edited, latin_words, recombined

SELF = str(Path(__file__).resolve())  # children may run in another checkout's folder

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


def own_mb(field: str = "Anonymous") -> float:
    """This process's own memory (Linux: anonymous, not file pages any process may share);
    field "Private": also the pages of files it alone has touched (Private_Clean/_Dirty)."""
    try:
        total = 0
        for line in Path("/proc/self/smaps_rollup").read_text().splitlines():
            if line.startswith(field):
                total += int(line.split()[1])
        return total / 1024
    except OSError:
        pass
    return rss_mb()


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


def write_changed(source: Path, out: Path) -> None:
    """The list with every hundredth name renamed: a list update as the lists publish them."""
    with source.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    for i in range(1, len(rows), 100):
        rows[i][2] = f"{rows[i][2]} Holding"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)


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
        figures["store_s"] = time.perf_counter() - started
        started = time.perf_counter()  # the index alone (the store's own checks are apart)
        open_index(store)
    elif step in ("holder", "second"):
        store = Store.open(home)
        figures["store_s"] = time.perf_counter() - started
        started = time.perf_counter()
        index = open_index(store)
        figures["seconds"] = time.perf_counter() - started
        figures["mapped"] = float(getattr(index.names, "mapped_file", None) is not None)
        figures.update(_search(store, index, json.loads(arg)))
        figures["rss_mb"] = rss_mb()
        figures["own_mb"] = own_mb()
        figures["private_mb"] = own_mb("Private")
        if step == "holder":  # hold the index until told to let go
            print(json.dumps(figures), flush=True)
            sys.stdin.readline()
        return figures
    elif step == "read":
        from screener.core.orders import read_orders

        figures["lines"] = sum(1 for _ in read_orders(Path(arg)))
    elif step == "screen":
        from screener.core.screening.run import run_screening, screen_file

        figures["lines"] = run_screening(screen_file(Store.open(home), Path(arg))).lines
    figures["seconds"] = time.perf_counter() - started
    figures["cpu_s"] = time.process_time()  # the whole child: wall time is the load's too
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def _search(store: object, index: object, opts: dict[str, Any]) -> dict[str, float]:
    names = index.names  # type: ignore[attr-defined]
    qs = json.loads(Path(opts["queries"]).read_text(encoding="utf-8"))
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


def make_queries(home: Path, count: int) -> list[str]:
    """Half listed names edited, half clean unlisted-looking names."""
    from screener.core.record.database.store import Store

    store = Store.open(home)
    listed = [r[0] for r in store.db.execute("SELECT name FROM list_names ORDER BY id")]
    store.close()
    rng = random.Random(5)
    return [edited(rng.choice(listed), rng)[0] if i % 2 else clean_name(rng) for i in range(count)]


def _env(code: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    if code is not None:
        env["PYTHONPATH"] = str(code)
    return env


def run_child(step: str, home: Path, arg: str, code: Path | None = None) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, SELF, "--child", step, str(home), arg],
        check=True,
        capture_output=True,
        text=True,
        env=_env(code),
        cwd=code or Path.cwd(),
    ).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def measure_index(home: Path, opts: str, code: Path | None, changed: Path) -> dict[str, float]:
    """Build, open twice, then a holder process and a second one attached beside it; then
    the list changed and the index built again."""
    build = run_child("build", home, "", code)
    built_at = time.monotonic()
    first = run_child("open", home, "", code)
    time.sleep(max(0.0, 3.5 - (time.monotonic() - built_at)))  # the cache is trusted by now
    run_child("open", home, "", code)  # checks the file in full, and records it as checked
    later = min((run_child("open", home, "", code) for _ in range(3)), key=lambda f: f["seconds"])
    holder = subprocess.Popen(
        [sys.executable, SELF, "--child", "holder", str(home), opts],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_env(code),
        cwd=code or Path.cwd(),
    )
    assert holder.stdout is not None
    assert holder.stdin is not None
    held: dict[str, float] = json.loads(holder.stdout.readline())
    second = run_child("second", home, opts, code)
    holder.stdin.write("\n")
    holder.stdin.close()
    holder.wait()
    run_child("import", home, str(changed), code)
    rebuild = run_child("build", home, "", code)
    return {
        "rebuild_s": rebuild["seconds"],
        "rebuild_cpu": rebuild["cpu_s"],
        "build_cpu": build["cpu_s"],
        "names": build["names"],
        "build_s": build["seconds"],
        "build_mb": build["peak_mb"],
        "open1_s": first["seconds"],
        "open_s": later["seconds"],
        "store_s": later["store_s"],
        **{f"holder_{k}": v for k, v in held.items()},
        **{f"second_{k}": v for k, v in second.items()},
    }


HEADER = (
    f"{'size':>5} {'code':>8} {'names':>10} {'build s':>8} {'cpu':>6} {'build MB':>9}"
    f" {'rebuild s':>9} {'cpu':>6} {'1st open s':>10}"
    f" {'open s':>7} {'store s':>7} {'holder RSS':>10} {'own':>8} {'private':>8} {'2nd open s':>10}"
    f" {'2nd RSS':>8} {'own':>8} {'private':>8} {'q/s':>6} {'q/cpu-s':>8} {'recall':>11}"
)


def row(size: float, label: str, m: dict[str, float]) -> str:
    recall = f"{int(m['holder_recall_kept'])}/{int(m['holder_recall_total'])}"
    return (
        f"{size:>4g}x {label:>8} {int(m['names']):>10,} {m['build_s']:>8.1f} {m['build_cpu']:>6.1f}"
        f" {m['build_mb']:>9.0f} {m['rebuild_s']:>9.1f} {m['rebuild_cpu']:>6.1f}"
        f" {m['open1_s']:>10.2f} {m['open_s']:>7.2f} {m['store_s']:>7.2f}"
        f" {m['holder_rss_mb']:>10.0f}"
        f" {m['holder_own_mb']:>8.0f} {m.get('holder_private_mb', 0):>8.0f}"
        f" {m['second_seconds']:>10.2f} {m['second_rss_mb']:>8.0f} {m['second_own_mb']:>8.0f}"
        f" {m.get('second_private_mb', 0):>8.0f} {m['holder_qps']:>6.0f}"
        f" {m['holder_qps_cpu']:>8.0f} {recall:>11}"
    )


def main() -> None:
    from screener.cli.demo import lists_folder
    from screener.core.lists.importing import import_lists
    from screener.core.record.database.store import Store

    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1,5,20", help="multiples of today's name count")
    ap.add_argument("--lines", type=int, default=10_000)
    ap.add_argument("--recall", type=int, default=10, help="queries scored exhaustively")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--baseline", help="another checkout of the code, measured beside")
    ap.add_argument("--baseline-sizes", help="the sizes measured on the baseline (default: all)")
    args = ap.parse_args()
    sizes = [float(s) for s in args.sizes.split(",") if s]
    based = [float(s) for s in (args.baseline_sizes or args.sizes).split(",") if s]
    import screening_speed  # the order generator of the screening benchmark

    with tempfile.TemporaryDirectory() as tmp:
        real = Store.open(Path(tmp) / "real")
        list(import_lists(real, [lists_folder()]))
        current = [v.id for v in real.current_versions()]
        listed = [row.name for row in real.iter_names(current)]  # what the index holds
        real.close()
        words = latin_words(listed)
        print(f"today: {len(listed):,} listed names, {len(set(words)):,} distinct words")
        print(HEADER)
        screens = []
        for size in sizes:
            folder = Path(tmp) / f"x{size:g}"
            folder.mkdir()
            csv_path = folder / "targets.simple.csv"
            write_list(csv_path, words, int(size * len(listed)), seed=int(size * 10))
            home = folder / "home"
            imp = run_child("import", home, str(csv_path))
            queries = folder / "queries.json"  # made here: the measured processes only search
            queries.write_text(json.dumps(make_queries(home, args.queries)), encoding="utf-8")
            opts = json.dumps({"queries": str(queries), "recall": args.recall})
            baseline = args.baseline and size in based
            if baseline:  # the same database, before any index was built
                shutil.copytree(home, folder / "base", ignore=shutil.ignore_patterns("cache"))
            changed = folder / "changed" / "targets.simple.csv"
            write_changed(csv_path, changed)
            measured = measure_index(home, opts, None, changed)
            print(row(size, "this", measured), flush=True)
            if baseline:
                base = measure_index(folder / "base", opts, Path(args.baseline).resolve(), changed)
                print(row(size, "baseline", base), flush=True)
            if args.lines:
                store = Store.open(home)
                variants = [
                    r[0]
                    for r in store.db.execute("SELECT name FROM list_names ORDER BY id LIMIT 400")
                ]
                store.close()
                orders = folder / "orders.xlsx"
                screening_speed.write_orders(orders, args.lines, variants)
                read = run_child("read", home, str(orders))
                screen = run_child("screen", home, str(orders))
                screens.append((size, imp, read, screen))
        if screens:
            print(f"{'size':>5} {'import s':>9} {'read s':>7} {'screen s':>9} {'x read':>7}")
        for size, imp, read, screen in screens:
            print(
                f"{size:>4g}x {imp['seconds']:>9.1f} {read['seconds']:>7.1f}"
                f" {screen['seconds']:>9.1f} {screen['seconds'] / read['seconds']:>6.1f}x"
            )
        print(
            "RSS counts the pages of a mapped index a process touched, which every process"
            " shares; own: the memory it alone holds (anonymous); private: also the file pages"
            " only it has touched (the 2nd's: what an extra process costs)"
        )
        print(
            "aims: open < 0.2 s; RSS per extra process < 100 MB; 20x build < 60 s;"
            " >= 200 q/cpu-s; screen <= 2x read; recall 100%"
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(child(sys.argv[2], Path(sys.argv[3]), sys.argv[4])))
    else:
        main()
