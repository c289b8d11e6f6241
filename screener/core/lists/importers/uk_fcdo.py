"""FCDO "UK Sanctions List" CSV: the only official UK list since 28 January 2026.

Layout, as published at sanctionslist.fcdo.gov.uk (UK-Sanctions-List.csv): a first line
`Report Date: dd-Mon-yyyy`, then a header, then one row per name (and per address, DOB ...)
of a designation; rows of one designation share a `Unique ID` such as "RUS0001". No sample
of the real file was available, so columns are found by header name, with the spelling
variants seen in the wild ("Business registration number (s)" / "...number(s)", an older
"Individual, Entity, Ship" column in place of "Designation Type"), and only the ID and
name columns are required.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from screener.core.entries import EntityType, ParsedList, RelationKind
from screener.core.errors import ListFileError
from screener.core.lists.importers._common import (
    Head,
    ImporterSpec,
    clean,
    fallback_date,
    open_text,
    parse_date,
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

KEY = "fcdo-uk-sanctions-list"
SOURCE = "uk_fcdo"
TITLE = "UK Sanctions List (FCDO)"

_TYPES = {
    "individual": EntityType.PERSON,
    "entity": EntityType.ORGANIZATION,
    "ship": EntityType.VESSEL,
}
_ALIAS_KINDS = {"primary name variation": "spelling variant", "alias": "aka"}
_NAMES = tuple(f"name{i}" for i in (1, 2, 3, 4, 5, 6))
_ADDRESS = (*(f"addressline{i}" for i in range(1, 7)), "addresspostalcode")
# Identifier columns (normalised header) -> (kind, column with its additional information).
_IDENTIFIERS = {
    "passportnumber": ("Passport", "passportadditionalinformation"),
    "nationalidentifiernumber": ("National Identifier", "nationalidentifieradditionalinformation"),
    "businessregistrationnumber(s)": ("Business Registration Number", ""),
    "imonumber": ("IMO", ""),
    "hullidentificationnumber(hin)": ("Hull Identification Number", ""),
    "ofsigroupid": ("OFSI Group ID", ""),
    "unreferencenumber": ("UN Reference Number", ""),
}
_REPORT_DATE = re.compile(r"(\d{1,2})[-\s/]([A-Za-z]{3,9}|\d{1,2})[-\s/](\d{4})")


def _norm(header: str) -> str:
    """Header key without case or spaces: 'Business registration number (s)' -> '...number(s)'."""
    return "".join(header.split()).lower().lstrip("\ufeff")


def _is_header(cells: list[str]) -> bool:
    keys = {_norm(c) for c in cells}
    return "uniqueid" in keys and "name6" in keys


def _sniff(head: Head) -> bool:
    if head.kind != "text":
        return False
    try:
        lines = head.text.lstrip("\ufeff").splitlines()[:3]
        return any(_is_header(next(csv.reader([line]), [])) for line in lines)
    except Exception:  # a sniff never raises: any oddity means "not this format"
        return False


def _parse(path: Path) -> ParsedList:
    return _parse_csv(path, lenient=False)


def parse_lenient(path: Path) -> ParsedList:
    """As the strict import, but malformed rows are left out and listed in `skipped`."""
    return _parse_csv(path, lenient=True)


# A designation row begins with its "Last Updated" date: where a record starts again after a
# row whose quotes never close.
_RECORD_START = re.compile(r"^\ufeff?\s*\d{1,2}/\d{1,2}/\d{4}\s*,")
_MAX_RECORD_LINES = 50


def _records(path: Path, lenient: bool) -> Iterator[tuple[int, list[str] | str]]:
    """(line, cells) per CSV record; with `lenient`, (line, reason) for a malformed one."""
    if not lenient:
        reader = None
        try:
            with open_text(path) as fh:
                reader = csv.reader(fh, strict=True)
                for cells in reader:
                    yield reader.line_num, cells
        except csv.Error as exc:
            where = f"line {reader.line_num}: " if reader else ""
            hint = " (--lenient imports the other rows and records this one)"
            raise ListFileError(path, where + csv_problem(exc) + hint) from exc
        return
    with open_text(path) as fh:
        lines = fh.read().splitlines(keepends=True)
    i = 0
    while i < len(lines):
        first, buf = i + 1, lines[i]
        i += 1
        while buf.count('"') % 2 and i < len(lines) and i - first < _MAX_RECORD_LINES:
            if _RECORD_START.match(lines[i]):
                break  # the next designation row: this one's quote never closes
            buf += lines[i]
            i += 1
        try:
            rows = list(csv.reader(io.StringIO(buf), strict=True))
        except csv.Error as exc:
            yield first, csv_problem(exc)
            continue
        for cells in rows:
            yield first, cells


def _parse_csv(path: Path, *, lenient: bool) -> ParsedList:
    report_date = ""
    header: list[str] | None = None
    groups: dict[str, EntryBuilder] = {}
    newest_update = ""
    skipped: list[tuple[int, str]] = []
    try:
        for line, cells in _records(path, lenient):
            if isinstance(cells, str):
                skipped.append((line, cells))
                continue
            if header is None:
                if _is_header(cells):
                    header = [_norm(c) for c in cells]
                elif cells and cells[0].strip().lower().startswith("report date"):
                    report_date = " ".join(cells)
                elif line > 5:
                    break
                continue
            if not any(c.strip() for c in cells):
                continue
            if len(cells) < len(header):
                why = f"line {line} has {len(cells)} of {len(header)} columns"
                if lenient:
                    skipped.append((line, why))
                    continue
                raise ListFileError(path, why + " (the file ends early: truncated download?)")
            row = {h: v for h, c in zip(header, cells, strict=False) if c and (v := clean(c))}
            try:
                add_row(path, line, groups, row)
            except ListFileError as exc:
                if not lenient:
                    raise
                skipped.append((line, str(exc).removeprefix(f"{path}: ")))
                continue
            newest_update = max(newest_update, uk_date(row.get("lastupdated", "")) or "")
    except OSError as exc:
        raise ListFileError(path, f"cannot read file ({exc.strerror or exc})") from exc
    if header is None:
        raise ListFileError(path, "no UK Sanctions List header (with 'Unique ID', 'Name 6') found")
    entries = [b.build() for b in groups.values() if b.names]
    if not entries:
        raise ListFileError(path, "no entries (the list has a header but no designations)")
    published, basis = _published(path, report_date, newest_update)
    return ParsedList(
        source=SOURCE,
        title=TITLE,
        format=KEY,
        published=published,
        published_basis=basis,
        files=(path,),
        entries=entries,
        skipped=tuple(skipped),
    )


def add_row(
    path: Path, line: int, groups: dict[str, EntryBuilder], row: dict[str, str], *, where: str = ""
) -> None:
    """Fold one CSV row (normalised header -> value) into its designation's builder."""
    get = row.get
    uid = get("uniqueid", "")
    if not uid:
        raise ListFileError(path, f"{where or f'line {line}'}: no Unique ID")
    b = groups.get(uid)
    if b is None:
        kind = get("designationtype") or get("individual,entity,ship") or ""
        b = groups[uid] = EntryBuilder(uid, _TYPES.get(kind.lower(), EntityType.UNKNOWN))
    name_type = get("nametype", "").lower()
    b.name(
        full_name(get(k, "") for k in _NAMES),
        kind=_ALIAS_KINDS.get(name_type, "aka"),
        weak=is_weak(get("aliasstrength", "")),
        # Some designations publish a blank name type on their first row: take it as primary.
        primary=name_type in {"primary name", ""},
    )
    b.name(get("namenon-latinscript", ""), kind="non-latin", weak=False, primary=False)
    dobs = get("d.o.b") or get("dob") or get("dateofbirth") or ""
    b.add(b.dobs, *(d for d in (uk_date(x) for x in split_numbered(dobs)) if d))
    b.add(b.countries, *split_numbered(get("nationality(/ies)") or get("nationality") or ""))
    b.address([get(k, "") for k in _ADDRESS], get("addresscountry", ""))
    b.add(b.countries, get("currentbelievedflagofship", ""))
    b.add(b.programs, *(p.strip() for p in get("regimename", "").split("|")))
    for column, (kind, note_column) in _IDENTIFIERS.items():
        if value := get(column):
            b.identifier(kind, value, get(note_column, "") if note_column else "")
    if b.type is EntityType.UNKNOWN and get("imonumber"):
        b.type = EntityType.VESSEL
    if sanctions := get("sanctionsimposed"):
        b.add(b.remarks, f"Sanctions imposed: {sanctions.replace('|', ', ')}")
    for column in ("otherinformation", "ukstatementofreasons"):
        info = get(column, "")
        if info and info not in b.remarks:
            note_identifiers(b, info)
            b.add(b.remarks, info)
    if position := get("position"):
        b.add(b.remarks, f"Position: {position}")
    _add_details(b, get)
    b.listed.append(uk_date(get("datedesignated", "")) or "")


