"""BIS Denied Persons List, the tab-delimited `dpl.txt` from the Bureau of Industry and Security.

The file has one row per *address* of a denial order, not one per denied person: a person
with two known addresses fills two rows with the same name and order. We group rows of the
same name into one entry with several addresses, so a hit is one person to review, not two.
The list has no ids, so the (whitespace-normalised) name is the entry id.

The file carries no date either. Each row has a `Last_Update`; the newest one is the list's
date, except that the data holds typo years (2922, 3017): dates after the file's own
modification time cannot be real and are ignored.
"""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from pathlib import Path

from screener.core.entries import Address, EntityType, Entry, ParsedList
from screener.core.errors import ListFileError
from screener.core.lists.importers._common import (
    Head,
    ImporterSpec,
    clean,
    fallback_date,
    open_text,
    parse_date,
)

KEY = "bis-dpl"
SOURCE = "us_bis_dpl"
TITLE = "BIS Denied Persons List"

_SIGNATURE = {"Name", "Street_Address", "Effective_Date", "Expiration_Date"}
_REQUIRED = ("Name", "Street_Address", "City", "Country", "Effective_Date")
_ADDRESS = ("Street_Address", "City", "State", "Postal_Code")


def _sniff(head: Head) -> bool:
    if head.kind != "text":
        return False
    try:
        line = head.first_line()
        if "\t" not in line:
            return False
        header = {c.strip() for c in next(csv.reader([line], delimiter="\t"))}
        return header >= _SIGNATURE
    except Exception:  # a sniff never raises: any oddity means "not this format"
        return False


class _Person:
    """The rows of one denied name, folded together."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.addresses: dict[Address, None] = {}
        self.orders: dict[str, None] = {}
        self.effective: list[str] = []

    def add(self, row: dict[str, str]) -> None:
        text = ", ".join(v for k in _ADDRESS if (v := clean(row.get(k))))
        country = clean(row.get("Country"))
        if text or country:
            self.addresses[Address(text=text, country=country)] = None
        effective = parse_date(row.get("Effective_Date") or "", dayfirst=False)
        expires = parse_date(row.get("Expiration_Date") or "", dayfirst=False)
        if effective:
            self.effective.append(effective)
        order = [
            f"Denied from {effective or '?'} until {expires or '?'}",
            f"standard order: {clean(row.get('Standard_Order')) or '?'}",
        ]
        if citation := clean(row.get("FR_Citation")):
            order.append(f"Federal Register: {citation}")
        self.orders["; ".join(order)] = None

    def entry(self) -> Entry:
        return Entry(
            entry_id=self.name,
            # The list mixes people and companies without saying which.
            type=EntityType.UNKNOWN,
            name=self.name,
            countries=tuple(dict.fromkeys(a.country for a in self.addresses if a.country)),
            addresses=tuple(self.addresses),
            remarks="\n".join(self.orders),
            listed_on=min(self.effective) if self.effective else None,
        )


def _parse(path: Path) -> ParsedList:
    people: dict[str, _Person] = {}
    updates: list[str] = []
    reader = None
    try:
        with open_text(path) as fh:
            reader = csv.DictReader(fh, delimiter="\t", strict=True)
            header = [h.strip() for h in reader.fieldnames or []]
            missing = [c for c in _REQUIRED if c not in header]
            if missing:
                raise ListFileError(path, f"line 1: missing column(s) {', '.join(missing)}")
            reader.fieldnames = header
            for row in reader:
                line = reader.line_num
                if None in row.values():
                    raise ListFileError(
                        path,
                        f"line {line} has {sum(v is not None for v in row.values())} of"
                        f" {len(header)} columns (the file ends early: truncated download?)",
                    )
                name = clean(row["Name"])
                if not name:
                    raise ListFileError(path, f"line {line}: the Name column is empty")
                people.setdefault(name, _Person(name)).add(row)
                if updated := parse_date(row.get("Last_Update") or "", dayfirst=False):
                    updates.append(updated)
    except csv.Error as exc:
        where = f"line {reader.line_num}: " if reader else ""
        raise ListFileError(path, where + _csv_problem(exc)) from exc
    except OSError as exc:
        raise ListFileError(path, f"cannot read file ({exc.strerror or exc})") from exc
    if not people:
        raise ListFileError(path, "no entries (the list has a header but no rows)")
    published, basis = _published(path, updates)
    return ParsedList(
        source=SOURCE,
        title=TITLE,
        format=KEY,
        published=published,
        published_basis=basis,
        files=(path,),
        entries=[p.entry() for p in people.values()],
    )


def _published(path: Path, updates: list[str]) -> tuple[date | None, str]:
    """Newest `Last_Update` that is not after the file was written (typo years are)."""
    try:
        limit = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).date()
    except OSError:
        limit = datetime.now(tz=UTC).date()
    valid = [d for d in updates if len(d) == 10 and date.fromisoformat(d) <= limit]
    if valid:
        return date.fromisoformat(max(valid)), "file content"
    return fallback_date(path)


def _csv_problem(exc: csv.Error) -> str:
    """csv's terse error as a reason the officer can act on."""
    if "unexpected end of data" in str(exc):
        return "the file ends inside a quoted field (truncated download?)"
    return f"malformed CSV ({exc})"


SPEC = ImporterSpec(
    key=KEY,
    description="BIS Denied Persons List (tab-delimited dpl.txt with Name, Street_Address ...)",
    sniff=_sniff,
    parse=_parse,
)
