"""Eight officers on one team database, then the same workload on one SQLite file.

    nice .venv/bin/python benchmarks/team_concurrency.py [--seconds 45] [--officers 8]

Starts a throwaway PostgreSQL server (tests/pgcluster.py), sets it up with `team init`, imports
the UN list (from ../shared, else the bundled self-test list) as an admin login, and starts N
officer processes, each with its own login. For the time given each officer screens 1,000-line
order batches (one party per line, about one in ten a listed name) through the real screening
engine, then records a decision on every hit, timing each decision. Afterwards: decisions
requested / recorded (0 lost is the aim), the audit chain verified, p50/p95 decision latency
(aim < 100 ms), lines/s over all officers. Then the same on SQLite (one file, N processes), the
baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import signal
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from screener.core.lists.importing import import_lists  # noqa: E402
from screener.core.record import audit, decisions, postgres, runs, team  # noqa: E402
from screener.core.record.store import Store  # noqa: E402
from screener.core.resources import resources_dir  # noqa: E402
from screener.core.screening.run import Source, run_screening, screen_lines  # noqa: E402
from tests import pgcluster  # noqa: E402
from tests.conftest import shared_root  # noqa: E402

LINES_PER_FILE = 1_000
INNOCENT = ["Nordic Tools AB", "Tokyo Precision KK", "Bakery Schmidt GmbH", "Rossi Meccanica SpA",
            "Anadolu Dagitim Ltd Sti", "Pacific Freight Pty Ltd", "Hansen & Soen A/S"]  # fmt: skip


@dataclass(frozen=True)
class Party:
    role: str
    name: str
    country: str
    address: str = ""


@dataclass(frozen=True)
class Line:
    row: int
    parties: tuple[Party, ...]
    hs_code: str
    destination: str
    transit: tuple[str, ...] = ()
    description: str = "machine parts"
    order_no: str = "SO-1"
    line_no: str = "1"
    problems: tuple[str, ...] = ()
    cells: tuple[tuple[str, str], ...] = ()


def list_file() -> Path:
    un = shared_root() / "data/lists/un/consolidated_xml_2026-02-27/consolidated.xml"
    return un if un.exists() else resources_dir() / "selftest" / "un_selftest.xml"


def officer(env: dict[str, str], home: str, seconds: float, seed: int, out: Any) -> None:
    try:
        out.put(_officer(env, home, seconds, seed))
    except Exception as exc:  # the parent reports it instead of waiting forever
        out.put(exc)


def _officer(env: dict[str, str], home: str, seconds: float, seed: int) -> tuple[Any, ...]:
    os.environ.update(env)
    store = Store.open(Path(home))
    versions = [v.id for v in store.current_versions()]
    listed = [r.name for r in store.iter_names(versions) if r.is_primary][:500]
    rng = random.Random(seed)
    requested = acknowledged = lines = 0
    latencies: list[float] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        batch = [
            Line(
                r,
                (Party("buyer", rng.choice(listed if rng.random() < 0.1 else INNOCENT), ""),),
                "8466.93",
                "DE",
                line_no=str(r),
            )
            for r in range(2, 2 + LINES_PER_FILE)
        ]
        source = Source(f"orders-{seed}-{lines}.xlsx", f"{seed:064d}", "", {})
        summary = run_screening(screen_lines(store, batch, source=source))
        lines += summary.lines
        # Read the hits first: SQLite cannot turn a connection's open read into a write.
        for _row, hit in list(runs.iter_run_hits(store, summary.run_id)):
            if time.monotonic() >= deadline:
                break
            requested += 1
            start = time.perf_counter()
            decisions.record_decision(
                store,
                line_id=hit.line_id,
                hit_id=hit.id,
                action="cleared",
                reason="different_dob",
                justification=f"benchmark officer {seed}: born 1961, the listed person 1984",
            )
            latencies.append(time.perf_counter() - start)
            acknowledged += 1
    store.close()
    return requested, acknowledged, lines, latencies


def workload(label: str, envs: list[dict[str, str]], home: Path, n: int, seconds: float) -> None:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    procs = [
        ctx.Process(target=officer, args=(envs[i], str(home), seconds, i + 1, queue))
        for i in range(n)
    ]
    started = time.perf_counter()
    for p in procs:
        p.start()
    results = [queue.get(timeout=seconds + 600) for _ in procs]
    failed = [r for r in results if isinstance(r, Exception)]
    if failed:
        print(f"{label}: {len(failed)} officer(s) failed: {failed[0]!r}")
    results = [r for r in results if not isinstance(r, Exception)]
    for p in procs:
        p.join()
    elapsed = time.perf_counter() - started
    requested = sum(r[0] for r in results)
    acknowledged = sum(r[1] for r in results)
    lines = sum(r[2] for r in results)
    latencies = sorted(x for r in results for x in r[3])
    os.environ.update(envs[0])
    store = Store.open(home)
    recorded = store.db.execute(
        "SELECT count(*) FROM decisions WHERE justification LIKE 'benchmark officer%'"
    ).fetchone()[0]
    report = audit.verify(store)
    p50 = statistics.median(latencies) * 1000 if latencies else 0.0
    p95 = latencies[int(0.95 * (len(latencies) - 1))] * 1000 if latencies else 0.0
    print(
        f"{label:<22} {n} officers {elapsed:5.0f} s  decisions requested {requested:,}"
        f" acknowledged {acknowledged:,} recorded {recorded:,} (lost {acknowledged - recorded})"
        f"  chain {'verified' if report.ok else 'BROKEN'} ({report.records:,} records)"
        f"  decision p50 {p50:.1f} ms p95 {p95:.1f} ms  {lines / elapsed:,.0f} lines/s"
    )
    store.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=45.0)
    parser.add_argument("--officers", type=int, default=8)
    args = parser.parse_args()
    os.environ.pop("SCREENER_DB", None)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # still stop the server
    print(f"lists: {list_file().name}; {LINES_PER_FILE:,}-line files; {os.cpu_count()} cores")
    cluster = pgcluster.Cluster()
    try:
        name = pgcluster.team_template(cluster, "bench")  # "everyone": admin + officer + sup.
        owner = postgres.connect(cluster.url(pgcluster.OWNER, name))
        envs = []
        for i in range(args.officers):
            team.add_user(owner, f"officer{i + 1}", "officer", pgcluster.PASSWORD)
            envs.append({"SCREENER_DB": cluster.url(f"officer{i + 1}", name)})
        owner.close()
        with tempfile.TemporaryDirectory() as tmp:
            os.environ["SCREENER_DB"] = cluster.url("everyone", name)
            list(import_lists(Store.open(Path(tmp) / "admin"), [list_file()]))
            workload("PostgreSQL (team)", envs, Path(tmp) / "pg", args.officers, args.seconds)
            os.environ.pop("SCREENER_DB", None)
            sqlite_home = Path(tmp) / "sqlite"
            list(import_lists(Store.open(sqlite_home), [list_file()]))
            workload("SQLite (baseline)", [{}] * args.officers, sqlite_home, args.officers,
                     args.seconds)  # fmt: skip
    finally:
        cluster.destroy()
    return 0


if __name__ == "__main__":
    sys.exit(main())
