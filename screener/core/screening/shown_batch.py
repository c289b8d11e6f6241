"""A batch of lines as the table shows them, as bytes of plain values for the window's process.

    payload = encode(shown)     # in the screening or loading child
    shown = decode(payload)     # in the window's own thread, as it takes the batch in

Pickled dataclasses are rebuilt by Python code object by object, in whichever thread of the
window's process receives them, and while that runs every call the window makes into Python
to paint its table waits for the interpreter lock (a paint then takes two to four times as
long). Plain tuples, dicts and strings decode in C; `decode` then builds the same objects by
their constructors, in a few milliseconds for 200 lines, on the thread that shows them. A
string repeated within a batch (a reason in its line, its finding and its decision item) is
sent once.
"""

from __future__ import annotations

import pickle
from collections.abc import Generator
from dataclasses import fields
from typing import Any

from screener.core.record.database.store import Store
from screener.core.record.review.decision_model import Action, Decision, ReasonCode
from screener.core.record.review.line_state import Item, ItemState, LineState, LineStatus
from screener.core.record.runs import StoredLine
from screener.core.rules.policy import Policy
from screener.core.screening.run import ScreenProgress, ScreenSummary
from screener.core.screening.shown import ShownLines, with_shown_lines
from screener.core.screening.why import Why

_LINE = tuple(f.name for f in fields(StoredLine))
_WHY = tuple(f.name for f in fields(Why))
_DECISION = tuple(f.name for f in fields(Decision))
_ACTION_AT = _DECISION.index("action")
_REASON_AT = _DECISION.index("reason")


def encode(shown: ShownLines) -> bytes:
    """`shown` as bytes that `decode` turns back into an equal `ShownLines`."""
    once: dict[str, str] = {}

    def text(value: str) -> str:
        return once.setdefault(value, value)

    lines = []
    for line in shown.lines:
        values = {name: getattr(line, name) for name in _LINE}
        values["reasons"] = tuple(text(r) for r in line.reasons)
        values["findings"] = tuple(
            {k: text(v) if isinstance(v, str) else v for k, v in f.items()} for f in line.findings
        )
        lines.append(tuple(values[name] for name in _LINE))
    whys = []
    for why in shown.whys:
        values = {name: getattr(why, name) for name in _WHY}
        values["first_reason"] = text(why.first_reason)
        values["groups"] = tuple((g, tuple(text(r) for r in rs)) for g, rs in why.groups)
        whys.append(tuple(values[name] for name in _WHY))
    states = [
        (
            s.line_id,
            s.verdict,
            s.status.value,
            tuple(
                (
                    (i.item.kind, i.item.hit_id, i.item.finding_key, text(i.item.label)),
                    _decision_out(i.current),
                    _decision_out(i.pending),
                )
                for i in s.items
            ),
            s.worst.value if s.worst is not None else None,
            _decision_out(s.deciding),
        )
        for s in shown.states
    ]
    return pickle.dumps((lines, whys, states), protocol=pickle.HIGHEST_PROTOCOL)


def encoded_shown_lines(
    store: Store, progress: Generator[ScreenProgress, None, ScreenSummary], policy: Policy
) -> Generator[tuple[ScreenProgress, bytes], None, ScreenSummary]:
    """`shown.with_shown_lines`, each batch encoded: what a screening sends the window."""
    shown = with_shown_lines(store, progress, policy)
    while True:
        try:
            step, lines = next(shown)
        except StopIteration as done:
            summary: ScreenSummary = done.value
            return summary
        yield step, encode(lines)


def decode(payload: bytes) -> ShownLines:
    lines, whys, states = pickle.loads(payload)
    return ShownLines(
        tuple(StoredLine(*values) for values in lines),
        tuple(Why(*values) for values in whys),
        tuple(
            LineState(
                line_id,
                verdict,
                LineStatus(status),
                tuple(
                    ItemState(Item(*item), _decision_in(current), _decision_in(pending))
                    for item, current, pending in items
                ),
                Action(worst) if worst is not None else None,
                _decision_in(deciding),
            )
            for line_id, verdict, status, items, worst, deciding in states
        ),
    )


def _decision_out(decision: Decision | None) -> tuple[Any, ...] | None:
    if decision is None:
        return None
    values = [getattr(decision, name) for name in _DECISION]
    values[_ACTION_AT] = decision.action.value
    values[_REASON_AT] = decision.reason.value if decision.reason is not None else None
    return tuple(values)


def _decision_in(values: tuple[Any, ...] | None) -> Decision | None:
    if values is None:
        return None
    out = list(values)
    out[_ACTION_AT] = Action(out[_ACTION_AT])
    out[_REASON_AT] = ReasonCode(out[_REASON_AT]) if out[_REASON_AT] is not None else None
    return Decision(*out)
