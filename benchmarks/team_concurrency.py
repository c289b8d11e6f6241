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

On PostgreSQL the workload runs twice on the same database: first with the decision path as it
was ("reads under lock": line, hits and earlier decisions all read after taking the write lock),
then as it is (line and hits read before the lock). Each officer also counts, per write
transaction, how long it waited for the advisory write lock and how long it held it, and per
decision the statements sent and the round trips waited for under the lock.
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
from screener.core.record import audit, runs  # noqa: E402
from screener.core.record.database import postgres, team  # noqa: E402
from screener.core.record.database.store import Store  # noqa: E402
from screener.core.record.review import decisions  # noqa: E402
from screener.core.record.review.decision_model import Target  # noqa: E402
from screener.core.record.review.decision_writer import DecisionWriter  # noqa: E402
from screener.core.resources import resources_dir  # noqa: E402
from screener.core.rules.policy import load_policy  # noqa: E402
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


def decide_reads_under_lock(store: Store, **kw: Any) -> Any:
    """The decision path before: the line, its hits and earlier decisions read under the lock."""
    with store.write() as db:
        return DecisionWriter(db, load_policy()).record(
            Target(kw["line_id"], kw["hit_id"], None),
            kw["action"],
            kw["justification"],
            reason=kw["reason"],
        )


class LockProbe:
    """Per write transaction on PostgreSQL: lock wait, lock hold, and (for decisions)
    statements and round trips; patched into this officer process only."""

    def __init__(self) -> None:
        self.in_decision = False
        self.begun = self.locked = 0.0
        self.statements = self.trips = 0
        self.waits: list[float] = []
        self.holds: dict[str, list[float]] = {"decision": [], "other": []}
        self.per_decision: list[tuple[int, int]] = []  # (statements, round trips under lock)
        run, end = postgres.PgConnection._run, postgres.PgConnection._end
        probe = self

        def _run(conn: Any, statement: str, params: Any) -> Any:
            if statement == "BEGIN":
                probe.begun, probe.statements, probe.trips = time.perf_counter(), 0, 0
            probe.statements += 1
            if conn._pipeline is not None and not postgres._result_unused(statement):
                probe.trips += 1
            cur = run(conn, statement, params)
            if "pg_advisory_xact_lock" in statement:
                probe.locked = time.perf_counter()
                probe.waits.append(probe.locked - probe.begun) if probe.in_decision else None
            return cur

        def _end(conn: Any, text: str) -> Any:
            out = end(conn, text)
            if probe.locked:
                kind = "decision" if probe.in_decision else "other"
                probe.holds[kind].append(time.perf_counter() - probe.locked)
                if probe.in_decision:
                    probe.per_decision.append((probe.statements, probe.trips))
                probe.locked = 0.0
            return out

        postgres.PgConnection._run = _run  # type: ignore[method-assign]
        postgres.PgConnection._end = _end  # type: ignore[method-assign]


def officer(env: dict[str, str], home: str, seconds: float, seed: int, mode: str, out: Any) -> None:
    try:
        out.put(_officer(env, home, seconds, seed, mode))
    except Exception as exc:  # the parent reports it instead of waiting forever
        out.put(exc)


def _officer(
    env: dict[str, str], home: str, seconds: float, seed: int, mode: str
) -> tuple[Any, ...]:
    os.environ.update(env)
    probe = LockProbe()
    decide = decide_reads_under_lock if mode == "reads under lock" else decisions.record_decision
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
            probe.in_decision = True
            decide(
                store,
                line_id=hit.line_id,
                hit_id=hit.id,
                action="cleared",
                reason="different_dob",
                justification=f"benchmark {mode} officer {seed}: born 1961, the listed one 1984",
            )
            probe.in_decision = False
            latencies.append(time.perf_counter() - start)
            acknowledged += 1
    store.close()
    return requested, acknowledged, lines, latencies, probe.waits, probe.holds, probe.per_decision


def _ms(values: list[float], q: float) -> str:
    values = sorted(values)
    return f"{values[int(q * (len(values) - 1))] * 1000:.1f}" if values else "-"


def workload(
    label: str, envs: list[dict[str, str]], home: Path, n: int, seconds: float, mode: str = ""
) -> None:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    procs = [
        ctx.Process(target=officer, args=(envs[i], str(home), seconds, i + 1, mode, queue))
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
        "SELECT count(*) FROM decisions WHERE justification LIKE ?", [f"benchmark {mode} officer%"]
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
    waits = [x for r in results for x in r[4]]
    holds = {k: [x for r in results for x in r[5][k]] for k in ("decision", "other")}
    per = sorted(x for r in results for x in r[6])
    if per:
        statements, trips = per[len(per) // 2]
        print(
            f"  {mode}: per decision {statements} statements, {trips} round trips under the lock;"
            f" lock wait p50 {_ms(waits, 0.5)} p95 {_ms(waits, 0.95)} ms;"
            f" lock held by a decision p50 {_ms(holds['decision'], 0.5)}"
            f" p95 {_ms(holds['decision'], 0.95)} ms; by other writes (screening)"
            f" p50 {_ms(holds['other'], 0.5)} p95 {_ms(holds['other'], 0.95)}"
            f" max {_ms(holds['other'], 1.0)} ms ({len(holds['other']):,} transactions)"
        )
    store.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=45.0)
    parser.add_argument("--officers", type=int, default=8)
    args = parser.parse_args()
    os.environ.pop("SCREENER_DB", None)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # still stop the server
    print(f"lists: {list_file().name}; {LINES_PER_FILE:,}-line files; {os.cpu_count()} cores;"
          f" load average {os.getloadavg()[0]:.1f} at the start")  # fmt: skip
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
            for mode in ("reads under lock", "line read first"):
                workload("PostgreSQL (team)", envs, Path(tmp) / "pg", args.officers, args.seconds,
                         mode)  # fmt: skip
                print(f"  load average {os.getloadavg()[0]:.1f}")
            os.environ.pop("SCREENER_DB", None)
            sqlite_home = Path(tmp) / "sqlite"
            list(import_lists(Store.open(sqlite_home), [list_file()]))
            workload("SQLite (baseline)", [{}] * args.officers, sqlite_home, args.officers,
                     args.seconds, "sqlite")  # fmt: skip
            print(f"  load average {os.getloadavg()[0]:.1f}")
    finally:
        cluster.destroy()
    return 0


if __name__ == "__main__":
    sys.exit(main())
