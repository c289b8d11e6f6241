"""Which row of a sheet is the header: the row (or a group row over column labels) whose
columns map best, among the first `HEADER_SCAN_ROWS`."""

from __future__ import annotations

from collections.abc import Sequence

from screener.core.orders.grouped_header import grouped_labels
from screener.core.orders.mapping import (
    HEADER_SCAN_ROWS,
    ROLES,
    detect_mapping,
    score_bound,
    unique_headers,
)
from screener.core.orders.model import ColumnMapping

__all__ = ["find_header", "find_header_rows", "header_score"]


def header_score(mapping: ColumnMapping) -> float:
    """How much a row looks like the header: 0 unless it maps a party or destination and more."""
    fields = {m.field for m in mapping.matches}
    if len(fields) < 2 or not fields & {*ROLES, "destination", "hs_code"}:
        return 0.0
    return sum(m.confidence for m in mapping.matches)


def find_header(rows: Sequence[Sequence[str]]) -> tuple[int, ColumnMapping] | None:
    """(index into `rows`, mapping) of the row that looks most like a header, if any."""
    found = find_header_rows(rows)
    return None if found is None else (found[0], found[2])


def find_header_rows(
    rows: Sequence[Sequence[str]],
) -> tuple[int, tuple[str, ...], ColumnMapping] | None:
    """(index of the header's last row, its column labels, mapping): one row, or a group row
    over the column labels (`grouped_header`) when that maps clearly more."""
    found: tuple[float, int, tuple[str, ...], ColumnMapping] | None = None
    single = _best_single_row(rows)
    if single is not None:
        found = (header_score(single[1]), single[0], unique_headers(rows[single[0]]), single[1])
    for index in range(min(len(rows), HEADER_SCAN_ROWS) - 1):
        labels = grouped_labels(rows[index], rows[index + 1])
        if labels is None:
            continue
        headers = unique_headers(labels)
        if found is not None and score_bound(headers) <= 1.2 * found[0]:
            continue  # data rows with gaps: not worth their fuzzy look-ups
        mapping = detect_mapping(headers)
        score = header_score(mapping)
        # Clearly more than one row maps: a header row over a data row is not grouped.
        if score and (found is None or score > 1.2 * found[0]):
            found = (score, index + 1, headers, mapping)
    return None if found is None else found[1:]


def _best_single_row(rows: Sequence[Sequence[str]]) -> tuple[int, ColumnMapping] | None:
    best: tuple[float, int, ColumnMapping] | None = None
    for index, values in enumerate(rows[:HEADER_SCAN_ROWS]):
        if sum(1 for v in values if v.strip()) < 2:
            continue
        headers = unique_headers(values)
        if best is not None and score_bound(headers) <= best[0]:
            continue  # a data row under the header: not worth its fuzzy look-ups
        mapping = detect_mapping(headers)
        score = header_score(mapping)
        if score and (best is None or score > best[0]):
            best = (score, index, mapping)
    return None if best is None else (best[1], best[2])
