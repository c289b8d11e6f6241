"""A stand-in for `core.screening.screen_file` (being written): stores lines through the real
`runs` API and yields the contract's `ScreenProgress`, honouring `cancelled()` between lines."""

from __future__ import annotations

import time
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from screener.core.record import runs
from screener.core.record.database.store import Store
from screener.core.screening.run import ScreenProgress, ScreenSummary

PARTIES = [
    ("Nordlicht Maschinenbau GmbH", "DE", "clear", ()),
    ("Acme Trading LLC", "AE", "review", ("ACME TRADING", "ofac_sdn", 0.91)),
    ("Sever Logistics OOO", "RU", "block", ("SEVER LOGISTIKA", "eu_fsf", 0.96)),
    ("Bright Harbour Shipping Ltd", "HK", "review", ("BRIGHT HARBOR SHIPPING", "us_csl", 0.88)),
    ("Tecnica Iberica SA", "ES", "clear", ()),
    ("Kavkaz Components", "AM", "review", ()),
    ("Polaris Electronics Co", "CN", "clear", ()),
    ("Meridian Parts BV", "NL", "clear", ()),
]
GOODS = [
    ("Microcontroller 32-bit", "8542.31"),
    ("Ball bearings", "8482.10"),
    ("Hydraulic pump", "8413.50"),
    ("Office chairs", "9401.30"),
]


@dataclass
class FakeScreening:
    """Configurable fake: `lines` lines in batches; `hold_after` waits (up to 10 s) for a cancel
    after that many lines; `fail_after` raises after that many."""

    lines: int = 40
    batch_size: int = 10
    hold_after: int | None = None
    fail_after: int | None = None
    delay_s: float = 0.0

    def __call__(
        self,
        store: Store,
        path: Path,
        *,
        sheet: str | None = None,
        mapping: Any = None,
        cancelled: Callable[[], bool] | None = None,
        batch_size: int = 200,
    ) -> Generator[ScreenProgress, None, ScreenSummary]:
        cancelled = cancelled or (lambda: False)
        started = time.perf_counter()
        run_id = runs.start_run(
            store,
            runs.RunInfo(
                file_name=Path(path).name,
                file_sha256="f" * 64,
                sheet="Orders",
                mapping={"buyer": "Customer"},
                policy_version="test",
                matcher_version="test",
                list_version_ids=(),
            ),
        )
        done = 0
        counts: dict[str, int] = {}
        status = "completed"
        pending: list[runs.LineRecord] = []
        for i in range(self.lines):
            if cancelled():
                status = "cancelled"
                break
            if self.fail_after is not None and i >= self.fail_after:
                raise RuntimeError("the order file could not be read (fake failure)")
            if self.hold_after is not None and i == self.hold_after:
                deadline = time.monotonic() + 10
                while not cancelled() and time.monotonic() < deadline:
                    time.sleep(0.005)
                status = "cancelled"
                break
            line = sample_line(i)
            pending.append(line)
            counts[line.verdict] = counts.get(line.verdict, 0) + 1
            if self.delay_s:
                time.sleep(self.delay_s)
            if len(pending) >= self.batch_size:
                ids = runs.add_lines(store, run_id, pending)
                done += len(pending)
                pending = []
                yield ScreenProgress(
                    run_id, done, self.lines, time.perf_counter() - started, tuple(ids)
                )
        if pending:
            ids = runs.add_lines(store, run_id, pending)
            done += len(pending)
            elapsed = time.perf_counter() - started
            yield ScreenProgress(run_id, done, self.lines, elapsed, tuple(ids))
        runs.finish_run(store, run_id, status=status, lines=done)
        return ScreenSummary(run_id, status, done, time.perf_counter() - started, counts)


def sample_line(i: int) -> runs.LineRecord:
    name, country, verdict, hit = PARTIES[i % len(PARTIES)]
    goods, hs = GOODS[i % len(GOODS)]
    hits: tuple[runs.HitRecord, ...] = ()
    findings: tuple[dict[str, str], ...] = ()
    reasons: tuple[str, ...] = ()
    if hit:
        entry, source, score = hit
        hits = (
            runs.HitRecord(
                role="buyer",
                party_name=name,
                party_country=country,
                source=source,
                sub_source="",
                list_version_id=1,
                entry_rowid=7,
                entry_id=f"{source.upper()}-{1000 + i}",
                entry_name=entry,
                entry_hash="h" * 64,
                matched_name=entry,
                programs=("RUSSIA-EO14024",) if country == "RU" else ("SDGT",),
                score=score,
                explanation=f"tokens matched: {entry.lower()}; country {country}",
            ),
        )
        reasons = (f"buyer {name} resembles {entry} on {source} ({score:.0%})",)
    if country in {"RU", "AM"} and hs.startswith("85"):
        findings = (
            {
                "code": "CHPL-1",
                "severity": "review",
                "reason": f"HS {hs} is on the Common High Priority Items List (tier 1)",
                "source": "CHPL 2024-02",
            },
        )
        reasons = (*reasons, f"HS {hs} is a CHPL tier-1 item bound for {country}")
    return runs.LineRecord(
        row=i + 2,
        cells=(("Order", f"SO-{100 + i // 3}"), ("Customer", name), ("HS", hs)),
        order_no=f"SO-{100 + i // 3}",
        line_no=str(i % 3 + 1),
        parties=({"role": "buyer", "name": name, "country": country},),
        description=goods,
        hs_code=hs,
        destination=country,
        transit=("TR",) if country == "AM" else (),
        problems=(),
        verdict=verdict,
        reasons=reasons or ("no hits, goods and route unremarkable",),
        findings=findings,
        hits=hits,
    )


def store_run(store: Store, lines: Iterable[int] = range(12)) -> int:
    """A completed run stored directly (for the audit page and model tests)."""
    gen = FakeScreening(lines=len(list(lines)))(store, Path("orders.xlsx"))
    try:
        while True:
            next(gen)
    except StopIteration as stop:
        return int(stop.value.run_id)
