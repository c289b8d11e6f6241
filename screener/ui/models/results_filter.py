"""Which of the Screen table's rows pass its filters (verdict, decision state, free text), read
from the model's compact per-row columns: list comprehensions, no `data()` call per row."""

from __future__ import annotations

from collections.abc import Iterable

from screener.ui.models.results_model import ResultsModel
from screener.ui.verdicts import needs_decision

ALL_VERDICTS = frozenset({"block", "review", "clear"})


def passing(
    src: ResultsModel, rows: Iterable[int], *, verdicts: frozenset[str], decision: str, needle: str
) -> list[int]:
    """The source `rows` shown with these filters, in the order given; `decision` is all,
    undecided or decided; `needle` is casefolded text to find (empty: any)."""
    shown, ids, texts = src.verdicts, src.line_ids, src.texts
    excluded = ALL_VERDICTS - verdicts
    if excluded:
        rows = [r for r in rows if shown[r] not in excluded]
    if decision == "decided":
        decided = src._decisions
        rows = [r for r in rows if ids[r] in decided]
    elif decision == "undecided":
        decided = src._decisions
        rows = [r for r in rows if ids[r] not in decided and needs_decision(shown[r])]
    if needle:
        rows = [r for r in rows if needle in texts[r]]
    return list(rows)
