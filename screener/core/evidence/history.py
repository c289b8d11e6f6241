"""Looking back: every decision of a run (superseded ones too) and finding lines across runs.

Read-only queries over the audit tables for the Audit page and the command line. A decision is
never edited; a correction is a new decision whose `supersedes` names the one it replaces, so
"superseded" is computed here from those links, never stored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from screener.core.record.database.store import Store
from screener.core.record.review.decision_model import DECISION_SELECT, decision_from_row
from screener.core.record.review.decisions import Decision, latest_decisions_for_lines

__all__ = [
    "DecisionEntry",
    "LineMatch",
    "LinePage",
    "find_lines",
    "find_lines_page",
    "run_decisions",
    "verdict_counts",
]


@dataclass(frozen=True, slots=True)
class DecisionEntry:
    """One decision of a run with what it was about and, if corrected, what replaced it."""

    decision: Decision
    row: int  # spreadsheet row of the line
    order_no: str
    line_no: str
    hit_name: str  # "" for a decision on the whole line
    superseded_by: Decision | None
    approver: str = ""  # who approved or rejected it (four-eyes), "" if nobody yet
    approval_note: str = ""  # their justification

    @property
    def current(self) -> bool:
        return self.superseded_by is None

    @property
    def reason(self) -> str:
        return self.decision.reason.label if self.decision.reason else ""

    @property
    def approval(self) -> str:
        """ "approved by ben", "rejected by ben: ...", "pending approval" or "" (not needed)."""
        d = self.decision
        if not d.needs_approval:
            return ""
        if d.approval is None:
            return "pending approval"
        note = f": {self.approval_note}" if self.approval_note else ""
        return f"{d.approval} by {self.approver}{note}"

    @property
    def batch(self) -> str:
        d = self.decision
        if d.carried_from is not None:
            return f"carried from decision {d.carried_from}"
        return f"batch {d.batch_id}" if d.batch_id is not None else ""

    @property
    def line_label(self) -> str:
        order = " / ".join(part for part in (self.order_no, self.line_no) if part)
        return f"row {self.row}" + (f" · {order}" if order else "")


@dataclass(frozen=True, slots=True)
class LineMatch:
    """A screened line found by order number or party name, with its current decision."""

    run_id: int
    line_id: int
    row: int
    order_no: str
    line_no: str
    party: str  # the party name that matched, else the first party
    verdict: str
    file_name: str
    started_at: str  # ISO time the run started
    latest: Decision | None  # current line-level decision (else newest hit decision)
    exact_order: bool = False  # the order number is exactly what was asked for


@dataclass(frozen=True, slots=True)
class LinePage:
    """One page of lines found across runs: `total` match in all, `exact` by order number."""

    matches: tuple[LineMatch, ...]
    total: int
    exact: int
    offset: int
    limit: int

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.matches) < self.total

    def summary(self) -> str:
        """'lines 1-50 of 212 (3 with this exact order number)'."""
        if not self.total:
            return "no lines found"
        shown = f"{self.offset + 1}-{self.offset + len(self.matches)}" if self.matches else "none"
        exact = f" ({self.exact} with this exact order number)" if self.exact else ""
        return f"lines {shown} of {self.total:,}{exact}"


def run_decisions(store: Store, run_id: int) -> list[DecisionEntry]:
    """Every decision of `run_id`, oldest first, each with its terms (reason, approval, batch)
    and the decision that superseded it."""
    extra = (
        "SELECT l.row AS line_row, l.order_no AS line_order, l.line_no AS line_line,"
        " h.entry_name AS hit_name, a.operator AS approver, a.justification AS approval_note, "
    )
    rows = list(
        store.db.query(
            DECISION_SELECT.replace("SELECT ", extra, 1)
            + " JOIN lines l ON l.id = d.line_id LEFT JOIN hits h ON h.id = d.hit_id"
            " WHERE d.run_id = ? ORDER BY d.id",
            [run_id],
        )
    )
    decisions = [decision_from_row(r) for r in rows]
    replaced_by = {d.supersedes: d for d in decisions if d.supersedes is not None}
    return [
        DecisionEntry(
            decision=d,
            row=int(r["line_row"]),
            order_no=str(r["line_order"]),
            line_no=str(r["line_line"]),
            hit_name=str(r["hit_name"] or ""),
            superseded_by=replaced_by.get(d.id),
            approver=str(r["approver"] or ""),
            approval_note=str(r["approval_note"] or ""),
        )
        for d, r in zip(decisions, rows, strict=True)
    ]


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _party_names(parties_json: str) -> list[str]:
    try:
        parties = json.loads(parties_json)
    except ValueError:
        return []
    return [str(p.get("name", "")) for p in parties if isinstance(p, dict)]


def find_lines(store: Store, text: str, *, limit: int = 200, offset: int = 0) -> list[LineMatch]:
    """Lines of any run whose order number, line number or a party name contains `text`:
    exact order numbers first (see `find_lines_page`)."""
    return list(find_lines_page(store, text, offset=offset, limit=limit).matches)


def find_lines_page(store: Store, text: str, *, offset: int = 0, limit: int = 50) -> LinePage:
    """One page of the lines of every run matching `text`, with how many match in all.

    Lines whose order number is exactly `text` come first, then every other match (order or
    line number or a party name containing it); within each, newest run first, then by row.
    Case-insensitive (Unicode casefold). SQL `lower(...) LIKE` narrows the rows when `text` is
    ASCII (the same on SQLite, whose lower() folds ASCII only, and PostgreSQL, whose LIKE is
    case-sensitive); every candidate is then checked in Python.
    """
    needle = text.strip().casefold()
    if not needle:
        return LinePage((), 0, 0, offset, limit)
    sql = (
        "SELECT l.id, l.run_id, l.row, l.order_no, l.line_no, l.parties, l.verdict,"
        " r.file_name, r.started_at FROM lines l JOIN runs r ON r.id = l.run_id"
    )
    params: list[Any] = []
    if needle.isascii():
        pattern = _like(needle)
        sql += (
            " WHERE lower(l.order_no) LIKE ? ESCAPE '\\' OR lower(l.line_no) LIKE ? ESCAPE '\\'"
            " OR lower(l.parties) LIKE ? ESCAPE '\\'"
        )
        params = [pattern, pattern, pattern]
    found: list[tuple[int, dict[str, Any]]] = []
    for r in store.db.query(sql, params):
        names = _party_names(r["parties"])
        matching = [name for name in names if needle in name.casefold()]
        order = r["order_no"].strip().casefold()
        exact = order == needle
        if not exact and not matching and needle not in order + "\0" + r["line_no"].casefold():
            continue
        r["party"] = matching[0] if matching else (names[0] if names else "")
        r["exact"] = exact
        found.append((0 if exact else 1, r))
    found.sort(key=lambda t: (t[0], -t[1]["run_id"], t[1]["row"], t[1]["id"]))
    page = [r for _tier, r in found[max(offset, 0) : max(offset, 0) + max(limit, 0)]]
    latest = latest_decisions_for_lines(store, [r["id"] for r in page])
    matches = tuple(
        LineMatch(
            run_id=r["run_id"],
            line_id=r["id"],
            row=r["row"],
            order_no=r["order_no"],
            line_no=r["line_no"],
            party=r["party"],
            verdict=r["verdict"],
            file_name=r["file_name"],
            started_at=r["started_at"],
            latest=latest.get(r["id"]),
            exact_order=r["exact"],
        )
        for r in page
    )
    exact_total = sum(1 for tier, _r in found if tier == 0)
    return LinePage(matches, len(found), exact_total, offset, limit)


def verdict_counts(store: Store, run_ids: list[int]) -> dict[int, dict[str, int]]:
    """Lines per verdict for each of `run_ids` (runs without lines are left out)."""
    counts: dict[int, dict[str, int]] = {}
    for start in range(0, len(run_ids), 500):
        chunk = run_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for run_id, verdict, n in store.db.conn.execute(
            f"SELECT run_id, verdict, count(*) FROM lines WHERE run_id IN ({marks})"
            " GROUP BY run_id, verdict",
            chunk,
        ):
            counts.setdefault(int(run_id), {})[str(verdict)] = int(n)
    return counts
