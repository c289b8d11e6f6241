"""One order line screened: each party against the lists (qualified by its country, accepted
false positives applied, identifiers compared), the goods and the route, into a verdict.

    screener = LineScreener(store, index, policy)
    record = screener.screen(line)      # a runs.LineRecord, ready to store

Party results are remembered per name and country, since orders repeat their customers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any, Protocol

from screener.core.names.identifiers import with_identifier_hits
from screener.core.names.matching import DEFAULT_THRESHOLD, apply_qualifiers
from screener.core.names.name_index import Candidate
from screener.core.names.party_names import with_part_hits
from screener.core.names.search import (
    ListIndex,
    SearchHit,
    hits_from_candidates,
    search_names,
)
from screener.core.orders.model import NOT_COUNTRY, NOT_ECCN, NOT_HS
from screener.core.record import runs
from screener.core.record.database.store import Store
from screener.core.record.review.decisions import AcceptedMatch, active_accepted_matches, party_key
from screener.core.rules.goods import load_goods_reference
from screener.core.rules.policy import Policy
from screener.core.rules.verdict import Finding, PartyMatch, assess_line
from screener.core.screening.related import related_index


class PartyLike(Protocol):
    @property
    def role(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def country(self) -> str: ...
    @property
    def address(self) -> str: ...


class LineLike(Protocol):
    """What screening needs of an order line (`screener.core.orders.OrderLine` provides it)."""

    @property
    def row(self) -> int: ...
    @property
    def cells(self) -> tuple[tuple[str, str], ...]: ...
    @property
    def order_no(self) -> str: ...
    @property
    def line_no(self) -> str: ...
    @property
    def parties(self) -> Sequence[Any]: ...
    @property
    def description(self) -> str: ...
    @property
    def hs_code(self) -> str: ...
    @property
    def destination(self) -> str: ...
    @property
    def transit(self) -> tuple[str, ...]: ...
    @property
    def problems(self) -> Sequence[Any]: ...


HITS_PER_PARTY = 10


def _for_country(hits: Sequence[SearchHit], country: str) -> list[SearchHit]:
    """Name hits qualified by the party's country, as `search_names(country=...)` would give
    them: without identifiers a country can only lower a score, so no hit is missed."""
    if not country:
        return list(hits)
    out = []
    for hit in hits:
        score, note = apply_qualifiers(
            hit.score, query_country=country, entry_countries=hit.countries
        )
        if score < DEFAULT_THRESHOLD:
            continue
        if note:
            hit = replace(hit, score=round(score, 4), explanation=f"{hit.explanation}; {note}")
        out.append(hit)
    return sorted(out, key=lambda h: (-h.score, h.source, h.entry_id))


def _without_repeats(findings: Sequence[Finding], problems: Sequence[str]) -> tuple[str, ...]:
    """The verdict's reasons, less those an input problem already gives with row and column."""
    said = {
        code
        for code, phrase in (
            ("hs_invalid", NOT_HS),
            ("country_unresolved", NOT_COUNTRY),
            ("eccn_invalid", NOT_ECCN),
        )
        if any(phrase in p for p in problems)
    }
    return tuple(f.reason for f in findings if f.code not in said)


