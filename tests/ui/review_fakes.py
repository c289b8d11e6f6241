"""Screening stand-ins for the review tests: chosen lines (several hits, exact matches, licence
cells) stored through the real `runs` API, the same file hash each time (carry-forward)."""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from pathlib import Path
from typing import Any

from screener.core.record import runs
from screener.core.record.database.store import Store
from screener.core.screening.run import ScreenProgress, ScreenSummary

MAPPING = {"end_user": "Customer", "quantity": "Qty", "value": "Value", "currency": "Cur"}


def hit(party: str, entry_id: str, *, source: str = "ofac_sdn", score: float = 0.99,
        name: str = "") -> runs.HitRecord:  # fmt: skip
    return runs.HitRecord(
        role="end_user",
        party_name=party,
        party_country="RU",
        source=source,
        sub_source="",
        list_version_id=1,
        entry_rowid=1,
        entry_id=entry_id,
        entry_name=name or party.upper(),
        entry_hash="h" * 64,
        matched_name=name or party.upper(),
        programs=("RUSSIA-EO14024",),
        score=score,
        explanation="tokens matched",
    )


def line(row: int, party: str, verdict: str, hits: Sequence[runs.HitRecord] = (),
         *, hs: str = "8542.31", dest: str = "Germany") -> runs.LineRecord:  # fmt: skip
    return runs.LineRecord(
        row=row,
        cells=(("Customer", party), ("Qty", "10"), ("Value", "1000"), ("Cur", "EUR")),
        order_no=f"SO-{row}",
        line_no="1",
        parties=({"role": "end_user", "name": party, "country": "RU"},),
        description="microcontrollers",
        hs_code=hs,
        destination=dest,
        transit=(),
        problems=(),
        verdict=verdict,
        reasons=(f"reason {row}",),
        findings=(),
        hits=tuple(hits),
    )


KALASHNIKOV = "Concern Kalashnikov"
LINES = (
    line(2, "Nordlicht GmbH", "clear"),
    line(3, KALASHNIKOV, "block", [
        hit(KALASHNIKOV, "100", score=1.0),
        hit(KALASHNIKOV, "CSL-7", source="us_csl", score=0.98),
        hit(KALASHNIKOV, "EU-9", source="eu_fsf", score=0.81, name="KALASHNIKOV GROUP"),
    ]),
    line(4, "Acme Trading LLC", "review", [hit("Acme Trading LLC", "200", score=0.85)]),
    line(5, KALASHNIKOV, "block", [hit(KALASHNIKOV, "100", score=1.0)]),
    line(6, "Acme Trading LLC", "review", [hit("Acme Trading LLC", "200", score=0.85)]),
    line(7, KALASHNIKOV, "block", [hit(KALASHNIKOV, "100", score=1.0)]),
)  # fmt: skip


def screen_lines(
    lines: Sequence[runs.LineRecord] = LINES,
) -> Callable[..., Generator[ScreenProgress, None, ScreenSummary]]:
    def screen(
        store: Store, path: Path, *, cancelled: Callable[[], bool] | None = None, **_: Any
    ) -> Generator[ScreenProgress, None, ScreenSummary]:
        run_id = runs.start_run(
            store,
            runs.RunInfo(
                file_name=Path(path).name,
                file_sha256="a" * 64,
                sheet="Orders",
                mapping=MAPPING,
                policy_version="test",
                matcher_version="test",
                list_version_ids=(),
            ),
        )
        ids = runs.add_lines(store, run_id, list(lines))
        yield ScreenProgress(run_id, len(ids), len(ids), 0.01, tuple(ids))
        runs.finish_run(store, run_id, status="completed", lines=len(ids))
        return ScreenSummary(run_id, "completed", len(ids), 0.01, {})

    return screen
