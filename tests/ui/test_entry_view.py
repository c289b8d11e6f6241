"""The whole listed entry behind a hit, in the Screen page's hit list: every name with its
quality, addresses, identifiers, the list version, and what conflicts with the order party."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from screener.core.lists import importing as lists
from screener.core.record import runs
from screener.core.record.review.line_state import lines_states
from screener.ui.widgets.line_items import LineItemsPanel

from .review_fakes import hit, line
from .shots import shot

EU_SAMPLE = Path(__file__).parents[1] / "fixtures" / "eu" / "eu_fsf_v1_1_sample.xml"


def test_a_hit_shows_its_whole_listed_entry_with_conflicts_marked(qtbot, store) -> None:
    [outcome] = list(lists.import_lists(store, [EU_SAMPLE]))
    assert outcome.version is not None
    rowid, version_id = store.db.conn.execute(
        "SELECT id, version_id FROM list_entries WHERE data LIKE ?", ["%1027700000001%"]
    ).fetchone()
    party = "Example Engineering AO"
    listed_name = "Joint Stock Company Example Engineering"
    listed = replace(
        hit(party, "1002", source="eu_fsf", score=0.93, name=listed_name),
        entry_rowid=rowid, list_version_id=version_id, party_country="DE",
    )  # fmt: skip
    record = replace(line(3, party, "review", [listed]), parties=(
        {"role": "end_user", "name": party, "country": "DE"},))  # fmt: skip
    run_id = runs.start_run(store, runs.RunInfo("o.xlsx", "c" * 64, "S", {}, "t", "t", ()))
    [line_id] = runs.add_lines(store, run_id, [record])
    panel = LineItemsPanel(store)
    qtbot.addWidget(panel)
    panel.resize(720, 640)
    panel.show()
    panel.show_line(runs.line_hits(store, line_id), lines_states(store, [line_id])[line_id])
    view = panel.entry
    assert view.evidence is not None
    text = view.toPlainText()
    for shown in ("АО «Пример Инжиниринг»", "weak a.k.a.", "ul. Primernaya 1",
                  "Registration Number: 1027700000001", "eu_fsf"):  # fmt: skip
        assert shown in text, shown
    assert "✗ conflicts" in text  # the party is in Germany, the listed company in Russia
    assert "1 conflicting" in text
    shot(panel, "entry-view.png")
