"""`screener search NAME... | --file FILE`: ad-hoc name search across every imported list."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from screener.cli import checks
from screener.core.errors import ScreenerError
from screener.core.names.matching import DEFAULT_THRESHOLD
from screener.core.names.search import open_index, search_names
from screener.core.record.store import Store


def register(sub: Any) -> None:
    p = sub.add_parser("search", help="search names across every imported list")
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
        "--limit", type=checks.positive_int, default=10, help="hits per query (default 10)"
    )
    p.add_argument("--kind", choices=("person", "organization", "vessel"))
    p.add_argument("--country", help="the party's country; a contradicting one lowers scores")
    p.set_defaults(func=run)


def _queries(args: argparse.Namespace) -> list[str]:
    names = list(args.names)
    if args.file:
        text = checks.names_file(args.file)
        names += [line.strip() for line in text.splitlines() if line.strip()]
    if not names:
        raise ScreenerError("give one or more names, or --file FILE")
    return names


def run(args: argparse.Namespace) -> int:
    queries = _queries(args)
    store = Store.open(args.home)
    if not store.current_versions():
        raise ScreenerError(f"no lists imported in {args.home}; run `screener lists import PATH`")
    index = open_index(store)
    for query in queries:
        hits = search_names(
            store,
            query,
            kind=args.kind,
            threshold=args.threshold,
            limit=args.limit,
            country=args.country,
            index=index,
        )
        if args.json:
            print(
                json.dumps(
                    {
                        "query": query,
                        "hits": [
                            {
                                "source": h.source,
                                "entry_id": h.entry_id,
                                "name": h.name,
                                "matched_name": h.matched_name,
                                "score": h.score,
                                "explanation": h.explanation,
                            }
                            for h in hits
                        ],
                    },
                    ensure_ascii=False,
                )
            )
            continue
        print(f"{query}: {len(hits)} hit(s)")
        for h in hits:
            sub = f"/{h.sub_source}" if h.sub_source else ""
            print(
                f"  {h.score:.0%}  {h.source}{sub} #{h.entry_id}  {h.name}"
                f"{'' if h.matched_name == h.name else f' (as {h.matched_name!r})'}"
            )
            print(f"        {h.explanation}")
    return 0
