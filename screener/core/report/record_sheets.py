"""The report's Decisions and Lists sheets: every decision recorded on the run (with its
approval, batch, carry-forward and correction links), and the list versions it screened
against (published, age, files and their sha256)."""

from __future__ import annotations

from datetime import UTC, datetime

from openpyxl import Workbook

from screener.core.record import runs
from screener.core.record.database.store import Store
from screener.core.record.review.decision_model import DECISION_SELECT, decision_from_row
from screener.core.report.workbook import cell as _cell
from screener.core.report.workbook import finish as _finish
from screener.core.report.workbook import sheet as _sheet


def decisions_sheet(wb: Workbook, store: Store, run: runs.Run) -> None:
    headers = [
        "Decision id",
        "Row",
        "Hit id",
        "Finding",
        "Action",
        "Reason",
        "Justification",
        "Operator",
        "Host",
        "Decided at (UTC)",
        "Approval",
        "Batch",
        "Carried from",
        "Supersedes",
        "Superseded",
    ]
    widths = [11, 7, 8, 24, 22, 22, 60, 16, 16, 20, 40, 8, 11, 11, 11]
    ws = _sheet(wb, "Decisions", headers, widths)
    rows = list(
        store.db.query(
            f"SELECT x.*, l.row AS line_row, ap.operator AS approver, ap.decided_at AS approved_at"
            f" FROM ({DECISION_SELECT}) x JOIN lines l ON l.id = x.line_id"
            " LEFT JOIN decision_approvals ap ON ap.decision_id = x.id"
            " WHERE x.run_id = ? ORDER BY x.id",
            [run.id],
        )
    )
    superseded = {r["supersedes"] for r in rows if r["supersedes"]}
    for r in rows:
        d = decision_from_row(r)
        approval = ""
        if d.needs_approval:
            approval = (
                f"{d.approval} by {r['approver']} at {r['approved_at']}"
                if d.approval
                else "pending approval"
            )
        ws.append(
            [
                _cell(ws, d.id),
                _cell(ws, r["line_row"]),
                _cell(ws, d.hit_id or ""),
                _cell(ws, d.finding_key or ""),
                _cell(ws, d.action.label),
                _cell(ws, d.reason.label if d.reason else ""),
                _cell(ws, d.justification, wrap=True),
                _cell(ws, d.operator),
                _cell(ws, d.host),
                _cell(ws, d.decided_at),
                _cell(ws, approval),
                _cell(ws, d.batch_id or ""),
                _cell(ws, d.carried_from or ""),
                _cell(ws, d.supersedes or ""),
                _cell(ws, "yes" if d.id in superseded else "no"),
            ]
        )
    _finish(ws, len(headers), len(rows))


def lists_sheet(wb: Workbook, store: Store, run: runs.Run) -> None:
    headers = [
        "Source",
        "Title",
        "Format",
        "Published",
        "Date basis",
        "Age (days)",
        "Entries",
        "Names",
        "Files",
        "sha256",
        "Imported (UTC)",
    ]
    ws = _sheet(wb, "Lists", headers, [26, 44, 18, 12, 12, 10, 9, 9, 40, 66, 20])
    today = datetime.now(UTC).date()
    versions = [store.version(v) for v in run.list_version_ids]
    for v in versions:
        ws.append(
            [
                _cell(ws, v.source),
                _cell(ws, v.title),
                _cell(ws, v.format),
                _cell(ws, v.published or "undated"),
                _cell(ws, v.published_basis),
                _cell(ws, v.age_days(today) if v.published else ""),
                _cell(ws, v.entries),
                _cell(ws, v.names),
                _cell(ws, ", ".join(v.files)),
                _cell(ws, v.sha256),
                _cell(ws, v.imported_at),
            ]
        )
    _finish(ws, len(headers), len(versions))
