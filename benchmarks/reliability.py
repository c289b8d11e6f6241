"""Reliability under hostile input, kills, concurrency and tampering: what happened, in a table.

    .venv/bin/python benchmarks/reliability.py

1. Every file of the bad-input corpus (tests/reliability/make_bad_inputs.py, generated in a
   temporary folder) through the real entry points, each in a child process limited to 1.5 GiB:
   how it ended, seconds, peak MB, and whether the database stayed as it was.
2. SIGKILL during list import (three timings; needs ../shared/data/lists) and while deciding.
3. Two processes deciding, and two processes screening and deciding, on one database.
4. Tampering with the decision log by plain sqlite3: is each case named by `audit verify`?
It ends with "data lost: N": acknowledged writes missing from the database afterwards.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from screener.core.record import audit, decisions  # noqa: E402
from screener.core.record.store import Store  # noqa: E402
from tests.conftest import shared_root  # noqa: E402
from tests.reliability import harness  # noqa: E402
from tests.reliability import test_crash_and_concurrency as crash  # noqa: E402
from tests.reliability.make_bad_inputs import generate  # noqa: E402

TAMPER = [
    ("UPDATE decisions SET action = 'cleared' WHERE id = 1", "decisions record 1"),
    ("UPDATE lines SET verdict = 'clear' WHERE id = 2", "lines record 2"),
    ("DELETE FROM decisions WHERE id = 1", "decisions record 1"),
    (
        "INSERT INTO decisions (run_id, line_id, action, justification, operator, host,"
        " decided_at) VALUES (1, 1, 'cleared', 'x', 'eve', 'h', '2024-01-01')",
        "inserted outside Screener",
    ),
    ("DELETE FROM audit_chain WHERE seq = 4", "records were removed"),
    ("UPDATE run_ends SET status = 'completed', lines = 99 WHERE id = 1", "run_ends record 1"),
]


def _short(text: str, width: int = 78) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def bad_inputs(tmp: Path) -> int:
    folder = tmp / "corpus"
    cases = generate(folder)
    print(f"\n1. bad inputs: {len(cases)} files, each in a child limited to 1.5 GiB\n")
    print(f"{'kind':<6} {'file':<26} {'expect':<6} {'ok':<4} {'s':>5} {'peak MB':>7}  how it ended")
    failures = 0
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
        failures += not ok
        message = result.summary().replace(str(case.path(folder)), case.name)
        if result.db_problems:
            message = f"DATABASE: {result.db_problems}"
        print(
            f"{case.kind:<6} {case.name:<26} {case.expect:<6} {'yes' if ok else 'NO':<4} "
            f"{result.seconds:>5.2f} {result.peak_mb:>7.0f}  {_short(message)}"
        )
    print(f"\n   {len(cases) - failures}/{len(cases)} ended as expected, database unchanged")
    return failures


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
            from screener.core.record.store import Store
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
    rest, _ = proc.communicate(timeout=30)
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


def _tamper(path: Path, statement: str) -> None:
    conn = sqlite3.connect(path)
    for t in ("decisions", "lines", "hits", "runs", "audit_chain", "run_ends"):
        conn.execute(f"DROP TRIGGER IF EXISTS {t}_no_update")
        conn.execute(f"DROP TRIGGER IF EXISTS {t}_no_delete")
    conn.execute(statement)
    conn.commit()
    conn.close()


def tampering(tmp: Path) -> tuple[int, int]:
    print("\n4. tampering with plain sqlite3 (guards dropped first)\n")
    detected = 0
    for n, (statement, named) in enumerate(TAMPER):
        home = tmp / f"tamper-{n}"
        home.mkdir()
        line_ids = crash._seed_run(home, 3)
        store = Store.open(home)
        decisions.record_decision(store, line_id=line_ids[0], action="hold", justification="x")
        store.close()
        _tamper(home / "screener.db", statement)
        store = Store.open(home)
        report = audit.verify(store)
        store.close()
        hit = not report.ok and any(named in p for p in report.problems)
        detected += hit
        first = report.problems[0] if report.problems else "(nothing reported)"
        print(
            f"   {'detected' if hit else 'MISSED  '}  {_short(statement, 60):<60}  "
            f"{_short(first, 60)}"
        )
    print(f"\n   tamper cases detected: {detected}/{len(TAMPER)}")
    return detected, len(TAMPER)


def main() -> int:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        failures = bad_inputs(tmp)
        survived, tried, lost_kills = kills(tmp)
        lost_conc = concurrency(tmp)
        detected, tampered = tampering(tmp)
    lost = lost_kills + lost_conc
    print(f"\nbad inputs not ended as expected: {failures}; kills survived: {survived}/{tried}; "
          f"tamper cases detected: {detected}/{tampered}")  # fmt: skip
    print(f"data lost: {lost}")
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0 if not failures and survived == tried and detected == tampered and not lost else 1


if __name__ == "__main__":
    raise SystemExit(main())
