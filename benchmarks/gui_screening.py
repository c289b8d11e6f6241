"""The Screen page screening a 10,000-line workbook for real: does the GUI stay responsive?

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_screening.py [--lists DIR]
        [--lines N] [--baseline DIR] [--repeat N]

Imports the official lists (default `../shared/data/lists`; the invented self-test list when
that folder is missing) into a temporary home, writes a workbook with three parties per line
(varied company names and countries, a few well-known sanctioned names), then screens it through
the real `ScreenPage` (real inspect, real worker thread, real core) offscreen, and opens the run
again. A 5 ms `QTimer` records every gap between two ticks: the longest is the worst event-loop
stall (aim: under 50 ms). Each paint of the results table and each batch the page takes in is
timed too, and every stall of 50 ms or more is split into the time of those it covers.

`--baseline DIR` measures another checkout of the code (e.g. `git archive main | tar -x -C DIR`)
beside this one in the same run, runs alternating (`--repeat` of each), each in a process of its
own on a home of its own (lists imported and the index built before the first run).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]


def _code_dir(argv: list[str]) -> Path:
    """The checkout whose `screener` is measured (`--code`, this one by default)."""
    for n, arg in enumerate(argv):
        if arg == "--code" and n + 1 < len(argv):
            return Path(argv[n + 1]).resolve()
    return ROOT


sys.path.insert(0, str(_code_dir(sys.argv)))

import openpyxl  # noqa: E402
from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from screener.core.lists import importing as lists  # noqa: E402
from screener.core.names import search  # noqa: E402
from screener.core.record import runs  # noqa: E402
from screener.core.record.database.store import Store  # noqa: E402
from screener.core.resources import resources_dir  # noqa: E402
from screener.ui import settings  # noqa: E402
from screener.ui.app import make_application  # noqa: E402
from screener.ui.pages.screen_page import ScreenPage  # noqa: E402

TICK_MS = 5
TRACE_MS = 20  # --trace: events the GUI thread took this long or longer
AIM_MS = 50
SHARED_LISTS = ROOT.parent / "shared" / "data" / "lists"

STEMS = (
    "Nordlicht", "Alpen", "Baltic", "Meridian", "Polaris", "Helvetia", "Iberica", "Danube",
    "Sakura", "Golden Bridge", "Silk Road", "Anatolia", "Atlas", "Orion", "Vistula", "Adriatic",
    "Kestrel", "Harbour", "Sunrise", "Evergreen", "Pioneer", "Summit", "Crescent", "Lotus",
)  # fmt: skip
TRADES = (
    "Maschinenbau", "Precision", "Electronics", "Trading", "Logistics", "Components",
    "Industrial Supply", "Automation", "Hydraulics", "Instruments", "Engineering", "Import Export",
)  # fmt: skip
FORMS = {
    "DE": "GmbH", "AT": "GmbH", "CH": "AG", "FR": "SAS", "ES": "SA", "IT": "S.p.A.",
    "NL": "B.V.", "PL": "Sp. z o.o.", "GB": "Ltd", "US": "Inc.", "TR": "A.S.", "AE": "FZE",
    "CN": "Co., Ltd.", "HK": "Limited", "IN": "Pvt Ltd", "JP": "K.K.", "KZ": "TOO",
    "AM": "LLC", "GE": "LLC", "SG": "Pte Ltd", "BR": "Ltda", "MX": "S.A. de C.V.",
}  # fmt: skip
COUNTRIES = tuple(FORMS)
# Publicly reported sanctioned names (press coverage), not copied from the list files.
LISTED = (
    ("Rosoboronexport", "RU"),
    ("Islamic Revolutionary Guard Corps", "IR"),
    ("Korea Mining Development Trading Corporation", "KP"),
    ("Wagner Group", "RU"),
)
GOODS = (
    ("Ball bearings", "8482.10"), ("Hydraulic pump", "8413.50"), ("Office chairs", "9401.30"),
    ("Microcontroller 32-bit", "8542.31"), ("Machining centre", "8457.10"),
    ("Valves", "8481.80"), ("Cotton T-shirts", "6109.10"), ("Measuring probe", "9031.80"),
)  # fmt: skip
HEADERS = (
    "Order No.", "Line", "Sold-to Party", "Sold-to Country", "Ship-to Party", "Ship-to Country",
    "End User", "End-User Country", "Description", "HS Code", "Qty", "Net Value", "Currency",
    "Destination",
)  # fmt: skip


def company(rng: random.Random) -> tuple[str, str]:
    country = rng.choice(COUNTRIES)
    return f"{rng.choice(STEMS)} {rng.choice(TRADES)} {FORMS[country]}", country


def write_orders(path: Path, lines: int, *, seed: int = 7) -> Path:
    rng = random.Random(seed)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Orders")
    sheet.append(HEADERS)
    for n in range(lines):
        parties = [company(rng) for _ in range(3)]
        if n % 997 == 13:  # a few listed names, in any of the three roles
            parties[n % 3] = LISTED[n % len(LISTED)]
        description, hs = rng.choice(GOODS)
        destination = parties[1][1]
        sheet.append(
            [
                f"SO-{40000 + n // 4}",
                n % 4 + 1,
                *(value for party in parties for value in party),
                description,
                hs,
                rng.randint(1, 500),
                round(rng.uniform(50, 90000), 2),
                "EUR",
                destination,
            ]
        )
    book.save(path)
    return path


def _ms() -> float:
    return time.perf_counter() * 1000.0


class StallMeter:
    """Every gap between two ticks of a 5 ms timer: how long the loop was blocked each time."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.start_ms = 0.0
        self.gaps: list[float] = []
        self.stalls: list[tuple[float, float]] = []  # (start ms, length) of each over the aim

    def start(self) -> None:
        self.start_ms = self.last = _ms()
        self.timer.start()

    def _tick(self) -> None:
        now = _ms()
        gap = now - self.last
        self.gaps.append(gap)
        if gap >= AIM_MS:
            self.stalls.append((self.last, gap))
        self.last = now

    def stop(self) -> None:
        self.timer.stop()