class LineScreener:
    """Screens one line at a time; remembers party results, since orders repeat customers."""

    def __init__(self, store: Store, index: ListIndex, policy: Policy) -> None:
        self.store = store
        self.index = index
        self.policy = policy
        self.goods = load_goods_reference()
        self.accepted: dict[tuple[str, str, str], AcceptedMatch] = {
            (a.party_key, a.source, a.entry_id): a for a in active_accepted_matches(store)
        }
        self.by_name: dict[str, list[SearchHit]] = {}  # one search's hits
        self.by_party: dict[str, list[SearchHit]] = {}  # ... with the names a cell holds
        self.memo: dict[tuple[str, str], list[SearchHit]] = {}
        self.related = related_index(store, index.version_ids, policy)

    def hits(self, name: str, country: str) -> list[SearchHit]:
        named = self._party_hits(name)
        if not named:
            return []  # most parties: nothing to qualify, nothing to remember per country
        key = (name, country)
        if key not in self.memo:
            self.memo[key] = _for_country(named, country)[:HITS_PER_PARTY]
        return self.memo[key]

    def _party_hits(self, name: str) -> list[SearchHit]:
        """The cell's own hits, and those of the names it holds ("X c/o Y")."""
        if name not in self.by_party:
            found = with_part_hits(name, self._name_hits(name), self._name_hits)
            self.by_party[name] = found[: 2 * HITS_PER_PARTY]
        return self.by_party[name]

    def _name_hits(self, name: str) -> list[SearchHit]:
        # One search per distinct name: the same customer appears with several countries.
        if name not in self.by_name:
            self.by_name[name] = (
                search_names(self.store, name, index=self.index, limit=2 * HITS_PER_PARTY)
                if name.strip()
                else []
            )
        return self.by_name[name]

    def finish_hits(self, name: str, found: list[Candidate]) -> list[SearchHit]:
        """`_name_hits` for a name whose index search ran elsewhere (screening/parallel.py)."""
        return hits_from_candidates(self.store, self.index, found, limit=2 * HITS_PER_PARTY)

    def screen(self, line: LineLike) -> runs.LineRecord:
        hit_records: list[runs.HitRecord] = []
        matches: list[PartyMatch] = []
        parties = []
        for party in line.parties:
            parties.append(
                {
                    "role": party.role,
                    "name": party.name,
                    "country": party.country,
                    "address": getattr(party, "address", ""),
                    "country_from_destination": getattr(party, "country_from_destination", False),
                }
            )
            named = self.hits(party.name, party.country)
            for hit in with_identifier_hits(self.store, self.index, party, named):
                record, match = self._hit(party, hit)
                hit_records.append(record)
                if match is not None:
                    matches.append(match)
        listed = {m.party_name for m in matches if m.score >= self.policy.near_exact_score}
        end_user = next(
            (p.country for p in line.parties if p.role == "end_user" and p.country), None
        )
        verdict = assess_line(
            hs=line.hs_code or None,
            description=line.description,
            eccn=getattr(line, "eccn", ""),  # an optional column: not every layout has it
            destination=line.destination or None,
            end_user_country=end_user,
            transit=line.transit,
            party_countries=[p.country for p in line.parties if p.country],
            party_addresses=[a for p in line.parties if (a := getattr(p, "address", ""))],
            party_matches=matches,
            related=[
                f
                for p in line.parties
                for f in self.related.findings(p.role, p.name, condensed=p.name in listed)
            ],
            policy=self.policy,
            alert_threshold=DEFAULT_THRESHOLD,
            reference=self.goods,
        )
        problems = tuple(str(p) for p in line.problems)
        reasons = _without_repeats(verdict.findings, problems) or verdict.reasons
        outcome = verdict.outcome
        if problems:
            # A line with unreadable input is never cleared silently.
            reasons = (*reasons, *(f"input problem: {p}" for p in problems))
            outcome = "review" if outcome == "clear" else outcome
        return runs.LineRecord(
            row=line.row,
            cells=tuple(line.cells),
            order_no=line.order_no,
            line_no=line.line_no,
            parties=tuple(parties),
            description=line.description,
            hs_code=line.hs_code,
            destination=line.destination,
            transit=tuple(line.transit),
            problems=problems,
            verdict=outcome,
            reasons=tuple(reasons),
            findings=tuple(
                {"code": f.code, "severity": f.severity, "reason": f.reason, "source": f.source}
                for f in verdict.findings
            ),
            hits=tuple(hit_records),
        )

    def _hit(self, party: Any, hit: SearchHit) -> tuple[runs.HitRecord, PartyMatch | None]:
        accepted = self.accepted.get((party_key(party.name), hit.source, hit.entry_id))
        explanation = hit.explanation
        suppressed_by = None
        if accepted is not None:
            if accepted.entry_hash == hit.entry_hash:
                suppressed_by = accepted.id
                explanation += (
                    f"; accepted as a false positive by {accepted.operator} ({accepted.reason})"
                )
            else:
                explanation += (
                    "; re-opened: the listed entry changed since it was accepted"
                    " as a false positive"
                )
        record = runs.HitRecord(
            role=party.role,
            party_name=party.name,
            party_country=party.country,
            source=hit.source,
            sub_source=hit.sub_source,
            list_version_id=hit.list_version_id,
            entry_rowid=hit.entry_rowid,
            entry_id=hit.entry_id,
            entry_name=hit.name,
            entry_hash=hit.entry_hash,
            matched_name=hit.matched_name,
            programs=hit.programs,
            score=hit.score,
            explanation=explanation,
            suppressed_by=suppressed_by,
        )
        if suppressed_by is not None:
            return record, None
        version = self.store.version(hit.list_version_id)
        return record, PartyMatch(
            role=party.role,
            party_name=party.name,
            source=hit.source,
            sub_source=hit.sub_source,
            entry_id=hit.entry_id,
            matched_name=hit.matched_name,
            score=hit.score,
            programs=hit.programs,
            list_date=version.published.isoformat() if version.published else "",
            list_title=version.title,
        )
