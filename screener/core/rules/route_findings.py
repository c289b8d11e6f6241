"""Route findings of a line: every place it touches (destination, end user, transit, the
parties' countries and addresses) against embargoes, Russia and Belarus, occupied regions and
diversion risk, and the places it could not read. Each finding is (code, text, source);
`verdict.py` applies the policy's severity.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from screener.core.rules.countries import Country
from screener.core.rules.goods_findings import ART_12G, Found
from screener.core.rules.policy import Policy
from screener.core.rules.route import Place, Role, Route

ART_8G = "Reg. (EC) 765/2006 Art. 8g"
CLAUSES = f"{ART_12G}; {ART_8G}"
CLAUSE = f"insert the 'no re-export to Russia' clause ({ART_12G}) and its Belarus twin ({ART_8G})"


def route_gaps(route: Route, policy: Policy) -> Iterator[Found]:
    if not route.has_destination:
        text = "no destination country on the line: the route cannot be checked"
        yield ("destination_missing", text, policy.label)
    for gap in route.unresolved:
        text = f"{gap.role} '{gap.text}' is not a country Screener recognises: check it by hand"
        yield ("country_unresolved", text, "ISO 3166-1; lists/country_names.csv")


def _legal(country: Country, *, drop: Sequence[str] = ()) -> str:
    skip = {"ISO 3166-1", "TEU Art. 52", "Reg. (EU) 833/2014 Annex VIII", *drop}
    return "; ".join(
        c for c in country.citation if c not in skip and c not in country.diversion_alerts
    )


def route_findings(route: Route, goods: str, policy: Policy) -> Iterator[Found]:
    for place in route.places:
        if place.region is not None:
            yield _region_finding(place, policy)
            continue
        c = place.country
        where = f"{place.role} {c.label}"
        if c.russia_belarus:
            yield _russia_belarus(place, goods)
        if c.embargo:
            names = "/".join(sorted(c.embargo))
            covered = c.embargo & policy.jurisdictions
            text = f"{where} is under a comprehensive {names} embargo"
            if c.note:  # the state is not simply "embargoed" (Iran since 2025, Syria): say it
                text = f"{where} is under {names} sanctions treated as an embargo ({c.note})"
            if place.role is Role.TRANSIT:
                yield ("embargo_transit", f"{text}: goods must not pass through it", _legal(c))
            elif covered:
                yield ("embargo", f"{text}, which this policy applies", _legal(c))
            else:
                yield ("embargo_other", f"{text}: check whether it binds you", _legal(c))
        if goods and c.diversion_alerts:
            alerts = ", ".join(
                f"FinCEN/BIS {a}" if a.startswith("FIN") else a for a in c.diversion_alerts
            )
            source = "; ".join([*c.diversion_alerts, CLAUSES])
            text = (
                f"{goods}: {where} is a high diversion-risk country ({alerts});"
                f" apply enhanced due diligence and {CLAUSE}"
            )
            direct = place.role in (Role.DESTINATION, Role.END_USER)
            yield ("chpl_high_diversion" if direct else "chpl_via_high_diversion", text, source)
        if goods and place.role is Role.DESTINATION and not c.russia_belarus and not c.embargo:
            if c.annex_viii_partner:
                text = f"{goods}: {where} is a partner country; the Art. 12g clause is not required"
                yield ("chpl_partner", text, "Reg. (EU) 833/2014 Annex VIII")
            elif c.eu_member:
                text = f"{goods}: {where} is in the EU; Art. 12g covers exports outside the EU"
                yield ("chpl_eu", text, ART_12G)
            elif not c.diversion_alerts:
                text = f"{goods}: {where} is outside the EU and its partner countries; {CLAUSE}"
                yield ("chpl_third_country", text, CLAUSES)


def _russia_belarus(place: Place, goods: str) -> Found:
    c = place.country
    where = f"{place.role} {c.label}"
    source = _legal(c)
    if not goods:
        text = f"{where}: Russia/Belarus sanctions restrict many goods; check the line against them"
        return ("russia_belarus", text, source)
    if place.role in (Role.DESTINATION, Role.END_USER):
        text = f"{goods} must not be sold, supplied or exported to Russia or Belarus ({where})"
        return ("chpl_russia_belarus", text, source)
    if place.role is Role.TRANSIT:
        text = f"{goods} must not transit Russia or Belarus ({where})"
        return ("chpl_via_russia_belarus", text, source)
    text = f"{goods} must not be sold to a person in Russia or Belarus ({where})"
    return ("chpl_party_russia_belarus", text, source)


def _region_finding(place: Place, policy: Policy) -> Found:
    region = place.region
    assert region is not None  # the caller checked
    source = "; ".join(region.citation)
    named = f"{place.role} '{place.text}' names {region.label}"
    if region.occupation == "partial":
        text = (
            f"{named}, partly occupied by Russia: check the address is not in the"
            " non-government-controlled area"
        )
        return ("region_partial", text, source)
    covered = region.embargo & policy.jurisdictions
    sanctions = "/".join(sorted(region.embargo))
    if covered:
        text = f"{named}, an occupied region of Ukraine under {sanctions} sanctions"
        return ("region", text, source)
    text = (
        f"{named}, an occupied region of Ukraine under {sanctions} sanctions: check they bind you"
    )
    return ("region_other", text, source)