class Timed(QObject):
    """Times each paint of a table's viewport (the view paints inside this filter)."""

    def __init__(self, view: Any) -> None:
        super().__init__()
        self.view = view
        self.spans: list[tuple[float, float]] = []  # (start ms, length)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint:
            return False
        start = _ms()
        self.view.viewportEvent(event)
        self.spans.append((start, _ms() - start))
        return True


def timed_slot(page: Any, name: str, spans: list[tuple[float, float]]) -> None:
    """Wrap the page's method `name` (a batch arriving), so each call's time is kept."""
    method = getattr(page, name, None)
    if method is None:
        return

    def wrapped(*args: Any) -> Any:
        start = _ms()
        try:
            return method(*args)
        finally:
            spans.append((start, _ms() - start))

    setattr(page, name, wrapped)


def _covered(stall: tuple[float, float], spans: list[tuple[float, float]]) -> float:
    start, length = stall
    end = start + length
    return sum(max(0.0, min(end, s + n) - max(start, s)) for s, n in spans)


def summary(meter: StallMeter, paints: list[tuple[float, float]],
            slots: list[tuple[float, float]],
            details: list[tuple[float, float]]) -> dict[str, Any]:  # fmt: skip
    gaps = sorted(meter.gaps) or [0.0]

    def pct(p: float) -> float:
        return gaps[min(len(gaps) - 1, int(p * len(gaps)))]

    stall_ms = sum(n for _s, n in meter.stalls)
    paint = sorted(n for _s, n in paints) or [0.0]
    slot = sorted(n for _s, n in slots) or [0.0]
    return {
        "max": round(gaps[-1]), "p99": round(pct(0.99), 1), "p95": round(pct(0.95), 1),
        "over": len(meter.stalls), "stall_ms": round(stall_ms),
        "in_paint": round(sum(_covered(s, paints) for s in meter.stalls)),
        "in_batch": round(sum(_covered(s, slots) for s in meter.stalls)),
        "in_detail": round(sum(_covered(s, details) for s in meter.stalls)),
        "details": len(details), "detail_max": round(max((n for _s, n in details), default=0), 1),
        "paints": len(paints), "paint_med": round(statistics.median(paint), 1),
        "paint_max": round(paint[-1], 1),
        "batches": len(slots), "batch_med": round(statistics.median(slot), 1),
        "batch_max": round(slot[-1], 1),
        "worst": [(round((s - meter.start_ms) / 1000, 1), round(n)) for s, n in meter.stalls][:8],
    }  # fmt: skip


