"""Writing the Excel audit report of a 100,000-line run.

    .venv/bin/python benchmarks/report_speed.py [LINES]      (default 100,000)

The run is stored directly (no screening): every line with original cells, parties, reasons and
findings; 2 % of lines with two hits, 1 % with a decision (some superseded). Figures printed:
  baseline  reading the run's lines back from the store (the floor for any report)
  plain     openpyxl write-only with the same cells as bare values (no styles, no inert text)
  report    write_report: all five sheets, styles, inert text, chain verification
Aim (issue 6): under 30 s for 100,000 lines. Peak RSS shows the write-only mode's flat memory.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

import openpyxl.xml
from openpyxl import Workbook, load_workbook

from screener.core.record import runs
from screener.core.record.database.store import Store
from screener.core.record.review import decisions
from screener.core.report.audit_report import write_report

HEADERS = ("Order No.", "Line", "Sold-to Party", "Sold-to Country", "Ship-to Party",
           "Ship-to Country", "Description", "HS Code", "Qty", "Net Value", "Currency")  # fmt: skip


def line(i: int) -> runs.LineRecord:
    listed = i % 50 == 0
    cells = (f"SO-{4_500_000 + i // 4}", str(i % 4 + 1), f"Customer {i % 5000} Trading LLC", "AE",
             f"Consignee {i % 777} FZE", "UAE", "32-bit microcontroller", "8542.31",
             str(i % 500 + 1), f"{i * 1.37:.2f}", "EUR")  # fmt: skip
    hits = tuple(
        runs.HitRecord(
            role=role,
            party_name=cells[2],
            party_country="AE",
            source="us_csl",
            sub_source="EL",
            list_version_id=1,
            entry_rowid=1,
            entry_id=f"E-{i}",
            entry_name="LISTED TRADING LLC",
            entry_hash="0" * 64,
            matched_name="LISTED TRADING LLC",
            programs=("EAR",),
            score=0.91,
            explanation="tokens: trading, llc; 'customer' ~ 'listed' (edit distance 4)",
        )
        for role in (("buyer", "consignee") if listed else ())
    )
    return runs.LineRecord(
        row=i + 2,
        cells=tuple(zip(HEADERS, cells, strict=True)),
        order_no=cells[0],
        line_no=cells[1],
        parties=(
            {"role": "buyer", "name": cells[2], "country": "AE"},
            {"role": "consignee", "name": cells[4], "country": "UAE"},
        ),
        description=cells[6],
        hs_code=cells[7],
        destination="AE",
        transit=(),
        problems=(),
        verdict="block" if listed else "review",
        reasons=(
            "HS 8542.31 is CHPL Tier 1 (electronic integrated circuits: processors) [CHPL]",
            "AE is a high diversion-risk country (FIN-2022-Alert003) [policy 2026-11]",
        ),
        findings=({"code": "chpl", "severity": "review", "reason": "CHPL Tier 1", "source": "x"},),
        hits=hits,
    )


def store_run(store: Store, lines: int) -> int:
    run_id = runs.start_run(
        store,
        runs.RunInfo("orders.xlsx", "0" * 64, "Orders", {}, "policy 2026-11", "m1", ()),
    )
    batch = []
    for i in range(lines):
        batch.append(line(i))
        if len(batch) == 1000:
            ids = runs.add_lines(store, run_id, batch)
            batch = []
            for line_id in ids[::100]:
                decisions.record_decision(
                    store, line_id=line_id, action="hold", justification="waiting for end-use"
                )
                if line_id % 3 == 0:
                    decisions.record_decision(
                        store,
                        line_id=line_id,
                        action="cleared",
                        justification="end-use statement received",  # supersedes the hold
                    )
    if batch:
        runs.add_lines(store, run_id, batch)
    runs.finish_run(store, run_id, status="completed", lines=lines)
    return run_id


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "home")
        started = time.perf_counter()
        run_id = store_run(store, count)
        print(f"stored a {count:,}-line run in {time.perf_counter() - started:.1f} s")

        started = time.perf_counter()
        rows = sum(1 for _ in runs.iter_lines(store, run_id))
        floor = time.perf_counter() - started
        print(f"baseline  read {rows:,} lines back from the store     {floor:6.2f} s")

        started = time.perf_counter()
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Lines")
        for stored in runs.iter_lines(store, run_id):
            ws.append([stored.row, *(v for _, v in stored.cells), stored.verdict,
                       "\n".join(stored.reasons)])  # fmt: skip
        wb.save(Path(tmp) / "plain.xlsx")
        plain = time.perf_counter() - started
        print(f"plain     openpyxl write-only, bare values          {plain:6.2f} s")

        out = Path(tmp) / "report.xlsx"
        started = time.perf_counter()
        write_report(store, run_id, out)
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        size = out.stat().st_size / 2**20
        print(f"report    write_report, five sheets, styled         {seconds:6.2f} s"
              f"  ({size:.1f} MB file, peak RSS {peak:.0f} MB)")  # fmt: skip
        wb2 = load_workbook(out, read_only=True)
        written = sum(1 for _ in wb2["Lines"].iter_rows(values_only=True)) - 1
        print(f"          sheets {wb2.sheetnames}; {written:,} line rows read back")
        wb2.close()
        verdict = "met" if seconds < 30 else "NOT met"
        backend = "lxml" if openpyxl.xml.LXML else "et_xmlfile (install lxml: ~2x faster)"
        print(f"openpyxl XML writer: {backend}")
        print(f"aim: {count:,} lines under 30 s: {verdict}; {seconds / plain:.1f}x the bare write")


if __name__ == "__main__":
    main()
