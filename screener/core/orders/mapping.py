"""Columns to fields: map headers by synonyms, remember a user's choice (`header_rows`: the row).

Each mapping carries a confidence and a reason, so the GUI can ask the user when unsure:

    1.0   the header is a known synonym ("Ship-to Country", "Zolltarifnummer")
    0.95  a synonym plus filler words ("Sold-to Party Name", "HS Code (8-digit)")
    0.9   a bare "Country"/"City"/"Address" right after a party column belongs to that party
    0.8   the header contains a synonym ("Customer Legal Name")
    0.6   a near spelling ("Destiantion"), which the user should confirm

A mapping the user confirmed is saved as a `MappingProfile`, keyed by the header signature,
so the next export of the same ERP layout is read without asking.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from screener.core.orders.header_words import (
    ADDRESS_WORDS,
    CITY_WORDS,
    COUNTRY_WORDS,
    FIELD_WORDS,
    IDENTIFIER_WORDS,
    ROLE_BASES,
)
from screener.core.orders.model import (
    ColumnMapping,
    ColumnMatch,
)

HEADER_SCAN_ROWS = 30

ROLES = ("buyer", "consignee", "ship_to", "end_user", "intermediate", "notify")
ROLE_LABELS = {
    "buyer": "Buyer / sold-to",
    "consignee": "Consignee",
    "ship_to": "Ship-to",
    "end_user": "End user",
    "intermediate": "Intermediate consignee",
    "notify": "Notify party",
}
_GENERIC = {
    "country": COUNTRY_WORDS,
    "address": ADDRESS_WORDS,
    "city": CITY_WORDS,
    "identifier": IDENTIFIER_WORDS,
}
# Words in a header that make it an identifier, not a name ("Customer No." is not a customer).
_ID_WORDS = frozenset({"no", "nr", "number", "id", "code", "num", "nummer", "key", "ref"})
_FILLER = frozenset({"name", "names", "code", "iso", "iso2", "text", "1", "digit", "digits",
                     "6", "8", "10", "full", "legal", "of", "the"})  # fmt: skip

FIELD_LABELS: dict[str, str] = {
    "order_no": "Order number",
    "line_no": "Line number",
    "order_date": "Order date",
    "destination": "Destination country",
    "description": "Goods description",
    "hs_code": "HS / commodity code",
    "eccn": "ECCN / export list number",
    "quantity": "Quantity",
    "value": "Value",
    "currency": "Currency",
    "transit": "Transit / routing",
    "incoterm": "Incoterm",
}
for _role, _label in ROLE_LABELS.items():
    FIELD_LABELS[_role] = _label
    FIELD_LABELS[f"{_role}_country"] = f"{_label}: country"
    FIELD_LABELS[f"{_role}_address"] = f"{_label}: address"
    FIELD_LABELS[f"{_role}_city"] = f"{_label}: city"
    FIELD_LABELS[f"{_role}_identifier"] = f"{_label}: tax, registration, LEI or IMO number"
FIELDS = tuple(FIELD_LABELS)


def key(text: str) -> str:
    """A header compared loosely: accents folded, case and punctuation dropped; letters of
    every script kept ("Страна назначения", "仕向国")."""
    text = text.replace("#", " no ").replace("&", " and ").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def _synonyms() -> dict[str, dict[str, float]]:
    """field -> {normalised synonym: confidence of an exact match}."""
    table: dict[str, dict[str, float]] = {}
    for name, words in FIELD_WORDS.items():
        table[name] = {key(w.lstrip("~")): 0.85 if w.startswith("~") else 1.0 for w in words}
    for role, bases in ROLE_BASES.items():
        table[role] = {key(b): 1.0 for b in bases if b not in ("delivery", "account")}
        for suffix, words in _GENERIC.items():
            syn: dict[str, float] = {}
            for base in bases:
                for word in words:
                    syn[key(f"{base} {word}")] = 1.0
                    syn[key(f"{word} {base}")] = 1.0  # "Land Kunde", "Country of customer"
                    syn[key(f"{word} of {base}")] = 1.0
                syn[key(base + word)] = 1.0  # "Kundenland", "Empfangerland"
            table[f"{role}_{suffix}"] = syn
    return table


SYNONYMS = _synonyms()
# The generic words as headers are compared: "Ülke" and "Země" are keyed "ulke", "zeme".
_GENERIC_KEYS = {kind: frozenset(map(key, words)) for kind, words in _GENERIC.items()}


# normalised synonym -> [(field, confidence of an exact match)]
_BY_SYNONYM: dict[str, list[tuple[str, float]]] = {}
for _field, _syns in SYNONYMS.items():
    for _syn, _weight in _syns.items():
        _BY_SYNONYM.setdefault(_syn, []).append((_field, _weight))
# Near spellings are looked up among these only: identifier codes (INN, TIN, CR number) are
# too short and too alike for a near spelling to mean anything ("Customer No." is not "TIN").
_SYNONYM_LIST = [
    syn
    for syn, fields in _BY_SYNONYM.items()
    if not all(f.endswith("_identifier") for f, _ in fields)
]


@dataclass(frozen=True, slots=True)
class _Candidate:
    score: float
    specificity: int  # longer synonyms win ties: "ship to country" over "country"
    field: str
    column: int
    reason: str


# The most a header can score by how it matches a synonym: whole, without filler words, a
# generic word after a party column, a run of its words, spelt nearly alike.
_WHOLE, _CORE, _GENERIC_CAP, _PART, _FUZZY = 1.0, 0.95, 0.9, 0.8, 0.6


def _word_runs(tokens: Sequence[str]) -> Iterator[str]:
    """Runs of up to six neighbouring words: "Customer Legal Name" holds "customer"."""
    for start in range(len(tokens)):
        for stop in range(start + 1, min(len(tokens), start + 6) + 1):
            yield " ".join(tokens[start:stop])


def _header_candidates(header: str, header_key: str, column: int) -> Iterator[_Candidate]:
    """Every field this one header could be, with a score and the reason in words."""
    tokens = header_key.split()
    names_ok = not _ID_WORDS & set(tokens)  # "Customer No." is an identifier, not a name

    def found(syn: str, cap: float, why: str) -> Iterator[_Candidate]:
        for field, weight in _BY_SYNONYM[syn]:
            if field in ROLES and not names_ok and cap < 1.0:
                continue
            reason = f"{header!r} {why} {FIELD_LABELS[field].lower()}"
            yield _Candidate(min(weight, cap), len(syn), field, column, reason)

    if header_key in _BY_SYNONYM:
        yield from found(header_key, _WHOLE, "is a synonym of")
    core = " ".join(t for t in tokens if t not in _FILLER)
    if core and core != header_key and core in _BY_SYNONYM:
        yield from found(core, _CORE, "is a synonym (with filler words) of")
    for part in _word_runs(tokens):
        if part != header_key and part != core and len(part) > 3 and part in _BY_SYNONYM:
            yield from found(part, _PART, f"contains {part!r}, a synonym of")
    if 6 <= len(header_key) <= 60:
        for syn, _score, _i in process.extract(
            header_key, _SYNONYM_LIST, scorer=fuzz.ratio, score_cutoff=88, limit=3
        ):
            if syn != header_key and len(syn) >= 6:
                yield from found(syn, _FUZZY, f"looks like {syn!r}, a synonym of")


_REPEAT = re.compile(r" \(\d+\)$")


def unique_headers(values: Sequence[str]) -> tuple[str, ...]:
    """Column labels: the header text, "column F" when blank, "Country (2)" when repeated."""
    labels: list[str] = []
    seen: dict[str, int] = {}
    for index, value in enumerate(values):
        label = " ".join(value.split()) or f"column {column_letter(index)}"
        count = seen.get(label.lower(), 0) + 1
        seen[label.lower()] = count
        labels.append(label if count == 1 else f"{label} ({count})")
    return tuple(labels)


def column_letter(index: int) -> str:
    """0 -> "A", 27 -> "AB", as Excel names columns."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def detect_mapping(headers: Sequence[str]) -> ColumnMapping:
    """Map header labels to fields; each field and each column used at most once."""
    keys = [key(_REPEAT.sub("", h)) for h in headers]  # "Country (2)" is a "Country" too
    candidates: list[_Candidate] = []
    for column, header_key in enumerate(keys):
        if not header_key:
            continue
        candidates.extend(_header_candidates(headers[column], header_key, column))
        candidates.extend(_generic_by_position(headers, keys, column))
    candidates.sort(key=lambda c: (-c.score, -c.specificity, c.column))
    chosen: dict[str, _Candidate] = {}
    used: set[int] = set()
    for c in candidates:
        if c.field not in chosen and c.column not in used:
            chosen[c.field] = c
            used.add(c.column)
    matches = tuple(
        ColumnMatch(c.field, headers[c.column], c.column, c.score, c.reason)
        for c in sorted(chosen.values(), key=lambda c: c.column)
    )
    return ColumnMapping(matches, _missing(chosen.keys()))


