"""The Lists page's re-screening: after new list versions, offer to screen again the runs made
on older ones, run it off the GUI thread, and list the lines whose verdict got worse. A mixin of
`ListsPage`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QMessageBox

from screener.core.record.database.store import Store
from screener.core.record.runs import Run
from screener.core.screening.rescreen import RescreenResult, plan_rescreen
from screener.core.words import counted
from screener.ui import jobs
from screener.ui.dialogs.errors import show_error
from screener.ui.widgets.progress_strip import ProgressStrip
from screener.ui.workers import GeneratorWorker


class RescreenMixin:
    """What it uses of the page (annotations only: the page's own attributes and methods)."""

    home: Path
    store: Store
    worker: GeneratorWorker | None
    progress: ProgressStrip
    status_message: SignalInstance
    rescreened: SignalInstance

    # Annotations, not stub methods: a stub here would shadow the page's own in the MRO.
    log_line: Callable[[str], None]
    _set_busy: Callable[[bool], None]

    def offer_rescreen(self) -> GeneratorWorker | None:
        """After new list versions: offer to re-screen the screenings made on older ones."""
        plan = plan_rescreen(self.store)
        if not plan or self.worker is not None:
            return None
        lines = sum(r.line_count for r in plan)
        files = ", ".join(sorted({r.file_name for r in plan})[:3])
        more = "…" if len({r.file_name for r in plan}) > 3 else ""
        answer = QMessageBox.question(
            self,
            "Re-screen with the new lists?",
            f"{len(plan)} earlier screening{'s' if len(plan) != 1 else ''} ({lines:,} lines: "
            f"{files}{more}) used older list versions.\n\nRe-screen them now? Each becomes a new "
            "run linked to the old one, and lines whose verdict got worse are listed here.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            self.log_line("Re-screening skipped: earlier runs keep their old lists.")
            return None
        return self.rescreen(plan)

    def rescreen(self, plan: Sequence[Run]) -> GeneratorWorker:
        total = sum(r.line_count for r in plan)
        self.log_line(f"— Re-screening {len(plan)} run(s), {total:,} lines")
        self.progress.begin("Re-screening…")
        worker = GeneratorWorker(
            jobs.rescreen_job(self.home, plan), name="rescreen", cooperative=True
        )
        offsets = {r.id: sum(x.line_count for x in plan[:i]) for i, r in enumerate(plan)}

        def on_progress(item: Any) -> None:
            parent, progress = item
            self.progress.update_progress(
                offsets[parent.id] + progress.done,
                total,
                f"run {parent.id}: {progress.done:,} of {parent.line_count:,} lines",
            )

        worker.signals.progress.connect(on_progress)
        worker.signals.result.connect(self._on_rescreened)
        worker.signals.errored.connect(lambda m, d: show_error(self, "Re-screening failed", m, d))
        worker.signals.finished.connect(self._on_rescreen_finished)
        self.worker = worker
        self._set_busy(True)
        worker.start()
        return worker

    def _on_rescreened(self, results: list[RescreenResult] | None) -> None:
        results = results or []
        worse = 0
        for result in results:
            new = result.summary
            self.log_line(
                f"run {result.parent.id} ({result.parent.file_name}) -> run {new.run_id}: "
                f"{counted(new.lines, 'line')}, {len(result.worse)} worse"
                + ("" if new.status == "completed" else f" ({new.status})")
            )
            for line in result.worse:
                worse += 1
                decided = f" (was decided: {line.decision_before})" if line.decision_before else ""
                self.log_line(
                    f"    row {line.row}, order {line.order_no or '-'}: {line.before} -> "
                    f"{line.after}{decided}: {line.reasons[0] if line.reasons else ''}"
                )
        self.status_message.emit(
            f"Re-screened {len(results)} run(s): {worse} line(s) got worse"
            + (" — see the Audit page" if worse else "")
        )
        if results:
            self.rescreened.emit(results)

    def _on_rescreen_finished(self) -> None:
        self.worker = None
        self.progress.end()
        self._set_busy(False)
