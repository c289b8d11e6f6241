"""Reliability under hostile input, kills, concurrency and tampering: what happened, in a table.

    .venv/bin/python benchmarks/reliability.py

1. Every file of the bad-input corpus (tests/reliability/make_bad_inputs.py, generated in a
   temporary folder) through the real entry points, each in a child process limited to 1.5 GiB:
   how it ended, seconds, peak MB, and whether the database stayed as it was.
2. SIGKILL during list import (three timings; needs ../shared/data/lists) and while deciding.
3. Two processes deciding, and two processes screening and deciding, on one database.
4. Tampering with the decision log and the list data by plain sqlite3, truncation and whole-chain
   rewrites included: is each case named by `audit verify`?
5. Store faults (damaged file, newer schema, held lock, pipes and devices) and CLI argument
   mistakes, each through `screener` in a child: one line, no traceback, no hang, db unchanged.
6. `audit verify` on a 100,000-line database: the chain alone (as before list data joined it)
   beside the integrity check, the list data and the full verify, in the same run.
It ends with the figures: cases, clear messages, tracebacks, hangs, tamper cases detected/total,
and "data lost: N": acknowledged writes missing from the database afterwards.
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks import reliability_faults as faults_mod  # noqa: E402
from screener.core.record import audit  # noqa: E402
from screener.core.record.database.store import Store  # noqa: E402
from tests.conftest import shared_root  # noqa: E402
from tests.reliability import harness, tampering  # noqa: E402
from tests.reliability import test_crash_and_concurrency as crash  # noqa: E402
from tests.reliability.make_bad_inputs import generate  # noqa: E402


def _short(text: str, width: int = 78) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@dataclass
class BadInputs:
    cases: int = 0
    failures: int = 0
    clear: int = 0  # expected errors that ended in one line naming the file
    tracebacks: int = 0
    hangs: int = 0
    db_changed: int = 0


def bad_inputs(tmp: Path) -> BadInputs:
    folder = tmp / "corpus"
    cases = generate(folder)
    print(f"\n1. bad inputs: {len(cases)} files, each in a child limited to 1.5 GiB\n")
    print(f"{'kind':<6} {'file':<26} {'expect':<6} {'ok':<4} {'s':>5} {'peak MB':>7}  how it ended")
    stats = BadInputs(cases=len(cases))
    for n, case in enumerate(cases):
        home = tmp / f"home-{n}"
        home.mkdir()
        result = harness.run_isolated(case, folder, home)
        outcomes = {a.outcome for a in result.attempts}
        ok = outcomes == {case.expect} and not result.db_problems
        if case.expect == "lines":
            ok = ok and all(
                a.lines == case.lines for a in result.attempts if a.entry != "inspect_orders"
            )
        crashes = [a for a in result.attempts if a.outcome == "crash"]
        stats.hangs += any(a.message.startswith("hung:") for a in crashes)
        stats.tracebacks += any(not a.message.startswith("hung:") for a in crashes)
        stats.db_changed += bool(result.db_problems)
        stats.clear += case.expect == "error" and all(
            a.outcome == "error" and "\n" not in a.message and str(case.path(folder)) in a.message
            for a in result.attempts
        )
        stats.failures += not ok
        message = result.summary().replace(str(case.path(folder)), case.name)
        if result.db_problems:
            message = f"DATABASE: {result.db_problems}"
        print(
            f"{case.kind:<6} {case.name:<26} {case.expect:<6} {'yes' if ok else 'NO':<4} "
            f"{result.seconds:>5.2f} {result.peak_mb:>7.0f}  {_short(message)}"
        )
    print(f"\n   {len(cases) - stats.failures}/{len(cases)} ended as expected, database unchanged")
    return stats


def _consistent(home: Path) -> bool:
    try:
        crash._consistent(home).close()
    except AssertionError as exc:
        print(f"   inconsistent: {exc}")
        return False
    return True


def kills(tmp: Path) -> tuple[int, int, int]:
    """(survived, tried, acknowledged decisions lost)."""
    print("\n2. SIGKILL mid-write\n")
    survived = tried = lost = 0
    lists = shared_root() / "data" / "lists"
    for delay in (0.8, 2.0, 3.5) if lists.is_dir() else ():
        home = tmp / f"kill-import-{delay}"
        home.mkdir()
        proc = crash._python(
            f"""
            from pathlib import Path
            from screener.core.lists.importing import import_lists
            from screener.core.record.database.store import Store
            store = Store.open(Path({str(home)!r}))
            for o in import_lists(store, [Path({str(lists)!r})]):
                print(o.status.value, flush=True)
            """,
            home,
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
        ok = _consistent(home)
        store = Store.open(home)
        kept = len(store.list_versions())
        store.close()
        imported = out.count("imported")
        lost += max(0, imported - kept)
        ok = ok and kept >= imported
        tried += 1
        survived += ok
        print(f"   import killed at {delay:.1f} s: {imported} lists reported imported, "
              f"{kept} complete on disk, consistent: {'yes' if ok else 'NO'}")  # fmt: skip
    if not lists.is_dir():
        print(f"   (import kills skipped: {lists} not found)")
    home = tmp / "kill-decide"
    home.mkdir()
    line_ids = crash._seed_run(home, 50)
    code = crash.DECIDE.format(home=str(home), line_ids=line_ids, per_line=50, tag="K")
    proc = crash._python(code, home)
    assert proc.stdout is not None
    acknowledged = 0
    while acknowledged < 200:
        line = proc.stdout.readline()
        if not line:
            break
        acknowledged += line.startswith("ok")
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    rest = proc.stdout.read()  # with the lines readline() read ahead; communicate() misses them
    proc.communicate(timeout=30)
    acknowledged += rest.count("ok")
    ok = _consistent(home)
    store = Store.open(home)
    recorded = store.db.execute("SELECT count(*) FROM decisions").fetchone()[0]
    store.close()
    lost += max(0, acknowledged - recorded)
    ok = ok and recorded >= acknowledged
    tried += 1
    survived += ok
    print(f"   deciding killed: {acknowledged} decisions acknowledged, {recorded} on disk, "
          f"consistent: {'yes' if ok else 'NO'}")  # fmt: skip
    print(f"\n   kills survived: {survived}/{tried}")
    return survived, tried, lost


def _run_pair(
    home: Path, make: Callable[[str], str], timeout: float = 180
) -> tuple[list[str], list[str]]:
    procs = [crash._python(make(tag), home) for tag in ("A", "B")]
    outs = [p.communicate(timeout=timeout) for p in procs]
    errors = [
        err for p, (_, err) in zip(procs, outs, strict=True) if p.returncode or "locked" in err
    ]
    return [line for out, _ in outs for line in out.splitlines()], errors


def concurrency(tmp: Path) -> int:
    print("\n3. two processes writing one database at once\n")
    lost = 0
    home = tmp / "conc-decide"
    home.mkdir()
    line_ids = crash._seed_run(home, 20)
    out, errors = _run_pair(
        home,
        lambda tag: crash.DECIDE.format(home=str(home), line_ids=line_ids, per_line=5, tag=tag),
    )
    ok = _consistent(home) and not errors
    store = Store.open(home)
    recorded = store.db.execute("SELECT count(*) FROM decisions").fetchone()[0]
    store.close()
    acknowledged = out.count("ok")
    lost += max(0, acknowledged - recorded)
    print(f"   deciding + deciding: {2 * 20 * 5} decisions attempted, {acknowledged} acknowledged, "
          f"{recorded} recorded; errors: {len(errors)}; "
          f"audit verify: {'ok' if ok else 'BROKEN'}")  # fmt: skip

    home = tmp / "conc-screen"
    home.mkdir()
    harness.seeded_store(home).close()
    line_ids = crash._seed_run(home, 60)
    orders = tmp / "conc-orders.csv"
    rows = ["Order No;Line;Customer;Ship-to Country;HS Code;Description"]
    rows += [f"{n};1;Customer {n} GmbH;DE;8542.31;Chips" for n in range(crash.LINES)]
    orders.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out, errors = _run_pair(
        home,
        lambda tag: crash.SCREEN_AND_DECIDE.format(
            home=str(home), line_ids=line_ids, runs=crash.RUNS, orders=str(orders), tag=tag
        ),
    )
    ok = _consistent(home) and not errors
    store = Store.open(home)
    db = store.db
    screened = [line.split() for line in out if line.startswith("run ")]
    lines_ack = sum(int(r[3]) for r in screened)
    lines_on_disk = sum(
        db.execute("SELECT count(*) FROM lines WHERE run_id = ?", [int(r[1])]).fetchone()[0]
        for r in screened
    )
    decided = out.count("ok")
    recorded = db.execute("SELECT count(*) FROM decisions").fetchone()[0]
    store.close()
    lost += max(0, lines_ack - lines_on_disk) + max(0, decided - recorded)
    print(f"   screening + deciding: {2 * crash.RUNS} runs of {crash.LINES} lines attempted, "
          f"{len(screened)} completed, {lines_ack} lines acknowledged, {lines_on_disk} stored; "
          f"{2 * 60} decisions attempted, {recorded} recorded; errors: {len(errors)}; "
          f"audit verify: {'ok' if ok else 'BROKEN'}")  # fmt: skip
    return lost


def tampering_cases(tmp: Path) -> tuple[int, int]:
    print("\n4. tampering with plain sqlite3 (guards dropped first)\n")
    detected = 0
    for n, tamper in enumerate(tampering.TAMPERS):
        home = tmp / f"tamper-{n}"
        home.mkdir()
        tampering.seed(home)
        tampering.apply(home / "screener.db", tamper)
        store = Store.open(home)
        report = audit.verify(store)
        store.close()
        hit = not report.ok and any(tamper.named in p for p in report.problems)
        detected += hit
        first = report.problems[0] if report.problems else "(nothing reported)"
        print(f"   {'detected' if hit else 'MISSED  '}  {_short(tamper.what, 48):<48}  "
              f"{_short(first, 72)}")  # fmt: skip
    print(f"\n   tamper cases detected: {detected}/{len(tampering.TAMPERS)}")
    return detected, len(tampering.TAMPERS)


def faults(tmp: Path) -> list[faults_mod.Outcome]:
    print("\n5. store faults and CLI arguments, each `screener` in a child process\n")
    results = faults_mod.store_and_cli_cases(tmp)
    for r in results:
        ok = r.clear and not r.traceback and not r.hung and r.db_unchanged
        print(f"   {'yes' if ok else 'NO ':<4} {r.name:<44} {_short(r.said, 70)}"
              f"{'' if r.db_unchanged else '  DATABASE CHANGED'}")  # fmt: skip
    return results


def verify_time(tmp: Path) -> None:
    lists = shared_root() / "data" / "lists"
    figures = faults_mod.verify_cost(tmp, lists if lists.is_dir() else None)
    print(f"\n6. audit verify on {figures.pop('lines'):,.0f} lines and "
          f"{figures.pop('entries'):,.0f} list entries, same run\n")  # fmt: skip
    for what, seconds in figures.items():
        print(f"   {what:<34} {seconds:>7.2f} s")


def main() -> int:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        bad = bad_inputs(tmp)
        survived, tried, lost_kills = kills(tmp)
        lost_conc = concurrency(tmp)
        detected, tampered = tampering_cases(tmp)
        fault_results = faults(tmp)
        verify_time(tmp)
    lost = lost_kills + lost_conc
    cases = bad.cases + len(fault_results)
    clear = bad.clear + sum(r.clear for r in fault_results)
    tracebacks = bad.tracebacks + sum(r.traceback for r in fault_results)
    hangs = bad.hangs + sum(r.hung for r in fault_results)
    changed = bad.db_changed + sum(not r.db_unchanged for r in fault_results)
    print(f"\ncases: {cases} (bad inputs {bad.cases}, store faults and arguments "
          f"{len(fault_results)}); ended as expected: {bad.cases - bad.failures} + "
          f"{sum(r.clear and r.db_unchanged for r in fault_results)}")  # fmt: skip
    print(f"clear one-line messages: {clear}; tracebacks: {tracebacks}; hangs: {hangs}; "
          f"databases changed: {changed}")  # fmt: skip
    print(f"kills survived: {survived}/{tried}; tamper cases detected: {detected}/{tampered}")
    print(f"data lost: {lost}")
    print(f"({time.perf_counter() - started:.0f} s)")
    ok = not bad.failures and survived == tried and detected == tampered and not lost
    return 0 if ok and not tracebacks and not hangs and not changed else 1


if __name__ == "__main__":
    raise SystemExit(main())
