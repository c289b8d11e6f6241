"""Screening an order file: every party, the goods and the route of every line.

    gen = screen_file(store, Path("orders.xlsx"))
    for progress in gen: ...          # every ~batch_size lines; the lines are already stored
    summary = <generator return value> (see `run_screening` for a plain call)

The generator is the whole contract with the GUI and the CLI: it yields progress after each
stored batch, checks `cancelled()` between lines, and returns a `ScreenSummary`.
"""

from __future__ import annotations

import hashlib
import itertools
import time
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from screener.core.errors import ScreenerError
from screener.core.lists.freshness import line_note, require_fresh, stale_versions
from screener.core.names.identifiers import with_identifier_hits
from screener.core.names.matching import DEFAULT_THRESHOLD, apply_qualifiers
from screener.core.names.name_index import Candidate
from screener.core.names.search import (
    MATCHER_VERSION,
    ListIndex,
    SearchHit,
    hits_from_candidates,
    open_index,
    search_names,
)
from screener.core.orders.counting import count_lines
from screener.core.orders.model import NOT_COUNTRY, NOT_ECCN, NOT_HS
from screener.core.record import runs
from screener.core.record.database.store import Store
from screener.core.record.review.decisions import AcceptedMatch, active_accepted_matches, party_key
from screener.core.record.run_context import record_context
from screener.core.rules.goods import load_goods_reference
from screener.core.rules.policy import Policy, load_policy
from screener.core.rules.verdict import Finding, PartyMatch, assess_line
from screener.core.screening import parallel
from screener.core.screening.related import related_index


@dataclass(frozen=True, slots=True)
class ScreenProgress:
    run_id: int
    done: int  # lines screened and stored so far
    total: int | None  # lines expected (None while unknown)
    elapsed_s: float
    new_line_ids: tuple[int, ...]  # lines stored since the previous progress

    @property
    def lines_per_s(self) -> float:
        return self.done / self.elapsed_s if self.elapsed_s > 0 else 0.0


@dataclass(frozen=True, slots=True)
class ScreenSummary:
    run_id: int
    status: str  # completed | cancelled
    lines: int
    seconds: float
    counts: Mapping[str, int] = field(default_factory=dict)  # verdict -> lines
    problems: int = 0  # lines with cell problems


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


@dataclass(frozen=True, slots=True)
class Source:
    """Where the lines came from, recorded with the run."""

    file_name: str
    file_sha256: str
    sheet: str = ""
    mapping: Mapping[str, str] = field(default_factory=dict)


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def screen_file(
    store: Store,
    path: Path,
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
    cancelled: Callable[[], bool] | None = None,
    batch_size: int = 200,
    policy: Policy | None = None,
    workers: int | None = None,
    on_phase: Callable[[str], None] | None = None,
    allow_stale: bool = True,
) -> Generator[ScreenProgress, None, ScreenSummary]:
    """Read an order workbook and screen every line (see `screen_lines`).

    `on_phase(text)` hears what happens before the first line is screened. With
    `allow_stale=False` lists older than the policy allows stop it (`StaleListsError`) once
    the file has proved readable."""
    phase = on_phase or (lambda _text: None)
    phase(f"Counting the lines of {path.name}…")
    total = count_lines(path, sheet=sheet)
    phase(f"Reading {path.name}…")
    try:
        from screener.core.orders import read_orders  # the order reader (issue 5, part 1)
    except ImportError as exc:  # pragma: no cover - until the reader lands
        raise ScreenerError(f"{path}: reading order workbooks is not available yet") from exc
    from screener.core.orders import guards

    # A private copy: the bytes hashed are the bytes parsed, and a file refused for its
    # structure (rows out of order, a quote never closed) is refused before a run is recorded.
    with guards.snapshot(path) as snap:
        guards.check_structure(snap.copy, shown=path)
        lines = guards.named_as(read_orders(snap.copy, sheet=sheet, mapping=mapping), snap, path)
        first = next(lines, None)  # an unreadable file fails here, before a run is recorded
        if not allow_stale:
            require_fresh(store, policy=policy, allow_stale=False)
        source = Source(path.name, snap.sha256, sheet or "", dict(mapping or {}))
        all_lines = itertools.chain([first] if first is not None else [], lines)
        return (
            yield from screen_lines(
                store,
                all_lines,
                source=source,
                cancelled=cancelled,
                batch_size=batch_size,
                total=total,
                policy=policy,
                workers=workers,
                on_phase=phase,
            )
        )


