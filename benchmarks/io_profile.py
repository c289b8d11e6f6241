"""Where order reading and report writing spend their time, beside the bare libraries.

    nice .venv/bin/python benchmarks/io_profile.py [--orders 10000] [--report 100000] [--top 15]
        [--part both|orders|report]

Same run, same files:
  orders   openpyxl read-only iteration of the generated xlsx (values only) vs `read_orders`
  report   openpyxl write-only of the report's own cells as bare values (every sheet, read back
           from the report; timed with reading the run's lines and hits) vs `write_report`
then a cProfile of each project step: the functions with the most own time, so the project's
overhead (styles, per-cell checks, JSON) can be read against the library's.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

from openpyxl import Workbook, load_workbook

sys.path.insert(0, str(Path(__file__).parent))
import orders_read
import report_speed

from screener.core.orders import read_orders
from screener.core.record import audit, runs
from screener.core.record.database.store import Store
from screener.core.report.audit_report import write_report


def timed(fn: object, *args: object, repeat: int = 2) -> tuple[float, float]:
    """Best wall and CPU seconds of `repeat` calls (CPU time: the machine may be shared; it
    includes child processes the call waited for, e.g. the report's chain check)."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        started, cpu0 = time.perf_counter(), _cpu()
        fn(*args)  # type: ignore[operator]
        wall = min(wall, time.perf_counter() - started)
        cpu = min(cpu, _cpu() - cpu0)
    return wall, cpu


def _cpu() -> float:
    own = time.process_time()
    try:
        import resource

        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return own + children.ru_utime + children.ru_stime
    except ImportError:  # Windows: this process only
        return own


def compare(what: str, bare: tuple[float, float], own: tuple[float, float], names: str) -> None:
    print(f"{what}: {names}")
    print(f"    wall {bare[0]:7.2f} s vs {own[0]:7.2f} s  x{own[0] / bare[0]:.2f}   "
          f"CPU {bare[1]:7.2f} s vs {own[1]:7.2f} s  x{own[1] / bare[1]:.2f}")  # fmt: skip


def bare_read(path: Path) -> int:
    wb = load_workbook(path, read_only=True, data_only=True)
    count = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    return count


def project_read(path: Path) -> int:
    return sum(1 for _ in read_orders(path))


def bare_write(store: Store, run_id: int, out: Path) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Lines")
    for stored in runs.iter_lines(store, run_id):
        ws.append([stored.row, *(v for _, v in stored.cells), stored.verdict,
                   "\n".join(stored.reasons)])  # fmt: skip
    wb.save(out)


def report_cells(path: Path) -> list[tuple[str, list[tuple[object, ...]]]]:
    """Every sheet of a written report as rows of bare values (read back, not timed)."""
    wb = load_workbook(path, read_only=True)
    sheets = [(ws.title, [tuple(r) for r in ws.iter_rows(values_only=True)]) for ws in wb]
    wb.close()
    return sheets


def cell_count(sheets: list[tuple[str, list[tuple[object, ...]]]]) -> int:
    return sum(v is not None for _, rows in sheets for r in rows for v in r)


def bare_same_cells(
    store: Store, run_id: int, out: Path, sheets: list[tuple[str, list[tuple[object, ...]]]]
) -> None:
    """The report's own cells, every sheet, as bare values (no styles, checks, states or
    verification), after reading the run's lines and hits as the report does."""
    for _ in runs.iter_lines(store, run_id):
        pass
    for _ in runs.iter_run_hits(store, run_id):
        pass
    wb = Workbook(write_only=True)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(out)


def profile(top: int, fn: object, *args: object) -> None:
    prof = cProfile.Profile()
    prof.enable()
    fn(*args)  # type: ignore[operator]
    prof.disable()
    stats = pstats.Stats(prof)
    total = sum(v[2] for v in stats.stats.values())  # type: ignore[attr-defined]
    rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:top]  # type: ignore[attr-defined]
    print(f"    {'own s':>7} {'share':>6} {'cum s':>7}  function")
    for (file, lineno, name), (_, calls, own, cum, _) in rows:
        where = file.split("site-packages/")[-1].split("screener/")[-1]
        print(f"    {own:7.2f} {own / total:6.1%} {cum:7.2f}  {name} ({where}:{lineno}) x{calls:,}")


class _VerifyHere:
    """The report as it was: the chain verified in this process before the sheets."""

    def __init__(self, store: Store) -> None:
        self._report = audit.verify(store)

    def result(self) -> audit.VerifyReport:
        return self._report


def report_verifying_first(store: Store, run_id: int, path: Path) -> None:
    with mock.patch.object(audit, "VerifyAlongside", _VerifyHere):
        write_report(store, run_id, path)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--orders", type=int, default=10_000)
    ap.add_argument("--report", type=int, default=100_000)
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--profile-report", type=int, default=20_000, help="lines profiled")
    ap.add_argument("--part", choices=("both", "orders", "report"), default="both")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.part != "report":
            orders(args, folder)
        if args.part != "orders":
            report(args, folder)


def orders(args: argparse.Namespace, folder: Path) -> None:
    xlsx, _ = orders_read.write_files(folder, args.orders)
    bare_read(xlsx)  # warm the page cache and imports for both
    bare, own = timed(bare_read, xlsx), timed(project_read, xlsx)
    compare(f"orders {args.orders:,} lines", bare, own, "openpyxl read-only vs read_orders")
    profile(args.top, project_read, xlsx)


def report(args: argparse.Namespace, folder: Path) -> None:
    store = Store.open(folder / "home")
    run_id = report_speed.store_run(store, args.report)
    write_report(store, run_id, folder / "report.xlsx")  # warm; its cells for the baseline
    sheets = report_cells(folder / "report.xlsx")
    bare = timed(bare_write, store, run_id, folder / "plain.xlsx", repeat=1)
    same, own = (float("inf"),) * 2, (float("inf"),) * 2
    for _ in range(2):  # interleaved: the machine may be shared
        same = min(same, timed(bare_same_cells, store, run_id, folder / "same.xlsx", sheets,
                               repeat=1))  # fmt: skip
        own = min(own, timed(write_report, store, run_id, folder / "report.xlsx", repeat=1))
    first = timed(report_verifying_first, store, run_id, folder / "before.xlsx", repeat=1)
    counts = cell_count(report_cells(folder / "same.xlsx")), cell_count(sheets)
    print(f"report cells written: baseline {counts[0]:,}, report {counts[1]:,}")
    compare(f"report {args.report:,} lines", bare, own,
            "openpyxl write-only of the Lines cells vs write_report (six sheets)")  # fmt: skip
    compare(f"report {args.report:,} lines", same, first,
            "the report's own cells bare vs write_report verifying first")  # fmt: skip
    compare(f"report {args.report:,} lines", same, own,
            "the report's own cells bare vs write_report verifying alongside")  # fmt: skip
    del sheets
    small = report_speed.store_run(store, min(args.report, args.profile_report))
    profile(args.top, write_report, store, small, folder / "report2.xlsx")


if __name__ == "__main__":
    main()