def prepare(home: Path, list_path: Path) -> None:
    """Lists imported and the name index built (once per home)."""
    store = Store.open(home)
    try:
        if not (home / ".prepared").exists():
            t = time.perf_counter()
            outcomes = list(lists.import_lists(store, [list_path]))
            imported = sum(1 for o in outcomes if o.version is not None)
            search.open_index(store)
            seconds = time.perf_counter() - t
            print(f"lists     {imported} imported, index built in {seconds:.1f} s", file=sys.stderr)
            (home / ".prepared").write_text("ok")
    finally:
        store.close()


class TracingApp(QApplication):
    """Times every event the GUI thread handles (outermost only): which ones block the loop."""

    def __init__(self) -> None:
        super().__init__([])
        self.depth = 0
        self.long: list[tuple[float, float, str]] = []  # (start ms, length, what)
        self.painted: dict[str, list[float]] = {}  # widget -> length of each of its paints

    def notify(self, receiver: QObject, event: QEvent) -> bool:
        self.depth += 1
        start = _ms()
        try:
            return super().notify(receiver, event)
        finally:
            self.depth -= 1
            length = _ms() - start
            if event.type() == QEvent.Type.Paint:
                name = f"{type(receiver).__name__} {receiver.objectName()}".strip()
                self.painted.setdefault(name, []).append(length)
            if self.depth == 0 and length >= TRACE_MS:
                what = f"{event.type().name} to {type(receiver).__name__} {receiver.objectName()}"
                self.long.append((start, length, what.strip()))


def measure(home: Path, orders: Path, *, trace: bool = False) -> dict[str, Any]:
    """One screening of `orders` through the Screen page, then its run opened again."""
    tracer = TracingApp() if trace else None
    app = make_application([])
    store = Store.open(home)
    prefs = settings.Settings(QSettings(str(home / "s.ini"), QSettings.Format.IniFormat))
    page = ScreenPage(home, store, prefs)
    page.confirm_stale = lambda stale: True  # type: ignore[method-assign]  # "Screen anyway"
    page.resize(1280, 800)
    page.show()
    paints = Timed(page.table)
    slots: list[tuple[float, float]] = []
    details: list[tuple[float, float]] = []
    timed_slot(page, "_on_batch", slots)
    timed_slot(page, "_show_detail", details)  # the selected line's panel (in a batch, the first)
    load = os.getloadavg()[0]
    meter = StallMeter()
    loop = QEventLoop()
    page.busy_changed.connect(lambda busy: busy or (page.run_id and loop.quit()))
    meter.start()
    t = time.perf_counter()
    page.screen_file(orders)
    loop.exec()
    seconds = time.perf_counter() - t
    meter.stop()
    if page.mapping_dialog is not None:
        raise SystemExit("the mapping dialog was shown: the benchmark layout should be recognised")
    run = runs.get_run(store, page.run_id) if page.run_id else None
    if tracer is not None:
        for start, length, what in tracer.long:
            print(f"trace {(start - meter.start_ms) / 1000:7.2f} s {length:6.1f} ms  {what}",
                  file=sys.stderr)  # fmt: skip
        ranked = sorted(tracer.painted.items(), key=lambda kv: -sum(kv[1]))[:12]
        for name, lengths in ranked:
            print(f"trace paints of {name}: {len(lengths)}, {sum(lengths):.0f} ms in all, "
                  f"longest {max(lengths):.1f} ms", file=sys.stderr)  # fmt: skip
    result: dict[str, Any] = {
        "load": round(load, 1), "seconds": round(seconds, 1), "shown": page.model.rowCount(),
        "status": run.status if run else "?",
        "counts": dict(sorted(page.model.verdict_counts().items())),
        "screen": summary(meter, paints.spans, slots, details),
    }  # fmt: skip

    # Opening the stored run again (from the Audit page, say) streams it back in.
    run_id = page.run_id
    page.model.reset()
    paints.spans.clear()
    slots.clear()
    details.clear()
    meter = StallMeter()
    loop = QEventLoop()
    page.busy_changed.connect(lambda busy: busy or loop.quit())
    meter.start()
    t = time.perf_counter()
    page.open_run(run_id)
    loop.exec()
    meter.stop()
    result["reopen_seconds"] = round(time.perf_counter() - t, 1)
    result["reopen"] = summary(meter, paints.spans, slots, details)
    page.close()
    store.close()
    del app
    return result


