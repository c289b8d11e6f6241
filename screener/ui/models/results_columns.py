"""The Screen table's columns: what each shows of a screened line, its tooltip and its sort
key (`ResultsModel` adds the decision, which needs the line's state)."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum

from PySide6.QtCore import Qt

from screener.core.record.runs import StoredLine
from screener.core.screening.why import Why, route_text
from screener.ui.models._table import Col
from screener.ui.verdicts import verdict_style


class Column(IntEnum):
    # Verdict and Decision come early so that a narrow window still shows them.
    ROW = 0
    ORDER = 1
    VERDICT = 2
    DECISION = 3
    PARTY = 4
    HIT = 5
    REASON = 6
    DESTINATION = 7
    HS = 8


_R = Qt.ItemDataRole
# Styling roles the view asks of every visible cell, and the columns that answer each: the
# others get None at once (`ResultsModel.data_at`).
STYLE_ROLES: dict[int, frozenset[int]] = {
    _R.DecorationRole: frozenset({Column.VERDICT, Column.DECISION}),
    _R.FontRole: frozenset({Column.DECISION}),
    _R.BackgroundRole: frozenset({Column.VERDICT}),
    _R.ForegroundRole: frozenset({Column.VERDICT}),
    _R.CheckStateRole: frozenset(),
    _R.SizeHintRole: frozenset(),
}

NO_WHY = Why(party="", role="", best_hit="", first_reason="", groups=())
ROLE_LABELS = {"buyer": "buyer", "ship_to": "ship-to", "end_user": "end user"}


def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role.replace("_", " "))


def first_party(line: StoredLine) -> str:
    if not line.parties:
        return ""
    name = str(line.parties[0].get("name", ""))
    more = len(line.parties) - 1
    return f"{name}  (+{more})" if more > 0 else name


def route(line: StoredLine) -> str:
    return route_text(line.destination, line.transit)


def order_line(line: StoredLine) -> str:
    if line.order_no and line.line_no:
        return f"{line.order_no} / {line.line_no}"
    return line.order_no or line.line_no


def search_text(line: StoredLine) -> str:
    """What the free-text filter looks in: row, order, goods, route and every party."""
    parts = [
        str(line.row),
        line.order_no,
        line.line_no,
        line.description,
        line.hs_code,
        line.destination,
        *line.transit,
        *(str(p.get("name", "")) for p in line.parties),
        *(str(p.get("country", "")) for p in line.parties),
    ]
    return "\n".join(parts).casefold()


def _party_tip(line: StoredLine) -> str | None:
    if not line.parties:
        return None
    return "\n".join(
        f"{p.get('role', '')}: {p.get('name', '')} {p.get('country', '')}".strip()
        for p in line.parties
    )


def _why_tip(why: Why) -> str | None:
    if not why.groups:
        return None
    return "\n\n".join(f"{group}:\n" + "\n".join(f"• {r}" for r in rs) for group, rs in why.groups)


def columns_with_why(why: Callable[[StoredLine], Why]) -> tuple[Col[StoredLine], ...]:
    """The columns, in `Column` order; `why(line)` gives a line's explanation."""

    def party(line: StoredLine) -> str:
        w = why(line)
        if not w.party:
            return first_party(line)
        return f"{w.party}  ({role_label(w.role)})" if w.role else w.party

    return (
        Col(
            "Row",
            lambda line: str(line.row),
            sort=lambda line: line.row,
            align_right=True,
            header_tip="Row in the order workbook",
        ),
        Col("Order / line", order_line, tip=lambda line: order_line(line) or None),
        Col(
            "Verdict",
            lambda line: verdict_style(line.verdict).label,
            sort=lambda line: verdict_style(line.verdict).rank * 10_000_000 + line.row,
            tip=lambda line: _why_tip(why(line)),
            header_tip="Screening verdict: Block, Review or Clear",
        ),
        Col(
            "Decision",
            lambda line: "",  # needs the decision: see ResultsModel.data
            header_tip="The line's outcome once every hit and finding is decided (the most "
            "severe decision); until then how many are decided, and any pending approval",
        ),
        Col(
            "Deciding party",
            party,
            tip=_party_tip,
            header_tip="The party the verdict comes from, and its role (all parties in the "
            "tooltip and the detail panel)",
        ),
        Col(
            "Best hit",
            lambda line: why(line).best_hit,
            sort=lambda line: why(line).best_score,
            header_tip="The deciding party's strongest list hit: list and score",
        ),
        Col(
            "First reason",
            lambda line: why(line).first_reason,
            tip=lambda line: _why_tip(why(line)),
            header_tip="The most severe reason (all reasons, by party, goods and route, in the "
            "tooltip and the detail panel)",
        ),
        Col("Destination", route, tip=lambda line: route(line) or None),
        Col("HS code", lambda line: line.hs_code, tip=lambda line: line.description or None),
    )


PLAIN_COLUMNS = columns_with_why(lambda line: NO_WHY)
