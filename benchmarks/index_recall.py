"""Index recall: the hits the name index keeps of those an exhaustive scoring finds.

    nice .venv/bin/python benchmarks/index_recall.py [--queries N] [--home HOME] [--seed S]
                                                     [--unfiltered N]

Imports every file in ../shared/data/lists (or $SCREENER_LISTS) into a temporary home (or uses
HOME, a home with lists already imported), then builds N queries (default 500): half listed
names with one edit (hyphens, word order, a vowel, words run together or split), half clean
names. Each is scored against every listed name with the project's own scorer (the
reference) and searched through the index as screening does (`NameIndex.search`); a hit the
index loses is listed with its score. The reference scores every name behind the reach
pre-filter (about a second per query on ~90k names); the first `--unfiltered` queries (default
20) are also scored without it (`NameIndex.search_exhaustive`, seconds per query), and any
difference is printed: the filter must never change a hit.
Aim (issue 18): no exhaustive hit lost on 500 queries.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).parent))
from synthetic_names import clean_name, edited

if TYPE_CHECKING:
    from screener.core.names.name_index import NameIndex

_ALL = 10_000  # every hit, not only those a screen shows


def queries(listed: list[str], n: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    out = [edited(rng.choice(listed), rng) for _ in range(n - n // 2)]
    return out + [(clean_name(rng), "clean") for _ in range(n // 2)]


def cause(index: NameIndex, query: str, key: int) -> str:
    """Why the index did not find a listed name: no key met, too small a share of the rank
    weight, or ranked beyond the candidates scored (checked for each normalisation the search
    tries)."""
    from screener.core.names import candidates
    from screener.core.names import name_index as ni
    from screener.core.names.normalize import normalize_name

    rows = {r for r in range(len(index)) if index._keys[r] == key}
    found = []
    for kind in (None, "person"):
        acc: defaultdict[int, float] = defaultdict(float)
        best = index._accumulate(normalize_name(query, kind=kind), acc)
        mine = max((acc[r] for r in rows if r in acc), default=None)
        if mine is None:
            found.append("no blocking key")
        elif mine < candidates.RANK_SHARE * best:
            found.append(f"share {mine / best:.2f} < {candidates.RANK_SHARE}")
        else:
            ahead = sum(1 for w in acc.values() if w > mine)
            tied = sum(1 for w in acc.values() if w == mine)
            found.append(
                f"ranked {ahead + 1}-{ahead + tied}; {ni.DEFAULT_CANDIDATES} taken at a time"
                " while the last ranks taken hit"
            )
    return " / ".join(dict.fromkeys(found))


def main() -> None:
    from screener.cli.demo import lists_folder
    from screener.core.lists.importing import import_lists
    from screener.core.names.matching import DEFAULT_THRESHOLD as THRESHOLD
    from screener.core.names.search import open_index
    from screener.core.record.database.store import Store

    ap = argparse.ArgumentParser()
    ap.add_argument("--queries", type=int, default=500)
    ap.add_argument("--home", type=Path)
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--unfiltered", type=int, default=20)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = args.home or Path(tmp) / "home"
        store = Store.open(home)
        if args.home is None:
            list(import_lists(store, [lists_folder()]))
        index = open_index(store).names
        listed = [
            r[0]
            for r in store.db.execute(
                "SELECT name FROM list_names WHERE length(name) BETWEEN 6 AND 60 ORDER BY id"
            )
        ]
        qs = queries(listed, args.queries, args.seed)
        print(f"{len(index):,} names; {len(qs)} queries "
              f"({Counter(kind for _, kind in qs).most_common()})")  # fmt: skip
        kept = total = 0
        lost: list[tuple[str, str, str, float, str]] = []
        by_kind: Counter[str] = Counter()
        lost_kind: Counter[str] = Counter()
        t_exh = t_idx = 0.0
        filter_changed = 0
        every = range(len(index))
        for i, (query, kind) in enumerate(qs, 1):
            t = time.perf_counter()
            reference = index._score_rows(query, every, kind=None, threshold=THRESHOLD, limit=_ALL)
            t_exh += time.perf_counter() - t
            if i <= args.unfiltered and index.search_exhaustive(query, limit=_ALL) != reference:
                filter_changed += 1
                print(f"  FILTER CHANGED THE HITS of {query!r}")
            t = time.perf_counter()
            found = {c.key for c in index.search(query, limit=_ALL)}
            t_idx += time.perf_counter() - t
            total += len(reference)
            by_kind[kind] += len(reference)
            for cand in reference:
                if cand.key in found:
                    kept += 1
                else:
                    lost.append((kind, query, cand.name, cand.score, cause(index, query, cand.key)))
                    lost_kind[kind] += 1
            if i % 50 == 0:
                print(f"  {i} queries: {kept}/{total} hits kept", flush=True)
        share = kept / total if total else 1.0
        print(f"exhaustive {t_exh:7.1f} s ({t_exh / len(qs):.2f} s/query)   "
              f"index {t_idx:6.2f} s ({len(qs) / max(t_idx, 1e-9):.0f} queries/s)")  # fmt: skip
        print(f"hits kept {kept} of {total} ({share:.1%}); lost {len(lost)}")
        checked = min(args.unfiltered, len(qs))
        print(f"pre-filter: hits changed on {filter_changed} of {checked} queries scored both ways")
        for kind in sorted(by_kind):
            print(f"  {kind:<13} {by_kind[kind] - lost_kind[kind]:>5} of {by_kind[kind]:>5} kept")
        for kind, query, name, score, why in sorted(lost, key=lambda x: -x[3]):
            print(f"  LOST [{kind}] {query!r} -> {name!r} ({score:.3f}; {why})")
        print("aim: 100% of exhaustive hits kept on 500 queries")


if __name__ == "__main__":
    main()
