"""Does a licence cover a screened line, and releasing the line against it.

`check_cover` answers with one line the officer can act on ("licence BAFA 123 expired on
2026-01-31"); `release_with_licence` records the "released with licence" decision and the
draw-down in one write transaction, so neither exists without the other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from screener.core.record import runs
from screener.core.record.chain.writer import ChainWriter, operator_identity
from screener.core.record.database.store import Store
from screener.core.record.review import decisions
from screener.core.record.review.decision_writer import LICENCE_KEY
from screener.core.record.review.licences import Licence, LicenceError, get_licence, goods_code
from screener.core.rules.countries import resolve_country
from screener.core.rules.hs import HsCode, parse_hs

# What an amount may be off by and still fit the limit (floating point, not tolerance).
_EPSILON = 1e-9


@dataclass(frozen=True, slots=True)
class Cover:
    ok: bool
    reason: str  # one line: why it covers, or the first reason it does not
    licence: Licence
    quantity: float  # what the release would draw down
    value: float


@dataclass(frozen=True, slots=True)
class Drawdown:
    id: int
    licence_id: int
    terms_id: int
    decision_id: int
    line_id: int
    quantity: float
    value: float
    operator: str
    recorded_at: datetime
    status: str = "drawn"  # drawn | reserved (its release awaits approval) | given back

    @property
    def counts(self) -> bool:
        return self.status != GIVEN_BACK


GIVEN_BACK = "given back"  # the release was rejected by the second person


@dataclass(frozen=True, slots=True)
class Release:
    decision_id: int
    drawdown: Drawdown
    licence: Licence  # after the draw-down


def _amount(text: str) -> float | None:
    s = text.strip().replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?", s):
        return float(s.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?|\d+,\d+", s):  # 1.000,50 (German style)
        return float(s.replace(".", "").replace(",", "."))
    return None


def _fold(name: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", name.casefold()).split())


def check_cover(
    store: Store,
    *,
    line_id: int,
    licence_id: int,
    quantity: float | None = None,
    value: float | None = None,
    on: date | None = None,
) -> Cover:
    """Whether `licence_id` covers the line's goods, destination and end user on `on` (today),
    with `quantity`/`value` (default: the line's own) left to draw down."""
    licence = get_licence(store, licence_id)
    line = runs.get_line(store, line_id)
    mapping = runs.get_run(store, line.run_id).mapping
    cells = dict(line.cells)

    def field(name: str) -> str:
        header = mapping.get(name)
        return cells.get(header, "").strip() if header else ""

    t = licence.terms
    on = on or datetime.now(UTC).date()
    qty = quantity if quantity is not None else _amount(field("quantity"))
    val = value if value is not None else _amount(field("value"))

    def refuse(reason: str) -> Cover:
        return Cover(False, f"licence {licence.label}: {reason}", licence, qty or 0.0, val or 0.0)

    if licence.revoked:
        return refuse(f"revoked on {licence.recorded_at:%Y-%m-%d} ({licence.reason})")
    if on < t.valid_from:
        return refuse(f"not valid before {t.valid_from}")
    if on > t.valid_until:
        return refuse(f"expired on {t.valid_until}")
    hs = parse_hs(line.hs_code) if line.hs_code.strip() else None
    hs_digits = hs.digits if isinstance(hs, HsCode) else ""
    eccn = ""
    if field("eccn"):
        try:
            eccn = goods_code(field("eccn"))
        except LicenceError:
            eccn = ""
    if not hs_digits and not eccn:
        return refuse("the line has no HS code or ECCN to compare with the licence's goods")
    if not any(hs_digits.startswith(g) if g.isdigit() else g == eccn for g in t.goods):
        shown = " / ".join(p for p in (hs_digits and f"HS {hs_digits}", eccn and eccn) if p)
        return refuse(f"covers goods {', '.join(t.goods)}, not the line's {shown}")
    if t.destinations:
        match = resolve_country(line.destination) if line.destination.strip() else None
        if match is None:
            return refuse(f"covers {', '.join(t.destinations)}; the line's destination is unknown")
        if match.country.iso2 not in t.destinations:
            return refuse(f"covers {', '.join(t.destinations)}, not {match.country.label}")
    if t.end_users:
        named = [str(p.get("name", "")) for p in line.parties if p.get("role") == "end_user"]
        allowed = {_fold(u) for u in t.end_users}
        if not named:
            return refuse("is for named end users; the line names no end user")
        if not any(_fold(n) in allowed for n in named):
            return refuse(f"is for {'; '.join(t.end_users)}, not {'; '.join(named)}")
    line_currency = field("currency").upper()
    if t.value_limit is not None and line_currency and line_currency != t.currency:
        return refuse(f"its limit is in {t.currency}, the line's value in {line_currency}")
    for left, need, unit, what in (
        (licence.quantity_left, qty, t.quantity_unit, "quantity"),
        (licence.value_left, val, t.currency, "value"),
    ):
        if left is None:
            continue
        if need is None:
            return refuse(f"has a {what} limit; the line has no {what}: give one")
        if left <= _EPSILON:
            return refuse(f"is exhausted: no {what} left")
        if need > left + _EPSILON:
            return refuse(f"{left:g} {unit} of its {what} left; the line needs {need:g} {unit}")
    return Cover(True, f"licence {licence.label} covers the line", licence, qty or 0.0, val or 0.0)


def release_with_licence(
    store: Store,
    *,
    line_id: int,
    licence_id: int,
    justification: str,
    quantity: float | None = None,
    value: float | None = None,
    hit_id: int | None = None,
    on: date | None = None,
    **decision_options: Any,
) -> Release:
    """Release the line (or one hit of it) against a covering licence, drawing it down.

    Refused with the cover's one-line reason when the licence does not cover the line.
    `decision_options` go to `decisions.record_decision` as they are (what its safeguards ask
    for, e.g. a reason code); a refused decision leaves no draw-down."""
    if not justification.strip():
        raise LicenceError("a release with licence needs a justification")
    user, host = operator_identity()
    with store.write() as db:  # the cover check, the decision and the draw-down: one lock
        cover = check_cover(
            store, line_id=line_id, licence_id=licence_id, quantity=quantity, value=value, on=on
        )
        if not cover.ok:
            raise LicenceError(cover.reason)
        decision_id = _record_release(
            store,
            line_id=line_id,
            hit_id=hit_id,
            justification=justification,
            cover=cover,
            options=decision_options,
        )
        drawdown_id = ChainWriter(db).append(
            "licence_drawdowns",
            {
                "licence_id": cover.licence.id,
                "terms_id": cover.licence.terms_id,
                "decision_id": decision_id,
                "line_id": line_id,
                "quantity": cover.quantity,
                "value": cover.value,
                "operator": user,
                "host": host,
                "recorded_at": datetime.now(UTC).isoformat(timespec="seconds"),
            },
        )
    [drawdown] = [d for d in drawdowns(store, licence_id) if d.id == drawdown_id]
    return Release(decision_id, drawdown, get_licence(store, licence_id))


def _record_release(
    store: Store,
    *,
    line_id: int,
    hit_id: int | None,
    justification: str,
    cover: Cover,
    options: dict[str, Any],
) -> int:
    """The one call into the decision model (keyword arguments only)."""
    decision = decisions.record_decision(
        store,
        line_id=line_id,
        hit_id=hit_id,
        action=decisions.Action.RELEASED_WITH_LICENCE,
        justification=f"{justification.strip()} [licence {cover.licence.label}]",
        provenance={
            LICENCE_KEY: cover.licence.id,
            "licence": cover.licence.label,
            "licence_terms_id": cover.licence.terms_id,
            **options.pop("provenance", {}),
        },
        **options,
    )
    return int(decision.id)


def drawdowns(store: Store, licence_id: int) -> list[Drawdown]:
    """Every draw-down of a licence, oldest first."""
    return [
        Drawdown(
            id=r["id"],
            licence_id=r["licence_id"],
            terms_id=r["terms_id"],
            decision_id=r["decision_id"],
            line_id=r["line_id"],
            quantity=r["quantity"],
            value=r["value"],
            operator=r["operator"],
            recorded_at=datetime.fromisoformat(r["recorded_at"]),
            status=_drawdown_status(r["needs_approval"], r["approval"]),
        )
        for r in store.db.query(
            "SELECT w.*, t.needs_approval, a.verdict AS approval FROM licence_drawdowns w"
            " LEFT JOIN decision_terms t ON t.decision_id = w.decision_id"
            " LEFT JOIN decision_approvals a ON a.decision_id = w.decision_id"
            " WHERE w.licence_id = ? ORDER BY w.id",
            [licence_id],
        )
    ]


def _drawdown_status(needs_approval: int | None, approval: str | None) -> str:
    if approval == "rejected":
        return GIVEN_BACK
    return "reserved" if needs_approval and approval is None else "drawn"
