"""Columns to fields: find the header row, map headers by synonyms, remember a user's choice.

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

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from screener.core.countries import CountryReference, load_country_reference
from screener.core.eccn import EccnProblem, parse_eccn
from screener.core.errors import ScreenerError
from screener.core.hs import HsProblem, parse_hs
from screener.core.orders.model import (
    MAX_CELL_CHARS,
    NOT_COUNTRY,
    NOT_ECCN,
    NOT_HS,
    CellProblem,
    ColumnMapping,
    ColumnMatch,
    OrderLine,
    Party,
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
# How each role's columns are named, as the base of "<base> country", "<base> city" ...
_ROLE_BASES: dict[str, tuple[str, ...]] = {
    "buyer": (
        "buyer", "customer", "sold to", "sold to party", "sold to customer", "client",
        "bill to", "bill to party", "purchaser", "importer", "account", "kunde", "kunden",
        "auftraggeber", "kaufer", "besteller", "acheteur", "cliente",
    ),
    "consignee": (
        "consignee", "receiver", "recipient", "empfanger", "warenempfanger", "destinataire",
        "destinatario",
    ),
    "ship_to": (
        "ship to", "ship to party", "ship to customer", "shipto", "deliver to", "delivery to",
        "delivery", "lieferanschrift", "lieferempfanger", "livraison",
    ),
    "end_user": (
        "end user", "enduser", "end customer", "final user", "ultimate consignee",
        "ultimate end user", "endverwender", "endkunde", "endnutzer", "utilisateur final",
        "usuario final",
    ),
    "intermediate": (
        "intermediate consignee", "intermediate", "intermediary", "forwarder",
        "freight forwarder", "spediteur", "zwischenempfanger", "transit consignee",
    ),
    "notify": ("notify party", "notify"),
}  # fmt: skip
_COUNTRY_WORDS = ("country", "ctry", "cty", "country code", "country iso", "land", "nation")
_ADDRESS_WORDS = ("address", "street", "adresse", "anschrift", "strasse", "addr")
_CITY_WORDS = ("city", "town", "ort", "stadt", "ville", "ciudad")

_FIELDS: dict[str, tuple[str, ...]] = {
    "order_no": (
        "order no", "order number", "order", "order id", "document number", "order ref",
        "sales order", "sales order no", "sales document", "so number", "so no", "so", "po number",
        "customer po", "purchase order", "document no", "auftrag", "auftragsnummer",
        "auftrags nr", "auftrag nr", "kundenauftrag", "verkaufsbeleg", "beleg", "bestellnummer",
        "n commande", "commande", "pedido", "ordine", "~reference", "~document",
    ),
    "line_no": (
        "line", "line no", "line number", "line item", "order line", "item", "item no", "pos",
        "position", "pos nr", "posnr", "position nr", "positionsnummer", "ligne", "posizione",
    ),
    "order_date": (
        "order date", "date", "document date", "created on", "auftragsdatum", "datum",
        "belegdatum", "fecha", "date commande", "~ship date", "~delivery date",
    ),
    "destination": (
        "destination", "destination country", "country of destination", "dest country",
        "dest ctry", "final destination", "country of final destination", "bestimmungsland",
        "zielland", "empfangsland", "lieferland", "pays de destination", "pais destino",
        "~country",
    ),
    "description": (
        "description", "material description", "goods description", "item description",
        "product description", "product", "product name", "item name", "article",
        "article description", "description of goods", "warenbezeichnung", "bezeichnung",
        "materialkurztext", "kurztext", "artikelbezeichnung", "materialbezeichnung",
        "designation", "descripcion", "descrizione", "~text",
    ),
    "hs_code": (
        "hs code", "hs", "hscode", "hs no", "hs number", "hs tariff", "hs tariff code",
        "commodity code", "tariff code", "tariff number", "tariff no", "hts", "hts code",
        "hts number", "harmonized code", "harmonized tariff code", "harmonized system code",
        "harmonised code", "harmonized", "customs tariff", "customs tariff number",
        "customs code", "zolltarifnummer", "zolltarif", "zolltarif nr", "warennummer",
        "statistische warennummer", "stat warennummer", "tarifnummer", "cn code", "cn", "kn",
        "taric", "taric code", "intrastat code", "code sh", "nc", "codigo arancelario",
        "~commodity",
    ),
    "eccn": (
        "eccn", "export classification", "export control classification number",
        "export control number", "export control class", "ausfuhrlistennummer", "ausfuhrliste",
        "al nr", "dual use code", "eu dual use", "~dual use", "~al", "~classification", "~ccl",
    ),
    "quantity": (
        "quantity", "qty", "order quantity", "ordered qty", "qty ordered", "quantity ordered",
        "menge", "auftragsmenge", "anzahl", "quantite", "cantidad", "quantita", "~pcs",
        "~units",
    ),
    "value": (
        "value", "net value", "line value", "total value", "amount", "net amount",
        "line amount", "extended price", "nettowert", "wert", "betrag", "gesamtwert",
        "positionswert", "montant", "valor", "valore", "~total", "~unit price", "~price",
        "~net price", "~unit value", "~preis", "~einzelpreis", "~nettopreis",
    ),
    "currency": (
        "currency", "curr", "cur", "ccy", "currency code", "wahrung", "wahrungsschlussel",
        "devise", "moneda", "valuta", "waers",
    ),
    "transit": (
        "transit", "transit countries", "transit country", "routing", "route", "via",
        "routing transit", "transit routing", "transit via", "route via", "transit route",
        "routing countries", "transshipment", "transhipment", "port of transshipment",
        "transitland", "transitlander", "durchfuhr",
    ),
    "incoterm": (
        "incoterm", "incoterms", "delivery terms", "terms of delivery", "lieferbedingung",
        "lieferbedingungen", "inco",
    ),
}  # fmt: skip

_GENERIC = {"country": _COUNTRY_WORDS, "address": _ADDRESS_WORDS, "city": _CITY_WORDS}
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
FIELDS = tuple(FIELD_LABELS)


class MappingProfileError(ScreenerError):
    """A saved mapping profile that cannot be used: the message names the profile file."""


def key(text: str) -> str:
    """A header compared loosely: accents folded, case and punctuation dropped."""
    text = text.replace("#", " no ").replace("&", " and ").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _synonyms() -> dict[str, dict[str, float]]:
    """field -> {normalised synonym: confidence of an exact match}."""
    table: dict[str, dict[str, float]] = {}
    for name, words in _FIELDS.items():
        table[name] = {key(w.lstrip("~")): 0.85 if w.startswith("~") else 1.0 for w in words}
    for role, bases in _ROLE_BASES.items():
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


# normalised synonym -> [(field, confidence of an exact match)]
_BY_SYNONYM: dict[str, list[tuple[str, float]]] = {}
for _field, _syns in SYNONYMS.items():
    for _syn, _weight in _syns.items():
        _BY_SYNONYM.setdefault(_syn, []).append((_field, _weight))
_SYNONYM_LIST = list(_BY_SYNONYM)


@dataclass(frozen=True, slots=True)
class _Candidate:
    score: float
    specificity: int  # longer synonyms win ties: "ship to country" over "country"
    field: str
    column: int
    reason: str


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
        yield from found(header_key, 1.0, "is a synonym of")
    core = " ".join(t for t in tokens if t not in _FILLER)
    if core and core != header_key and core in _BY_SYNONYM:
        yield from found(core, 0.95, "is a synonym (with filler words) of")
    # any run of words inside the header: "Customer Legal Name" holds "customer"
    for start in range(len(tokens)):
        for stop in range(start + 1, min(len(tokens), start + 6) + 1):
            part = " ".join(tokens[start:stop])
            if part != header_key and part != core and len(part) > 3 and part in _BY_SYNONYM:
                yield from found(part, 0.8, f"contains {part!r}, a synonym of")
    if 6 <= len(header_key) <= 60:
        for syn, _score, _i in process.extract(
            header_key, _SYNONYM_LIST, scorer=fuzz.ratio, score_cutoff=88, limit=3
        ):
            if syn != header_key and len(syn) >= 6:
                yield from found(syn, 0.6, f"looks like {syn!r}, a synonym of")


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
    kind = next((k for k, words in _GENERIC.items() if keys[column] in words), None)
    if kind is None:
        return
    for left in range(column - 1, max(column - 4, -1), -1):
        role = next((r for r in ROLES if keys[left] in SYNONYMS[r]), None)
        if role is not None:
            reason = f"{headers[column]!r} follows {headers[left]!r}"
            yield _Candidate(0.9, 50, f"{role}_{kind}", column, reason)
            return
        if any(keys[left] in words for words in _GENERIC.values()):
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


def header_score(mapping: ColumnMapping) -> float:
    """How much a row looks like the header: 0 unless it maps a party or destination and more."""
    fields = {m.field for m in mapping.matches}
    if len(fields) < 2 or not fields & {*ROLES, "destination", "hs_code"}:
        return 0.0
    return sum(m.confidence for m in mapping.matches)


def find_header(rows: Sequence[Sequence[str]]) -> tuple[int, ColumnMapping] | None:
    """(index into `rows`, mapping) of the row that looks most like a header, if any."""
    best: tuple[float, int, ColumnMapping] | None = None
    for index, values in enumerate(rows[:HEADER_SCAN_ROWS]):
        if sum(1 for v in values if v.strip()) < 2:
            continue
        mapping = detect_mapping(unique_headers(values))
        score = header_score(mapping)
        if score and (best is None or score > best[0]):
            best = (score, index, mapping)
    return None if best is None else (best[1], best[2])


# ---------------------------------------------------------------- profiles


def header_signature(headers: Iterable[str]) -> str:
    """Same ERP layout, same signature: case, spacing and blank trailing columns ignored."""
    keys = [key(h) for h in headers]
    while keys and not keys[-1]:
        keys.pop()
    return hashlib.sha256("\x1f".join(keys).encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class MappingProfile:
    """A user-confirmed mapping for one ERP layout."""

    name: str
    signature: str
    columns: tuple[tuple[str, str], ...]  # (field, header)
    sheet: str = ""

    def as_dict(self) -> dict[str, str]:
        return dict(self.columns)

    def to_json(self) -> str:
        data = {
            "name": self.name,
            "signature": self.signature,
            "sheet": self.sheet,
            "columns": self.as_dict(),
        }
        return json.dumps(data, ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, text: str, *, source: str = "mapping profile") -> MappingProfile:
        """Also accepts a bare {field: header} object (the CLI's --mapping file)."""
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise MappingProfileError(f"{source}: not valid JSON ({exc})") from exc
        if not isinstance(data, dict):
            raise MappingProfileError(f"{source}: expected a JSON object")
        columns = data.get("columns", data if "signature" not in data else None)
        if not isinstance(columns, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in columns.items()
        ):
            raise MappingProfileError(f"{source}: 'columns' must map field names to headers")
        unknown = sorted(set(columns) - set(FIELD_LABELS))
        if unknown:
            raise MappingProfileError(f"{source}: unknown field(s) {', '.join(unknown)}")
        return cls(
            name=str(data.get("name", "")),
            signature=str(data.get("signature", "")),
            columns=tuple(columns.items()),
            sheet=str(data.get("sheet", "")),
        )

    def save(self, path: Path) -> None:
        tmp = path.with_suffix(".tmp")
        tmp.write_text(self.to_json(), encoding="utf-8")
        tmp.replace(path)  # a crash mid-write never leaves half a profile

    @classmethod
    def load(cls, path: Path) -> MappingProfile:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise MappingProfileError(f"{path}: cannot read the mapping profile ({exc})") from exc
        return cls.from_json(text, source=str(path))


def save_profile(folder: Path, profile: MappingProfile) -> Path:
    """Store `profile` in `folder` under its signature; replaces an older one."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{profile.signature}.json"
    profile.save(path)
    return path


def find_profile(folder: Path, signature: str) -> MappingProfile | None:
    """The saved profile for this header signature, if any."""
    path = folder / f"{signature}.json"
    return MappingProfile.load(path) if path.is_file() else None


# ---------------------------------------------------------------- lines

_TOTAL = re.compile(r"^(grand\s+)?(totals?|sum|summe|gesamt|gesamtsumme|totaal)\b", re.I)
# "AE; TR", "via Dubai, Istanbul", "DE -> TR -> KZ"; but "Korea, Republic of" stays whole.
_TRANSIT_SPLIT = re.compile(
    r"\s*(?:[;/|\n+]|->|→|>|,(?!\s*(?:republic|rep\b|the\b|islamic|democratic|people|state"
    r"|sar\b|plurinational|bolivarian|united republic|federated))|\bvia\b)\s*",
    re.I,
)


def split_transit(text: str) -> tuple[str, ...]:
    """The pieces of a routing cell, text kept as written."""
    return tuple(p for p in (s.strip(" .") for s in _TRANSIT_SPLIT.split(text)) if p)


class LineBuilder:
    """Turns raw rows into `OrderLine`s for one header and mapping."""

    def __init__(self, headers: Sequence[str], mapping: ColumnMapping) -> None:
        self.headers = tuple(headers)
        self.mapping = mapping
        self.columns = {m.field: m.column for m in mapping.matches}
        self.labels = {m.field: m.header for m in mapping.matches}
        self._header_keys = [key(h) for h in headers]
        self._countries: CountryReference | None = None
        self._verdicts: dict[tuple[str, str], str] = {}  # (field kind, value) -> problem or ""

    def is_repeated_header(self, values: Sequence[str]) -> bool:
        """Multi-page exports repeat the header; such a row is not an order line."""
        first = self.headers[0].casefold() if self.headers else ""
        if not values or " ".join(values[0].split()).casefold() != first:
            return False  # the cheap test first: this runs for every row
        keys = [key(v) for v in values]
        while keys and not keys[-1]:
            keys.pop()
        return len(keys) >= 2 and keys == self._header_keys[: len(keys)]

    def is_total(self, values: Sequence[str]) -> bool:
        """A footer: first filled cell says Total/Summe, and it names no party and no goods."""
        if any(self._get(values, f) for f in (*ROLES, "hs_code")):
            return False
        first = next((v.strip() for v in values if v.strip()), "")
        return bool(_TOTAL.match(first))

    def _get(self, values: Sequence[str], field: str) -> str:
        column = self.columns.get(field)
        if column is None or column >= len(values):
            return ""
        return values[column].strip()[:MAX_CELL_CHARS]

    def label(self, column: int) -> str:
        return (
            self.headers[column]
            if column < len(self.headers)
            else (f"column {column_letter(column)}")
        )

    def _unreadable_values(self, number: int, get: Mapping[str, str]) -> Iterator[CellProblem]:
        """HS codes and countries the policy cannot read, named by row and column."""
        for field, value in get.items():
            if not value:
                continue
            if field == "hs_code":
                why = self._check("hs", value)
            elif field == "eccn":
                why = self._check("eccn", value)
            elif field == "destination" or field.endswith("_country"):
                why = self._check("country", value)
            elif field == "transit":
                bad = [p for p in split_transit(value) if self._check("country", p)]
                shown = ", ".join(map(repr, bad))
                why = f"names {shown}, which {NOT_COUNTRY}: check by hand" if bad else ""
            else:
                continue
            if why:
                yield CellProblem(number, self.labels.get(field, field), value, why)

    def _check(self, kind: str, value: str) -> str:
        # Orders repeat the same few codes and countries: decide each value once per file.
        found = self._verdicts.get((kind, value))
        if found is None:
            if kind == "hs":
                parsed = parse_hs(value)
                found = ""
                if isinstance(parsed, HsProblem) and parsed.kind != "missing":
                    why = parsed.reason.removeprefix(f"HS {parsed.raw!r} ").removeprefix("is ")
                    found = f"{NOT_HS} ({why}): the goods cannot be checked against the CHPL"
            elif kind == "eccn":
                eccn = parse_eccn(value)
                found = f"{NOT_ECCN} ({eccn.reason})" if isinstance(eccn, EccnProblem) else ""
            else:
                if self._countries is None:
                    self._countries = load_country_reference()
                found = "" if self._countries.resolve(value) else f"{NOT_COUNTRY}: check it by hand"
            self._verdicts[(kind, value)] = found
        return found

    def build(
        self, number: int, values: list[str], issues: Mapping[int, str] | None, cut: bool
    ) -> OrderLine:
        problems: list[CellProblem] = []
        width = len(self.headers)
        if len(values) < width:
            values = values + [""] * (width - len(values))
        elif len(values) > width:  # a ragged row's empty tail is not a column
            while len(values) > width and not values[-1]:
                values = values[:-1]
            if len(values) > width:  # kept in the record; a shifted row maps wrong cells
                extra = len(values) - width
                why = (
                    f"is in a column without a header ({extra} cell{'s' if extra > 1 else ''}"
                    " past the last one): check the row is not shifted"
                )
                problems.append(CellProblem(number, self.label(width), values[width], why))
        if max(map(len, values), default=0) > MAX_CELL_CHARS:
            values = list(values)
            for column, value in enumerate(values):
                if len(value) > MAX_CELL_CHARS:
                    why = f"is {len(value):,} characters long; cut to Excel's {MAX_CELL_CHARS:,}"
                    problems.append(CellProblem(number, self.label(column), value, why))
                    values[column] = value[:MAX_CELL_CHARS]
        if len(values) == width:
            cells = tuple(zip(self.headers, values, strict=True))
        else:
            cells = tuple((self.label(c), v) for c, v in enumerate(values))
        for column, message in sorted((issues or {}).items()):
            shown = values[column] if column < len(values) else ""
            problems.append(CellProblem(number, self.label(column), shown, message))
        if cut:
            problems.append(
                CellProblem(number, "row", "", "is too long to read whole; the rest was cut")
            )
        get = {f: values[c].strip() for f, c in self.columns.items()}
        destination = get.get("destination", "")
        if not destination:
            # No destination column, or an empty cell: the goods go where the ship-to is.
            for role in ("ship_to", "consignee", "end_user", "buyer"):
                if get.get(f"{role}_country"):
                    destination = get[f"{role}_country"]
                    break
        parties = []
        for role in ROLES:
            name = get.get(role, "")
            if not name:
                continue
            own = get.get(f"{role}_country", "")
            address = ", ".join(
                a for a in (get.get(f"{role}_address", ""), get.get(f"{role}_city", "")) if a
            )
            parties.append(Party(role, name, own or destination, not own, address))
        if not parties:
            columns = [self.labels[r] for r in ROLES if r in self.labels]
            where = " / ".join(columns) if columns else "party"
            problems.append(CellProblem(number, where, "", "empty: the line names no party"))
        if not destination:
            where = self.labels.get("destination", "destination")
            problems.append(
                CellProblem(number, where, "", "empty: the line has no destination country")
            )
        problems.extend(self._unreadable_values(number, get))
        return OrderLine(
            row=number,
            cells=tuple(cells),
            order_no=get.get("order_no", ""),
            line_no=get.get("line_no", ""),
            parties=tuple(parties),
            description=get.get("description", ""),
            hs_code=get.get("hs_code", ""),
            eccn=get.get("eccn", ""),
            quantity=get.get("quantity", ""),
            value=get.get("value", ""),
            currency=get.get("currency", ""),
            destination=destination,
            transit=split_transit(get.get("transit", "")),
            problems=tuple(problems),
            order_date=get.get("order_date", ""),
            incoterm=get.get("incoterm", ""),
        )
