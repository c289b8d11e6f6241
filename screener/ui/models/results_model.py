"""One row per screened line of the current run, streamed in as batches arrive.

`ResultsModel` adapts `runs.StoredLine` (+ the line's current `Decision`) on top of the shared
`RecordTableModel`; besides the lines it keeps compact per-row columns (verdict, lowercase search
text, whether a decision is needed) so that `ResultsFilterProxy` filters and sorts 100,000 rows
in plain Python list operations instead of one `data()` call per row and comparison
(`results_proxy.py`).

A new decision changes one row (`dataChanged`), a new run resets the model.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QModelRoleDataSpan, QObject, QPersistentModelIndex, Qt

from screener.core.record.review.decisions import Decision
from screener.core.record.review.line_state import LineState, LineStatus
from screener.core.record.runs import StoredLine
from screener.core.screening.why import Why
from screener.ui.models._table import RecordTableModel
from screener.ui.models.decision_cell import decision_style, decision_text, decision_tip
from screener.ui.models.results_cells import CellCache, fill_span
from screener.ui.models.results_columns import (
    NO_WHY,
    PLAIN_COLUMNS,
    STYLE_ROLES,
    Column,
    columns_with_why,
    search_text,
)
from screener.ui.verdicts import needs_decision, verdict_cell

LineIdRole = Qt.ItemDataRole.UserRole + 1
VerdictRole = Qt.ItemDataRole.UserRole + 2
DecisionRole = Qt.ItemDataRole.UserRole + 3  # Action value of the current decision, or ""
SortRole = Qt.ItemDataRole.UserRole + 4
SearchTextRole = Qt.ItemDataRole.UserRole + 5
NeedsDecisionRole = Qt.ItemDataRole.UserRole + 6  # block/review line without a decision

Index = QModelIndex | QPersistentModelIndex

# Above this many new or changed rows, the proxy re-lays out once instead of row by row.
MAX_ROW_SIGNALS = 16


class ResultsModel(RecordTableModel[StoredLine]):
    columns = PLAIN_COLUMNS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._whys: dict[int, Why] = {}
        self.columns = columns_with_why(lambda line: self._whys.get(line.id, NO_WHY))
        self._row_of: dict[int, int] = {}
        self._decisions: dict[int, Decision] = {}  # decided lines: the outcome's decision
        self._states: dict[int, LineState] = {}  # derived states known (core.line_state)
        self._counts: Counter[str] = Counter()
        self._undecided = 0
        # Compact per-row columns the proxy filters and sorts on, in source row order.
        self.verdicts: list[str] = []
        self.line_ids: list[int] = []
        self.texts: list[str] = []
        self._sort_keys: dict[int, list[Any]] = {}
        self.cells = CellCache(self.data_at, len(Column))  # what a paint asks, per row

    # -- feeding --------------------------------------------------------------------

    def reset(
        self, lines: Iterable[StoredLine] = (), decisions: dict[int, Decision] | None = None
    ) -> None:
        self.beginResetModel()
        self._items = []
        self._row_of = {}
        self._whys = {}
        self.verdicts, self.line_ids, self.texts = [], [], []
        self._sort_keys = {}
        self._decisions = dict(decisions or {})
        self._states = {}
        self.cells.forget()
        self._add(list(lines))
        self._recount()
        self.endResetModel()

    def set_items(self, items: Sequence[StoredLine]) -> None:
        self.reset(items)

    def append_lines(
        self,
        lines: Sequence[StoredLine],
        whys: Sequence[Why] = (),
        states: Sequence[LineState] = (),
    ) -> None:
        """Append `lines` (each with its explanation in `whys`, where given). The `states` of
        these lines are taken before their rows go in: showing them needs no second signal
        (one over the whole table would make the view lay out every row again, each batch)."""
        for line, why in zip(lines, whys, strict=False):
            if line.id not in self._whys:
                self._whys[line.id] = why
                row = self._row_of.get(line.id)
                if row is not None:
                    self.cells.forget((row,))
        fresh = [line for line in lines if line.id not in self._row_of]
        fresh_ids = {line.id for line in fresh}
        for state in states:
            if state.line_id in fresh_ids:
                self._take_state(state)
        if fresh:
            first = len(self._items)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._add(fresh)
            for line in fresh:
                self._counts[line.verdict] += 1
                if needs_decision(line.verdict) and line.id not in self._decisions:
                    self._undecided += 1
            self.endInsertRows()
        older = [state for state in states if state.line_id not in fresh_ids]
        if older:
            self.set_line_states(older)

    def _add(self, lines: list[StoredLine]) -> None:
        first = len(self._items)
        self._items.extend(lines)
        for offset, line in enumerate(lines):
            self._row_of[line.id] = first + offset
        self.verdicts.extend(line.verdict for line in lines)
        self.line_ids.extend(line.id for line in lines)
        self.texts.extend(search_text(line) for line in lines)

    def set_decision(self, decision: Decision) -> None:
        row = self._row_of.get(decision.line_id)
        if row is None:
            return
        if decision.line_id not in self._decisions and needs_decision(self._items[row].verdict):
            self._undecided -= 1
        self._decisions[decision.line_id] = decision
        self._sort_keys.pop(Column.DECISION, None)
        self.cells.forget((row,))
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def set_line_states(self, states: Iterable[LineState]) -> None:
        """The lines' derived states (`core.line_state`): decided lines show their outcome,
        the others their progress ("2 of 6 hits decided, 1 pending approval")."""
        changed = []
        for state in states:
            row = self._row_of.get(state.line_id)
            if row is None:
                continue
            self._take_state(state)
            changed.append(row)
        if not changed:
            return
        self._recount()
        self._sort_keys.pop(Column.DECISION, None)
        self.cells.forget(changed)
        if len(changed) > MAX_ROW_SIGNALS:
            first, last = 0, len(self._items) - 1
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(Column) - 1))
            return
        for row in changed:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def _take_state(self, state: LineState) -> None:
        self._states[state.line_id] = state
        if state.status is LineStatus.DECIDED and state.deciding is not None:
            self._decisions[state.line_id] = state.deciding
        else:
            self._decisions.pop(state.line_id, None)

    def line_state(self, line_id: int) -> LineState | None:
        return self._states.get(line_id)

    def set_decisions(self, decisions: Iterable[Decision]) -> None:
        """Many decisions at once (a stored run being opened): one signal for the column."""
        changed = False
        for decision in decisions:
            if (
                decision.line_id in self._row_of
                and self._decisions.get(decision.line_id) != decision
            ):
                self._decisions[decision.line_id] = decision
                changed = True
        if changed and self._items:
            self._recount()
            self._sort_keys.pop(Column.DECISION, None)
            self.cells.forget()
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._items) - 1, len(Column) - 1)
            )

    def _recount(self) -> None:
        self._counts = Counter(self.verdicts)
        self._undecided = sum(
            1
            for line_id, verdict in zip(self.line_ids, self.verdicts, strict=True)
            if needs_decision(verdict) and line_id not in self._decisions
        )

    # -- reading --------------------------------------------------------------------

    def line_at(self, row: int) -> StoredLine:
        return self._items[row]

    def row_of(self, line_id: int) -> int | None:
        return self._row_of.get(line_id)

    def why(self, line_id: int) -> Why:
        return self._whys.get(line_id, NO_WHY)

    def decision(self, line_id: int) -> Decision | None:
        return self._decisions.get(line_id)

    def is_decided(self, row: int) -> bool:
        return self.line_ids[row] in self._decisions

    def verdict_counts(self) -> Counter[str]:
        return Counter(self._counts)

    def undecided_count(self) -> int:
        return self._undecided

    def sort_keys(self, column: int) -> list[Any]:
        """One sort key per source row for `column`, computed once and extended on append."""
        keys = self._sort_keys.setdefault(column, [])
        if len(keys) < len(self._items):
            key = self._key_function(column)
            keys.extend(key(line) for line in self._items[len(keys) :])
        return keys

    def _key_function(self, column: int) -> Callable[[StoredLine], Any]:
        if column == Column.DECISION:
            return self._decision_text
        col = self.columns[column]
        if col.sort is not None:
            return col.sort
        text = col.text
        return lambda line: text(line).casefold()

    # -- Qt interface ---------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        return self.data_at(index.row(), index.column(), role)

    def multiData(self, index: Index, roleDataSpan: QModelRoleDataSpan) -> None:
        """The roles of one cell at once, as a paint asks them (`results_cells`)."""
        row, column = index.row(), index.column()
        if index.isValid() and 0 <= row < len(self._items):
            fill_span(
                roleDataSpan,
                self.cells.cell(row, column),
                lambda role: self.data_at(row, column, role),
            )

    def data_at(self, row: int, column: int, role: int) -> Any:
        """`data()` without a model index: the proxy reads through this."""
        answering = STYLE_ROLES.get(role)
        if answering is not None and column not in answering:
            return None
        line = self._items[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.ROW:
                return line.row
            if column == Column.DECISION:
                return self._decision_text(line)
            return self.columns[column].text(line)
        if role == LineIdRole:
            return line.id
        if role == VerdictRole:
            return line.verdict
        if role == DecisionRole:
            decision = self._decisions.get(line.id)
            return decision.action.value if decision else ""
        if role == NeedsDecisionRole:
            return needs_decision(line.verdict) and line.id not in self._decisions
        if role == SortRole:
            return self.sort_keys(column)[row]
        if role == SearchTextRole:
            return self.texts[row]
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.DECISION:
            return decision_tip(self._decisions.get(line.id), self._states.get(line.id))
        return self.column_data(line, column, role)

    def _decision_text(self, line: StoredLine) -> str:
        return decision_text(line.verdict, self._decisions.get(line.id), self._states.get(line.id))

    def extra_data(self, item: StoredLine, column: int, role: int) -> Any:
        if column == Column.VERDICT:
            answer = verdict_cell(item.verdict, role)
            if answer is not None:
                return answer
        if column == Column.DECISION:
            return decision_style(item.verdict, item.id in self._decisions, role)
        return None
