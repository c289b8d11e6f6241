"""Hit-level decisions at scale: a line's state for a 100,000-line run, a bulk decision.

    .venv/bin/python benchmarks/decisions.py [LINES] [BULK_HITS]   (default 100,000 and 10,000)

The run is stored directly (no screening): every line with cells, parties, reasons and a goods
finding; BULK_HITS lines carry a hit of one party on one list entry (the ~20 repeating parties
of the field report, here one), a further 5 % a hit of their own, 1 % a decision. Figures:
  baseline  reading the run's lines back from the store (what opening a run costs anyway)
  state     run_line_states + count_states: every line's derived state and the counts
  select    party_entry_targets: the undecided hits of the party on the entry
  bulk      decide_many over those hits: one chained decision per hit, one batch
  verify    audit.verify of the whole record afterwards (for scale)
  carry     the same file stored again as a second run: carry_forward_offer (what the app
            offers) and carry_forward (recording every carried decision)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from screener.core.record import audit, runs
from screener.core.record.database.store import Store
from screener.core.record.review import decisions
from screener.core.record.review.bulk import decide_many, party_entry_targets
from screener.core.record.review.carry_forward import carry_forward, carry_forward_offer
from screener.core.record.review.line_state import count_states, run_line_states

PARTY = "Sever Logistics OOO"
REVIEW = {"code": "hs_missing", "severity": "review", "reason": "no HS code", "source": "policy"}


def _hit(party: str, entry_id: str, score: float) -> runs.HitRecord:
    return runs.HitRecord(
        role="buyer",
        party_name=party,
        party_country="RU",
        source="us_csl",
        sub_source="EL",
        list_version_id=1,
        entry_rowid=1,
        entry_id=entry_id,
        entry_name="SEVER LOGISTIKA",
        entry_hash="0" * 64,
        matched_name="SEVER LOGISTIKA",
        programs=("EAR",),
        score=score,
        explanation="tokens: sever, logistics ~ logistika",
    )


def line(i: int, bulk_every: int) -> runs.LineRecord:
    party = PARTY if i % bulk_every == 0 else f"Customer {i % 5000} Trading LLC"
    hits: tuple[runs.HitRecord, ...] = ()
    if party == PARTY:
        hits = (_hit(PARTY, "EL-777", 0.91),)
    elif i % 20 == 1:
        hits = (_hit(party, f"E-{i}", 0.88),)
    review = bool(hits) or i % 10 == 3
    return runs.LineRecord(
        row=i + 2,
        cells=(("Order No.", f"SO-{i // 4}"), ("Sold-to Party", party), ("HS Code", "")),
        order_no=f"SO-{i // 4}",
        line_no=str(i % 4 + 1),
        parties=({"role": "buyer", "name": party, "country": "RU"},),
        description="32-bit microcontroller",
        hs_code="",
        destination="AE",
        transit=(),
        problems=(),
        verdict="review" if review else "clear",
        reasons=("no HS code",) if review else (),
        findings=(REVIEW,) if i % 10 == 3 else (),
        hits=hits,
    )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    bulk = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    every = max(n // bulk, 1)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp))
        run_id = runs.start_run(
            store,
            runs.RunInfo("orders.xlsx", "f" * 64, "Orders", {}, "bench", "1", ()),
        )
        t0 = time.perf_counter()
        ids: list[int] = []
        for start in range(0, n, 2000):
            batch = [line(i, every) for i in range(start, min(start + 2000, n))]
            ids += runs.add_lines(store, run_id, batch)
        runs.finish_run(store, run_id, status="completed", lines=n)
        for line_id in ids[3::100]:  # 1 % decided, line level
            decisions.record_decision(store, line_id=line_id, action="hold", justification="EUS")
        print(f"stored {n:,} lines in {time.perf_counter() - t0:.1f} s")

        t0 = time.perf_counter()
        read = sum(1 for _ in runs.iter_lines(store, run_id))
        baseline = time.perf_counter() - t0
        t0 = time.perf_counter()
        states = run_line_states(store, run_id)
        counts = count_states(states.values())
        state_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        targets = party_entry_targets(
            store, run_id, party_name=PARTY, source="us_csl", entry_id="EL-777"
        )
        select_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        result = decide_many(
            store,
            targets,
            action="blocked",
            justification="Sever Logistics OOO is the listed Entity List party (same address)",
        )
        bulk_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        report = audit.verify(store)
        verify_s = time.perf_counter() - t0
        after = count_states(run_line_states(store, run_id).values())

        again = runs.start_run(
            store, runs.RunInfo("orders.xlsx", "f" * 64, "Orders", {}, "bench", "1", ())
        )
        for start in range(0, n, 2000):
            runs.add_lines(
                store, again, [line(i, every) for i in range(start, min(start + 2000, n))]
            )
        runs.finish_run(store, again, status="completed", lines=n)
        t0 = time.perf_counter()
        offer = carry_forward_offer(store, again)
        offer_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        carried = carry_forward(store, again, plan=offer)
        carry_s = time.perf_counter() - t0
        assert offer is not None
        assert carried is not None

    print(f"baseline  read {read:,} lines                 {baseline:6.2f} s")
    print(
        f"state     {len(states):,} line states + counts     {state_s:6.2f} s"
        f"  ({state_s / baseline:.1f}x the read; {counts.undecided:,} undecided,"
        f" {counts.no_decision_needed:,} need none, {counts.decided:,} decided)"
    )
    print(f"select    {len(targets):,} undecided hits of the party   {select_s:6.2f} s")
    print(
        f"bulk      {len(result.decisions):,} chained decisions, batch {result.batch_id}"
        f"   {bulk_s:6.2f} s  ({bulk_s / baseline:.1f}x the read;"
        f" {len(result.decisions) / bulk_s:,.0f} hits/s)"
    )
    print(f"verify    {report.records:,} records, ok={report.ok}        {verify_s:6.2f} s")
    print(f"after     {after.undecided:,} undecided, {after.decided:,} decided")
    print(
        f"carry     offer of {len(offer.carries):,} decisions  {offer_s:6.2f} s;"
        f" recording them {carry_s:6.2f} s ({carry_s / baseline:.1f}x the read)"
    )


if __name__ == "__main__":
    main()
