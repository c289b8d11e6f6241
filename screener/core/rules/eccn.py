"""Export control classification numbers (ECCNs) as order files hold them.

    parse_eccn("3A001.b.2")  -> Eccn(code="3A001", ..., regime="multilateral")
    parse_eccn("5A992.c")    -> Eccn(code="5A992", ..., regime="us_only")
    parse_eccn("EAR99")      -> Eccn(code="EAR99", ..., regime="ear99")
    parse_eccn("")           -> None  (no classification given)
    parse_eccn("3X001")      -> EccnProblem(...)

The US Commerce Control List and Annex I of the EU Dual-Use Regulation share the structure:
a category digit (0-9), a product group letter (A-E) and three digits whose first says which
regime the entry comes from. Entries 0-4 implement the multilateral regimes, so an EU Annex I
item carries the same code; x5xx and x6xx are the US "500/600 series" (military and space
items, on the EU Common Military List); x9xx are US-only controls, not EU dual-use items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Regime = Literal["multilateral", "military", "us_only", "ear99"]
SOURCE = "Reg. (EU) 2021/821 Annex I; EAR Part 774"

CATEGORIES = {
    "0": "nuclear materials, facilities and equipment",
    "1": "special materials and related equipment, chemicals, microorganisms and toxins",
    "2": "materials processing",
    "3": "electronics",
    "4": "computers",
    "5": "telecommunications and information security",
    "6": "sensors and lasers",
    "7": "navigation and avionics",
    "8": "marine",
    "9": "aerospace and propulsion",
}
GROUPS = {
    "A": "systems, equipment and components",
    "B": "test, inspection and production equipment",
    "C": "materials",
    "D": "software",
    "E": "technology",
}
REGIMES = {
    "0": "Wassenaar Arrangement (national security)",
    "1": "Missile Technology Control Regime",
    "2": "Nuclear Suppliers Group",
    "3": "Australia Group (chemical and biological)",
    "4": "Chemical Weapons Convention",
}
# "ECCN 3A001", "EU: 3A001", "AL-Nr. 2B001" (Ausfuhrliste), "Dual use: 5A002".
_PREFIX = re.compile(r"^\s*(?:eccn|ecl|export control (?:classification|class)(?: number| no\.?)?"
                     r"|eu|us|al(?:[- ]?nr\.?)?|ausfuhrliste(?:nnummer)?|dual[- ]use)"
                     r"\s*[:#]?\s*", re.IGNORECASE)  # fmt: skip
# The entry, then its sub-paragraphs with or without dots: "5A002.a.1", "5A002a1".
_CODE = re.compile(r"^([0-9])([A-E])([0-9]{3})((?:[.A-Z][.A-Z0-9]*)?)$")
_MILITARY_LIST = re.compile(r"^ML\d{1,2}(?:[.A-Z][.A-Z0-9]*)?$")  # EU Common Military List
_SEVERAL = re.compile(r"\s*[;,/|&+]\s*|\s+(?:and|und|et)\s+", re.IGNORECASE)
_PLACEHOLDERS = frozenset({"", "-", "--", "N/A", "NA", "N.A.", "NONE", "TBD", "?"})


@dataclass(frozen=True, slots=True)
class Eccn:
    code: str  # "3A001" (sub-paragraphs dropped: the rules apply to the entry)
    raw: str  # as the file held it
    regime: Regime

    @property
    def described(self) -> str:
        """'3A001 (electronics: systems, equipment and components; Wassenaar Arrangement)'."""
        if self.regime == "ear99":
            return "EAR99 (subject to the EAR, not on the Commerce Control List)"
        what = f"{CATEGORIES[self.code[0]]}: {GROUPS[self.code[1]]}"
        why = {
            "multilateral": REGIMES.get(self.code[2], ""),
            "military": "US 0x5xx/500/600 series: firearms, space or military item",
            "us_only": "US-only control, not an EU dual-use item",
        }[self.regime]
        return f"{self.code} ({what}; {why})"


@dataclass(frozen=True, slots=True)
class EccnProblem:
    raw: str
    reason: str  # plain language, names the value


def parse_eccn(raw: str | None) -> Eccn | EccnProblem | None:
    """The classification in an ECCN cell; None when the cell gives none."""
    text = (raw or "").strip()
    body = _PREFIX.sub("", text).upper().replace(" ", "")
    if body in _PLACEHOLDERS:
        return None
    if body in ("EAR99", "EAR-99"):
        return Eccn("EAR99", text, "ear99")
    if body == "NLR":
        return EccnProblem(text, "'NLR' is a licence determination, not a classification")
    match = _CODE.match(body)
    if match is None:
        return EccnProblem(text, _why_not(text))
    category, group, number, _rest = match.groups()
    code = f"{category}{group}{number}"
    regime: Regime
    if number == "090":  # 3A090, 4A090 ...: US advanced-computing controls (2022), not Annex I
        regime = "us_only"
    elif number[0] in "01234":
        regime = "multilateral"
    elif number[0] in "56":
        regime = "military"
    else:
        regime = "us_only"
    return Eccn(code, text, regime)


def _why_not(text: str) -> str:
    """What a cell that is not one ECCN holds instead, in words an officer can act on."""
    pieces = [p for p in _SEVERAL.split(_PREFIX.sub("", text)) if p.strip()]
    codes = [parse_eccn(p) for p in pieces] if len(pieces) > 1 else []
    if codes and all(isinstance(c, Eccn) for c in codes):
        listed = ", ".join(c.code for c in codes if isinstance(c, Eccn))
        return f"holds {len(codes)} classifications ({listed}): give one per line"
    if _MILITARY_LIST.match(text.upper().replace(" ", "")):
        return (
            f"{text!r} is an entry of the EU Common Military List, not a dual-use ECCN:"
            " military goods need a national export licence; check the line by hand"
        )
    return "an ECCN is a digit, a letter A-E and three digits, like 3A001 or 5A992.c"
