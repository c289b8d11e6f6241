"""OFAC legacy CSV sets: `sdn.csv` or `cons_prim.csv`, with add/alt/comments beside them.

The files are headerless, ASCII, CRLF, end with a 0x1A byte and write empty fields as `-0- `.
`sdn.csv` remarks are cut at about 1,000 characters; the rest is in `sdn_comments.csv` and
continues mid-word, so the two are joined without a separator.

Aliases: `alt.csv` holds OFAC's strong aliases. The `a.k.a. '...'` items in the remarks are the
weak (low-quality) ones: every one of them is `category weak` in the XML of the same list and
none repeats an `alt.csv` row. So a lone `sdn.csv` (no alt.csv beside it) yields only the weak
aliases. "Linked To: X" names *another* listed party, so it stays in the remarks, never an alias.

The remark vocabulary (identifiers, dates, programs) lives in `_ofac.py`, shared with the XML
importers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from screener.core.entries import (
    Address,
    Alias,
    AliasQuality,
    EntityType,
    Entry,
    Identifier,
    ParsedList,
    Relation,
    RelationKind,
)
from screener.core.errors import ListFileError
from screener.core.lists.importers._common import (
    HEAD_BYTES,
    Head,
    ImporterSpec,
    clean,
    fallback_date,
)
from screener.core.lists.importers._ofac import (
    TITLES,
    parse_remarks,
    source_for_programs,
    split_programs,
    unique,
)

_TYPES = {
    "individual": EntityType.PERSON,
    "vessel": EntityType.VESSEL,
    "aircraft": EntityType.AIRCRAFT,
    "": EntityType.ORGANIZATION,  # OFAC writes `-0-` for entities
}
_PRIMARY_COLUMNS = 12
# Companion file -> its column count; names follow OFAC's two download sets.
_COMPANIONS = {"add": 6, "alt": 5, "comments": 2}
_SET_NAMES = {
    "sdn.csv": {"add": "add.csv", "alt": "alt.csv", "comments": "sdn_comments.csv"},
    "cons_prim.csv": {
        "add": "cons_add.csv",
        "alt": "cons_alt.csv",
        "comments": "cons_comments.csv",
    },
}

# ---------------------------------------------------------------- sniffing


def _rows_of_head(head: Head, limit: int = 3) -> list[list[str]]:
    """First complete lines of a text head parsed as CSV; [] when that fails."""
    if head.kind != "text":
        return []
    lines = head.text.split("\n")
    if len(head.data) >= HEAD_BYTES:
        lines = lines[:-1]  # the head may cut the last line
    lines = [ln.rstrip("\r") for ln in lines if ln.strip("\r\x1a ")][:limit]
    try:
        return list(csv.reader(lines, strict=True))
    except csv.Error:
        return []


def _is_primary_row(row: list[str]) -> bool:
    return (
        len(row) == _PRIMARY_COLUMNS
        and row[0].strip().isdigit()
        and bool(clean(row[1]))
        and clean(row[2]).lower() in _TYPES
    )


def _companion_kind(row: list[str]) -> str | None:
    if not row or not row[0].strip().isdigit():
        return None
    if len(row) == _COMPANIONS["add"] and row[1].strip().isdigit():
        return "add"
    if (
        len(row) == _COMPANIONS["alt"]
        and row[1].strip().isdigit()
        and row[2].strip() in {"aka", "fka", "nka"}
    ):
        return "alt"
    if len(row) == _COMPANIONS["comments"]:
        return "comments"
    return None


def _sniff(head: Head) -> bool:
    rows = _rows_of_head(head)
    return bool(rows) and all(_is_primary_row(r) for r in rows)


def _sibling(folder: Path, name: str) -> Path | None:
    """File `name` in `folder`, ignoring case (downloads arrive as SDN.CSV or sdn.csv)."""
    exact = folder / name
    if exact.is_file():
        return exact
    try:
        return next((p for p in folder.iterdir() if p.name.lower() == name and p.is_file()), None)
    except OSError:
        return None


def _companion_of(head: Head) -> Path | None:
    rows = _rows_of_head(head)
    kinds = {_companion_kind(r) for r in rows}
    if len(kinds) != 1 or None in kinds:
        return None
    folder = head.path.parent
    preferred = "cons_prim.csv" if head.path.name.lower().startswith("cons") else "sdn.csv"
    other = "sdn.csv" if preferred == "cons_prim.csv" else "cons_prim.csv"
    found = _sibling(folder, preferred) or _sibling(folder, other)
    if found is not None:
        return found
    # A two-column file is only an OFAC comments file if its primary is there to prove it.
    return None if kinds == {"comments"} else folder / preferred


# ---------------------------------------------------------------- parsing


def _read_rows(path: Path, columns: int) -> Iterator[tuple[int, list[str]]]:
    """(line number, row) of an OFAC CSV; bad shape or encoding become `ListFileError`."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ListFileError(path, f"cannot read file ({exc.strerror or exc})") from exc
    raw = raw.rstrip(b"\x1a\r\n ")  # DOS end-of-file marker
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for row in reader:
            if not row or row == [""]:
                continue
            line = reader.line_num
            if any("\n" in f or "\r" in f for f in row):
                # OFAC fields never hold line breaks; an unclosed quote swallowed the next rows.
                raise ListFileError(
                    path, f"row {line}: a quoted field runs past the line end (truncated download?)"
                )
            if len(row) != columns:
                raise ListFileError(
                    path,
                    f"row {line}: expected {columns} columns, found {len(row)} "
                    "(truncated download, or not an OFAC CSV of this kind)",
                )
            if not row[0].strip().isdigit():
                raise ListFileError(
                    path, f"row {line}, column 1: {row[0]!r} is not an OFAC entry number"
                )
            yield line, row
    except csv.Error as exc:
        raise ListFileError(
            path, f"row {reader.line_num}: broken CSV ({exc}); the file may be truncated"
        ) from exc


