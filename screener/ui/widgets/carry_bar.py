"""A non-modal bar over the results: "this file was screened before; carry its decisions
forward?" (`core.record.review.carry_forward`). Both the offer and the carrying run off the GUI
thread, each with its own store; carried decisions are new records citing the originals."""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from screener.core.record.database.store import Store
from screener.core.record.review.carry_forward import (
    CarryPlan,
    CarryResult,
    carry_forward,
    carry_forward_offer,
)
from screener.ui.dialogs.errors import show_error
from screener.ui.workers import Control, GeneratorWorker

CSS = "QFrame#carryBar { background: #DCE6F5; border: 1px solid #9FB6D6; border-radius: 4px; }"


def offer_job(home: Path, run_id: int) -> Callable[[Control], Iterator[Any]]:
    def job(control: Control) -> Generator[None, None, Any]:
        store = Store.open(home)
        try:
            return carry_forward_offer(store, run_id)
        finally:
            store.close()
        yield  # pragma: no cover - makes this a generator

    return job


def carry_job(home: Path, plan: CarryPlan) -> Callable[[Control], Iterator[Any]]:
    def job(control: Control) -> Generator[None, None, Any]:
        store = Store.open(home)
        try:
            return carry_forward(store, plan.run_id, plan=plan)
        finally:
            store.close()
        yield  # pragma: no cover - makes this a generator

    return job


class CarryForwardBar(QFrame):
    carried = Signal(object)  # CarryResult
    offered = Signal(object)  # CarryPlan or None (for tests and the status bar)

    def __init__(self, home: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("carryBar")
        self.setStyleSheet(CSS)
        self.home = home
        self.plan: CarryPlan | None = None
        self.worker: GeneratorWorker | None = None
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setObjectName("carryOffer")
        self.carry_button = QPushButton("Carry forward")
        self.carry_button.setObjectName("carryButton")
        self.carry_button.setToolTip(
            "Record each unchanged decision again in this run, citing the original"
        )
        self.carry_button.clicked.connect(self.carry)
        self.dismiss_button = QPushButton("Not now")
        self.dismiss_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.carry_button)
        layout.addWidget(self.dismiss_button)
        self.hide()

    def check(self, run_id: int) -> GeneratorWorker | None:
        """Ask, off the GUI thread, whether an earlier run's decisions can be carried over."""
        self.dismiss()
        if self.worker is not None:
            return None
        worker = GeneratorWorker(offer_job(self.home, run_id), name="carry-offer")
        worker.signals.result.connect(self._offered)
        worker.signals.errored.connect(lambda m, _d: self._failed("No carry-forward offer", m))
        worker.signals.finished.connect(self._done)
        self.worker = worker
        worker.start()
        return worker

    def _offered(self, plan: Any) -> None:
        self.plan = plan if isinstance(plan, CarryPlan) else None
        if self.plan is not None:
            self.label.setText(self.plan.offer)
            self.carry_button.setEnabled(bool(self.plan.carries))
            self.show()
        self.offered.emit(self.plan)

    def carry(self) -> GeneratorWorker | None:
        if self.plan is None or self.worker is not None:
            return None
        self.carry_button.setEnabled(False)
        self.label.setText("Carrying decisions forward…")
        worker = GeneratorWorker(carry_job(self.home, self.plan), name="carry-forward")
        worker.signals.result.connect(self._carried)
        worker.signals.errored.connect(lambda m, _d: self._failed("Not carried forward", m))
        worker.signals.finished.connect(self._done)
        self.worker = worker
        worker.start()
        return worker

    def _carried(self, result: Any) -> None:
        self.dismiss()
        if isinstance(result, CarryResult):
            self.carried.emit(result)

    def _failed(self, title: str, message: str) -> None:
        self.dismiss()
        show_error(self.parentWidget() or self, title, message)

    def _done(self) -> None:
        self.worker = None

    def dismiss(self) -> None:
        self.plan = None
        self.hide()
