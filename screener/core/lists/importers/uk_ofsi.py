"""OFSI Consolidated List of Financial Sanctions Targets (HM Treasury), XLSX or CSV.

Both forms have a `Last Updated` line, then a header, then one row per *name variant*: a
target with three aliases and two addresses fills several rows that share a `Group ID`.
We fold those rows back into one `Entry` per Group ID, collecting every distinct name, date
of birth, address and identifier the rows carry.

The XLSX is read straight from its sheet XML (streamed, defused): openpyxl's read-only mode
takes ~3 s for the 18,798 x 36 ConList.xlsx, the direct read well under half that.
"""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from screener.core.entries import (
    EntityType,
    ParsedList,
)
from screener.core.errors import ListFileError
from screener.core.lists.importers._common import (
    Head,
    ImporterSpec,
    clean,
    fallback_date,
    open_text,
)
from screener.core.lists.importers._uk import (
    EntryBuilder,
    csv_problem,
    full_name,
    is_weak,
    note_identifiers,
    split_numbered,
    uk_date,
)
from screener.core.lists.importers._xlsx import xlsx_rows

KEY = "ofsi-conlist"
SOURCE = "uk_ofsi"
TITLE = "UK OFSI Consolidated List of Financial Sanctions Targets"

Row = dict[str, str]

_REQUIRED = ("Name 6", "Group ID", "Group Type")
_TYPES = {
    "individual": EntityType.PERSON,
    "entity": EntityType.ORGANIZATION,
    "ship": EntityType.VESSEL,
}
_PRIMARY = {"primary name", "prime alias"}  # "Prime Alias" is the pre-2022 wording
_ALIAS_KINDS = {"primary name variation": "spelling variant", "aka": "aka", "fka": "fka"}
_NAME_KEYS = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6")
_ADDRESS_KEYS = (*(f"Address {i}" for i in range(1, 7)), "Post/Zip Code")


# ---------------------------------------------------------------- sniff


def _sniff(head: Head) -> bool:
    try:
        if head.kind == "zip":
            return _sniff_xlsx(head.path)
        if head.kind != "text":
            return False
        lines = head.text.lstrip("\ufeff").splitlines()[:2]
        if len(lines) < 2 or not lines[0].startswith("Last Updated"):
            return False
        header = {c.strip() for c in next(csv.reader([lines[1]]))}
        return {"Name 6", "Group ID"} <= header and "Unique ID" not in header
    except Exception:  # a sniff never raises: any oddity means "not this format"
        return False


def _sniff_xlsx(path: Path) -> bool:
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        if "xl/workbook.xml" not in names:
            return False
        for member in ("xl/sharedStrings.xml", *sorted(n for n in names if "worksheets/" in n)):
            if member in names:
                with zf.open(member) as fh:
                    start = fh.read(256 * 1024)
                if b">Group ID<" in start and b">Name 6<" in start:
                    return True
    return False


# ---------------------------------------------------------------- parse


def _parse(path: Path) -> ParsedList:
    if path.suffix.lower() in {".xlsx", ".xlsm"} or _is_zip(path):
        published_text, rows = _xlsx_records(path)
    else:
        published_text, rows = _csv_records(path)
    groups: dict[str, EntryBuilder] = {}
    for line, row in rows:
        group_id = row.get("Group ID", "")
        if not group_id:
            raise ListFileError(path, f"row {line}: no Group ID")
        builder = groups.get(group_id)
        if builder is None:
            kind = _TYPES.get(row.get("Group Type", "").lower(), EntityType.UNKNOWN)
            builder = groups[group_id] = EntryBuilder(group_id, kind)
        _add_row(builder, row)
    entries = [b.build() for b in groups.values() if b.names]
    if not entries:
        raise ListFileError(path, "no entries (the list has a header but no targets)")
    published = _published(path, published_text)
    published, basis = (published, "file header") if published else fallback_date(path)
    return ParsedList(
        source=SOURCE,
        title=TITLE,
        format=KEY,
        published=published,
        published_basis=basis,
        files=(path,),
        entries=entries,
    )