# Columns kept as relations of the designation (normalised header -> kind, note).
_RELATIONS = {
    "currentowner/operator(s)": (RelationKind.OWNER_OPERATOR, "current owner/operator"),
    "previousowner/operator(s)": (RelationKind.OWNER_OPERATOR, "previous owner/operator"),
    "parentcompany": (RelationKind.PARENT, ""),
    "subsidiaries": (RelationKind.SUBSIDIARY, ""),
}
# Columns kept as listed facts (normalised header -> label).
_DETAILS = {
    "designationsource": "Designation source",  # UK (autonomous) or UN (a UN designation)
    "title": "Title",
    "gender": "Gender",
    "typeofentity": "Type of entity",
    "typeofship": "Type of ship",
    "previousflags": "Previous flags",
    "tonnageofship": "Tonnage of ship",
    "lengthofship": "Length of ship",
    "yearbuilt": "Year built",
}


def _add_details(b: EntryBuilder, get: Callable[[str, str], str]) -> None:
    for column, (kind, note) in _RELATIONS.items():
        if value := get(column, ""):
            b.relation(kind, value, note)
    for column, label in _DETAILS.items():
        if value := get(column, ""):
            b.detail(label, value)
    town, country = get("townofbirth", ""), get("countryofbirth", "")
    if town or country:
        b.detail("Place of birth", ", ".join(p for p in (town, country) if p))


def _published(path: Path, report_line: str, newest_update: str) -> tuple[date | None, str]:
    """The `Report Date` line; else the newest per-row `Last Updated`; else name or file time."""
    if m := _REPORT_DATE.search(report_line):
        iso = parse_date(f"{m[1]} {m[2]} {m[3]}") if m[2].isalpha() else uk_date(m[0])
        if iso and len(iso) == 10:
            return date.fromisoformat(iso), "file header"
    if len(newest_update) == 10:
        return date.fromisoformat(newest_update), "file content"
    return fallback_date(path)


SPEC = ImporterSpec(
    key=KEY,
    description="FCDO UK Sanctions List CSV (Report Date line, one row per name, 'Unique ID')",
    sniff=_sniff,
    parse=_parse,
    parse_lenient=parse_lenient,
)
