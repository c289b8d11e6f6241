"""OFAC's shared vocabulary: SDN vs consolidated, programs, and the remarks mini-language.

Used by all three OFAC importers (legacy CSV, `sdnList` XML, Enhanced XML): the remarks carry
a.k.a. names, dates of birth, nationalities and identifiers in one semicolon-separated string.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from screener.core.entries import Alias, AliasQuality, Identifier, Relation, RelationKind
from screener.core.lists.importers._common import clean, parse_date

SDN = "ofac_sdn"
CONS = "ofac_cons"
TITLES = {
    SDN: "OFAC Specially Designated Nationals (SDN) List",
    CONS: "OFAC Consolidated (non-SDN) List",
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
    relations: list[Relation] = field(default_factory=list)  # "Linked To: X"


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
        elif item.startswith("Linked To:"):
            if name := clean(item.removeprefix("Linked To:")).rstrip("."):
                facts.relations.append(Relation(RelationKind.LINKED, name))
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
