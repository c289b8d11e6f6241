"""The evidence sheet of recorded ad-hoc searches: what was searched, by whom, in which list
versions, and every entry found, as an Excel workbook an auditor can file.

Sheets: Summary (audit chain head and check), Searches, Results, Lists. Text from queries and
list files is written inert (never a formula), as in the run report.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import Workbook

from screener import __version__
from screener.core.evidence.searches import RecordedSearch, get_search
from screener.core.record import audit
from screener.core.record.database.store import Store
from screener.core.report.workbook import ReportError, save_workbook
from screener.core.report.workbook import cell as _cell
from screener.core.report.workbook import finish as _finish
from screener.core.report.workbook import sheet as _sheet

__all__ = ["export_search_evidence"]


def export_search_evidence(store: Store, search_ids: Sequence[int], out_path: Path) -> Path:
    """Write the recorded searches `search_ids` to `out_path` (.xlsx), atomically."""
    out_path = Path(out_path)
    if out_path.suffix.lower() != ".xlsx":
        raise ReportError(f"{out_path}: the evidence sheet is an Excel workbook; use a .xlsx name")
    if not out_path.parent.is_dir():
        raise ReportError(f"{out_path.parent}: folder does not exist")
    searches = [get_search(store, i) for i in search_ids]
    wb = Workbook(write_only=True)
    _summary(wb, store, searches)
    _searches(wb, store, searches)
    _results(wb, searches)
    _lists(wb, store, searches)
    return save_workbook(wb, out_path, what="the evidence")


def _summary(wb: Workbook, store: Store, searches: list[RecordedSearch]) -> None:
    ws = _sheet(wb, "Summary", ["Item", "Value"], [30, 90])
    verify = audit.verify(store)
    rows = [
        ("Searches", len(searches)),
        ("Search ids", ", ".join(str(s.id) for s in searches)),
        ("Audit chain head", verify.head),
        ("Audit chain verified", "passed" if verify.ok else f"FAILED: {verify.first_problem}"),
        ("Audit chain records", verify.records),
        ("Written (UTC)", datetime.now(UTC)),
        ("Written by", f"Screener {__version__}"),
    ]
    for item, value in rows:
        ws.append([_cell(ws, item), _cell(ws, value, wrap=True)])
    _finish(ws, 2, len(rows))


def _filters(filters: dict[str, object]) -> str:
    shown = []
    for key, value in sorted(filters.items()):
        if value in (None, "", [], ()):
            continue
        text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        shown.append(f"{key}: {text}")
    return "; ".join(shown)


def _searches(wb: Workbook, store: Store, searches: list[RecordedSearch]) -> None:
    headers = ["Search id", "Searched at (UTC)", "By", "Host", "Channel", "Query", "Filters",
               "Lists searched", "Parties found"]  # fmt: skip
    ws = _sheet(wb, "Searches", headers, [10, 20, 14, 16, 8, 34, 40, 60, 10])
    for s in searches:
        labels = "; ".join(store.version(v).label for v in s.list_version_ids)
        ws.append(
            [
                _cell(ws, s.id),
                _cell(ws, s.searched_at),
                _cell(ws, s.operator),
                _cell(ws, s.host),
                _cell(ws, s.channel),
                _cell(ws, s.query or "(by address or identifier only)"),
                _cell(ws, _filters(s.filters), wrap=True),
                _cell(ws, labels, wrap=True),
                _cell(ws, s.hits),
            ]
        )
    _finish(ws, len(headers), len(searches))


def _results(wb: Workbook, searches: list[RecordedSearch]) -> None:
    headers = ["Search id", "Rank", "Listed party", "Score", "List", "Sub-list", "Entry id",
               "Listed name", "Matched name", "Programs", "Explanation", "List version id",
               "Entry sha256"]  # fmt: skip
    ws = _sheet(wb, "Results", headers, [10, 6, 16, 8, 16, 9, 14, 40, 40, 24, 60, 10, 66])
    n = 0
    for s in searches:
        if not s.results:
            ws.append([_cell(ws, s.id), None, _cell(ws, "nothing found")])
            n += 1
        for r in s.results:
            ws.append(
                [
                    _cell(ws, s.id),
                    _cell(ws, r.rank),
                    _cell(ws, r.group),
                    _cell(ws, r.score, number_format="0.00"),
                    _cell(ws, r.source),
                    _cell(ws, r.sub_source),
                    _cell(ws, r.entry_id),
                    _cell(ws, r.name),
                    _cell(ws, r.matched_name),
                    _cell(ws, "; ".join(r.programs)),
                    _cell(ws, r.explanation, wrap=True),
                    _cell(ws, r.list_version_id),
                    _cell(ws, r.entry_hash),
                ]
            )
            n += 1
    _finish(ws, len(headers), n)


def _lists(wb: Workbook, store: Store, searches: list[RecordedSearch]) -> None:
    headers = ["Version id", "Source", "Title", "Published", "Entries", "Files", "sha256"]
    ws = _sheet(wb, "Lists", headers, [10, 26, 44, 12, 9, 40, 66])
    ids = sorted({v for s in searches for v in s.list_version_ids})
    for vid in ids:
        v = store.version(vid)
        ws.append(
            [
                _cell(ws, v.id),
                _cell(ws, v.source),
                _cell(ws, v.title),
                _cell(ws, v.published or "undated"),
                _cell(ws, v.entries),
                _cell(ws, ", ".join(v.files)),
                _cell(ws, v.sha256),
            ]
        )
    _finish(ws, len(headers), len(ids))
