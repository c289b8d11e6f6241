"""Order lines for tests, built in the core's own model (what the reader hands screening)."""

from __future__ import annotations

from screener.core.orders.model import CellProblem, OrderLine, Party


def party(
    role: str, name: str, country: str = "", *, address: str = "", identifier: str = ""
) -> Party:
    return Party(role, name, country, address=address, identifier=identifier)


def line(
    row: int,
    parties: tuple[Party, ...],
    hs_code: str = "0901.21",
    destination: str = "DE",
    *,
    transit: tuple[str, ...] = (),
    description: str = "coffee",
    order_no: str = "SO-1",
    line_no: str = "1",
    problems: tuple[CellProblem, ...] = (),
    cells: tuple[tuple[str, str], ...] = (),
) -> OrderLine:
    return OrderLine(
        row=row,
        cells=cells,
        order_no=order_no,
        line_no=line_no,
        parties=parties,
        description=description,
        hs_code=hs_code,
        eccn="",
        quantity="",
        value="",
        currency="",
        destination=destination,
        transit=transit,
        problems=problems,
    )