ROWS = (
    ("longest stall (ms)", "max"), ("gap p99 (ms)", "p99"), ("gap p95 (ms)", "p95"),
    ("stalls >= 50 ms", "over"), ("  their total (ms)", "stall_ms"),
    ("  of it in paints (ms)", "in_paint"), ("  of it taking batches (ms)", "in_batch"),
    ("  of it showing a line (ms)", "in_detail"),
    ("paints", "paints"), ("paint median (ms)", "paint_med"), ("paint max (ms)", "paint_max"),
    ("batches", "batches"), ("batch median (ms)", "batch_med"), ("batch max (ms)", "batch_max"),
    ("lines shown in the panel", "details"), ("showing one, max (ms)", "detail_max"),
)  # fmt: skip


def report(named: list[tuple[str, dict[str, Any]]]) -> None:
    names = [name for name, _r in named]
    width = max(12, *(len(n) for n in names))
    print(f"{'':28}" + "".join(f"{n:>{width + 2}}" for n in names))
    heads = (
        ("load (1 min)", "load"), ("screen wall (s)", "seconds"), ("lines shown", "shown"),
        ("reopen wall (s)", "reopen_seconds"),
    )  # fmt: skip
    for label, key in heads:
        print(f"{label:28}" + "".join(f"{r[key]!s:>{width + 2}}" for _n, r in named))
    for part in ("screen", "reopen"):
        print(f"-- {part}")
        for label, key in ROWS:
            print(f"{label:28}" + "".join(f"{r[part][key]!s:>{width + 2}}" for _n, r in named))
    for name, r in named:
        worst = ", ".join(f"{n} ms at {at} s" for at, n in r["screen"]["worst"])
        print(f"{name}: screen {r['status']} {r['counts']}; stalls {worst or 'none'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--lists", type=Path, default=None, help="list files or folder")
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--baseline", type=Path, default=None, help="a checkout measured beside")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each checkout")
    parser.add_argument("--keep", type=Path, default=None, help="keep the homes in this folder")
    parser.add_argument(
        "--trace", action="store_true", help=f"list the events of {TRACE_MS} ms or more"
    )
    parser.add_argument("--code", type=Path, default=ROOT, help=argparse.SUPPRESS)
    parser.add_argument("--home", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--orders", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    list_path = args.lists or (
        SHARED_LISTS if SHARED_LISTS.is_dir() else resources_dir() / "selftest" / "un_selftest.xml"
    )
    if args.home is not None:  # one measurement, for the parent below: a JSON line out
        prepare(args.home, list_path)
        print(json.dumps(measure(args.home, args.orders, trace=args.trace)), flush=True)
        return 0

    with tempfile.TemporaryDirectory(prefix="screener-gui-bench-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        orders = write_orders(folder / "orders-10k.xlsx", args.lines)
        seconds = time.perf_counter() - t
        print(f"orders    {args.lines:,} lines x 3 parties written in {seconds:.1f} s", flush=True)
        codes = [("this", ROOT)]
        if args.baseline:
            codes.append(("baseline", args.baseline.resolve()))
        named: list[tuple[str, dict[str, Any]]] = []
        for n in range(args.repeat):
            for name, code in codes if n % 2 == 0 else codes[::-1]:
                out = subprocess.run(
                    [sys.executable, __file__, "--code", str(code), "--home", str(folder / name),
                     "--orders", str(orders), "--lists", str(list_path),
                     *(["--trace"] if args.trace else [])],
                    check=True, capture_output=True, text=True,
                    env={**os.environ, "PYTHONPATH": str(code)},
                )  # fmt: skip
                for line in out.stderr.splitlines():
                    if line.startswith(("lists", "trace")):
                        print(f"{name:9} {line}", flush=True)
                result = json.loads(out.stdout.strip().splitlines()[-1])
                named.append((f"{name} {n + 1}", result))
                print(f"{name} {n + 1}: longest stall {result['screen']['max']} ms, "
                      f"load {result['load']}", flush=True)  # fmt: skip
        named.sort(key=lambda nr: nr[0].split()[0] != "this")
        report(named)
        best = max(r["screen"]["max"] for name, r in named if name.startswith("this"))
        verdict = "ok" if best < AIM_MS else f"OVER the {AIM_MS} ms aim"
        print(f"this checkout's longest stall over its runs: {best} ms ({verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
