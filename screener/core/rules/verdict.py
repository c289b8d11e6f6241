"""The line verdict: party matches, goods and route facts -> findings -> block / review / clear.

Each rule is a small function that says what it found in words an officer can act on, and
cites its source in square brackets at the end. The policy, not the rule, decides how severe
each finding is; the verdict is the most severe finding ("info" never stops a line).

    verdict = assess_line(hs="8542.31", destination="IN", transit=["AE"], policy=load_policy())
    verdict.outcome   # "review"
    verdict.reasons   # ("HS 8542.31 is CHPL Tier 1 (...) [CHPL version of 2024-02-23]", ...)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from screener.core.rules.clause_goods import ClauseGoods, load_clause_goods
from screener.core.rules.countries import Country, CountryReference
from screener.core.rules.custom_goods import custom_goods_findings
from screener.core.rules.described import GoodsTerms, described_findings, load_goods_terms
from screener.core.rules.eccn import SOURCE as ECCN_SOURCE
from screener.core.rules.eccn import Eccn, EccnProblem, parse_eccn
from screener.core.rules.goods import GoodsReference, load_goods_reference
from screener.core.rules.goods_findings import (
    ChplNames,
    clause_goods_findings,
    goods_findings,
    goods_label,
)
from screener.core.rules.hs import HsCode, parse_hs
from screener.core.rules.policy import CUSTOM_PREFIX, Policy, Severity, is_custom_blocking
from screener.core.rules.route import Place, Role, Route, build_route

Outcome = Literal["block", "review", "clear"]
_RANK: dict[Severity, int] = {"block": 0, "review": 1, "info": 2}
ART_12G = "Reg. (EU) 833/2014 Art. 12g"
ART_8G = "Reg. (EC) 765/2006 Art. 8g"
CLAUSES = f"{ART_12G}; {ART_8G}"
CLAUSE = f"insert the 'no re-export to Russia' clause ({ART_12G}) and its Belarus twin ({ART_8G})"
_LIST_LABELS = {
    "ofac_sdn": "OFAC SDN List",
    "ofac_cons": "OFAC Consolidated (non-SDN) List",
    "us_csl": "US Consolidated Screening List",
    "us_bis_dpl": "BIS Denied Persons List",
    "uk_ofsi": "UK OFSI Consolidated List",
    "uk_fcdo": "UK Sanctions List (FCDO)",
    "un_sc": "UN Security Council Consolidated List",
    "eu_fsf": "EU Consolidated Financial Sanctions List",
}
_CSL_SUBLISTS = {
    "SDN": "SDN List",
    "EL": "Entity List",
    "DPL": "Denied Persons List",
    "UVL": "Unverified List",
    "MEU": "Military End-User List",
    "ISN": "Nonproliferation Sanctions",
    "DTC": "ITAR Debarred List",
    "SSI": "Sectoral Sanctions Identifications List",
    "FSE": "Foreign Sanctions Evaders List",
    "CMIC": "Chinese Military-Industrial Complex Companies List",
}


@dataclass(frozen=True, slots=True)
class PartyMatch:
    """One potential hit of one party on one list entry (filled by screening)."""

    role: str  # "buyer", "consignee", "end_user", "intermediate", ...
    party_name: str
    source: str  # list key: "ofac_sdn", "us_csl", "eu_fsf", "opensanctions_<dataset>", ...
    sub_source: str  # e.g. CSL "EL", "DPL", "SDN" ("" if none; ";"-joined if several)
    entry_id: str
    matched_name: str
    score: float  # 0..1
    programs: tuple[str, ...] = ()
    list_date: str = ""  # publication date of the list version matched ("" if unknown)
    list_title: str = ""  # the version's title: what a custom list is called


@dataclass(frozen=True, slots=True)
class Finding:
    code: str  # one of policy.FINDING_CODES
    severity: Severity
    reason: str  # plain language, ends with "[source]"
    source: str  # the list, regulation or alert the reason rests on


@dataclass(frozen=True, slots=True)
class Verdict:
    outcome: Outcome
    reasons: tuple[str, ...]  # most severe first
    findings: tuple[Finding, ...]
    policy_version: str


@dataclass(frozen=True, slots=True)
class _Raw:
    code: str
    text: str
    source: str
    severity: Severity | None = None  # set by the finding itself (custom goods list rows)


def assess_line(
    *,
    hs: str | int | float | None,
    description: str = "",
    eccn: str = "",
    destination: str | None,
    end_user_country: str | None = None,
    transit: Sequence[str] = (),
    party_countries: Sequence[str] = (),
    party_addresses: Sequence[str] = (),
    party_matches: Sequence[PartyMatch] = (),
    policy: Policy,
    alert_threshold: float = 0.0,
    reference: GoodsReference | None = None,
    countries: CountryReference | None = None,
    clause_goods: ClauseGoods | None = None,
    terms: GoodsTerms | None = None,
    related: Sequence[tuple[str, str, str]] = (),
) -> Verdict:
    """Verdict for one order line. `alert_threshold`: matches scoring below it are ignored
    (pass the matcher's DEFAULT_THRESHOLD). `related`: (code, text, source) findings on the
    line's parties as related parties of listed entries (screening/related.py)."""
    goods = reference or load_goods_reference()
    parsed = parse_hs(hs)
    chpl = goods.chpl_match(parsed) if isinstance(parsed, HsCode) else None
    clause = None
    if isinstance(parsed, HsCode) and chpl is None:
        clause = (clause_goods or load_clause_goods()).match(parsed)
    route = build_route(
        destination=destination,
        end_user_country=end_user_country,
        transit=transit,
        party_countries=party_countries,
        party_addresses=party_addresses,
        reference=countries,
    )
    raws = [
        *_party_findings(party_matches, policy, alert_threshold),
        *(_Raw(code, text, source) for code, text, source in related),
        *(_Raw(*f) for f in goods_findings(parsed, chpl, description, goods)),
        *(_Raw(*f) for f in clause_goods_findings(parsed, clause)),
        *(
            _Raw(*found)
            for found in described_findings(
                parsed, chpl is not None, description, terms or load_goods_terms(), ChplNames(goods)
            )
        ),
        *_dual_use_findings(parse_eccn(eccn), route),
        *(
            _Raw(*f)
            for f in custom_goods_findings(policy.custom_goods, parsed, parse_eccn(eccn), route)
        ),
        *_route_gaps(route, policy),
        *_route_findings(route, goods_label(chpl, clause, parsed), policy),
    ]
    findings = _apply(raws, policy)
    return _verdict(findings, policy)


def _apply(raws: Sequence[_Raw], policy: Policy) -> tuple[Finding, ...]:
    seen: set[tuple[str, str]] = set()
    findings = []
    for raw in raws:
        if (raw.code, raw.text) in seen:
            continue
        seen.add((raw.code, raw.text))
        reason = f"{raw.text} [{raw.source}]"
        severity = raw.severity or policy.severity(raw.code)
        findings.append(Finding(raw.code, severity, reason, raw.source))
    return tuple(sorted(findings, key=lambda f: _RANK[f.severity]))


def _verdict(findings: tuple[Finding, ...], policy: Policy) -> Verdict:
    severities = {f.severity for f in findings}
    outcome: Outcome = (
        "block" if "block" in severities else "review" if "review" in severities else "clear"
    )
    reasons = tuple(f.reason for f in findings)
    if not reasons:
        reasons = (f"no finding: no party match, goods and route raise nothing [{policy.label}]",)
    return Verdict(outcome, reasons, findings, policy.version)


# --- parties ---------------------------------------------------------------------------------


def list_label(source: str, sub_source: str = "") -> str:
    """'us_csl', 'EL' -> 'Entity List (US Consolidated Screening List)'."""
    if source == "us_csl" and sub_source:
        subs = [_CSL_SUBLISTS.get(s, s) for s in sub_source.split(";") if s]
        return f"{', '.join(subs)} (US Consolidated Screening List)"
    if source.startswith("opensanctions_"):
        return f"OpenSanctions {source.removeprefix('opensanctions_')}"
    return _LIST_LABELS.get(source, source)


def _party_findings(
    matches: Sequence[PartyMatch], policy: Policy, alert_threshold: float
) -> Iterator[_Raw]:
    for m in matches:
        if m.score < alert_threshold:
            continue
        label = list_label(m.source, m.sub_source)
        if m.source.startswith(CUSTOM_PREFIX):
            label = f"custom list '{m.list_title or m.source.removeprefix(CUSTOM_PREFIX)}'"
        source = f"{label}, version of {m.list_date}" if m.list_date else label
        programs = f"; programs {', '.join(m.programs)}" if m.programs else ""
        text = (
            f"{m.role} '{m.party_name}' may be '{m.matched_name}' on the {label}"
            f" (entry {m.entry_id}{programs}), score {m.score:.2f}"
        )
        blocking = policy.is_blocking(m.source, m.sub_source) or is_custom_blocking(
            m.source, m.sub_source
        )
        if blocking and m.score >= policy.near_exact_score:
            text += (
                f": at or near an exact match (>= {policy.near_exact_score:.2f}) on a blocking list"
            )
            yield _Raw("party_blocking_exact", text, source)
        else:
            yield _Raw("party_potential", f"{text}: confirm or clear the match", source)


# --- goods -----------------------------------------------------------------------------------


# EU: Art. 2 Reg. (EU) 833/2014 (Russia), Art. 1e Reg. (EC) 765/2006 (Belarus) prohibit all
# dual-use items; US: EAR 746.8(a)(1) requires a licence for every CCL item (policy of denial).
_DUAL_USE_RU_BY = "Reg. (EU) 833/2014 Art. 2; Reg. (EC) 765/2006 Art. 1e; EAR 746.8"
_AUTHORISATION = "Reg. (EU) 2021/821 Art. 3"
# Union General Export Authorisation EU001 (Annex II, section A of Reg. (EU) 2021/821).
_EU001 = ["AU", "CA", "CH", "IS", "JP", "LI", "NO", "NZ", "GB", "US"]


def _dual_use_findings(parsed: Eccn | EccnProblem | None, route: Route) -> Iterator[_Raw]:
    if parsed is None or (isinstance(parsed, Eccn) and parsed.regime == "ear99"):
        return
    if isinstance(parsed, EccnProblem):
        yield _Raw("eccn_invalid", f"ECCN {parsed.raw!r}: {parsed.reason}", ECCN_SOURCE)
        return
    item = f"ECCN {parsed.described}"
    for place in route.places:
        if place.region is None and place.country.russia_belarus:
            where = f"{place.role} {place.country.label}"
            if parsed.regime == "us_only":
                text = f"{item}: a US licence is required for every CCL item to {where}"
                yield _Raw("ccl_russia_belarus", text, "EAR 746.8")
            else:
                if place.role is Role.TRANSIT:
                    text = f"{item} must not transit Russia or Belarus ({where})"
                elif place.role in (Role.DESTINATION, Role.END_USER):
                    text = f"{item} must not be sold, supplied or exported to Russia or Belarus"
                    text += f" ({where})"
                else:
                    text = f"{item} must not be sold to a person in Russia or Belarus ({where})"
                yield _Raw("dual_use_russia_belarus", text, _DUAL_USE_RU_BY)
    destination = next((p for p in route.places if p.role is Role.DESTINATION), None)
    if destination is None or destination.country.russia_belarus or parsed.regime == "us_only":
        return
    c = destination.country
    where = f"destination {c.label}"
    if c.eu_member:
        text = f"{item}: {where} is in the EU; transfers within the EU need no authorisation"
        yield _Raw("dual_use_eu", text, f"{_AUTHORISATION}; {ECCN_SOURCE}")
        return
    general = (
        "; Union general export authorisation EU001 may cover it (check the item is not"
        " excluded and you are registered)"
        if c.iso2 in _EU001
        else ""
    )
    text = f"{item}: export to {where} needs an authorisation{general}"
    yield _Raw("dual_use_export", text, f"{_AUTHORISATION}; {ECCN_SOURCE}")


# --- route -----------------------------------------------------------------------------------


def _route_gaps(route: Route, policy: Policy) -> Iterator[_Raw]:
    if not route.has_destination:
        text = "no destination country on the line: the route cannot be checked"
        yield _Raw("destination_missing", text, policy.label)
    for gap in route.unresolved:
        text = f"{gap.role} '{gap.text}' is not a country Screener recognises: check it by hand"
        yield _Raw("country_unresolved", text, "ISO 3166-1; lists/country_names.csv")


def _legal(country: Country, *, drop: Sequence[str] = ()) -> str:
    skip = {"ISO 3166-1", "TEU Art. 52", "Reg. (EU) 833/2014 Annex VIII", *drop}
    return "; ".join(
        c for c in country.citation if c not in skip and c not in country.diversion_alerts
    )


def _route_findings(route: Route, goods: str, policy: Policy) -> Iterator[_Raw]:
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
                yield _Raw("embargo_transit", f"{text}: goods must not pass through it", _legal(c))
            elif covered:
                yield _Raw("embargo", f"{text}, which this policy applies", _legal(c))
            else:
                yield _Raw("embargo_other", f"{text}: check whether it binds you", _legal(c))
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
            yield _Raw("chpl_high_diversion" if direct else "chpl_via_high_diversion", text, source)
        if goods and place.role is Role.DESTINATION and not c.russia_belarus and not c.embargo:
            if c.annex_viii_partner:
                text = f"{goods}: {where} is a partner country; the Art. 12g clause is not required"
                yield _Raw("chpl_partner", text, "Reg. (EU) 833/2014 Annex VIII")
            elif c.eu_member:
                text = f"{goods}: {where} is in the EU; Art. 12g covers exports outside the EU"
                yield _Raw("chpl_eu", text, ART_12G)
            elif not c.diversion_alerts:
                text = f"{goods}: {where} is outside the EU and its partner countries; {CLAUSE}"
                yield _Raw("chpl_third_country", text, CLAUSES)


def _russia_belarus(place: Place, goods: str) -> _Raw:
    c = place.country
    where = f"{place.role} {c.label}"
    source = _legal(c)
    if not goods:
        text = f"{where}: Russia/Belarus sanctions restrict many goods; check the line against them"
        return _Raw("russia_belarus", text, source)
    if place.role in (Role.DESTINATION, Role.END_USER):
        text = f"{goods} must not be sold, supplied or exported to Russia or Belarus ({where})"
        return _Raw("chpl_russia_belarus", text, source)
    if place.role is Role.TRANSIT:
        text = f"{goods} must not transit Russia or Belarus ({where})"
        return _Raw("chpl_via_russia_belarus", text, source)
    text = f"{goods} must not be sold to a person in Russia or Belarus ({where})"
    return _Raw("chpl_party_russia_belarus", text, source)


def _region_finding(place: Place, policy: Policy) -> _Raw:
    region = place.region
    assert region is not None  # the caller checked
    source = "; ".join(region.citation)
    named = f"{place.role} '{place.text}' names {region.label}"
    if region.occupation == "partial":
        text = (
            f"{named}, partly occupied by Russia: check the address is not in the"
            " non-government-controlled area"
        )
        return _Raw("region_partial", text, source)
    covered = region.embargo & policy.jurisdictions
    sanctions = "/".join(sorted(region.embargo))
    if covered:
        text = f"{named}, an occupied region of Ukraine under {sanctions} sanctions"
        return _Raw("region", text, source)
    text = (
        f"{named}, an occupied region of Ukraine under {sanctions} sanctions: check they bind you"
    )
    return _Raw("region_other", text, source)