@dataclass(slots=True)
class _Draft:
    row: list[str]
    addresses: list[Address] = field(default_factory=list)
    aliases: list[Alias] = field(default_factory=list)
    overflow: str = ""


def _companions(primary: Path) -> dict[str, Path]:
    names = _SET_NAMES["cons_prim.csv" if primary.name.lower().startswith("cons") else "sdn.csv"]
    found = {kind: _sibling(primary.parent, name) for kind, name in names.items()}
    return {kind: p for kind, p in found.items() if p is not None}


def _parse(path: Path) -> ParsedList:
    drafts: dict[str, _Draft] = {}
    for line, row in _read_rows(path, _PRIMARY_COLUMNS):
        ent = row[0].strip()
        if ent in drafts:
            raise ListFileError(path, f"row {line}: entry number {ent} appears twice")
        drafts[ent] = _Draft(row)
    if not drafts:
        raise ListFileError(path, "no entries")

    companions = _companions(path)
    for kind, companion in companions.items():
        for line, row in _read_rows(companion, _COMPANIONS[kind]):
            draft = drafts.get(row[0].strip())
            if draft is None:
                raise ListFileError(
                    companion,
                    f"row {line}: entry {row[0].strip()} is not in {path.name}; "
                    "the files come from different downloads",
                )
            if kind == "add":
                text = ", ".join(p for p in (clean(row[2]), clean(row[3]), clean(row[5])) if p)
                draft.addresses.append(Address(text=text, country=clean(row[4])))
            elif kind == "alt":
                if name := clean(row[3]):
                    draft.aliases.append(Alias(name, AliasQuality.STRONG, row[2].strip()))
            else:
                draft.overflow += row[1]

    entries = [_entry(ent, d) for ent, d in drafts.items()]
    source = source_for_programs(e.programs for e in entries)
    published, basis = fallback_date(path)
    return ParsedList(
        source=source,
        title=TITLES[source],
        format=SPEC.key,
        published=published,
        published_basis=basis,
        files=(path, *companions.values()),
        entries=entries,
    )


def _entry(ent: str, draft: _Draft) -> Entry:
    (
        _,
        name,
        sdn_type,
        program,
        title,
        call_sign,
        vess_type,
        tonnage,
        grt,
        flag,
        owner,
        remarks,
    ) = draft.row
    # The overflow continues the cut remark mid-word: join without a separator.
    remark_text = clean((remarks if clean(remarks) else "") + draft.overflow)
    facts = parse_remarks(remark_text)
    known = {a.name.casefold() for a in draft.aliases}
    weak = [a for a in facts.aliases if a.name.casefold() not in known]
    identifiers = list(facts.identifiers)
    if clean(call_sign):
        identifiers.insert(0, Identifier("Call Sign", clean(call_sign)))
    details = [
        f"{label}: {clean(value)}"
        for label, value in (
            ("Title", title),
            ("Vessel type", vess_type),
            ("Tonnage", tonnage),
            ("GRT", grt),
            ("Vessel flag", flag),
            ("Vessel owner", owner),
        )
        if clean(value)
    ]
    return Entry(
        entry_id=ent,
        type=_TYPES.get(clean(sdn_type).lower(), EntityType.UNKNOWN),
        name=clean(name),
        aliases=(*draft.aliases, *weak),
        countries=unique([*facts.countries, clean(flag), *(a.country for a in draft.addresses)]),
        addresses=tuple(draft.addresses),
        programs=split_programs(program),
        identifiers=tuple(identifiers),
        dates_of_birth=unique(facts.dates_of_birth),
        remarks="; ".join(p for p in (remark_text, *details) if p),
        relations=(
            *facts.relations,
            *(
                (Relation(RelationKind.OWNER_OPERATOR, clean(owner), note="vessel owner"),)
                if clean(owner)
                else ()
            ),
        ),
    )


SPEC = ImporterSpec(
    key="ofac-legacy-csv",
    description="OFAC legacy CSV (sdn.csv / cons_prim.csv with add, alt and comments files)",
    sniff=_sniff,
    parse=_parse,
    companion_of=_companion_of,
)
