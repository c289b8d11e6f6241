"""A header written on two rows: a group label over several columns (often merged cells), the
column labels under it, as Excel reports export them.

    Order | Sold-to         | Ship-to         | Goods
          | Name  | Country | Name  | Country | Description | HS Code

reads as "Order", "Sold-to Name", "Sold-to Country", "Ship-to Name", ... so each column maps as
if its header said it all.
"""

from __future__ import annotations

from collections.abc import Sequence


def grouped_labels(top: Sequence[str], below: Sequence[str]) -> list[str] | None:
    """The column labels of `top` as a group row over `below`; None when `top` groups nothing
    (no empty cell of it, right of a label, that `below` fills)."""
    width = max(len(top), len(below))
    group, grouped, labels = "", False, []
    for column in range(width):
        over = top[column].strip() if column < len(top) else ""
        under = below[column].strip() if column < len(below) else ""
        if over:
            group = over
        elif group and under:
            grouped = True  # a merged group cell reads as its first cell only
        head = over or (group if under else "")
        labels.append(f"{head} {under}".strip() if under else head)
    return labels if grouped else None
