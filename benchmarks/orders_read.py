"""Reading 100,000 order lines from xlsx and from csv: seconds and peak traced memory.

    .venv/bin/python benchmarks/orders_read.py [LINES]

The files are generated in a temporary folder (openpyxl write-only mode for the xlsx).
Timing and memory are measured in separate passes: tracemalloc slows Python down several-fold.
"""

from __future__ import annotations

import csv
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from openpyxl import Workbook

from screener.core.orders import inspect_orders, read_orders

HEADER = ["Order No.", "Line", "Sold-to Party", "Sold-to Country", "Ship-to Party",
          "Ship-to Country", "Description", "HS Code", "ECCN", "Qty", "Net Value", "Currency",
          "Routing/Transit"]  # fmt: skip


def row(i: int) -> list[object]:
    return [f"SO-{4_500_000 + i // 4}", i % 4 + 1, f"Customer {i % 5000} Trading LLC", "AE",
            f"Consignee {i % 777} FZE", "UAE", "32-bit microcontroller", 85423190 + i % 3,
            "3A991", i % 500 + 1, round(i * 1.37, 2), "EUR",
            "TR; AE" if i % 9 == 0 else ""]  # fmt: skip


def write_files(folder: Path, lines: int) -> tuple[Path, Path]:
    xlsx, csv_path = folder / "orders.xlsx", folder / "orders.csv"
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Orders")
    ws.append(["ERP export banner"])
    ws.append(HEADER)
    for i in range(lines):
        ws.append(row(i))
    wb.save(xlsx)
    with csv_path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(HEADER)
        writer.writerows(row(i) for i in range(lines))
    return xlsx, csv_path


def measure(path: Path) -> tuple[int, float, float]:
    started = time.perf_counter()
    count = sum(1 for _ in read_orders(path))
    seconds = time.perf_counter() - started
    tracemalloc.start()
    for _ in read_orders(path):
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return count, seconds, peak / 2**20


def main() -> None:
    lines = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        files = write_files(Path(tmp), lines)
        print(f"generated {lines:,} lines in {time.perf_counter() - started:.1f} s")
        for path in files:
            info = inspect_orders(path)
            count, seconds, peak = measure(path)
            size = path.stat().st_size / 2**20
            print(
                f"{path.suffix:6} {size:6.1f} MiB  {count:,} lines  {seconds:5.2f} s  "
                f"({count / seconds:,.0f} lines/s)  peak {peak:5.1f} MiB  "
                f"header row {info.header_row}, confidence {info.mapping.confidence:.2f}"
            )


if __name__ == "__main__":
    main()
