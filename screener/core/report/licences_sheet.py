"""The report's Licences sheet: every draw-down on a line of the run, with the licence's terms
as they were checked and what is left of it now."""

from __future__ import annotations

import json
from typing import Any

from openpyxl import Workbook

from screener.core.record.database.store import Store
from screener.core.record.review.licences import get_licence
from screener.core.report.workbook import cell as _cell
from screener.core.report.workbook import finish as _finish
from screener.core.report.workbook import sheet as _sheet

HEADERS = (
    "Row", "Decision id", "Licence id", "Authority", "Number", "Type", "Status now", "Holder",
    "Goods", "Destinations", "End users", "Valid from", "Valid until", "Drawn quantity",
    "Quantity limit", "Quantity left now", "Unit", "Drawn value", "Value limit",
    "Value left now", "Currency", "Document", "Document sha256", "Drawn by", "Drawn at (UTC)",
)  # fmt: skip
WIDTHS = (7, 11, 10, 12, 18, 11, 11, 26, 20, 16, 30, 12, 12, 10, 10, 10, 8, 12, 12, 12, 9,
          24, 66, 14, 20)  # fmt: skip


def licences_sheet(wb: Workbook, store: Store, run_id: int) -> None:
    ws = _sheet(wb, "Licences", HEADERS, WIDTHS)
    rows = list(
        store.db.query(
            "SELECT d.*, l.row AS line_row, t.authority, t.number, t.type, t.holder, t.goods,"
            " t.destinations, t.end_users, t.valid_from, t.valid_until, t.quantity_limit,"
            " t.quantity_unit, t.value_limit, t.currency, t.document_name, t.document_sha256"
            " FROM licence_drawdowns d JOIN lines l ON l.id = d.line_id"
            " JOIN licences t ON t.id = d.terms_id"
            " WHERE l.run_id = ? ORDER BY l.row, d.id",
            [run_id],
        )
    )
    now = {}
    for r in rows:
        if r["licence_id"] not in now:
            now[r["licence_id"]] = get_licence(store, r["licence_id"])
        lic = now[r["licence_id"]]
        values: list[Any] = [
            r["line_row"], r["decision_id"], r["licence_id"], r["authority"], r["number"],
            r["type"], lic.status, r["holder"], ", ".join(json.loads(r["goods"])),
            ", ".join(json.loads(r["destinations"])) or "any",
            "; ".join(json.loads(r["end_users"])) or "any", r["valid_from"], r["valid_until"],
            r["quantity"], _blank(r["quantity_limit"]), _blank(lic.quantity_left),
            r["quantity_unit"], r["value"], _blank(r["value_limit"]), _blank(lic.value_left),
            r["currency"], r["document_name"], r["document_sha256"], r["operator"],
            r["recorded_at"].replace("T", " ")[:19],
        ]  # fmt: skip
        ws.append([_cell(ws, v, wrap=isinstance(v, str) and len(v) > 40) for v in values])
    _finish(ws, len(HEADERS), len(rows))


def _blank(value: float | None) -> float | str:
    return "no limit" if value is None else value
