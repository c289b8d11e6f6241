"""The line verdict: party matches, goods and route facts -> findings -> block / review / clear.

Each rule is a small function that says what it found in words an officer can act on, and
cites its source in square brackets at the end. The policy, not the rule, decides how severe
each finding is; the verdict is the most severe finding ("info" never stops a line). The
parties' findings are here; the goods', dual-use and route findings are in goods_findings,
described, custom_goods, dual_use_findings and route_findings.

    verdict = assess_line(hs="8542.31", destination="IN", transit=["AE"], policy=load_policy())
    verdict.outcome   # "review"
    verdict.reasons   # ("HS 8542.31 is CHPL Tier 1 (...) [CHPL version of 2024-02-23]", ...)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from screener.core.rules.clause_goods import ClauseGoods, load_clause_goods
from screener.core.rules.countries import CountryReference
from screener.core.rules.custom_goods import custom_goods_findings
from screener.core.rules.described import GoodsTerms, described_findings, load_goods_terms
from screener.core.rules.dual_use_findings import dual_use_findings
from screener.core.rules.eccn import parse_eccn
from screener.core.rules.goods import GoodsReference, load_goods_reference
from screener.core.rules.goods_findings import (
    ChplNames,
    clause_goods_findings,
    goods_findings,
    goods_label,
)
from screener.core.rules.hs import HsCode, parse_hs
from screener.core.rules.policy import CUSTOM_PREFIX, Policy, Severity, is_custom_blocking
from screener.core.rules.route import build_route
from screener.core.rules.route_findings import route_findings, route_gaps

Outcome = Literal["block", "review", "clear"]
_RANK: dict[Severity, int] = {"block": 0, "review": 1, "info": 2}
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
        *(_Raw(*f) for f in dual_use_findings(parse_eccn(eccn), route)),
        *(
            _Raw(*f)
            for f in custom_goods_findings(policy.custom_goods, parsed, parse_eccn(eccn), route)
        ),
        *(_Raw(*f) for f in route_gaps(route, policy)),
        *(_Raw(*f) for f in route_findings(route, goods_label(chpl, clause, parsed), policy)),
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
