"""Candidate index against exhaustive scoring: speed, hits kept, build time, memory.

    .venv/bin/python benchmarks/matching_speed.py [N_QUERIES] [N_EXHAUSTIVE]

Names: every name of every list file under ../shared/data/lists (via the importers).
Queries: the dev set's queries, repeated and lightly altered up to N_QUERIES (default 20,000).
Exhaustive scoring is slow (every name, every query), so it runs on N_EXHAUSTIVE queries
(default 40) and the ratio is per query. Aims (issue 3): >= 50x faster than exhaustive,
>= 99.5% of exhaustive hits kept, build < 3 s for ~100k names, peak RSS < 600 MB.
"""

from __future__ import annotations

import csv
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from screener.core.names.name_index import IndexedName, NameIndex

sys.path.insert(0, str(Path(__file__).resolve().parent))
from matching_quality import SHARED, list_names


def main() -> None:
    n_queries = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    n_exhaustive = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    names = list(dict.fromkeys(list_names()))
    t0 = time.perf_counter()
    index = NameIndex.build(IndexedName(i, n, k) for i, (n, k) in enumerate(names))
    build = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "names.idx"
        t0 = time.perf_counter()
        index.save(path)
        save = time.perf_counter() - t0
        t0 = time.perf_counter()
        NameIndex.load(path)
        load = time.perf_counter() - t0
        size = path.stat().st_size
    print(
        f"{len(index):,} names: build {build:.2f} s, save {save:.2f} s, load {load:.2f} s, "
        f"cache {size / 1e6:.1f} MB"
    )

    rows = list(csv.DictReader((SHARED / "eval" / "companies_dev.csv").open(encoding="utf-8")))
    rng = random.Random(7)
    base = [r["query"] for r in rows]
    queries = [
        q if i < len(base) else _alter(rng.choice(base), rng)
        for i, q in enumerate(base + [""] * max(0, n_queries - len(base)))
    ][:n_queries]

    t0 = time.perf_counter()
    for q in queries:
        index.search(q)
    indexed_s = time.perf_counter() - t0
    print(
        f"index: {len(queries):,} queries in {indexed_s:.1f} s "
        f"({len(queries) / indexed_s:,.0f} queries/s)"
    )

    sample = rng.sample([r["query"] for r in rows if r["is_match"] == "true"], n_exhaustive // 2)
    sample += rng.sample([r["query"] for r in rows if r["is_match"] != "true"], n_exhaustive // 2)
    kept = total = 0
    exhaustive_s = fast_s = 0.0
    for q in sample:
        t0 = time.perf_counter()
        full = {c.key for c in index.search_exhaustive(q, limit=10**9)}
        exhaustive_s += time.perf_counter() - t0
        t0 = time.perf_counter()
        fast = {c.key for c in index.search(q, limit=10**9)}
        fast_s += time.perf_counter() - t0
        kept += len(full & fast)
        total += len(full)
        for key in full - fast:
            print(f"  lost: {q!r} -> {names[key][0]!r}")
    print(
        f"exhaustive: {exhaustive_s / len(sample) * 1000:.0f} ms/query, index "
        f"{fast_s / len(sample) * 1000:.1f} ms/query: {exhaustive_s / fast_s:.0f}x faster"
    )
    print(f"exhaustive hits kept: {kept}/{total} = {kept / max(1, total):.4f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {rss:.0f} MB")


def _alter(text: str, rng: random.Random) -> str:
    """A cheap order-file-like variation so the query cache is not the thing measured."""
    if len(text) < 4:
        return text
    i = rng.randrange(len(text) - 1)
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]


if __name__ == "__main__":
    main()
