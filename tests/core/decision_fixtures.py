"""Runs with hits and findings for the decision tests, and acting as a named officer."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

from screener.core.record import runs
from screener.core.record.chain import writer
from screener.core.record.database.store import Store

EMBARGO = {
    "code": "embargo",
    "severity": "block",
    "reason": "destination IR Iran is under a comprehensive EU/UN embargo",
    "source": "Reg. (EU) 267/2012",
}
HS_MISSING = {"code": "hs_missing", "severity": "review", "reason": "no HS code", "source": "x"}
INFO = {"code": "chpl_eu", "severity": "info", "reason": "within the EU", "source": "x"}


def hit(
    party: str = "Concern Kalashnikov",
    *,
    source: str = "ofac_sdn",
    entry_id: str = "100",
    score: float = 0.99,
    entry_hash: str = "h1",
    role: str = "end_user",
) -> runs.HitRecord:
    return runs.HitRecord(
        role=role,
        party_name=party,
        party_country="RU",
        source=source,
        sub_source="",
        list_version_id=1,
        entry_rowid=1,
        entry_id=entry_id,
        entry_name=f"{party.upper()} ({entry_id})",
        entry_hash=entry_hash,
        matched_name=party.upper(),
        programs=("RUSSIA-EO14024",),
        score=score,
        explanation="tokens matched",
    )


def line(
    row: int,
    verdict: str,
    *,
    hits: Sequence[runs.HitRecord] = (),
    findings: Sequence[dict[str, str]] = (),
    order_no: str = "SO-1",
    party: str = "Concern Kalashnikov",
    hs_code: str = "8542.31",
) -> runs.LineRecord:
    return runs.LineRecord(
        row=row,
        cells=(("Customer", party), ("HS", hs_code)),
        order_no=order_no,
        line_no=str(row),
        parties=({"role": "end_user", "name": party, "country": "RU"},),
        description="MCU",
        hs_code=hs_code,
        destination="RU",
        transit=(),
        problems=(),
        verdict=verdict,
        reasons=(f"reason {row}",),
        findings=tuple(findings),
        hits=tuple(hits),
    )


def store_run(
    store: Store, lines: Sequence[runs.LineRecord], *, sha: str = "f" * 64
) -> tuple[int, list[int]]:
    run_id = runs.start_run(
        store,
        runs.RunInfo(
            file_name="orders.xlsx",
            file_sha256=sha,
            sheet="Orders",
            mapping={},
            policy_version="test",
            matcher_version="1",
            list_version_ids=(),
        ),
    )
    ids = runs.add_lines(store, run_id, lines)
    runs.finish_run(store, run_id, status="completed", lines=len(ids))
    return run_id, ids


@contextlib.contextmanager
def acting_as(user: str) -> Iterator[None]:
    """Record as `user` (a second officer, for four-eyes)."""
    previous = writer.set_identity_provider(lambda: (user, "test-desk"))
    try:
        yield
    finally:
        writer.set_identity_provider(previous)
