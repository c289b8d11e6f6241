"""One row per screened line of the current run, streamed in as batches arrive.

`ResultsModel` adapts `runs.StoredLine` (+ the line's current `Decision`); filtering and sorting
are `ResultsFilterProxy`'s job. A new decision changes one row (`dataChanged`), a new run
resets the model.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from screener.core.decisions import Decision
from screener.core.runs import StoredLine
from screener.ui import icons
from screener.ui.verdicts import needs_decision, text_color, verdict_style

LineIdRole = Qt.ItemDataRole.UserRole + 1
VerdictRole = Qt.ItemDataRole.UserRole + 2
DecisionRole = Qt.ItemDataRole.UserRole + 3  # Action value of the current decision, or ""
SortRole = Qt.ItemDataRole.UserRole + 4
SearchTextRole = Qt.ItemDataRole.UserRole + 5
NeedsDecisionRole = Qt.ItemDataRole.UserRole + 6  # block/review line without a decision

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    ROW = 0
    ORDER = 1
    PARTY = 2
    DESTINATION = 3
    HS = 4
    VERDICT = 5
    DECISION = 6


HEADERS = {
    Column.ROW: "Row",
    Column.ORDER: "Order / line",
    Column.PARTY: "Party",
    Column.DESTINATION: "Destination",
    Column.HS: "HS code",
    Column.VERDICT: "Verdict",
    Column.DECISION: "Decision",
}
HEADER_TIPS = {
    Column.ROW: "Row in the order workbook",
    Column.PARTY: "First party of the line (all parties in the tooltip and the detail panel)",
    Column.VERDICT: "Screening verdict: Block, Review or Clear",
    Column.DECISION: "The officer's current decision on the line",
}


def first_party(line: StoredLine) -> str:
    if not line.parties:
        return ""
    name = str(line.parties[0].get("name", ""))
    more = len(line.parties) - 1
    return f"{name}  (+{more})" if more > 0 else name


def route(line: StoredLine) -> str:
    if line.transit:
        return f"{line.destination} via {', '.join(line.transit)}"
    return line.destination


def order_line(line: StoredLine) -> str:
    if line.order_no and line.line_no:
        return f"{line.order_no} / {line.line_no}"
    return line.order_no or line.line_no


class ResultsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[StoredLine] = []
        self._row_of: dict[int, int] = {}
        self._decisions: dict[int, Decision] = {}
        self._search: dict[int, str] = {}
        self._counts: Counter[str] = Counter()
        self._undecided = 0

    # -- feeding --------------------------------------------------------------------

    def reset(
        self, lines: Iterable[StoredLine] = (), decisions: dict[int, Decision] | None = None
    ) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self._row_of = {line.id: i for i, line in enumerate(self._lines)}
        self._decisions = dict(decisions or {})
        self._search = {}
        self._recount()
        self.endResetModel()

    def append_lines(self, lines: Sequence[StoredLine]) -> None:
        fresh = [line for line in lines if line.id not in self._row_of]
        if not fresh:
            return
        first = len(self._lines)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        for offset, line in enumerate(fresh):
            self._row_of[line.id] = first + offset
        self._lines.extend(fresh)
        for line in fresh:
            self._counts[line.verdict] += 1
            if needs_decision(line.verdict) and line.id not in self._decisions:
                self._undecided += 1
        self.endInsertRows()

    def set_decision(self, decision: Decision) -> None:
        row = self._row_of.get(decision.line_id)
        if row is None:
            return
        if decision.line_id not in self._decisions and needs_decision(self._lines[row].verdict):
            self._undecided -= 1
        self._decisions[decision.line_id] = decision
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def set_decisions(self, decisions: Iterable[Decision]) -> None:
        """Many decisions at once (a stored run being opened): one signal for the column."""
        changed = False
        for decision in decisions:
            if decision.line_id in self._row_of:
                self._decisions[decision.line_id] = decision
                changed = True
        if changed and self._lines:
            self._recount()
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._lines) - 1, len(Column) - 1)
            )

    def _recount(self) -> None:
        self._counts = Counter(line.verdict for line in self._lines)
        self._undecided = sum(
            1
            for line in self._lines
            if needs_decision(line.verdict) and line.id not in self._decisions
        )

    # -- reading --------------------------------------------------------------------

    def line_at(self, row: int) -> StoredLine:
        return self._lines[row]

    def row_of(self, line_id: int) -> int | None:
        return self._row_of.get(line_id)

    def decision(self, line_id: int) -> Decision | None:
        return self._decisions.get(line_id)

    def verdict_counts(self) -> Counter[str]:
        return Counter(self._counts)

    def undecided_count(self) -> int:
        return self._undecided

    # -- Qt interface ---------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(column)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        column = Column(index.column())
        decision = self._decisions.get(line.id)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(line, column, decision)
        if role == LineIdRole:
            return line.id
        if role == VerdictRole:
            return line.verdict
        if role == DecisionRole:
            return decision.action.value if decision else ""
        if role == NeedsDecisionRole:
            return needs_decision(line.verdict) and decision is None
        if role == SortRole:
            return self._sort_key(line, column, decision)
        if role == SearchTextRole:
            return self._search_text(line)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(line, column, decision)
        return self._appearance(line, column, decision, role)

    # -- helpers --------------------------------------------------------------------

    def _display(self, line: StoredLine, column: Column, decision: Decision | None) -> str | int:
        match column:
            case Column.ROW:
                return line.row
            case Column.ORDER:
                return order_line(line)
            case Column.PARTY:
                return first_party(line)
            case Column.DESTINATION:
                return route(line)
            case Column.HS:
                return line.hs_code
            case Column.VERDICT:
                return verdict_style(line.verdict).label
            case Column.DECISION:
                if decision is not None:
                    return decision.action.label
                return "Undecided" if needs_decision(line.verdict) else ""
        return ""  # pragma: no cover

    def _sort_key(self, line: StoredLine, column: Column, decision: Decision | None) -> Any:
        if column == Column.ROW:
            return line.row
        if column == Column.VERDICT:
            return verdict_style(line.verdict).rank * 10_000_000 + line.row
        if column == Column.DECISION:
            return decision.action.label if decision else ""
        return str(self._display(line, column, decision)).casefold()

    def _search_text(self, line: StoredLine) -> str:
        text = self._search.get(line.id)
        if text is None:
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
            text = "\n".join(parts).casefold()
            self._search[line.id] = text
        return text

    def _tooltip(self, line: StoredLine, column: Column, decision: Decision | None) -> str | None:
        if column == Column.PARTY and line.parties:
            return "\n".join(
                f"{p.get('role', '')}: {p.get('name', '')} {p.get('country', '')}".strip()
                for p in line.parties
            )
        if column == Column.VERDICT and line.reasons:
            return "\n".join(line.reasons)
        if column == Column.DECISION and decision is not None:
            return f"{decision.operator}, {decision.decided_at:%Y-%m-%d %H:%M}: " + (
                decision.justification
            )
        if column == Column.HS and line.description:
            return line.description
        return None

    def _appearance(
        self, line: StoredLine, column: Column, decision: Decision | None, role: int
    ) -> Any:
        if column == Column.VERDICT:
            style = verdict_style(line.verdict)
            if role == Qt.ItemDataRole.DecorationRole:
                return style.icon
            if role == Qt.ItemDataRole.BackgroundRole:
                return QColor(style.tint)
            if role == Qt.ItemDataRole.ForegroundRole:
                return text_color(style.tint)
        if column == Column.DECISION and role == Qt.ItemDataRole.DecorationRole and decision:
            return icons.icon("decided")
        if column == Column.ROW and role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if (
            column == Column.DECISION
            and role == Qt.ItemDataRole.FontRole
            and decision is None
            and needs_decision(line.verdict)
        ):
            font = QFont()
            font.setItalic(True)
            return font
        return None


class ResultsFilterProxy(QSortFilterProxyModel):
    """Filters by verdict, by decision state and by free text (any party, order, HS, ...)."""

    ALL_VERDICTS = frozenset({"block", "review", "clear"})

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._verdicts: frozenset[str] = self.ALL_VERDICTS
        self._decision = "all"  # all | undecided | decided
        self._needle = ""
        self.setSortRole(SortRole)

    @property
    def verdicts(self) -> frozenset[str]:
        return self._verdicts

    def set_verdicts(self, verdicts: Iterable[str]) -> None:
        self.beginFilterChange()
        self._verdicts = frozenset(verdicts)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_decision_filter(self, value: str) -> None:
        if value not in ("all", "undecided", "decided"):
            raise ValueError(value)
        self.beginFilterChange()
        self._decision = value
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        verdict = model.data(index, VerdictRole)
        if verdict in self.ALL_VERDICTS and verdict not in self._verdicts:
            return False
        if self._decision != "all":
            decided = bool(model.data(index, DecisionRole))
            if (self._decision == "decided") != decided:
                return False
            if self._decision == "undecided" and not model.data(index, NeedsDecisionRole):
                return False
        return not self._needle or self._needle in model.data(index, SearchTextRole)