def screen_lines(
    store: Store,
    lines: Iterable[LineLike],
    *,
    source: Source,
    cancelled: Callable[[], bool] | None = None,
    batch_size: int = 200,
    total: int | None = None,
    policy: Policy | None = None,
    parent_run_id: int | None = None,
    workers: int | None = None,
    on_phase: Callable[[str], None] | None = None,
) -> Generator[ScreenProgress, None, ScreenSummary]:
    """Screen lines against the newest lists and the policy, storing them batch by batch.

    Yields after each stored batch; `cancelled()` is checked between lines. A killed process
    keeps every stored batch and its run reads back as `incomplete`. Party names are searched
    across `workers` processes (None: one per core; 1: this process only), same hits.
    """
    policy = policy or load_policy()
    if on_phase is not None:
        on_phase("Loading the name index…")
    index = open_index(store)
    if not index.version_ids:
        raise ScreenerError("no lists imported: run `screener lists import PATH` first")
    run_id = runs.start_run(
        store,
        runs.RunInfo(
            file_name=source.file_name,
            file_sha256=source.file_sha256,
            sheet=source.sheet,
            mapping=dict(source.mapping),
            policy_version=policy.label,
            matcher_version=MATCHER_VERSION,
            list_version_ids=index.version_ids,
            kind="rescreen" if parent_run_id else "screen",
            parent_run_id=parent_run_id,
        ),
    )
    # Stale lists are recorded with the run and on every line (the gate is the caller's).
    stale = stale_versions(map(store.version, index.version_ids), policy=policy)
    record_context(store, run_id, lines_expected=total, stale=stale)
    stale_note = (line_note(stale),) if stale else ()
    screener = _LineScreener(store, index, policy)
    ahead = parallel.NameSearchAhead(
        index, screener.by_name, screener.finish_hits, limit=2 * _HITS_PER_PARTY,
        workers=workers, cache_file=parallel.cache_file(store, index),
    )  # fmt: skip
    started = time.perf_counter()
    counts: Counter[str] = Counter()
    problems = done = 0
    batch: list[runs.LineRecord] = []
    status = "completed"
    try:
        for line in ahead.lines(lines, cancelled):
            if cancelled is not None and cancelled():
                status = "cancelled"
                break
            record = screener.screen(line)
            if stale_note:
                record = replace(record, reasons=(*record.reasons, *stale_note))
            counts[record.verdict] += 1
            problems += bool(record.problems)
            batch.append(record)
            if len(batch) >= batch_size:
                ids = runs.add_lines(store, run_id, batch)
                done += len(batch)
                batch = []
                yield ScreenProgress(run_id, done, total, time.perf_counter() - started, tuple(ids))
    except ScreenerError as exc:  # the file broke mid-way: keep what was screened, say so
        if batch:
            runs.add_lines(store, run_id, batch)
            done += len(batch)
        runs.finish_run(store, run_id, status="failed", lines=done, message=str(exc))
        raise
    finally:
        ahead.close()
    if batch:
        ids = runs.add_lines(store, run_id, batch)
        done += len(batch)
        yield ScreenProgress(run_id, done, total, time.perf_counter() - started, tuple(ids))
    runs.finish_run(store, run_id, status=status, lines=done)
    return ScreenSummary(
        run_id, status, done, time.perf_counter() - started, dict(counts), problems
    )


def run_screening(gen: Generator[ScreenProgress, None, ScreenSummary]) -> ScreenSummary:
    """Drive a screening generator to the end (for the CLI and tests)."""
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            summary: ScreenSummary = stop.value
            return summary


_HITS_PER_PARTY = 10


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


class _LineScreener:
    """Screens one line at a time; remembers party results, since orders repeat customers."""

    def __init__(self, store: Store, index: ListIndex, policy: Policy) -> None:
        self.store = store
        self.index = index
        self.policy = policy
        self.goods = load_goods_reference()
        self.accepted: dict[tuple[str, str, str], AcceptedMatch] = {
            (a.party_key, a.source, a.entry_id): a for a in active_accepted_matches(store)
        }
        self.by_name: dict[str, list[SearchHit]] = {}
        self.memo: dict[tuple[str, str], list[SearchHit]] = {}
        self.related = related_index(store, index.version_ids, policy)

    def hits(self, name: str, country: str) -> list[SearchHit]:
        named = self._name_hits(name)
        if not named:
            return []  # most parties: nothing to qualify, nothing to remember per country
        key = (name, country)
        if key not in self.memo:
            self.memo[key] = _for_country(named, country)[:_HITS_PER_PARTY]
        return self.memo[key]

    def _name_hits(self, name: str) -> list[SearchHit]:
        # One search per distinct name: the same customer appears with several countries.
        if name not in self.by_name:
            self.by_name[name] = (
                search_names(self.store, name, index=self.index, limit=2 * _HITS_PER_PARTY)
                if name.strip()
                else []
            )
        return self.by_name[name]

    def finish_hits(self, name: str, found: list[Candidate]) -> list[SearchHit]:
        """`_name_hits` for a name whose index search ran elsewhere (screening/parallel.py)."""
        return hits_from_candidates(self.store, self.index, found, limit=2 * _HITS_PER_PARTY)

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
