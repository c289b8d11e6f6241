"""Why a line got its verdict, in the words the officer reads first.

    why = explain(line, hits, policy=policy)
    why.party, why.role     # the party that decides the verdict (the end user, not the buyer)
    why.best_hit            # its best list hit: "ofac_sdn 100%"
    why.first_reason        # the most severe reason, once
    why.groups              # (("Parties", (...)), ("Goods", (...)), ("Route", (...)), ...)

The verdict engine states a country finding once per role in which the country appears
("destination TR …", "party country TR …", "transit country TR …"): here such repeats become
one reason that names the other roles. Pure functions over the stored line and its hits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from screener.core.record.runs import StoredHit, StoredLine
from screener.core.rules.countries import resolve_country
from screener.core.rules.policy import Policy

PARTIES, GOODS, ROUTE, OTHER = "Parties", "Goods", "Route", "Order file and lists"
_GROUP_ORDER = (PARTIES, GOODS, ROUTE, OTHER)
_SEVERITY_RANK = {"block": 0, "review": 1, "info": 2}
# "destination TR", "end-user country HK", "party country TR", "transit country TR"
_SUBJECT = re.compile(
    r"\b(destination|end-user country|party country|transit country) ([A-Z]{2})\b"
)
_SUBJECT_ROLE = {"end-user country": "end_user"}


@dataclass(frozen=True, slots=True)
class Why:
    party: str
    role: str
    best_hit: str  # "ofac_sdn 100%", "" without a hit
    first_reason: str
    groups: tuple[tuple[str, tuple[str, ...]], ...]
    best_score: float = 0.0

    def all_reasons(self) -> tuple[str, ...]:
        return tuple(r for _g, reasons in self.groups for r in reasons)


def group_of(code: str, reason: str = "") -> str:
    """Which part of the line a finding is about."""
    if code.startswith("party") or code.startswith("region") or code.startswith("chpl_party"):
        return PARTIES
    if code in ("chpl", "chpl_heading") or code.startswith(("hs_", "eccn")):
        return GOODS
    if code:
        return ROUTE
    return OTHER


def deduplicated(findings: Iterable[Mapping[str, Any]]) -> list[tuple[str, str, str]]:
    """(group, severity, reason), most severe first, with per-role repeats merged."""
    merged: dict[str, tuple[str, str, str, list[str]]] = {}
    for finding in findings:
        code, reason = str(finding.get("code", "")), str(finding.get("reason", ""))
        severity = str(finding.get("severity", "info"))
        match = _SUBJECT.search(reason)
        key = _SUBJECT.sub(lambda m: f"<{m.group(2)}>", reason) if match else reason
        if key in merged:
            group, sev, first, also = merged[key]
            if match and match.group(0) not in first and match.group(1) not in also:
                also.append(match.group(1))
            if _SEVERITY_RANK.get(severity, 3) < _SEVERITY_RANK.get(sev, 3):
                merged[key] = (group, severity, first, also)
            continue
        merged[key] = (group_of(code, reason), severity, reason, [])
    out = []
    for group, severity, reason, also in merged.values():
        if also:
            reason = f"{reason} (also as {', '.join(also)})"
        out.append((group, severity, reason))
    out.sort(key=lambda r: _SEVERITY_RANK.get(r[1], 3))  # stable: input order within a rank
    return out


def best_hit(hits: Sequence[StoredHit], policy: Policy | None = None) -> StoredHit | None:
    """The hit that weighs most: not accepted as a false positive, on a blocking list, highest."""
    live = [h for h in hits if h.suppressed_by is None]
    if not live:
        return None

    def weight(h: StoredHit) -> tuple[bool, float]:
        blocking = policy.is_blocking(h.source, h.sub_source) if policy is not None else False
        return blocking, h.score

    return max(live, key=weight)


def hit_label(hit: StoredHit) -> str:
    sub = f":{hit.sub_source}" if hit.sub_source and ";" not in hit.sub_source else ""
    return f"{hit.source}{sub} {hit.score:.0%}"


def explain(line: StoredLine, hits: Sequence[StoredHit], *, policy: Policy | None = None) -> Why:
    stated = set(line.reasons)  # screening leaves out findings an input problem already says
    ranked = deduplicated(f for f in line.findings if str(f.get("reason", "")) in stated)
    said = {r for _g, _s, r in ranked}
    # Reasons that are not findings: input problems, stale lists, "no finding".
    extra = [r for r in line.reasons if r not in said and not _is_finding(r, line.findings)]
    groups: dict[str, list[str]] = {g: [] for g in _GROUP_ORDER}
    for group, _sev, reason in ranked:
        groups[group].append(reason)
    groups[OTHER].extend(extra)
    hit = best_hit(hits, policy)
    role, party = _deciding_party(line, hit, ranked)
    first = ranked[0][2] if ranked else (extra[0] if extra else "")
    return Why(
        party=party,
        role=role,
        best_hit=hit_label(hit) if hit is not None else "",
        first_reason=first,
        groups=tuple((g, tuple(rs)) for g, rs in groups.items() if rs),
        best_score=hit.score if hit is not None else 0.0,
    )


def _is_finding(reason: str, findings: Sequence[Mapping[str, Any]]) -> bool:
    return any(str(f.get("reason", "")) == reason for f in findings)


def _deciding_party(
    line: StoredLine, hit: StoredHit | None, ranked: list[tuple[str, str, str]]
) -> tuple[str, str]:
    parties = [(str(p.get("role", "")), str(p.get("name", ""))) for p in line.parties]
    if hit is not None and (not ranked or ranked[0][0] == PARTIES or ranked[0][1] != "block"):
        return hit.role, hit.party_name
    if ranked:  # a country finding: the party it is about ("end-user country RU")
        match = _SUBJECT.search(ranked[0][2])
        role = _SUBJECT_ROLE.get(match.group(1), "") if match else ""
        named = next((p for p in parties if p[0] == role), None)
        if named is not None:
            return named
    if hit is not None:
        return hit.role, hit.party_name
    return parties[0] if parties else ("", "")


def route_text(destination: str, transit: Sequence[str]) -> str:
    """ "Türkiye via Georgia"; a transit country that is the destination itself is left out."""
    dest = _iso2(destination)
    via = []
    for t in transit:
        code = _iso2(t)
        if (code and code == dest) or t.casefold() == destination.casefold():
            continue
        if t not in via:
            via.append(t)
    return f"{destination} via {', '.join(via)}" if via else destination


def _iso2(text: str) -> str:
    if not text.strip():
        return ""
    try:
        match = resolve_country(text)
    except Exception:  # the reference data is the rules' business; no code, no merge
        return ""
    return match.country.iso2 if match is not None else ""
