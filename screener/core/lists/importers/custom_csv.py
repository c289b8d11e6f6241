"""A company's own party list (internal watch list, a customer's blacklist, EU Annex IV ...).

    screener lists import --custom watch.csv --source internal --title "Internal watch list"

Layout: a UTF-8 (or Windows-1252) CSV, comma or semicolon separated, one row per listed party,
header names in any case and order:

| column        | required | meaning                                                            |
|---------------|----------|--------------------------------------------------------------------|
| `name`        | yes      | the party's name as listed                                         |
| `aliases`     | no       | other names, separated by `;` (or `|`)                             |
| `type`        | no       | person, organization (organisation, entity, company), vessel,     |
|               |          | aircraft; empty = unknown                                          |
| `country`     | no       | country names or ISO codes, separated by `;`                       |
| `identifiers` | no       | `kind: value` pairs separated by `;` ("IMO: 9123456; VAT: DE1234") |
| `reason`      | no       | why the party is listed: shown with every hit                      |
| `blocking`    | no       | yes/no (also y/n, true/false, 1/0, ja/nein); yes = a near-exact    |
|               |          | match blocks the line, no = review; empty = no                     |
| `id`          | no       | your own reference; default: the row number ("row 7")              |
| `listed_on`   | no       | date the party was added (ISO or dd.mm.yyyy)                       |
| `related`     | no       | related parties, `kind: name` separated by `;`, a share as `(60%)`: |
|               |          | "owned: Baltic Components GmbH (60%); parent company: X Holding AG" |
|               |          | kinds: owner/operator, owner, owned, parent company, subsidiary,   |
|               |          | linked to, affiliated, director, associate                         |

Each import is a list version like an official list: the same bytes import once, a changed
file is a new version, and runs record which version they screened against. A malformed row
refuses the whole file, naming the row and column.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from screener.core.entries import (
    Alias,
    EntityType,
    Entry,
    Identifier,
    ParsedList,
    Relation,
    RelationKind,
)
from screener.core.errors import ListFileError
from screener.core.lists.importers._common import clean, fallback_date, open_text, parse_date
from screener.core.rules.policy import CUSTOM_BLOCKING as BLOCKING
from screener.core.rules.policy import CUSTOM_PREFIX as PREFIX

KEY = "custom-csv"
COLUMNS = ("name", "aliases", "type", "country", "identifiers", "reason", "blocking", "id")
_OPTIONAL = (*COLUMNS, "listed_on", "related")
_SHARE = re.compile(r"\s*\((\d{1,3}(?:[.,]\d+)?)\s*%\)\s*$")
_TYPES = {
    "person": EntityType.PERSON,
    "individual": EntityType.PERSON,
    "organization": EntityType.ORGANIZATION,
    "organisation": EntityType.ORGANIZATION,
    "entity": EntityType.ORGANIZATION,
    "company": EntityType.ORGANIZATION,
    "vessel": EntityType.VESSEL,
    "ship": EntityType.VESSEL,
    "aircraft": EntityType.AIRCRAFT,
    "": EntityType.UNKNOWN,
    "unknown": EntityType.UNKNOWN,
}
_YES = {"yes", "y", "true", "1", "ja", "oui", "x"}
_NO = {"no", "n", "false", "0", "nein", "non", ""}
_SOURCE_NAME = re.compile(r"^[a-z0-9][a-z0-9_]{0,40}$")


def source_key(name: str) -> str:
    """'internal' -> 'custom_internal'; refuses names that could pass for an official list."""
    key = name.strip().lower().removeprefix(PREFIX)
    if not _SOURCE_NAME.match(key):
        raise ListFileError(
            Path(name), "--source: use 1-40 lower-case letters, digits or _ (e.g. internal_watch)"
        )
    return PREFIX + key


def parse_custom(path: Path, *, source: str, title: str) -> ParsedList:
    key = source_key(source)
    if not title.strip():
        raise ListFileError(path, "--title is required: the name officers see on every hit")
    with open_text(path) as fh:
        text = fh.read()
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(text.lstrip("\ufeff").splitlines(), delimiter=delimiter, strict=True)
    try:
        header = [h.strip().lower() for h in next(reader, [])]
        if "name" not in header:
            raise ListFileError(
                path, "row 1: no 'name' column (columns: " + ", ".join(COLUMNS) + ")"
            )
        unknown = [h for h in header if h and h not in _OPTIONAL]
        if unknown:
            raise ListFileError(
                path,
                f"row 1: unknown column(s) {', '.join(unknown)} (known: {', '.join(_OPTIONAL)})",
            )
        entries = []
        seen: set[str] = set()
        for number, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(header):
                raise ListFileError(
                    path, f"row {number}: {len(cells)} cells for {len(header)} columns"
                )
            row = {h: clean(c) for h, c in zip(header, cells, strict=False)}
            entry = _entry(path, number, row, key)
            if entry.entry_id in seen:
                raise ListFileError(
                    path, f"row {number}, column id: {entry.entry_id!r} is used twice"
                )
            seen.add(entry.entry_id)
            entries.append(entry)
    except csv.Error as exc:
        raise ListFileError(path, f"row {reader.line_num}: not valid CSV ({exc})") from None
    if not entries:
        raise ListFileError(path, "no parties: the file has a header but no rows")
    published, basis = fallback_date(path)
    return ParsedList(key, title.strip(), KEY, published, basis, (path,), entries)


def _entry(path: Path, number: int, row: dict[str, str], source: str) -> Entry:
    def bad(column: str, why: str) -> ListFileError:
        return ListFileError(path, f"row {number}, column {column}: {why}")

    name = row.get("name", "")
    if not name:
        raise bad("name", "empty: every row needs the listed party's name")
    kind = row.get("type", "").lower()
    if kind not in _TYPES:
        raise bad("type", f"{row['type']!r}: use person, organization, vessel or aircraft")
    flag = row.get("blocking", "").lower()
    if flag not in _YES | _NO:
        raise bad("blocking", f"{row['blocking']!r}: use yes or no")
    identifiers = []
    for part in _split(row.get("identifiers", "")):
        label, sep, value = part.partition(":")
        if not sep or not value.strip() or not label.strip():
            raise bad("identifiers", f"{part!r}: write kind: value (e.g. IMO: 9123456)")
        identifiers.append(Identifier(kind=label.strip(), value=value.strip()))
    relations = []
    for part in _split(row.get("related", "")):
        label, sep, other = part.partition(":")
        relation = next((k for k in RelationKind if k.value == label.strip().lower()), None)
        if not sep or relation is None or not other.strip():
            kinds = ", ".join(k.value for k in RelationKind)
            raise bad("related", f"{part!r}: write kind: name (kinds: {kinds})")
        share = None
        if m := _SHARE.search(other):
            share = float(m[1].replace(",", "."))
            other = other[: m.start()]
        relations.append(Relation(relation, other.strip(), share=share))
    listed = row.get("listed_on", "")
    listed_on = parse_date(listed) if listed else None
    if listed and not listed_on:
        raise bad("listed_on", f"{listed!r} is not a date")
    return Entry(
        entry_id=row.get("id") or f"row {number}",
        type=_TYPES[kind],
        name=name,
        aliases=tuple(Alias(a) for a in _split(row.get("aliases", "")) if a != name),
        countries=tuple(_split(row.get("country", ""))),
        identifiers=tuple(identifiers),
        remarks=row.get("reason", ""),
        listed_on=listed_on,
        programs=(source.removeprefix(PREFIX),),
        sub_source=BLOCKING if flag in _YES else "",
        relations=tuple(relations),
    )


def _split(value: str) -> list[str]:
    return [p.strip() for p in re.split(r"[;|]", value) if p.strip()]
