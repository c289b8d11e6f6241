"""The Excel audit report of one screening run: the evidence an auditor reads.

Sheets: Summary, Lines, Hits, Decisions, Lists, Licences. Written in openpyxl's write-only mode so a
100,000-line run streams to disk in constant memory. Text that came from an order or list file
is written as inert text (never a formula), whatever it starts with.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from screener import __version__
from screener.core.names.normalize import normalize_name
from screener.core.record import audit, run_context, runs
from screener.core.record.database.store import Store
from screener.core.record.review import decisions
from screener.core.record.review.line_state import (
    ItemState,
    LineState,
    LineStatus,
    RunItems,
    count_states,
    run_items,
)
from screener.core.report.licences_sheet import licences_sheet
from screener.core.report.record_sheets import decisions_sheet, lists_sheet
from screener.core.report.workbook import (
    ReportError,
    save_workbook,
)
from screener.core.report.workbook import (
    cell as _cell,
)
from screener.core.report.workbook import (
    finish as _finish,
)
from screener.core.report.workbook import (
    sheet as _sheet,
)
from screener.core.report.workbook import (
    texts as _texts,
)

VERDICT_FILLS = {
    "block": PatternFill("solid", fgColor="F4C7C3"),
    "review": PatternFill("solid", fgColor="FCE8B2"),
    "clear": PatternFill("solid", fgColor="D9EAD3"),
}


def write_report(store: Store, run_id: int, out_path: Path) -> Path:
    """Write the audit report of `run_id` to `out_path` (atomically: a temp file, then rename)."""
    out_path = Path(out_path)
    if out_path.suffix.lower() != ".xlsx":
        raise ReportError(f"{out_path}: the report is an Excel workbook; use a .xlsx name")
    if not out_path.parent.is_dir():
        raise ReportError(f"{out_path.parent}: folder does not exist")
    run = runs.get_run(store, run_id)
    wb = Workbook(write_only=True)
    verifying = audit.VerifyAlongside(
        store
    )  # the whole chain, checked while the sheets are written
    summary = _sheet(wb, "Summary", ["Item", "Value"], [34, 90])  # first sheet, filled last
    # The states the window and the CLI count too, derived as the lines are written.
    states = _lines(wb, store, run, run_items(store, run_id))
    _hits(wb, store, run, states)
    decisions_sheet(wb, store, run)
    lists_sheet(wb, store, run)
    licences_sheet(wb, store, run_id)
    _summary(summary, store, run, states, verifying.result())
    return save_workbook(wb, out_path, what="the report")


def _normalised(name: str) -> str:
    """The name as the matcher compared it: transliterated, folded, legal forms canonical."""
    return " ".join(normalize_name(name).texts())


def _number(text: str) -> float | int | str:
    """Order quantities and values as numbers when they are plain numbers, else the text."""
    s = text.strip().replace(",", "")
    try:
        return int(s) if s.lstrip("-").isdigit() else float(s)
    except ValueError:
        return text


# ---------------------------------------------------------------- sheets


def _summary(
    ws: WriteOnlyWorksheet,
    store: Store,
    run: runs.Run,
    states: dict[int, LineState],
    verify: audit.VerifyReport,
) -> None:
    verdicts: Counter[str] = Counter()
    problems = 0
    for verdict, count, with_problems in store.db.execute(
        "SELECT verdict, count(*), sum(CASE WHEN problems != '[]' THEN 1 ELSE 0 END)"
        " FROM lines WHERE run_id = ?"
        " GROUP BY verdict",
        [run.id],
    ):
        verdicts[verdict] = count
        problems += with_problems or 0
    counts = count_states(states.values())
    rows: list[tuple[str, Any]] = [
        ("Run id", run.id),
        ("Kind", run.kind + (f" of run {run.parent_run_id}" if run.parent_run_id else "")),
        ("Order file", run.file_name),
        ("Order file sha256", run.file_sha256),
        ("Sheet", run.sheet or "(csv)"),
        ("Operator", f"{run.operator} on {run.host}"),
        ("Started (UTC)", run.started_at),
        ("Finished (UTC)", run.finished_at or "not finished"),
        ("Status", run.status),
        *run_context.summary_rows(store, run),  # partial? stale lists?
        ("Lines screened", run.line_count),
        ("Lines with input problems", problems),
        ("Policy version", run.policy_version),
        ("Matcher version", run.matcher_version),
        ("Screener version", run.app_version),
    ]
    rows += [(f"Verdict: {v}", verdicts.get(v, 0)) for v in ("block", "review", "clear")]
    rows += [
        ("Lines needing no decision (clear)", counts.no_decision_needed),
        ("Undecided lines", counts.undecided),
        ("Lines pending approval", counts.pending_approval),
        ("Decided lines", counts.decided),
    ]
    rows += [(f"Decision: {a.label}", counts.by_outcome.get(a, 0)) for a in decisions.Action]
    today = datetime.now(UTC).date()
    for vid in run.list_version_ids:
        v = store.version(vid)
        age = v.age_days(today)
        rows.append(
            (
                f"List: {v.source}",
                f"{v.title}; published "
                f"{v.published.isoformat() if v.published else 'undated'}"
                f"{'' if age is None else f' ({age} days old)'}; sha256 {v.sha256}",
            )
        )
    rows += [
        ("Audit chain head", verify.head),
        ("Audit chain records", verify.records),  # with the head: an anchor for `audit verify`
        ("Audit chain verified", "passed" if verify.ok else f"FAILED: {verify.first_problem}"),
        ("Report written (UTC)", datetime.now(UTC)),
        ("Report written by", f"Screener {__version__}"),
    ]
    for item, value in rows:
        fill = None
        if item.startswith("Verdict: "):
            fill = VERDICT_FILLS.get(item.removeprefix("Verdict: "))
        ws.append([_cell(ws, item, fill=fill), _cell(ws, value, wrap=True)])
    _finish(ws, 2, len(rows))


def _lines(wb: Workbook, store: Store, run: runs.Run, items: RunItems) -> dict[int, LineState]:
    first = next(runs.iter_lines(store, run.id), None)
    originals = [h for h, _v in first.cells] if first else []
    numeric = {run.mapping.get(k) for k in ("quantity", "value", "unit_price")} - {None}
    fixed = [
        "Row",
        "Order",
        "Line",
        "Verdict",
        "Reasons",
        "Input problems",
        "Decision",
        "Decided by",
        "Decided at (UTC)",
        "Justification",
    ]
    ws = _sheet(
        wb,
        "Lines",
        fixed + [f"[{h}]" for h in originals],
        [7, 14, 7, 10, 70, 40, 22, 16, 20, 40] + [18] * len(originals),
    )
    fixed_n = len(fixed)
    number_at = [i for i, h in enumerate(originals) if h in numeric]
    n = 0
    states: dict[int, LineState] = {}
    for line in runs.iter_lines(store, run.id):
        state = states[line.id] = items.state(line.id, line.verdict, line.findings)
        d = state.deciding if state.status is LineStatus.DECIDED else None
        values: list[Any] = [
            _cell(ws, line.row),
            _cell(ws, line.order_no),
            _cell(ws, line.line_no),
            _cell(ws, line.verdict, fill=VERDICT_FILLS.get(line.verdict)),
            _cell(ws, "\n".join(line.reasons), wrap=True),
            _cell(ws, "\n".join(line.problems), wrap=True),
            _cell(ws, state.label),
            _cell(ws, d.operator if d else ""),
            _cell(ws, d.decided_at if d else ""),
            _cell(ws, d.justification if d else "", wrap=True),
        ]
        cells = dict(line.cells)
        texts = [cells.get(h, "") for h in originals]
        values += _texts(ws, texts)
        for i in number_at:
            if texts[i]:
                values[fixed_n + i] = _cell(ws, _number(texts[i]))
        ws.append(values)
        n += 1
    _finish(ws, len(fixed) + len(originals), n)
    return states


def _hits(wb: Workbook, store: Store, run: runs.Run, states: dict[int, LineState]) -> None:
    on_hit = {
        s.item.hit_id: (s, state.verdict)
        for state in states.values()
        for s in state.items
        if s.item.hit_id
    }
    headers = [
        "Row",
        "Role",
        "Name as entered",
        "Normalised",
        "Matched list name",
        "Listed name",
        "List",
        "Sub-list",
        "Entry id",
        "Programs",
        "Score",
        "Explanation",
        "Suppressed (accepted false positive)",
        "Decision",
        "Decision id",
    ]
    ws = _sheet(wb, "Hits", headers, [7, 14, 34, 30, 34, 34, 16, 9, 12, 24, 8, 70, 14, 22, 11])
    n = 0
    for row, hit in runs.iter_run_hits(store, run.id):
        ws.append(
            [
                _cell(ws, row),
                _cell(ws, hit.role),
                _cell(ws, hit.party_name),
                _cell(ws, _normalised(hit.party_name)),
                _cell(ws, hit.matched_name),
                _cell(ws, hit.entry_name),
                _cell(ws, hit.source),
                _cell(ws, hit.sub_source),
                _cell(ws, hit.entry_id),
                _cell(ws, "; ".join(hit.programs)),
                _cell(ws, hit.score, number_format="0.00"),
                _cell(ws, hit.explanation, wrap=True),
                _cell(ws, f"yes (#{hit.suppressed_by})" if hit.suppressed_by else "no"),
                *_hit_decision(ws, on_hit.get(hit.id)),
            ]
        )
        n += 1
    _finish(ws, len(headers), n)


def _hit_decision(ws: WriteOnlyWorksheet, found: tuple[ItemState, str] | None) -> list[Any]:
    if found is None:
        return [None, None]  # suppressed: not a decision item
    item, verdict = found
    if item.current is not None:
        return [_cell(ws, item.current.action.label), _cell(ws, item.current.id)]
    if item.pending is not None:
        return [_cell(ws, "pending approval"), _cell(ws, item.pending.id)]
    return [_cell(ws, "no decision needed" if verdict == "clear" else "undecided"), None]
