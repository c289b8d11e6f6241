"""Reading order spreadsheets (xlsx, xlsm, csv) exported from an ERP, line by line.

info = inspect_orders(path)            # sheets, header row, mapping + confidence, preview
if info.mapping.needs_review: ...      # ask the user, maybe save a MappingProfile
for line in read_orders(path, mapping=info.mapping.as_dict()): ...
"""

from screener.core.orders.lines import split_transit
from screener.core.orders.mapping import (
    FIELD_LABELS,
    FIELDS,
    ROLE_LABELS,
    ROLES,
    detect_mapping,
    mapping_from_dict,
)
from screener.core.orders.model import (
    MAX_CELL_CHARS,
    CellProblem,
    ColumnMapping,
    ColumnMatch,
    OrderFileInfo,
    OrderLine,
    OrdersFileError,
    Party,
)
from screener.core.orders.profiles import (
    MappingProfile,
    MappingProfileError,
    ProfileSource,
    find_profile,
    header_signature,
    save_profile,
)
from screener.core.orders.reader import inspect_orders, read_orders

__all__ = [
    "FIELDS",
    "FIELD_LABELS",
    "MAX_CELL_CHARS",
    "ROLES",
    "ROLE_LABELS",
    "CellProblem",
    "ColumnMapping",
    "ColumnMatch",
    "MappingProfile",
    "MappingProfileError",
    "OrderFileInfo",
    "OrderLine",
    "OrdersFileError",
    "Party",
    "ProfileSource",
    "detect_mapping",
    "find_profile",
    "header_signature",
    "inspect_orders",
    "mapping_from_dict",
    "read_orders",
    "save_profile",
    "split_transit",
]
