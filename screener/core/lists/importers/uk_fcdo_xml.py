"""FCDO "UK Sanctions List" XML (UK-Sanctions-List.xml): `Designations/Designation`.

The XML carries the same fields as the CSV, one `Designation` element per designation with
repeated groups (`Names/Name`, `NonLatinNames/NonLatinName`, `Addresses/Address`) and
repeated values (several `DOB`, `Nationality`, `CurrentOwnerOperator` ...). Each designation
is turned into the CSV's rows (one per name, one per address, one per further value) and
folded by the CSV importer's own row logic, so both forms give the same entries.

Element names are matched without case and namespace and mapped to the CSV headers
(`IndividualEntityShip` = "Designation Type", `DOB` = "D.O.B", `CurrentOwnerOperator` =
"Current owner/operator (s)" ...). The layout was written from the published documentation as
recalled, not from a copy of the file: unknown elements are ignored, and only `UniqueID` and a
name are required (to verify against a real download).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path
from xml.etree.ElementTree import Element

from screener.core.entries import ParsedList
from screener.core.errors import ListFileError
from screener.core.lists.importers._common import (
    Head,
    ImporterSpec,
    clean,
    fallback_date,
    iterparse_xml,
    local,
)
from screener.core.lists.importers._uk import EntryBuilder, uk_date
from screener.core.lists.importers.uk_fcdo import SOURCE, TITLE, add_row

KEY = "fcdo-uk-sanctions-list-xml"
_GROUPS = {"name", "nonlatinname", "address"}  # elements whose children form one CSV row
# XML element (lower case) -> the CSV importer's normalised header, where they differ.
_KEYS = {
    "individualentityship": "designationtype",
    "dob": "d.o.b",
    "namenonlatinscript": "namenon-latinscript",
    "nationality": "nationality(/ies)",
    "subsidiary": "subsidiaries",
    "businessregistrationnumber": "businessregistrationnumber(s)",
    "currentowneroperator": "currentowner/operator(s)",
    "previousowneroperator": "previousowner/operator(s)",
    "previousflag": "previousflags",
    "hullidentificationnumber": "hullidentificationnumber(hin)",
}


def _sniff(head: Head) -> bool:
    try:
        return head.kind == "xml" and head.xml_root() == "Designations"
    except Exception:  # a sniff never raises
        return False


def _parse(path: Path) -> ParsedList:
    groups: dict[str, EntryBuilder] = {}
    report = newest = ""
    count = 0
    for _, elem in iterparse_xml(path):
        tag = local(elem.tag).lower()
        if tag == "designation":
            count += 1
            for n, row in enumerate(_rows(elem), start=1):
                add_row(path, count, groups, row, where=f"designation {count} (row {n})")
                newest = max(newest, uk_date(row.get("lastupdated", "")) or "")
            elem.clear()
        elif tag in ("dategenerated", "reportdate", "publicationdate") and not report:
            report = clean(elem.text)
    entries = [b.build() for b in groups.values() if b.names]
    if not entries:
        raise ListFileError(path, "no designations with a name in the UK Sanctions List XML")
    published, basis = _published(path, report, newest)
    return ParsedList(SOURCE, TITLE, KEY, published, basis, (path,), entries)


def _rows(designation: Element) -> list[dict[str, str]]:
    """The designation as CSV-like rows: shared fields on each, then one row per group/value."""
    single: dict[str, str] = {}
    extra: defaultdict[str, list[str]] = defaultdict(list)
    grouped: list[dict[str, str]] = []
    for child in designation:
        _collect(child, single, extra, grouped)
    base = dict(single)
    rows = [base | g for g in grouped if any(k.startswith("name") for k in g)] or [base]
    rows += [{"uniqueid": base.get("uniqueid", "")} | g for g in grouped if "addresscountry" in g
             or any(k.startswith("addressline") for k in g)]  # fmt: skip
    for key, values in extra.items():
        rows += [{"uniqueid": base.get("uniqueid", ""), key: v} for v in values]
    return rows


def _collect(
    elem: Element,
    single: dict[str, str],
    extra: defaultdict[str, list[str]],
    grouped: list[dict[str, str]],
) -> None:
    tag = local(elem.tag).lower()
    if tag in _GROUPS:
        row = {_KEYS.get(local(c.tag).lower(), local(c.tag).lower()): clean(c.text) for c in elem}
        row = {k: v for k, v in row.items() if v}
        grouped.append(row)
        return
    kids = list(elem)
    if kids:
        for kid in kids:
            _collect(kid, single, extra, grouped)
        return
    value = clean(elem.text)
    if not value:
        return
    if len(value) > 10 and value[4:5] == "-" and value[10:11] == "T":
        value = value[:10]  # "2022-03-15T00:00:00": the date is what the lists mean
    key = _KEYS.get(tag, tag)
    if key not in single:
        single[key] = value
    elif single[key] != value:
        extra[key].append(value)


def _published(path: Path, report: str, newest: str) -> tuple[date | None, str]:
    iso = uk_date(report[:10]) if report else None
    if iso and len(iso) == 10:
        return date.fromisoformat(iso), "file header"
    if len(newest) == 10:
        return date.fromisoformat(newest), "file content"
    return fallback_date(path)


SPEC = ImporterSpec(
    key=KEY,
    description="FCDO UK Sanctions List XML (Designations/Designation)",
    sniff=_sniff,
    parse=_parse,
)
