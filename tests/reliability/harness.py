"""Try one bad input through the real entry points and say how it ended (tests and benchmark).

`try_case` reads an order file with `read_orders`, `inspect_orders` and `screen_file`, or a
list file with `import_file` and `import_lists`, into a Store seeded with one small list, and
then checks the database is as it was. `run_isolated` does the same in a child process with
an address-space limit and a timeout, for the cases that would eat memory if mishandled.

    python -m tests.reliability.harness CASE_JSON CORPUS_DIR HOME   (the child's entry point)
"""

from __future__ import annotations

import dataclasses
import json
import os
import resource
import sqlite3
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from screener.core.errors import ScreenerError
from screener.core.lists.importing import ImportStatus, import_file, import_lists
from screener.core.orders import inspect_orders, read_orders
from screener.core.record import audit
from screener.core.record.database.store import Store
from screener.core.screening.run import run_screening, screen_file
from tests.reliability.make_bad_inputs import Case

REPO = Path(__file__).resolve().parents[2]
SEED_LIST = REPO / "tests" / "fixtures" / "uk_fcdo" / "UK-Sanctions-List.csv"
MEMORY_LIMIT = 1536 * 2**20  # RLIMIT_AS of the child: 1.5 GiB
TIMEOUT_S = 90.0


@dataclasses.dataclass
class Attempt:
    entry: str  # "read_orders", "inspect_orders", "screen_file", "import_file", ...
    outcome: str  # "error", "lines", "imported", "crash"
    message: str = ""
    lines: int = 0
    problem_rows: list[int] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Result:
    name: str
    attempts: list[Attempt]
    seconds: float
    peak_mb: float
    db_problems: list[str]

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self))

    @classmethod
    def from_json(cls, text: str) -> Result:
        data = json.loads(text)
        data["attempts"] = [Attempt(**a) for a in data["attempts"]]
        return cls(**data)

    def summary(self) -> str:
        first = self.attempts[0] if self.attempts else Attempt("?", "crash", "no attempt")
        if first.outcome == "lines":
            problems = f", problems on rows {first.problem_rows}" if first.problem_rows else ""
            return f"{first.lines} lines{problems}"
        return first.message


def seeded_store(home: Path) -> Store:
    store = Store.open(home)
    if not store.list_versions():
        outcome = import_file(store, SEED_LIST)
        assert outcome.status is ImportStatus.IMPORTED, outcome.error
    return store


def _snapshot(store: Store) -> tuple[int, int, int]:
    db = store.db
    versions = len(store.list_versions())
    completed = db.execute("SELECT count(*) FROM run_ends WHERE status = 'completed'").fetchone()[0]
    decisions = db.execute("SELECT count(*) FROM decisions").fetchone()[0]
    return versions, completed, decisions


def _guarded(entry: str, fn: Callable[[], Attempt]) -> Attempt:
    try:
        return fn()
    except ScreenerError as exc:
        return Attempt(entry, "error", str(exc))
    except BaseException as exc:  # the bug we are hunting: a traceback instead of a message
        if isinstance(exc, KeyboardInterrupt):
            raise
        tb = traceback.format_exception(exc)
        return Attempt(entry, "crash", f"{type(exc).__name__}: {exc}\n{''.join(tb)[-1500:]}")


def _orders(case: Case, path: Path, store: Store) -> list[Attempt]:
    def read() -> Attempt:
        lines = list(read_orders(path))
        rows = sorted({line.row for line in lines if line.problems})
        return Attempt("read_orders", "lines", lines=len(lines), problem_rows=rows)

    def inspect() -> Attempt:
        info = inspect_orders(path)
        return Attempt("inspect_orders", "lines", lines=len(info.preview))

    def screen() -> Attempt:
        summary = run_screening(screen_file(store, path))
        return Attempt("screen_file", "lines", lines=summary.lines)

    return [_guarded("read_orders", read), _guarded("inspect_orders", inspect),
            _guarded("screen_file", screen)]  # fmt: skip


def _list(case: Case, path: Path, store: Store) -> list[Attempt]:
    def one() -> Attempt:
        outcome = import_file(store, path)
        if outcome.status is ImportStatus.FAILED:
            return Attempt("import_file", "error", outcome.error or "")
        return Attempt("import_file", "imported", outcome.summary())

    def many() -> Attempt:
        outcomes = list(import_lists(store, [path]))
        failed = [o for o in outcomes if o.status is ImportStatus.FAILED]
        if failed:
            return Attempt("import_lists", "error", failed[0].error or "")
        return Attempt("import_lists", "imported", "; ".join(o.summary() for o in outcomes))

    return [_guarded("import_file", one), _guarded("import_lists", many)]


def database_problems(home: Path, before: tuple[int, int, int], case: Case) -> list[str]:
    problems = []
    conn = sqlite3.connect(home / "screener.db")
    try:
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
    if check != "ok":
        problems.append(f"integrity_check: {check}")
    store = Store.open(home)
    try:
        report = audit.verify(store)
        if not report.ok:
            problems.append(f"audit verify: {report.problems}")
        versions, completed, decisions = _snapshot(store)
    finally:
        store.close()
    if versions != before[0]:
        problems.append(f"list versions {before[0]} -> {versions}")
    if case.expect == "error" and completed != before[1]:
        problems.append(f"completed runs {before[1]} -> {completed}")
    if decisions != before[2]:
        problems.append(f"decisions {before[2]} -> {decisions}")
    return problems


def try_case(case: Case, folder: Path, home: Path) -> Result:
    """Every entry point on one file, timed; then the database checked against before."""
    path = case.path(folder)
    store = seeded_store(home)
    before = _snapshot(store)
    started = time.perf_counter()
    try:
        attempts = (_orders if case.kind == "orders" else _list)(case, path, store)
    finally:
        store.close()
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return Result(case.name, attempts, seconds, peak, database_problems(home, before, case))


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_isolated(case: Case, folder: Path, home: Path, *, timeout: float = TIMEOUT_S) -> Result:
    """`try_case` in a child limited to MEMORY_LIMIT of address space and `timeout` seconds."""
    started = time.perf_counter()
    seeded_store(home).close()  # seed in the parent: the child measures only the bad input
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.reliability.harness",
            json.dumps(dataclasses.asdict(case)),
            str(folder),
            str(home),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_limit_memory,  # POSIX only
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        elapsed = time.perf_counter() - started
        hung = Attempt("child", "crash", f"hung: killed after {timeout:.0f} s")
        return Result(case.name, [hung], elapsed, 0.0, [])
    lines = out.strip().splitlines()
    if proc.returncode != 0 or not lines:
        what = f"child exited {proc.returncode}: {err.strip()[-1500:]}"
        return Result(case.name, [Attempt("child", "crash", what)], 0.0, 0.0, [])
    return Result.from_json(lines[-1])


def main(argv: list[str]) -> int:
    case = Case(
        **{k: tuple(v) if isinstance(v, list) else v for k, v in json.loads(argv[1]).items()}
    )
    print(try_case(case, Path(argv[2]), Path(argv[3])).to_json())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
