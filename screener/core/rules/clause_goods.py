"""Goods other than the CHPL that the 'no re-export to Russia / Belarus' clauses cover.

Art. 12g of Reg. (EU) 833/2014 (and its Belarus twin, Art. 8g of Reg. (EC) 765/2006) covers the
goods of Annexes XI (aviation and space) and XX (jet fuel and additives), Annex XXXV, the CHPL
(Annex XL) and the firearms and ammunition of Annex I to Reg. (EU) 258/2012. The CHPL is in
`chpl.csv`; the rest, as HS/CN prefixes, in `lists/art12g_goods.csv`.

A prefix matches a code that begins with it; a code shorter than the prefix ("8411" against
"841111") cannot be decided and does not match: the CHPL heading rule already asks for six digits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from screener.core.resources import ReferenceDataError, lists_dir, read_table
from screener.core.rules.hs import HsCode

CLAUSE_FILE = "art12g_goods.csv"


@dataclass(frozen=True, slots=True)
class ClauseItem:
    hs_prefix: str
    annex: str  # "Annex XI", "Annex XX", "firearms"
    description: str
    citation: tuple[str, ...]
    version_date: str

    @property
    def dotted(self) -> str:
        p = self.hs_prefix
        if len(p) <= 4:
            return p
        rest = p[4:]
        return ".".join([p[:4], *(rest[i : i + 2] for i in range(0, len(rest), 2))])


@dataclass(frozen=True, slots=True)
class ClauseGoods:
    items: tuple[ClauseItem, ...]
    # the first row of each prefix: every line of a run looks its code up
    _by_prefix: dict[str, ClauseItem] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_prefix: dict[str, ClauseItem] = {}
        for item in self.items:
            by_prefix.setdefault(item.hs_prefix, item)
        object.__setattr__(self, "_by_prefix", by_prefix)

    def match(self, code: HsCode) -> ClauseItem | None:
        """The most specific row whose prefix begins the code."""
        digits = code.digits
        for end in range(len(digits), 0, -1):
            found = self._by_prefix.get(digits[:end])
            if found is not None:
                return found
        return None


def load_clause_goods(folder: Path | None = None) -> ClauseGoods:
    return _default() if folder is None else _load(folder)


@cache
def _default() -> ClauseGoods:
    return _load(lists_dir())


def _load(folder: Path) -> ClauseGoods:
    path = folder / CLAUSE_FILE
    items = []
    for n, row in read_table(
        path, ("hs_prefix", "annex", "description", "citation", "version_date")
    ):
        prefix = row["hs_prefix"]
        if not prefix.isdigit() or len(prefix) % 2 or not 2 <= len(prefix) <= 10:
            raise ReferenceDataError(path, f"hs_prefix {prefix!r}: give 2-10 digits", row=n)
        citation = tuple(c.strip() for c in row["citation"].split(";") if c.strip())
        if not citation or not row["version_date"]:
            raise ReferenceDataError(path, "citation and version_date are required", row=n)
        items.append(
            ClauseItem(prefix, row["annex"], row["description"], citation, row["version_date"])
        )
    return ClauseGoods(tuple(items))
