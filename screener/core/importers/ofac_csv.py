"""OFAC legacy CSV sets: `sdn.csv` or `cons_prim.csv`, with add/alt/comments beside them.

The files are headerless, ASCII, CRLF, end with a 0x1A byte and write empty fields as `-0- `.
`sdn.csv` remarks are cut at about 1,000 characters; the rest is in `sdn_comments.csv` and
continues mid-word, so the two are joined without a separator.

Aliases: `alt.csv` holds OFAC's strong aliases. The `a.k.a. '...'` items in the remarks are the
weak (low-quality) ones: every one of them is `category weak` in the XML of the same list and
none repeats an `alt.csv` row. So a lone `sdn.csv` (no alt.csv beside it) yields only the weak
aliases. "Linked To: X" names *another* listed party, so it stays in the remarks, never an alias.

The remark vocabulary (identifiers, dates, programs) is shared with the two OFAC XML importers.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
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
)
from screener.core.errors import ListFileError
from screener.core.importers._common import (
    HEAD_BYTES,
    Head,
    ImporterSpec,
    clean,
    fallback_date,
    parse_date,
)

SDN = "ofac_sdn"
CONS = "ofac_cons"
TITLES = {
    SDN: "OFAC Specially Designated Nationals (SDN) List",
    CONS: "OFAC Consolidated (non-SDN) List",
}

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

# ---------------------------------------------------------------- source rule

# Programs that mark OFAC's non-SDN lists (PLC, CMIC, CAPTA, FSE, SSI). A few SDN entries carry
# one too (0.5% of the 2024 SDN list), while 80%+ of consolidated entries do, hence a share.
_NON_SDN_MARKERS = frozenset(
    {"NS-PLC", "CMIC-EO13959", "561-Related", "FSE-IR", "FSE-SY", "UKRAINE-EO13662", "NS-ISA"}
)
_NON_SDN_SHARE = 0.25


def source_for_programs(program_sets: Iterable[Iterable[str]]) -> str:
    """`ofac_cons` when a quarter or more of the entries carry a non-SDN program, else `ofac_sdn`.

    SDN.XML and consolidated.xml (and sdn.csv / cons_prim.csv) share one layout, so the
    programs are the only thing in the content that tells them apart.
    """
    total = marked = 0
    for programs in program_sets:
        total += 1
        marked += not _NON_SDN_MARKERS.isdisjoint(programs)
    return CONS if total and marked / total >= _NON_SDN_SHARE else SDN


def split_programs(text: str) -> tuple[str, ...]:
    """`SDGT] [IRGC` (outer brackets already stripped by OFAC) -> ("SDGT", "IRGC")."""
    inner = clean(text).strip("[] ")
    return tuple(p.strip() for p in re.split(r"\]\s*\[", inner) if p.strip())


# ---------------------------------------------------------------- remark vocabulary


def parse_ofac_date(text: str) -> str | None:
    """OFAC date of birth: "12 Jan 1960", "Jan 1960", "circa 1960", "1960 to 1962", "1979-1982"."""
    s = clean(text).removeprefix("circa ").strip()
    if m := re.fullmatch(r"(.+?)\s+to\s+(.+)|(\d{4})-(\d{4})", s):
        first, last = (m[1], m[2]) if m[1] else (m[3], m[4])
        a, b = parse_date(first), parse_date(last)
        return f"{a}/{b}" if a and b else a or b
    return parse_date(s)


# An identifier's label ends in (or contains) one of these; everything else is prose.
_ID_LABEL = re.compile(
    r"\b(?:No\.?|Number|ID|Identification|Passport|Code|IMO|MMSI|ISIN|BIK|License|Certificate|"
    r"Card|Cedula|Credencial|Cartilla|Document|Registry|Registration|Call Sign|"
    r"Digital Currency Address)\b"
    r"|#|VisaNumberID|D\.N\.I\.|R\.F\.C\.|\bRFC\b|C\.U\.R\.P\.|C\.U\.I\.|I\.F\.E\.|\bRTN\b|\bRSIN\b"
    r"|\bSSN\b|\bFEIN\b|\bNIT\b|\bRUC\b|\bRIF\b|Tarjeta Profesional"
)
_NOT_ID_LABEL = re.compile(
    r"Date|Nationality|Executive Order|Phone|Telephone|Fax|Model|Year|Tonnage|arrested"
)
# Values of these need not contain a digit (web sites, e-mail, BIC codes).
_TEXT_ID_LABELS = ("Website", "Email Address", "Email", "SWIFT/BIC", "ISIN", "BIK (RU)")
_TEXT_ID_PREFIXES = tuple(k + " " for k in _TEXT_ID_LABELS)
_VALUE_PARTS = re.compile(
    r"(?P<value>.+?)(?:\s+\((?P<country>[^()]+)\))?"
    r"(?P<note>\s+(?:issued|expires|Issue Date|Expire Date)\b.*)?"
)
_FIRST_NUMBER = re.compile(r"(?:^|\s)\S*\d")
# "Passport RL 1794375", "Registration Number HRB 14604": the letters belong to the number.
_LABEL_WITH_PREFIX = re.compile(
    r"(?P<kind>.*?(?:No\.?|Number|ID|#|Passport))\s+(?P<prefix>IMO|[A-Z][A-Z.]{0,4})"
)


def is_identifier_label(label: str) -> bool:
    """Is an OFAC id/feature label an identifier (a number someone can quote), not prose?"""
    label = label.strip()
    if label.endswith((":", "-")) or _NOT_ID_LABEL.search(label):
        return False
    return label.startswith(_TEXT_ID_LABELS) or bool(_ID_LABEL.search(label))


def make_identifier(kind: str, value: str, country: str = "", note: str = "") -> Identifier:
    """Identifier with OFAC's IMO spellings ("Vessel Registration Identification IMO 1234567",
    idNumber "IMO 1234567") folded to kind "IMO", so vessels compare across the OFAC formats."""
    kind, value = clean(kind), clean(value)
    kind = "Call Sign" if kind == "Vessel Call Sign" else kind
    if m := re.fullmatch(r"IMO\s*(\d{7})", value):
        kind, value = "IMO", m[1]
    elif kind.endswith("IMO") and value.isdigit():
        kind = "IMO"
    return Identifier(kind=kind, value=value, country=clean(country), note=clean(note))


def parse_identifier(item: str) -> Identifier | None:
    """One remark item such as "Passport A123 (Iran) issued 2010", or None when it is prose."""
    if ":" in item:
        return None
    label = None
    if item.startswith(_TEXT_ID_PREFIXES):
        label = next(k for k in _TEXT_ID_LABELS if item.startswith(k + " "))
    else:
        # The label is everything before the first word that contains a digit.
        number = _FIRST_NUMBER.search(item)
        label = item[: number.start()].strip() if number else ""
    if not label or not is_identifier_label(label):
        return None
    rest = item[len(label) :].strip()
    if m := _LABEL_WITH_PREFIX.fullmatch(label):
        label, rest = m["kind"], f"{m['prefix']} {rest}"
    parts = _VALUE_PARTS.fullmatch(rest)
    if parts is None:
        return None
    return make_identifier(label, parts["value"], parts["country"] or "", parts["note"] or "")


@dataclass(slots=True)
class RemarkFacts:
    """What the structured part of an OFAC remarks text says about the entry."""

    aliases: list[Alias] = field(default_factory=list)
    dates_of_birth: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)


_ALIAS_ITEM = re.compile(r"([afn])\.k\.a\.\s+'(.*)'")
_COUNTRY_ITEM = re.compile(r"(?:nationality|citizen|Nationality of Registration)\s+(.+)")


def parse_remarks(text: str) -> RemarkFacts:
    """Split "DOB 1960; alt. DOB 1962; a.k.a. 'X'; Passport 1 (Iran)." into facts."""
    facts = RemarkFacts()
    for raw in text.strip().removesuffix(".").split("; "):
        item = raw.strip().removeprefix("alt. ").strip()
        if m := _ALIAS_ITEM.fullmatch(item):
            # A name cut by the remarks limit has no closing quote and is skipped here.
            if name := clean(m[2]):
                facts.aliases.append(Alias(name, AliasQuality.WEAK, f"{m[1]}ka"))
        elif item.startswith("DOB "):
            if dob := parse_ofac_date(item[4:]):
                facts.dates_of_birth.append(dob)
        elif m := _COUNTRY_ITEM.match(item):
            facts.countries.append(clean(m[1]))
        elif ident := parse_identifier(item):
            facts.identifiers.append(ident)
    return facts


def unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


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
    )


SPEC = ImporterSpec(
    key="ofac-legacy-csv",
    description="OFAC legacy CSV (sdn.csv / cons_prim.csv with add, alt and comments files)",
    sniff=_sniff,
    parse=_parse,
    companion_of=_companion_of,
)
