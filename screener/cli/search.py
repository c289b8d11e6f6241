"""`screener search NAME... | --file FILE`: ad-hoc search across every imported list.

Each search is recorded in the audit trail (who, when, query, filters, list versions, what was
found) unless `--no-record` is given; `--evidence OUT.xlsx` writes the evidence sheet.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from screener.cli import checks
from screener.core.errors import ScreenerError
from screener.core.evidence.search_export import export_search_evidence
from screener.core.evidence.searches import search_and_record
from screener.core.names.grouped_search import EntryGroup, SearchFilters, search_entries
from screener.core.names.matching import DEFAULT_THRESHOLD
from screener.core.names.search import open_index
from screener.core.record.database.store import Store


def register(sub: Any) -> None:
    p = sub.add_parser(
        "search",
        help="search names across every imported list (each search is recorded)",
        description="Search every imported list. Each search is recorded in the audit trail "
        "(who, when, query, filters, list versions and what was found) unless --no-record.",
    )
    p.add_argument("names", nargs="*", metavar="NAME")
    p.add_argument("--file", type=Path, help="read names from FILE, one per line")
    p.add_argument("--json", action="store_true", help="one JSON object per query")
    p.add_argument(
        "--threshold",
        type=checks.threshold,
        default=DEFAULT_THRESHOLD,
        help=f"lowest score shown (default {DEFAULT_THRESHOLD})",
    )
    p.add_argument(
        "--limit",
        type=checks.positive_int,
        default=10,
        help="listed parties per query (default 10)",
    )
    p.add_argument("--kind", choices=("person", "organization", "vessel"))
    p.add_argument("--country", help="the party's country; a contradicting one lowers scores")
    for flag, metavar, what in (
        ("--list", "SOURCE", 'only this list, e.g. "ofac_sdn" (repeat for several)'),
        ("--program", "TEXT", "only entries under a program containing TEXT (repeat: any)"),
    ):
        p.add_argument(flag, action="append", default=[], metavar=metavar, help=what)
    p.add_argument(
        "--address", default="", metavar="TEXT", help="only entries with an address naming TEXT"
    )
    p.add_argument(
        "--identifier", default="", metavar="VALUE", help="only entries listing this identifier"
    )
    p.add_argument("--evidence", type=Path, metavar="OUT.xlsx", help="write an evidence sheet")
    p.add_argument("--no-record", action="store_true", help="leave these searches unrecorded")
    p.set_defaults(func=run)


def _queries(args: argparse.Namespace) -> list[str]:
    names = list(args.names)
    if args.file:
        text = checks.names_file(args.file)
        names += [line.strip() for line in text.splitlines() if line.strip()]
    if not names and (args.address.strip() or args.identifier.strip()):
        names = [""]  # a search by address or identifier alone
    if not names:
        raise ScreenerError("give one or more names, --file FILE, --address or --identifier")
    return names


def _hit_json(group: EntryGroup) -> list[dict[str, Any]]:
    return [
        {
            "source": h.source,
            "entry_id": h.entry_id,
            "name": h.name,
            "matched_name": h.matched_name,
            "score": h.score,
            "explanation": h.explanation,
        }
        for h in group.hits
    ]


def run(args: argparse.Namespace) -> int:
    queries = _queries(args)
    if args.evidence and args.no_record:
        raise ScreenerError("--evidence exports recorded searches; leave out --no-record")
    store = Store.open(args.home)
    if not store.current_versions():
        raise ScreenerError(f"no lists imported in {args.home}; run `screener lists import PATH`")
    filters = SearchFilters(
        lists=tuple(args.list),
        programs=tuple(args.program),
        address=args.address,
        identifier=args.identifier,
        kind=args.kind,
        country=args.country,
        threshold=args.threshold,
        limit=args.limit,
    )
    index = open_index(store)
    recorded_ids = []
    for query in queries:
        search_id = None
        if args.no_record:
            groups = search_entries(store, query, filters=filters, index=index)
        else:
            recorded, groups = search_and_record(
                store, query, filters=filters, index=index, channel="cli"
            )
            search_id = recorded.id
            recorded_ids.append(recorded.id)
        if args.json:
            print(json.dumps({
                "query": query,
                "search_id": search_id,
                "hits": [h for g in groups for h in _hit_json(g)],
                "groups": [
                    {"key": g.key, "name": g.name, "score": g.score, "lists": list(g.lists)}
                    for g in groups
                ],
            }, ensure_ascii=False))  # fmt: skip
            continue
        asked = query or f"by {filters.address or filters.identifier}"
        print(f"{asked}: {len(groups)} listed part{'y' if len(groups) == 1 else 'ies'}")
        for g in groups:
            h = g.best
            print(
                f"  {h.score:.0%}  {h.name}"
                f"{'' if h.matched_name == h.name else f' (as {h.matched_name!r})'}"
            )
            where = (f"{x} #{m.entry_id}" for x, m in zip(g.lists, g.hits, strict=True))
            print(f"        listed in {', '.join(where)}")
            print(f"        {h.explanation}")
    if recorded_ids:
        first, last = recorded_ids[0], recorded_ids[-1]
        which = f"search {first}" if first == last else f"searches {first}-{last}"
        print(f"recorded as {which} in the audit trail", file=sys.stderr)
    if args.evidence:
        out = export_search_evidence(store, recorded_ids, args.evidence)
        print(f"evidence written to {out}", file=sys.stderr)
    return 0
