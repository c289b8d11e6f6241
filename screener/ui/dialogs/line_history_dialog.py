"""One screened line's history (from the Audit page's find): its verdict and reasons, and every
decision on it, superseded ones too."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QVBoxLayout, QWidget

from screener.core.record import runs
from screener.core.record.database.store import Store
from screener.core.record.review import decisions
from screener.ui.models import runs_model
from screener.ui.models.decisions_model import DecisionRow, DecisionsModel
from screener.ui.verdicts import verdict_style
from screener.ui.widgets.record_table import sorted_record_table


class LineHistoryDialog(QDialog):
    """One screened line: its verdict and reasons, and every decision on it, oldest first."""

    def __init__(self, store: Store, line_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        line = runs.get_line(store, line_id)
        order = " / ".join(p for p in (line.order_no, line.line_no) if p)
        self.setWindowTitle(f"Run {line.run_id}, row {line.row}" + (f" · {order}" if order else ""))
        parties = "; ".join(
            f"{p.get('role', '')}: {p.get('name', '')} {p.get('country', '')}".strip()
            for p in line.parties
        )
        summary = QLabel(
            f"<b>{verdict_style(line.verdict).label}</b> · {parties}<br>"
            + "<br>".join(line.reasons)
        )
        summary.setWordWrap(True)
        summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        hits = {h.id: h.entry_name for h in runs.line_hits(store, line_id)}
        trail = decisions.decision_history(store, line_id)
        replaced_by = {d.supersedes: d for d in trail if d.supersedes is not None}
        label = f"row {line.row}" + (f" · {order}" if order else "")
        self.model = DecisionsModel(self)
        self.model.set_items(
            [
                DecisionRow(
                    d, label, hits.get(d.hit_id, "") if d.hit_id else "", replaced_by.get(d.id)
                )
                for d in trail
            ]
        )
        self.table = sorted_record_table(self.model, "lineHistoryTable", runs_model.SortRole)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(
            QLabel(f"Decisions on this line: {len(trail)}" if trail else "No decisions yet")
        )
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(860, 360)
