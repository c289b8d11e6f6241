"""Goods: is an HS code on the Common High Priority Items List (CHPL)?

The CHPL (BIS, EU, UK, Japan; Annex XL to Reg. (EU) 833/2014) lists HS-6 subheadings.
National codes (EU CN 8 digits, US HTS 10) begin with the HS-6, so a longer code matches by
prefix. A 4-digit heading cannot be decided: it matches every CHPL entry under it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from screener.core.resources import ReferenceDataError, lists_dir, read_table
from screener.core.rules.hs import HsCode

CHPL_FILE = "chpl.csv"
# What each tier holds, in words an officer recognises (tiers as on the BIS CHPL page).
TIER_TITLES = {
    "1": "integrated circuits",
    "2": "electronics for wireless communication, navigation and passive components",
    "3.A": "discrete electronic components, computers and telecom equipment",
    "3.B": "mechanical and optical components: bearings, aircraft/drone parts, optics",
    "4.A": "electronics manufacturing and test equipment",
    "4.B": "CNC machine tools and their parts",
}


@dataclass(frozen=True, slots=True)
class ChplItem:
    hs6: str
    tier: str
    description: str
    citation: str  # short source ids, resolved in lists/SOURCES.md
    version_date: str

    @property
    def dotted(self) -> str:
        return f"{self.hs6[:4]}.{self.hs6[4:]}"

    @property
    def tier_title(self) -> str:
        return TIER_TITLES.get(self.tier, "")


@dataclass(frozen=True, slots=True)
class ChplMatch:
    items: tuple[ChplItem, ...]  # one for a full code; all under the heading for 4 digits
    exact: bool  # False: only the heading was given, it *may* be a CHPL item

    @property
    def version_date(self) -> str:
        return self.items[0].version_date

    @property
    def source(self) -> str:
        return f"CHPL version of {self.version_date}"


@dataclass(frozen=True, slots=True)
class GoodsReference:
    chpl: tuple[ChplItem, ...]
    # CHPL items by subheading and heading: every line of a run looks its code up
    _by_hs6: dict[str, tuple[ChplItem, ...]] = field(init=False, repr=False, compare=False)
    _by_heading: dict[str, tuple[ChplItem, ...]] = field(init=False, repr=False, compare=False)
    chpl_version: str = field(init=False, compare=False)  # the newest item's version date

    def __post_init__(self) -> None:
        by_hs6: dict[str, list[ChplItem]] = {}
        by_heading: dict[str, list[ChplItem]] = {}
        for item in self.chpl:
            by_hs6.setdefault(item.hs6, []).append(item)
            by_heading.setdefault(item.hs6[:4], []).append(item)
        object.__setattr__(self, "_by_hs6", {k: tuple(v) for k, v in by_hs6.items()})
        object.__setattr__(self, "_by_heading", {k: tuple(v) for k, v in by_heading.items()})
        newest = max((i.version_date for i in self.chpl), default="")
        object.__setattr__(self, "chpl_version", newest)

    def describe_code(self, hs: str) -> str:
        """'CHPL Tier 1 HS 8542.39 (...)' for a subheading; the CHPL items of a heading."""
        if len(hs) in (4, 6):
            items = list((self._by_hs6 if len(hs) == 6 else self._by_heading).get(hs, ()))
        else:
            items = [i for i in self.chpl if i.hs6.startswith(hs)]
        if len(hs) == 6 and items:
            return f"CHPL Tier {items[0].tier} HS {items[0].dotted} ({items[0].description})"
        listed = ", ".join(f"{i.dotted} Tier {i.tier}" for i in items)
        return f"CHPL heading {hs} ({listed})" if items else f"HS {hs}"

    def chpl_match(self, code: HsCode) -> ChplMatch | None:
        hs6 = code.hs6
        if hs6 is not None:
            exact = self._by_hs6.get(hs6, ())
            return ChplMatch(exact, exact=True) if exact else None
        digits = code.digits
        if len(digits) == 4:
            under = self._by_heading.get(digits, ())
        else:
            under = tuple(i for i in self.chpl if i.hs6.startswith(digits))
        return ChplMatch(under, exact=False) if under else None


def load_goods_reference(folder: Path | None = None) -> GoodsReference:
    """The CHPL from `folder` (default: the bundled `lists/`, read once)."""
    if folder is None:
        return _default_reference()
    return _load(folder)


@cache
def _default_reference() -> GoodsReference:
    return _load(lists_dir())


def _load(folder: Path) -> GoodsReference:
    path = folder / CHPL_FILE
    items: list[ChplItem] = []
    columns = ("hs6", "tier", "description", "citation", "version_date")
    for number, row in read_table(path, columns):
        hs6, tier = row["hs6"], row["tier"]
        if len(hs6) != 6 or not hs6.isdigit():
            raise ReferenceDataError(path, f"column hs6: {hs6!r} is not 6 digits", row=number)
        if tier not in TIER_TITLES:
            raise ReferenceDataError(path, f"column tier: unknown tier {tier!r}", row=number)
        if not row["citation"] or not row["version_date"]:
            raise ReferenceDataError(path, "citation and version_date are required", row=number)
        items.append(ChplItem(hs6, tier, row["description"], row["citation"], row["version_date"]))
    return GoodsReference(tuple(items))
