"""Reading order spreadsheets (xlsx, xlsm, csv) exported from an ERP, line by line."""

from screener.core.orders.reader import (
    FIELDS,
    OrderLine,
    OrdersFileError,
    Party,
    detect_mapping,
    read_orders,
)

__all__ = ["FIELDS", "OrderLine", "OrdersFileError", "Party", "detect_mapping", "read_orders"]
