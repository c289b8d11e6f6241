"""Is this an order file at all? A README saved as .csv has "columns" too, but none of them
holds a party, goods or a destination: asking the officer to map them would be a riddle."""

from __future__ import annotations

from pathlib import Path

from screener.core.orders.mapping import ROLES
from screener.core.orders.model import OrderFileInfo

# A column of any of these kinds makes a file worth mapping by hand.
ORDER_FIELDS = frozenset(
    {*ROLES, *(f"{r}_country" for r in ROLES), "destination", "description", "hs_code", "eccn"}
)


def not_an_order_file(info: OrderFileInfo) -> str | None:
    """Why `info` is not an order file (one line for the officer), or None if it may be one."""
    if any(m.field in ORDER_FIELDS for m in info.mapping.matches):
        return None
    if len(info.sheets) > 1:
        return None  # the orders may be on another sheet: the mapping dialog lets one choose
    name = Path(info.path).name
    first = ", ".join(f"“{h[:40]}”" for h in info.headers[:3]) or "nothing"
    return (
        f"{name} is not an order file: no column holds a party, goods or a destination "
        f"(its first row {info.header_row} reads {first}). Open the ERP's order export "
        "(.xlsx or .csv), or use File › Open with columns… to map this file by hand."
    )