def _add_row(b: EntryBuilder, row: Row) -> None:
    get = row.get
    alias_type = get("Alias Type", "").lower()
    name = full_name(get(k, "") for k in _NAME_KEYS)
    b.name(
        name,
        kind=_ALIAS_KINDS.get(alias_type, "aka"),
        weak=is_weak(get("Alias Quality", "")),
        primary=alias_type in _PRIMARY,
    )
    b.name(get("Name Non-Latin Script", ""), kind="non-latin", weak=False, primary=False)
    if dob := get("DOB", ""):
        b.add(b.dobs, *(d for d in (uk_date(x) for x in split_numbered(dob)) if d))
    b.add(b.countries, *split_numbered(get("Nationality", "")))
    b.address([get(k, "") for k in _ADDRESS_KEYS], get("Country", ""))
    b.add(b.programs, get("Regime", ""))
    if get("Passport Number"):
        b.identifier("Passport", get("Passport Number", ""), get("Passport Details", ""))
    elif get("Passport Details"):  # the pre-2022 CSV has only the free-text column
        b.identifier("Passport", get("Passport Details", ""))
    ni = get("National Identification Number") or get("NI Number") or ""
    b.identifier("National Identification Number", ni, get("National Identification Details", ""))
    info = get("Other Information", "")
    if info not in b.remarks:  # rows of one target repeat it; scan it once
        note_identifiers(b, info)
        b.add(b.remarks, info)
    if position := get("Position"):
        b.add(b.remarks, f"Position: {position}")
    b.listed.append(uk_date(get("Listed On", "")) or "")


def _published(path: Path, text: str) -> date | None:
    iso = uk_date(text)
    if iso is None or len(iso) != 10:
        if text:
            raise ListFileError(path, f"unreadable 'Last Updated' date {text!r} in the first row")
        return None
    return date.fromisoformat(iso)


def _is_zip(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(4) == b"PK\x03\x04"
    except OSError:
        return False  # reading it as CSV then reports the problem


def _records(
    path: Path, rows: Iterator[tuple[int, list[str]]], *, strict_width: bool
) -> tuple[str, list[tuple[int, Row]]]:
    """Find the `Last Updated` line and the header, then map each data row by column name."""
    published = ""
    header: list[str] | None = None
    out: list[tuple[int, Row]] = []
    for line, cells in rows:
        if header is None:
            cells = [clean(c) for c in cells]
            if cells and cells[0] == "Last Updated" and len(cells) > 1 and not published:
                published = cells[1]
            elif "Name 6" in cells:
                header = cells
                missing = [c for c in _REQUIRED if c not in header]
                if missing:
                    raise ListFileError(path, f"row {line}: missing column(s) {', '.join(missing)}")
            elif line > 5:
                break
            continue
        if not any(c.strip() for c in cells):
            continue
        # A CSV row cut short means a cut file; an xlsx simply omits trailing empty cells.
        if strict_width and len(cells) < len(header):
            raise ListFileError(
                path,
                f"row {line} has {len(cells)} of {len(header)} columns"
                " (the file ends early: truncated download?)",
            )
        row = {h: v for h, c in zip(header, cells, strict=False) if h and c and (v := clean(c))}
        out.append((line, row))
    if header is None:
        raise ListFileError(path, "no OFSI header row (with 'Name 6' and 'Group ID') found")
    return published, out


def _csv_records(path: Path) -> tuple[str, list[tuple[int, Row]]]:
    reader = None
    try:
        with open_text(path) as fh:
            reader = csv.reader(fh, strict=True)
            rows = ((reader.line_num, cells) for cells in reader)
            return _records(path, rows, strict_width=True)
    except csv.Error as exc:
        where = f"line {reader.line_num}: " if reader else ""
        raise ListFileError(path, where + csv_problem(exc)) from exc
    except OSError as exc:
        raise ListFileError(path, f"cannot read file ({exc.strerror or exc})") from exc


def _xlsx_records(path: Path) -> tuple[str, list[tuple[int, Row]]]:
    return _records(path, xlsx_rows(path), strict_width=False)


SPEC = ImporterSpec(
    key=KEY,
    description="OFSI Consolidated List (ConList.xlsx or the CSV with a 'Last Updated' first line)",
    sniff=_sniff,
    parse=_parse,
)
