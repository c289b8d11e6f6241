"""`screener audit find TEXT` (lines across runs, exact order numbers first, paged) and
`screener audit searches` (recorded ad-hoc searches, exportable as an evidence sheet)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from screener.core.errors import ScreenerError
from screener.core.evidence import history
from screener.core.evidence.search_export import export_search_evidence
from screener.core.evidence.searches import list_searches
from screener.core.record.database.store import Store


def register_find(asub: Any) -> None:
    f = asub.add_parser("find", help="find lines of every run by order number or party name")
    f.add_argument("text")
    f.add_argument("--page", type=int, default=1, help="page number (default 1)")
    f.add_argument("--per-page", type=int, default=50, help="lines per page (default 50)")
    f.add_argument("--json", action="store_true")
    f.set_defaults(func=run_find)
    s = asub.add_parser("searches", help="recorded ad-hoc searches, newest first")
    s.add_argument("--limit", type=int, default=50, help="how many (default 50)")
    s.add_argument("--evidence", type=Path, metavar="OUT.xlsx", help="write them as evidence")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=run_searches)


def run_find(args: argparse.Namespace) -> int:
    if args.page < 1 or args.per_page < 1:
        raise ScreenerError("--page and --per-page start at 1")
    offset = (args.page - 1) * args.per_page
    page = history.find_lines_page(
        Store.open(args.home), args.text, offset=offset, limit=args.per_page
    )
    if args.json:
        print(json.dumps({
            "total": page.total,
            "exact": page.exact,
            "offset": page.offset,
            "lines": [
                {"run_id": m.run_id, "line_id": m.line_id, "row": m.row, "order": m.order_no,
                 "line": m.line_no, "party": m.party, "verdict": m.verdict,
                 "exact_order": m.exact_order, "file": m.file_name,
                 "decision": m.latest.action.value if m.latest else None}
                for m in page.matches
            ],
        }, ensure_ascii=False, indent=2))  # fmt: skip
        return 0
    print(page.summary())
    for m in page.matches:
        decided = m.latest.action.label if m.latest else "undecided"
        mark = "=" if m.exact_order else " "
        where = f"{mark} run {m.run_id:>4}  row {m.row:>6}  {m.order_no} / {m.line_no}"
        print(f"{where}  {m.verdict:<6}  {decided:<24} {m.party}  ({m.file_name})")
    if page.has_more:
        print(f"more: --page {args.page + 1}")
    return 0


def run_searches(args: argparse.Namespace) -> int:
    store = Store.open(args.home)
    found = list_searches(store, limit=args.limit)
    if args.json:
        print(json.dumps([
            {"id": s.id, "query": s.query, "filters": s.filters, "hits": s.hits,
             "by": s.operator, "at": s.searched_at.isoformat(), "channel": s.channel}
            for s in found
        ], ensure_ascii=False, indent=2))  # fmt: skip
    else:
        for s in found:
            print(f"{s.id:>5}  {s.searched_at:%Y-%m-%d %H:%M}  {s.operator:<12} {s.channel:<4}"
                  f" {s.hits:>3} found  {s.query or '(address/identifier)'}")  # fmt: skip
    if args.evidence:
        out = export_search_evidence(store, [s.id for s in reversed(found)], args.evidence)
        print(f"evidence written to {out}", file=sys.stderr)
    return 0
