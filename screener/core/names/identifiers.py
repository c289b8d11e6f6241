"""Identifiers: a party's tax, registration, LEI or IMO number against the lists' identifiers.

A number the lists carry for an entry (IMO 9123456, INN 7707083893, an LEI) names that entry
whatever the party's name says, so a match is a strong hit explained as such. The numbers come
from the party's identifier column (`orders.mapping`: "Tax ID", "VAT", "INN", "Registration
No.", "LEI", "IMO" ...) and from the name itself ("M/V OCEAN STAR IMO 9123456", "MMSI ...").
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from screener.core.invisible import strip_invisible
from screener.core.names.search import ListIndex, SearchHit
from screener.core.record.database.store import Store, entry_from_json

IDENTIFIER_SCORE = 0.98
"""What a listed identifier in common scores, whatever the names."""
_MIN_KEY = 5  # shorter values ("12", "A1") match too much to mean anything
_IMO = re.compile(r"\bIMO[\s:.#-]*(?:NO\.?|NUMBER)?[\s:.#-]*(\d{7})\b", re.IGNORECASE)
_MMSI = re.compile(r"\bMMSI[\s:.#-]*(?:NO\.?|NUMBER)?[\s:.#-]*(\d{9})\b", re.IGNORECASE)
_PREFIXES = ("IMO", "MMSI", "LEI", "INN", "VAT", "TIN")
_SEPARATORS = re.compile(r"[,;/|]+|\s{2,}")


class PartyLike(Protocol):
    @property
    def name(self) -> str: ...


def id_key(value: str) -> str:
    """An identifier compared on letters and digits only, without a leading kind word."""
    key = "".join(ch for ch in strip_invisible(value).text.upper() if ch.isalnum())
    for prefix in _PREFIXES:
        if key.startswith(prefix) and key[len(prefix) :].isdigit():
            key = key[len(prefix) :]
            break
    return key if len(key) >= _MIN_KEY else ""


def imo_valid(digits: str) -> bool:
    """IMO ship numbers carry a check digit (SOLAS XI-1/3): 9074729 is valid, 9074728 not."""
    if len(digits) != 7 or not digits.isdigit():
        return False
    total = sum(int(d) * (7 - i) for i, d in enumerate(digits[:6]))
    return total % 10 == int(digits[6])


def identifiers_in_name(name: str) -> tuple[str, ...]:
    """IMO and MMSI numbers written into a party's name ("M/V X IMO 9123456")."""
    found = [f"IMO {m.group(1)}" for m in _IMO.finditer(name) if imo_valid(m.group(1))]
    found += [f"MMSI {m.group(1)}" for m in _MMSI.finditer(name)]
    return tuple(found)


def party_identifiers(name: str, column: str = "") -> tuple[str, ...]:
    """Every identifier of a party: its identifier column (several may share a cell) and its
    name."""
    pieces = [p.strip() for p in _SEPARATORS.split(column) if p.strip()]
    return tuple(dict.fromkeys([*pieces, *identifiers_in_name(name)]))


@dataclass(frozen=True, slots=True)
class _Listed:
    entry_rowid: int
    kind: str  # as the list calls it: "IMO", "Tax ID No.", "Registration Number"
    value: str


class IdentifierIndex:
    """The identifiers of every entry of the given list versions, by `id_key`."""

    def __init__(self, store: Store, version_ids: Sequence[int]) -> None:
        self._by_key: dict[str, list[_Listed]] = {}
        if not version_ids:
            return
        marks = ",".join("?" * len(version_ids))
        rows = store.db.conn.execute(
            f"SELECT id, data FROM list_entries WHERE version_id IN ({marks})", list(version_ids)
        )
        for rowid, data in rows:
            for ident in json.loads(data).get("identifiers", ()):
                key = id_key(ident.get("value", ""))
                if key:
                    listed = _Listed(rowid, ident.get("kind", ""), ident.get("value", ""))
                    self._by_key.setdefault(key, []).append(listed)

    def find(self, values: Sequence[str]) -> list[tuple[str, _Listed]]:
        """(the party's value, the listed identifier) for each value the lists carry."""
        return [(v, listed) for v in values for listed in self._by_key.get(id_key(v), ())]


_MEMO: dict[tuple[Any, tuple[int, ...]], IdentifierIndex] = {}


def _index_for(store: Store, index: ListIndex) -> IdentifierIndex:
    memo_key = (store.path or id(store), index.version_ids)
    found = _MEMO.get(memo_key)
    if found is None:
        _MEMO.clear()  # one store and one set of lists at a time; keep memory flat
        found = _MEMO[memo_key] = IdentifierIndex(store, index.version_ids)
    return found


def with_identifier_hits(
    store: Store, index: ListIndex, party: PartyLike, hits: Sequence[SearchHit]
) -> list[SearchHit]:
    """`hits` (a party's name hits) with the entries whose listed identifiers the party has:
    raised to a strong hit when the name matched too, added when it did not."""
    values = party_identifiers(party.name, getattr(party, "identifier", "") or "")
    if not values:
        return list(hits)
    out = {h.entry_rowid: h for h in hits}
    for value, listed in _index_for(store, index).find(values):
        note = f"identifier matches: {value} = listed {listed.kind or 'identifier'} {listed.value}"
        current = out.get(listed.entry_rowid)
        if current is not None:
            if "identifier matches" not in current.explanation:
                out[listed.entry_rowid] = replace(
                    current,
                    score=max(current.score, IDENTIFIER_SCORE),
                    explanation=f"{current.explanation}; {note}",
                )
            continue
        out[listed.entry_rowid] = _hit(store, listed, note)
    return sorted(out.values(), key=lambda h: (-h.score, h.source, h.entry_id))


def _hit(store: Store, listed: _Listed, note: str) -> SearchHit:
    row = store.db.conn.execute(
        "SELECT version_id, data FROM list_entries WHERE id = ?", [listed.entry_rowid]
    ).fetchone()
    entry = entry_from_json(row[1])
    version = store.version(row[0])
    return SearchHit(
        source=version.source,
        sub_source=entry.sub_source,
        entry_id=entry.entry_id,
        name=entry.name,
        matched_name=entry.name,
        score=IDENTIFIER_SCORE,
        explanation=f"{note}; name not required to match",
        programs=entry.programs,
        countries=entry.countries,
        type=entry.type.value,
        entry_rowid=listed.entry_rowid,
        list_version_id=row[0],
        entry_hash=entry.content_hash(),
    )
