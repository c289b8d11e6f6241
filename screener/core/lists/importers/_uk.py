"""What the UK lists (OFSI's ConList and the FCDO's UK Sanctions List) read alike: UK dates,
numbered values ("(1) Russia (2) Cyprus"), and the rows of one target folded into one entry."""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable

from screener.core.entries import (
    Address,
    Alias,
    AliasQuality,
    EntityType,
    Entry,
    Identifier,
    Relation,
    RelationKind,
)
from screener.core.lists.importers._common import clean, parse_date

_LIST_REF = re.compile(r"\(UK Sanctions List Ref\)\s*:\s*([A-Z]{2,4}\s?\d{3,5})")
_IMO = re.compile(r"\bIMO(?:\s*number\))?\s*(?:no\.?)?\s*:?\s*(\d{7})\b", re.IGNORECASE)


@functools.lru_cache(maxsize=8192)
def uk_date(text: str) -> str | None:
    """UK list date to ISO; `00` or `dd`/`mm` mark unknown day or month ("00/00/1980" -> "1980")."""
    s = clean(text)
    if m := re.fullmatch(r"(\d{1,2}|dd)/(\d{1,2}|mm)/(\d{4})", s, re.IGNORECASE):
        day, month, year = m[1].lower(), m[2].lower(), m[3]
        if month == "mm" or not month.strip("0"):
            return parse_date(year)
        if day == "dd" or not day.strip("0"):
            ok = 1 <= int(month) <= 12 and parse_date(year)
            return f"{year}-{int(month):02d}" if ok else None
    if m := re.fullmatch(r"(\d{4})\s+to\s+(\d{4})", s):
        return f"{m[1]}/{m[2]}"
    return parse_date(s, dayfirst=True)


def split_numbered(text: str) -> list[str]:
    """'(1) Russia (2) Cyprus' or '1) Russia 2) Cyprus' -> ['Russia', 'Cyprus']; else [text]."""
    s = clean(text)
    if not s:
        return []
    if not re.match(r"\(?1\)", s):
        return [s]
    return [p.strip(" ,;.") for p in re.split(r"\(?\d{1,2}\)", s) if p.strip(" ,;.")]


def full_name(parts: Iterable[str]) -> str:
    """OFSI name parts: Name 1-5 are given names, Name 6 the surname or entity name."""
    return " ".join(p for p in parts if p)


def is_weak(quality: str) -> bool:
    q = quality.lower()
    return "low" in q or "weak" in q


class EntryBuilder:
    """Accumulates the rows of one target; keeps first-seen order and drops duplicates.

    Values passed in are already `clean`ed (rows are cleaned once, when read).
    """

    def __init__(self, entry_id: str, type_: EntityType) -> None:
        self.entry_id = entry_id
        self.type = type_
        self.primary = ""
        self.names: dict[str, Alias] = {}
        self.countries: dict[str, None] = {}
        self.addresses: dict[Address, None] = {}
        self.programs: dict[str, None] = {}
        self.identifiers: dict[Identifier, None] = {}
        self.dobs: dict[str, None] = {}
        self.remarks: dict[str, None] = {}
        self.listed: list[str] = []
        self.relations: dict[Relation, None] = {}
        self.details: dict[tuple[str, str], None] = {}

    def name(self, name: str, *, kind: str, weak: bool, primary: bool) -> None:
        if not name:
            return
        if primary and not self.primary:
            self.primary = name
        quality = AliasQuality.WEAK if weak else AliasQuality.STRONG
        old = self.names.get(name)
        # A name listed both as a weak and a strong variant is screened as strong.
        if old is None or (old.quality is AliasQuality.WEAK and not weak):
            self.names[name] = Alias(name=name, quality=quality, kind=kind)

    def address(self, lines: Iterable[str], country: str) -> None:
        text = ", ".join(p for p in lines if p)
        if text or country:
            self.addresses[Address(text=text, country=country)] = None
        if country:
            self.countries[country] = None

    def add(self, bucket: dict[str, None], *values: str) -> None:
        for value in values:
            if value:
                bucket[value] = None

    def identifier(self, kind: str, value: str, note: str = "") -> None:
        items, notes = split_numbered(value), split_numbered(note)
        # "(1) 223611 (2) C00146605" with "(1) Libya number (2) British passport number".
        paired = len(items) > 1 and len(notes) == len(items)
        for i, item in enumerate(items):
            self.identifiers[
                Identifier(kind=kind, value=item, note=notes[i] if paired else note)
            ] = None

    def build(self) -> Entry:
        primary = self.primary or next(iter(self.names))
        aliases = tuple(a for n, a in self.names.items() if n != primary)
        listed = sorted(d for d in self.listed if d)
        return Entry(
            entry_id=self.entry_id,
            type=self.type,
            name=primary,
            aliases=aliases,
            countries=tuple(self.countries),
            addresses=tuple(self.addresses),
            programs=tuple(self.programs),
            identifiers=tuple(self.identifiers),
            dates_of_birth=tuple(self.dobs),
            remarks="\n".join(self.remarks),
            listed_on=listed[0] if listed else None,
            relations=tuple(self.relations),
            details=tuple(self.details),
        )

    def relation(self, kind: RelationKind, names: str, note: str = "") -> None:
        """'(1) A LTD (2) B LLC' or 'A LTD | B LLC' -> one relation per name."""
        for part in split_numbered(names):
            for name in (n.strip() for n in part.split("|")):
                if name:
                    self.relations[Relation(kind, name, note=note)] = None

    def detail(self, label: str, value: str) -> None:
        for item in split_numbered(value):
            self.details[(label, item)] = None


def note_identifiers(builder: EntryBuilder, other_information: str) -> None:
    """IMO numbers and list references that OFSI only writes into Other Information."""
    for m in _LIST_REF.finditer(other_information):
        builder.identifiers[Identifier(kind="UK Sanctions List Ref", value=m[1])] = None
    for m in _IMO.finditer(other_information):
        builder.identifiers[Identifier(kind="IMO", value=m[1])] = None


def csv_problem(exc: csv.Error) -> str:
    """csv's terse error as a reason the officer can act on."""
    if "unexpected end of data" in str(exc):
        return "the file ends inside a quoted field (truncated download?)"
    return f"malformed CSV ({exc})"