def _generic_by_position(
    headers: Sequence[str], keys: Sequence[str], column: int
) -> Iterator[_Candidate]:
    """A bare "Country"/"City"/"Address" belongs to the party column just before it."""
    kind = next((k for k, words in _GENERIC_KEYS.items() if keys[column] in words), None)
    if kind is None:
        return
    for left in range(column - 1, max(column - 4, -1), -1):
        role = next((r for r in ROLES if keys[left] in SYNONYMS[r]), None)
        if role is not None:
            reason = f"{headers[column]!r} follows {headers[left]!r}"
            yield _Candidate(_GENERIC_CAP, 50, f"{role}_{kind}", column, reason)
            return
        if any(keys[left] in words for words in _GENERIC_KEYS.values()):
            continue  # "Customer, Street, City, Country": keep looking left
        return


def _missing(fields: Iterable[str]) -> tuple[str, ...]:
    have = set(fields)
    missing = []
    if not have & set(ROLES):
        missing.append("a party name column (customer, consignee, end user ...)")
    if "destination" not in have and not any(f.endswith("_country") for f in have):
        missing.append("a destination or country column")
    return tuple(missing)


def mapping_from_dict(headers: Sequence[str], columns: Mapping[str, str]) -> ColumnMapping:
    """A user's field -> header mapping against this file's header labels.

    Raises `KeyError` naming what does not fit; the caller words it for the file.
    """
    index = {h: i for i, h in enumerate(headers)}
    folded = {h.lower(): i for i, h in enumerate(headers)}
    matches = []
    for field, header in columns.items():
        if field not in FIELD_LABELS:
            raise KeyError(f"unknown field {field!r} (known: {', '.join(FIELDS)})")
        column = index.get(header, folded.get(str(header).lower()))
        if column is None:
            raise KeyError(f"no column {header!r} for {FIELD_LABELS[field].lower()}")
        matches.append(ColumnMatch(field, headers[column], column, 1.0, "chosen by the user"))
    matches.sort(key=lambda m: m.column)
    return ColumnMapping(tuple(matches), _missing(columns))


def score_bound(headers: Sequence[str]) -> float:
    """At least `header_rows.header_score(detect_mapping(headers))`: each column's best possible
    confidence, from `_header_candidates` and `_generic_by_position` without the fuzzy search."""
    total = 0.0
    for header in headers:
        header_key = key(_REPEAT.sub("", header))
        if not header_key:
            continue
        tokens = header_key.split()
        core = " ".join(t for t in tokens if t not in _FILLER)
        if header_key in _BY_SYNONYM:
            total += _WHOLE
        elif core in _BY_SYNONYM:
            total += _CORE
        elif any(header_key in words for words in _GENERIC_KEYS.values()):
            total += _GENERIC_CAP
        elif any(len(p) > 3 and p in _BY_SYNONYM for p in _word_runs(tokens)):
            total += _PART
        elif 6 <= len(header_key) <= 60:
            total += _FUZZY
    return total
