"""Dual-use findings of a line: its ECCN (or EU control entry) against the route, Russia and
Belarus first, then the authorisation an export needs. Each finding is (code, text, source);
`verdict.py` applies the policy's severity.
"""

from __future__ import annotations

from collections.abc import Iterator

from screener.core.rules.eccn import SOURCE as ECCN_SOURCE
from screener.core.rules.eccn import Eccn, EccnProblem
from screener.core.rules.goods_findings import Found
from screener.core.rules.route import Role, Route

# EU: Art. 2 Reg. (EU) 833/2014 (Russia), Art. 1e Reg. (EC) 765/2006 (Belarus) prohibit all
# dual-use items; US: EAR 746.8(a)(1) requires a licence for every CCL item (policy of denial).
_DUAL_USE_RU_BY = "Reg. (EU) 833/2014 Art. 2; Reg. (EC) 765/2006 Art. 1e; EAR 746.8"
_AUTHORISATION = "Reg. (EU) 2021/821 Art. 3"
# Union General Export Authorisation EU001 (Annex II, section A of Reg. (EU) 2021/821).
_EU001 = ["AU", "CA", "CH", "IS", "JP", "LI", "NO", "NZ", "GB", "US"]


def dual_use_findings(parsed: Eccn | EccnProblem | None, route: Route) -> Iterator[Found]:
    if parsed is None or (isinstance(parsed, Eccn) and parsed.regime == "ear99"):
        return
    if isinstance(parsed, EccnProblem):
        yield ("eccn_invalid", f"ECCN {parsed.raw!r}: {parsed.reason}", ECCN_SOURCE)
        return
    item = f"ECCN {parsed.described}"
    for place in route.places:
        if place.region is None and place.country.russia_belarus:
            where = f"{place.role} {place.country.label}"
            if parsed.regime == "us_only":
                text = f"{item}: a US licence is required for every CCL item to {where}"
                yield ("ccl_russia_belarus", text, "EAR 746.8")
            else:
                if place.role is Role.TRANSIT:
                    text = f"{item} must not transit Russia or Belarus ({where})"
                elif place.role in (Role.DESTINATION, Role.END_USER):
                    text = f"{item} must not be sold, supplied or exported to Russia or Belarus"
                    text += f" ({where})"
                else:
                    text = f"{item} must not be sold to a person in Russia or Belarus ({where})"
                yield ("dual_use_russia_belarus", text, _DUAL_USE_RU_BY)
    destination = next((p for p in route.places if p.role is Role.DESTINATION), None)
    if destination is None or destination.country.russia_belarus or parsed.regime == "us_only":
        return
    c = destination.country
    where = f"destination {c.label}"
    if c.eu_member:
        text = f"{item}: {where} is in the EU; transfers within the EU need no authorisation"
        yield ("dual_use_eu", text, f"{_AUTHORISATION}; {ECCN_SOURCE}")
        return
    general = (
        "; Union general export authorisation EU001 may cover it (check the item is not"
        " excluded and you are registered)"
        if c.iso2 in _EU001
        else ""
    )
    text = f"{item}: export to {where} needs an authorisation{general}"
    yield ("dual_use_export", text, f"{_AUTHORISATION}; {ECCN_SOURCE}")
