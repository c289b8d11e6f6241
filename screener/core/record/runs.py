"""Recording screening runs: the run, its lines and hits, and how it ended.

Lines are written in batches, each batch one transaction, so a run killed half-way keeps every
completed batch and, having no `run_ends` row, reads back as `incomplete`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from screener import __version__
from screener.core.record.chain.writer import ChainWriter, operator_identity
from screener.core.record.database.store import Store, StoreError
from screener.core.record.run_records import (
    HitRecord,
    LineRecord,
    Run,
    RunInfo,
    StoredHit,
    StoredLine,
)

__all__ = [
    "HitRecord",
    "LineRecord",
    "Run",
    "RunInfo",
    "StoredHit",
    "StoredLine",
    "add_lines",
    "finish_run",
    "get_line",
    "get_run",
    "hits_of_lines",
    "iter_lines",
    "iter_run_hits",
    "line_hits",
    "lines_page",
    "list_runs",
    "start_run",
]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def start_run(store: Store, info: RunInfo) -> int:
    user, host = operator_identity()
    with store.write() as db:
        return ChainWriter(db).append(
            "runs",
            {
                "kind": info.kind,
                "parent_run_id": info.parent_run_id,
                "file_name": info.file_name,
                "file_sha256": info.file_sha256,
                "sheet": info.sheet,
                "mapping": json.dumps(info.mapping, sort_keys=True),
                "operator": user,
                "host": host,
                "started_at": _now(),
                "policy_version": info.policy_version,
                "matcher_version": info.matcher_version,
                "app_version": __version__,
                "list_versions": json.dumps(list(info.list_version_ids)),
            },
        )


def add_lines(store: Store, run_id: int, lines: Sequence[LineRecord]) -> list[int]:
    """Store a batch of screened lines (and their hits) in one transaction."""
    # The rows (JSON) are built before taking the write lock, which other officers wait for.
    line_rows = [_line_row(run_id, line) for line in lines]
    hit_rows = [(i, _hit_row(0, hit)) for i, line in enumerate(lines) for hit in line.hits]
    with store.write() as db:
        chain = ChainWriter(db)
        ids = chain.append_many("lines", line_rows)
        chain.append_many("hits", [{**row, "line_id": ids[i]} for i, row in hit_rows])
    return ids


def _line_row(run_id: int, line: LineRecord) -> dict[str, Any]:
    return {
        "run_id": run_id,
        "row": line.row,
        "cells": _json(line.cells),
        "order_no": line.order_no,
        "line_no": line.line_no,
        "parties": _json(line.parties),
        "description": line.description,
        "hs_code": line.hs_code,
        "destination": line.destination,
        "transit": _json(line.transit),
        "problems": _json(line.problems),
        "verdict": line.verdict,
        "reasons": _json(line.reasons),
        "findings": _json(line.findings),
    }


def _hit_row(line_id: int, hit: HitRecord) -> dict[str, Any]:
    return {
        "line_id": line_id,
        "role": hit.role,
        "party_name": hit.party_name,
        "party_country": hit.party_country,
        "source": hit.source,
        "sub_source": hit.sub_source,
        "list_version_id": hit.list_version_id,
        "entry_rowid": hit.entry_rowid,
        "entry_id": hit.entry_id,
        "entry_name": hit.entry_name,
        "entry_hash": hit.entry_hash,
        "matched_name": hit.matched_name,
        "programs": _json(hit.programs),
        "score": round(hit.score, 4),
        "explanation": hit.explanation,
        "suppressed_by": hit.suppressed_by,
    }


def finish_run(store: Store, run_id: int, *, status: str, lines: int, message: str = "") -> None:
    with store.write() as db:
        ChainWriter(db).append(
            "run_ends",
            {
                "run_id": run_id,
                "status": status,
                "finished_at": _now(),
                "lines": lines,
                "message": message,
            },
        )


def get_run(store: Store, run_id: int) -> Run:
    runs = _runs(store, "WHERE r.id = ?", [run_id])
    if not runs:
        raise StoreError(f"no screening run with id {run_id}")
    return runs[0]


def list_runs(store: Store, *, limit: int = 200) -> list[Run]:
    return _runs(store, "ORDER BY r.id DESC LIMIT ?", [limit])


def _runs(store: Store, tail: str, params: list[Any]) -> list[Run]:
    sql = (
        "SELECT r.*, e.status, e.finished_at,"
        " (SELECT count(*) FROM lines l WHERE l.run_id = r.id) AS line_count"
        f" FROM runs r LEFT JOIN run_ends e ON e.run_id = r.id {tail}"
    )
    out = []
    for r in store.db.query(sql, params):
        out.append(
            Run(
                id=r["id"],
                kind=r["kind"],
                parent_run_id=r["parent_run_id"],
                file_name=r["file_name"],
                file_sha256=r["file_sha256"],
                sheet=r["sheet"],
                mapping=json.loads(r["mapping"]),
                operator=r["operator"],
                host=r["host"],
                started_at=datetime.fromisoformat(r["started_at"]),
                policy_version=r["policy_version"],
                matcher_version=r["matcher_version"],
                app_version=r["app_version"],
                list_version_ids=tuple(json.loads(r["list_versions"])),
                status=r["status"] or "incomplete",
                finished_at=datetime.fromisoformat(r["finished_at"]) if r["finished_at"] else None,
                line_count=r["line_count"],
            )
        )
    return out


def iter_lines(store: Store, run_id: int) -> Iterator[StoredLine]:
    """Lines of a run in input order (streamed: a run may hold 100,000 lines)."""
    for row in store.stream("SELECT * FROM lines WHERE run_id = ? ORDER BY row", [run_id]):
        yield _line(row)


def lines_page(store: Store, run_id: int, *, after_row: int, limit: int) -> list[StoredLine]:
    """Up to `limit` lines of a run after spreadsheet row `after_row`, in row order."""
    rows = store.db.query(
        "SELECT * FROM lines WHERE run_id = ? AND row > ? ORDER BY row LIMIT ?",
        [run_id, after_row, limit],
    )
    return [_line(r) for r in rows]


def get_line(store: Store, line_id: int) -> StoredLine:
    rows = list(store.db.query("SELECT * FROM lines WHERE id = ?", [line_id]))
    if not rows:
        raise StoreError(f"no screened line with id {line_id}")
    return _line(rows[0])


def line_hits(store: Store, line_id: int) -> list[StoredHit]:
    return [
        _hit(r)
        for r in store.db.query(
            "SELECT * FROM hits WHERE line_id = ? ORDER BY score DESC, id", [line_id]
        )
    ]


def hits_of_lines(store: Store, line_ids: Sequence[int]) -> dict[int, StoredHit]:
    """Every hit of these lines, by hit id (500 lines a query)."""
    out: dict[int, StoredHit] = {}
    for start in range(0, len(line_ids), 500):
        chunk = list(line_ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        for r in store.db.query(f"SELECT * FROM hits WHERE line_id IN ({marks})", chunk):
            out[r["id"]] = _hit(r)
    return out


def iter_run_hits(store: Store, run_id: int) -> Iterator[tuple[int, StoredHit]]:
    """(spreadsheet row, hit) for every hit of a run, in input order."""
    cur = store.db.conn.execute(
        "SELECT l.row AS line_row, h.* FROM hits h JOIN lines l ON l.id = h.line_id"
        " WHERE l.run_id = ? ORDER BY l.row, h.score DESC, h.id",
        [run_id],
    )
    cols = [d[0] for d in cur.description]
    for values in cur:
        r = dict(zip(cols, values, strict=True))
        yield r.pop("line_row"), _hit(r)


def _hit(r: dict[str, Any]) -> StoredHit:
    return StoredHit(
        role=r["role"],
        party_name=r["party_name"],
        party_country=r["party_country"],
        source=r["source"],
        sub_source=r["sub_source"],
        list_version_id=r["list_version_id"],
        entry_rowid=r["entry_rowid"],
        entry_id=r["entry_id"],
        entry_name=r["entry_name"],
        entry_hash=r["entry_hash"],
        matched_name=r["matched_name"],
        programs=tuple(json.loads(r["programs"])),
        score=r["score"],
        explanation=r["explanation"],
        suppressed_by=r["suppressed_by"],
        id=r["id"],
        line_id=r["line_id"],
    )


def _line(r: dict[str, Any]) -> StoredLine:
    return StoredLine(
        id=r["id"],
        run_id=r["run_id"],
        row=r["row"],
        cells=tuple((str(h), str(v)) for h, v in json.loads(r["cells"])),
        order_no=r["order_no"],
        line_no=r["line_no"],
        parties=tuple(json.loads(r["parties"])),
        description=r["description"],
        hs_code=r["hs_code"],
        destination=r["destination"],
        transit=tuple(json.loads(r["transit"])),
        problems=tuple(json.loads(r["problems"])),
        verdict=r["verdict"],
        reasons=tuple(json.loads(r["reasons"])),
        findings=tuple(json.loads(r["findings"])),
    )


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
