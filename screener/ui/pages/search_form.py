"""The Search page's form: the query, kind and country, the list, program, address and
identifier filters, and the score slider; what they ask for as `SearchFilters`. A mixin of
`SearchPage`, kept apart from searching and showing the answer."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QVBoxLayout,
)

from screener.core.names.grouped_search import SearchFilters
from screener.core.names.matching import DEFAULT_THRESHOLD
from screener.core.record.database.store import Store
from screener.ui.workers import GeneratorWorker

SEARCH_LIMIT = 50
LOWEST_THRESHOLD = 50  # percent: below this nearly every name "matches"
KINDS = (("Any kind", None), ("Person", "person"), ("Organisation", "organization"),
         ("Vessel", "vessel"))  # fmt: skip


class SearchFormMixin:
    """What it uses of the page (annotations only: the page's own attributes and methods)."""

    store: Store
    _searched_for: str

    search: Callable[[], GeneratorWorker | None]
    export_evidence: Callable[[], GeneratorWorker | None]

    def _build_form(self) -> QVBoxLayout:
        self.query = QLineEdit()
        self.query.setPlaceholderText("Name of a person, company, vessel…")
        self.query.setClearButtonEnabled(True)
        self.query.returnPressed.connect(self.search)
        self.kind = QComboBox()
        for label, value in KINDS:
            self.kind.addItem(label, value)
        self.kind.currentIndexChanged.connect(self._refine)
        self.country = QLineEdit()
        self.country.setPlaceholderText("Country (optional)")
        self.country.setToolTip(
            "The party's country: a contradicting listed country lowers a score"
        )
        self.country.setMaximumWidth(170)
        self.country.returnPressed.connect(self.search)
        self.button = QPushButton("Search")
        self.button.clicked.connect(self.search)
        row = QHBoxLayout()
        row.addWidget(self.query, 1)
        row.addWidget(self.kind)
        row.addWidget(self.country)
        row.addWidget(self.button)

        self.lists = QComboBox()
        self.lists.setObjectName("listFilter")
        self.refresh_lists()
        self.lists.currentIndexChanged.connect(self._refine)
        self.program = QLineEdit()
        self.program.setPlaceholderText("Program (e.g. RUSSIA-EO14024)")
        self.address = QLineEdit()
        self.address.setPlaceholderText("Address or city")
        self.identifier = QLineEdit()
        self.identifier.setPlaceholderText("Identifier (passport, IMO, BIC…)")
        for field in (self.program, self.address, self.identifier):
            field.setClearButtonEnabled(True)
            field.returnPressed.connect(self.search)
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.lists)
        filter_row.addWidget(self.program, 1)
        filter_row.addWidget(self.address, 1)
        filter_row.addWidget(self.identifier, 1)

        self.threshold = QSlider(Qt.Orientation.Horizontal)
        self.threshold.setRange(LOWEST_THRESHOLD, 100)
        self.threshold.setValue(round(DEFAULT_THRESHOLD * 100))
        self.threshold.setPageStep(5)
        self.threshold.setToolTip("Lowest score shown. Lower finds more spellings, and more noise.")
        self.threshold_label = QLabel()
        self.threshold.valueChanged.connect(self._threshold_moved)
        self.threshold.sliderReleased.connect(self._refine)
        self.export_button = QPushButton("Export evidence…")
        self.export_button.setToolTip("Write recorded searches and their hits to a workbook")
        self.export_button.clicked.connect(lambda: self.export_evidence())
        slider_row = QHBoxLayout()
        slider_row.addWidget(QLabel("Minimum score"))
        slider_row.addWidget(self.threshold, 1)
        slider_row.addWidget(self.threshold_label)
        slider_row.addWidget(self.export_button)
        self._threshold_moved(self.threshold.value())
        form = QVBoxLayout()
        for part in (row, filter_row, slider_row):
            form.addLayout(part)
        return form

    def refresh_lists(self) -> None:
        """The list filter's choices: every list imported (again after an import)."""
        chosen = self.lists.currentData()
        self.lists.blockSignals(True)
        self.lists.clear()
        self.lists.addItem("All lists", "")
        for version in self.store.current_versions():
            self.lists.addItem(version.title or version.source, version.source)
        self.lists.setCurrentIndex(max(0, self.lists.findData(chosen)))
        self.lists.blockSignals(False)

    def threshold_value(self) -> float:
        return self.threshold.value() / 100

    def filters(self) -> SearchFilters:
        source = self.lists.currentData()
        program = self.program.text().strip()
        return SearchFilters(
            lists=(source,) if source else (),
            programs=(program,) if program else (),
            address=self.address.text().strip(),
            identifier=self.identifier.text().strip(),
            kind=self.kind.currentData(),
            country=self.country.text().strip() or None,
            threshold=self.threshold_value(),
            limit=SEARCH_LIMIT,
        )

    def filters_text(self, f: SearchFilters) -> str:
        """ "score ≥ 80% · person · country RU": what the answer was searched with."""
        parts = [f"score ≥ {self.threshold.value()}%"]
        if f.kind:
            parts.append(self.kind.currentText().lower())
        parts += [f"{k} {v}" for k, v in (("country", f.country), ("list", ", ".join(f.lists)),
                  ("program", ", ".join(f.programs)), ("address", f.address),
                  ("identifier", f.identifier)) if v]  # fmt: skip
        return " · ".join(parts)

    def _refine(self) -> None:
        if self._searched_for or self.address.text().strip() or self.identifier.text().strip():
            self.search()  # filters changed after a search: show the new answer

    def _threshold_moved(self, value: int) -> None:
        self.threshold_label.setText(f"{value}%")
        if not self.threshold.isSliderDown():  # keyboard or click: no drag to wait for
            self._refine()
