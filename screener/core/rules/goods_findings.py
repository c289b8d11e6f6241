"""Goods findings of a line: its HS code against the CHPL and the other Art. 12g goods, and
what the route rules call the goods. Each finding is (code, text, source); `verdict.py` applies
the policy's severity.
"""

from __future__ import annotations

from collections.abc import Iterator

from screener.core.rules.clause_goods import ClauseItem
from screener.core.rules.goods import ChplMatch, GoodsReference
from screener.core.rules.hs import HsCode, HsProblem

ART_12G = "Reg. (EU) 833/2014 Art. 12g"
Found = tuple[str, str, str]


def goods_findings(
    parsed: HsCode | HsProblem, chpl: ChplMatch | None, description: str, goods: GoodsReference
) -> Iterator[Found]:
    source = f"CHPL version of {goods.chpl_version}"
    if isinstance(parsed, HsProblem):
        what = f" for '{description.strip()}'" if description.strip() else ""
        if parsed.kind == "missing":
            yield ("hs_missing", f"no HS code{what}: goods not checked against the CHPL", source)
        else:
            text = f"{parsed.reason}{what}: goods not checked against the CHPL"
            yield ("hs_invalid", text, source)
        return
    if parsed.restored:
        yield ("hs_restored", parsed.restored, "HS nomenclature (WCO): codes have 4-10 digits")
    if chpl is None:
        return
    if chpl.exact:
        item = chpl.items[0]
        shown = item.dotted if parsed.digits == item.hs6 else f"{parsed.dotted} ({item.dotted})"
        text = f"HS {shown} is CHPL Tier {item.tier} ({item.description})"
        yield ("chpl", text, chpl.source)
        return
    listed = ", ".join(f"{i.dotted} Tier {i.tier}" for i in chpl.items)
    text = (
        f"HS {parsed.dotted} is only a heading and includes CHPL items ({listed}):"
        " give the 6-digit code; treated as CHPL until then"
    )
    yield ("chpl_heading", text, chpl.source)


class ChplNames:
    """Names a code's CHPL items for the goods-by-description reasons (`described.ChplLookup`)."""

    def __init__(self, goods: GoodsReference) -> None:
        self.goods = goods
        self.source = f"CHPL version of {goods.chpl_version}"

    def __call__(self, hs: str) -> str:
        return self.goods.describe_code(hs)


def clause_goods_findings(parsed: HsCode | HsProblem, item: ClauseItem | None) -> Iterator[Found]:
    if item is None or not isinstance(parsed, HsCode):
        return
    text = f"HS {parsed.dotted} is {item.annex} goods under {ART_12G} ({item.description})"
    yield ("clause_goods", text, "; ".join(item.citation))


def goods_label(chpl: ChplMatch | None, clause: ClauseItem | None, parsed: object) -> str:
    """What the route rules call the goods: '' when neither CHPL nor other Art. 12g goods."""
    if chpl is not None:
        tiers = sorted({i.tier for i in chpl.items})
        codes = chpl.items[0].dotted if chpl.exact else f"heading {chpl.items[0].hs6[:4]}"
        return f"CHPL goods (HS {codes}, Tier {'/'.join(tiers)})"
    if clause is not None and isinstance(parsed, HsCode):
        return f"Art. 12g goods (HS {parsed.dotted}, {clause.annex})"
    return ""
