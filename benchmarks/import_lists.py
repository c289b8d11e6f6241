"""Import benchmark: seconds per list and entries/s, for every file in SCREENER_LISTS.

    .venv/bin/python benchmarks/import_lists.py [FOLDER]

Baseline in the same run: the time to read and sha256 every file (the I/O floor no importer
can beat), so the parse and store figures are read against this machine, not a remembered one.
Aim (issue 2): every file in ../shared/data/lists imported in under 10 s on 2 cores.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
import time
from pathlib import Path

from screener.cli.demo import lists_folder
from screener.core.lists.importers import detect
from screener.core.lists.importing import collect_files, plan_imports
from screener.core.record.database.store import Store


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else lists_folder()
    primaries, problems = plan_imports(collect_files([folder]))
    for p in problems:
        print(f"skipped: {p.error}")
    t0 = time.perf_counter()
    for f in collect_files([folder]):
        hashlib.sha256(f.read_bytes()).hexdigest()
    floor = time.perf_counter() - t0

    print(f"{'file':<58} {'entries':>8} {'parse s':>8} {'store s':>8} {'entries/s':>10}")
    total_parse = total_store = 0.0
    total_entries = 0
    with tempfile.TemporaryDirectory() as home:
        store = Store.open(Path(home))
        for path in primaries:
            t = time.perf_counter()
            parsed = detect(path).parse(path)
            parse_s = time.perf_counter() - t
            t = time.perf_counter()
            store.add_list_version(
                parsed, sha256=hashlib.sha256(str(path).encode()).hexdigest(), size=0
            )
            store_s = time.perf_counter() - t
            n = len(parsed.entries)
            total_parse += parse_s
            total_store += store_s
            total_entries += n
            rel = str(path.relative_to(folder))[-58:]
            print(
                f"{rel:<58} {n:>8,} {parse_s:>8.2f} {store_s:>8.2f} "
                f"{n / (parse_s + store_s):>10,.0f}"
            )
        store.close()
    total = total_parse + total_store
    print(
        f"\nall lists: {total_entries:,} entries in {total:.2f} s "
        f"(parse {total_parse:.2f} s, store {total_store:.2f} s), "
        f"{total_entries / total:,.0f} entries/s"
    )
    print(
        f"baseline (read + sha256 of every file): {floor:.2f} s; import is "
        f"{total / floor:.0f}x that floor. Aim: under 10 s -> "
        f"{'MET' if total < 10 else 'NOT MET'}"
    )


if __name__ == "__main__":
    main()
