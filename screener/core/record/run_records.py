"""What a screening run records, as values: the run, its lines and hits (`runs` stores them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

__all__ = ["HitRecord", "LineRecord", "Run", "RunInfo", "StoredHit", "StoredLine"]


@dataclass(frozen=True, slots=True)
class RunInfo:
    file_name: str
    file_sha256: str
    sheet: str
    mapping: dict[str, str]
    policy_version: str
    matcher_version: str
    list_version_ids: tuple[int, ...]
    kind: str = "screen"  # screen | rescreen
    parent_run_id: int | None = None


@dataclass(frozen=True, slots=True)
class HitRecord:
    role: str
    party_name: str
    party_country: str
    source: str
    sub_source: str
    list_version_id: int
    entry_rowid: int
    entry_id: str
    entry_name: str
    entry_hash: str
    matched_name: str
    programs: tuple[str, ...]
    score: float
    explanation: str
    suppressed_by: int | None = None


@dataclass(frozen=True, slots=True)
class LineRecord:
    row: int
    cells: tuple[tuple[str, str], ...]
    order_no: str
    line_no: str
    parties: tuple[dict[str, Any], ...]
    description: str
    hs_code: str
    destination: str
    transit: tuple[str, ...]
    problems: tuple[str, ...]
    verdict: str
    reasons: tuple[str, ...]
    findings: tuple[dict[str, str], ...]
    hits: tuple[HitRecord, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Run:
    id: int
    kind: str
    parent_run_id: int | None
    file_name: str
    file_sha256: str
    sheet: str
    mapping: dict[str, str]
    operator: str
    host: str
    started_at: datetime
    policy_version: str
    matcher_version: str
    app_version: str
    list_version_ids: tuple[int, ...]
    status: str  # completed | cancelled | failed | incomplete
    finished_at: datetime | None
    line_count: int


@dataclass(frozen=True, slots=True)
class StoredLine:
    id: int
    run_id: int
    row: int
    cells: tuple[tuple[str, str], ...]
    order_no: str
    line_no: str
    parties: tuple[dict[str, Any], ...]
    description: str
    hs_code: str
    destination: str
    transit: tuple[str, ...]
    problems: tuple[str, ...]
    verdict: str
    reasons: tuple[str, ...]
    findings: tuple[dict[str, str], ...]


@dataclass(frozen=True, slots=True)
class StoredHit(HitRecord):
    id: int = 0
    line_id: int = 0
