"""Matching quality on the development set: precision, recall, F1 per treatment and overall.

    .venv/bin/python benchmarks/matching_quality.py [companies_dev.csv] [--no-lists]

Positives: the query must score >= DEFAULT_THRESHOLD against its listed `target_name`, and the
index must return it. Negatives: a false alert is any name of the index at or above the
threshold. The index holds every distinct `target_name` of the set plus, unless --no-lists,
every name of every list file under ../shared/data/lists that an importer can parse.
Precision is computed from the positives found and the negatives alerted (one alert per row).
"""

from __future__ import annotations

import csv
import sys
import time
from collections import defaultdict
from pathlib import Path

from screener.core.names.matching import DEFAULT_THRESHOLD, name_similarity
from screener.core.names.name_index import IndexedName, NameIndex

SHARED = Path(__file__).resolve().parents[2] / "shared"


def list_names() -> list[tuple[str, str | None]]:
    """Every (name, kind) of the list files, if the importers can read them."""
    try:
        from screener.core.lists.importers import detect
        from screener.core.lists.importing import collect_files, plan_imports
    except ImportError as exc:
        print(f"(importers unavailable: {exc})")
        return []
    primaries, _ = plan_imports(collect_files([SHARED / "data" / "lists"]))
    out: list[tuple[str, str | None]] = []
    for path in primaries:
        try:
            parsed = detect(path).parse(path)
        except Exception as exc:  # a benchmark reports and carries on
            print(f"(skipped {path.name}: {exc})")
            continue
        for entry in parsed.entries:
            for name, _quality in entry.all_names():
                out.append((name, entry.type.value))
    return out


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    path = Path(args[0]) if args else SHARED / "eval" / "companies_dev.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))

    names: dict[str, str | None] = {
        r["target_name"]: "organization" for r in rows if r["target_name"]
    }
    if "--no-lists" not in sys.argv:
        for name, kind in list_names():
            names.setdefault(name, kind)
    t0 = time.perf_counter()
    index = NameIndex.build(
        IndexedName(i, name, kind) for i, (name, kind) in enumerate(names.items())
    )
    print(f"index: {len(index):,} names built in {time.perf_counter() - t0:.2f} s\n")

    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # treatment -> [hits, rows]
    alerts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: list[tuple[str, str, float]] = []
    false_alerts: list[tuple[str, str, float]] = []
    t0 = time.perf_counter()
    for r in rows:
        query, treatment = r["query"], r["treatment"]
        if r["is_match"] == "true":
            score = name_similarity(query, r["target_name"], kind="organization")
            found = score >= DEFAULT_THRESHOLD and any(
                c.name == r["target_name"] for c in index.search(query, limit=50)
            )
            stats[treatment][0] += found
            stats[treatment][1] += 1
            if not found:
                misses.append((query, r["target_name"], score))
        else:
            hits = index.search(query, limit=1)
            alerts[treatment][0] += bool(hits)
            alerts[treatment][1] += 1
            if hits:
                false_alerts.append((query, hits[0].name, hits[0].score))
    elapsed = time.perf_counter() - t0

    print(f"{'treatment (positives)':<40} {'recall':>7} {'n':>5}")
    for treatment, (hit, n) in sorted(stats.items(), key=lambda kv: -kv[1][1]):
        print(f"{treatment:<40} {hit / n:>7.3f} {n:>5}")
    print(f"\n{'treatment (negatives)':<40} {'alerts':>7} {'n':>5}")
    for treatment, (hit, n) in sorted(alerts.items(), key=lambda kv: -kv[1][1]):
        print(f"{treatment:<40} {hit / n:>7.3f} {n:>5}")

    tp = sum(h for h, _ in stats.values())
    pos = sum(n for _, n in stats.values())
    fp = sum(h for h, _ in alerts.values())
    neg = sum(n for _, n in alerts.values())
    recall = tp / pos
    precision = tp / (tp + fp) if tp + fp else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    hard = [v for k, v in alerts.items() if k.startswith("hard_negative")]
    plain = [v for k, v in alerts.items() if not k.startswith("hard_negative")]
    print(
        f"\nthreshold {DEFAULT_THRESHOLD}: precision {precision:.3f}  recall {recall:.3f}  "
        f"F1 {f1:.3f}"
    )
    print(
        f"false-alert rate: negatives {sum(h for h, _ in plain) / sum(n for _, n in plain):.3f}"
        f"  hard negatives {sum(h for h, _ in hard) / sum(n for _, n in hard):.3f}  "
        f"all {fp / neg:.3f}"
    )
    print(f"{len(rows):,} queries in {elapsed:.1f} s ({len(rows) / elapsed:,.0f}/s)")
    if "--show" in sys.argv:
        print("\nmisses:")
        for q, t, s in misses:
            print(f"  {s:.2f}  {q!r}  ->  {t!r}")
        print("\nfalse alerts:")
        for q, t, s in false_alerts:
            print(f"  {s:.2f}  {q!r}  ->  {t!r}")


if __name__ == "__main__":
    main()
