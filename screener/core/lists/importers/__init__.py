"""Importers for every official list format, chosen by content (not by file name).

`detect(path)` returns the `ImporterSpec` whose `sniff` accepts the file's head, or raises
`ListFileError` with the reason nothing did (empty, encrypted workbook, unknown layout).
"""

from __future__ import annotations

from pathlib import Path

from screener.core.errors import ListFileError
from screener.core.lists.importers import (
    bis_dpl,
    csl,
    eu_fsf,
    ofac_csv,
    ofac_enhanced,
    ofac_xml,
    opensanctions,
    uk_fcdo,
    uk_fcdo_xml,
    uk_ofsi,
    un_xml,
)
from screener.core.lists.importers._common import Head, ImporterSpec, check_zip_bomb, read_head

# Most specific first: several formats are "a CSV with a header".
IMPORTERS: tuple[ImporterSpec, ...] = (
    ofac_xml.SPEC,
    ofac_enhanced.SPEC,
    un_xml.SPEC,
    uk_fcdo_xml.SPEC,
    eu_fsf.SPEC,
    ofac_csv.SPEC,
    csl.SPEC,
    bis_dpl.SPEC,
    uk_fcdo.SPEC,
    uk_ofsi.SPEC,
    opensanctions.SPEC,
)

__all__ = ["IMPORTERS", "Head", "ImporterSpec", "detect", "read_head"]


def detect(path: Path, head: Head | None = None) -> ImporterSpec:
    head = head or read_head(path)
    if head.kind == "empty":
        raise ListFileError(path, "file is empty")
    if head.kind == "ole2":
        raise ListFileError(
            path,
            "this is a password-protected (encrypted) workbook or an old .xls file; "
            "save it unprotected as .xlsx or use the list's CSV/XML download",
        )
    if head.kind == "zip":
        # Before sniffing, which would call a damaged zip "not a list format": a truncated
        # download or a zip bomb gets its own message.
        check_zip_bomb(path)
    for spec in IMPORTERS:
        if spec.sniff(head):
            return spec
    raise ListFileError(path, f"not a list format Screener knows ({_describe(head)})")


def _describe(head: Head) -> str:
    if head.kind == "xml":
        return f"XML with root <{head.xml_root()}>"
    if head.kind == "zip":
        return "a zip/xlsx without a known list layout"
    if head.kind in {"text", "json"}:
        line = head.first_line()
        return f"first line {line[:60]!r}"
    return f"{head.kind} content"
