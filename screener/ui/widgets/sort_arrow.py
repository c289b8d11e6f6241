"""Sort arrows as officers read them: ▲ over an ascending column, ▼ over a descending one.

Qt's header draws its "SortUp" indicator for a *descending* column (a convention of older
desktop styles), so the Audit page showed "Run ▲" over runs listed newest first. This proxy
style swaps the two indicators for the headers it is given.
"""

from __future__ import annotations

from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QHeaderView,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionHeader,
    QWidget,
)

_STYLE: SortArrowStyle | None = None


class SortArrowStyle(QProxyStyle):
    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow and isinstance(
            option, QStyleOptionHeader
        ):
            option = QStyleOptionHeader(option)
            option.sortIndicator = swapped(option.sortIndicator)  # type: ignore[attr-defined]
        super().drawPrimitive(element, option, painter, widget)


def swapped(indicator: QStyleOptionHeader.SortIndicator) -> QStyleOptionHeader.SortIndicator:
    up, down = QStyleOptionHeader.SortIndicator.SortUp, QStyleOptionHeader.SortIndicator.SortDown
    return {up: down, down: up}.get(indicator, indicator)


def fix_sort_arrows(header: QHeaderView) -> None:
    global _STYLE
    if _STYLE is None:
        _STYLE = SortArrowStyle()  # one, kept alive here: widgets do not own their style
    header.setStyle(_STYLE)
