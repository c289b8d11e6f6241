"""Raw rows to `OrderLine`s for one header and mapping, with the problems of each cell."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping, Sequence

from screener.core.invisible import strip_invisible
from screener.core.orders.mapping import ROLES, column_letter, key
from screener.core.orders.model import (
    MAX_CELL_CHARS,
    NOT_COUNTRY,
    NOT_ECCN,
    NOT_HS,
    CellProblem,
    ColumnMapping,
    OrderLine,
    Party,
)
from screener.core.orders.placeholders import is_placeholder
from screener.core.rules.countries import CountryReference, load_country_reference
from screener.core.rules.eccn import EccnProblem, parse_eccn
from screener.core.rules.hs import HsProblem, parse_hs

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


# Placeholders ("N/A", "-") are read as empty in party and country fields only: a code
# column saying "tbd" is an unreadable code, named as such.
_PLACEHOLDER_FIELDS = ("destination", "transit", *ROLES)
_PLACEHOLDER_SUFFIXES = ("_country", "_address", "_city", "_identifier")
_CODE_FIELDS = {"hs_code": "an HS code", "eccn": "an export list number", "quantity": "a quantity"}


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
        self,
        number: int,
        values: list[str],
        issues: Mapping[int, str] | None,
        cut: bool,
        *,
        dated: Collection[int] | None = None,
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
        for field in _CODE_FIELDS if dated else ():
            if get.get(field) and self.columns[field] in (dated or ()):
                # Excel turns some codes typed into a cell into dates ("8471.30" in some
                # locales, "5-1"): the date is not the code, so none is read.
                why = f"is a date in Excel, not {_CODE_FIELDS[field]}: retype it as text"
                problems.append(CellProblem(number, self.labels.get(field, field), get[field], why))
                get[field] = ""
        for field, value in get.items():
            if value and not value.isascii():
                stripped = strip_invisible(value)
                if stripped.changed:  # screened without them; a name seeded so is a red flag
                    why = f"holds {stripped.describe()}, removed before screening"
                    problems.append(CellProblem(number, self.labels.get(field, field), "", why))
                    get[field] = stripped.text.strip()
        for field, value in get.items():
            if not (field in _PLACEHOLDER_FIELDS or field.endswith(_PLACEHOLDER_SUFFIXES)):
                continue
            country = field in ("destination", "transit") or field.endswith("_country")
            if value and is_placeholder(value, country=country):
                get[field] = ""  # "N/A", "-", "same as buyer": no party, no country
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
            identifier = get.get(f"{role}_identifier", "")
            parties.append(Party(role, name, own or destination, not own, address, identifier))
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
