"""`screener check --hs 8542.31 --eccn 3A001 --country IN --transit AE`: explain one line."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from screener.core.rules.policy import load_policy
from screener.core.rules.verdict import assess_line


def register(sub: Any) -> None:
    p = sub.add_parser(
        "check",
        help="explain the verdict for one hypothetical line (goods, destination, route)",
        description="Screen one hypothetical order line against the goods lists, the country "
        "risk tables and the policy, and print the verdict with its reasons. No parties are "
        "screened here.",
    )
    p.add_argument("--hs", default=None, help="HS code, e.g. 8542.31 or 85423100")
    p.add_argument("--country", "--destination", dest="destination", default=None,
                   help="destination: name, ISO code or region (IN, Türkiye, Crimea)")  # fmt: skip
    p.add_argument("--end-user-country", default=None, help="country of the end user")
    p.add_argument("--transit", action="append", default=[], metavar="COUNTRY",
                   help="transit country; repeat, or give a comma list (AE,TR)")  # fmt: skip
    p.add_argument("--party-country", action="append", default=[], metavar="COUNTRY",
                   help="country of a party (buyer, consignee ...); repeatable")  # fmt: skip
    p.add_argument("--address", action="append", default=[], metavar="TEXT",
                   help="a party address (occupied regions in it count); repeatable")  # fmt: skip
    p.add_argument("--eccn", default="", help="ECCN / EU Annex I control code, e.g. 3A001.b")
    p.add_argument("--description", default="", help="goods description")
    p.add_argument("--policy", type=Path, default=None, metavar="FILE",
                   help="policy TOML overriding the defaults in lists/policy.toml")  # fmt: skip
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(func=run)


def _split(values: list[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def run(args: argparse.Namespace) -> int:
    policy = load_policy(args.policy)
    transit = _split(args.transit)
    verdict = assess_line(
        hs=args.hs,
        description=args.description,
        eccn=args.eccn,
        destination=args.destination,
        end_user_country=args.end_user_country,
        transit=transit,
        party_countries=_split(args.party_country),
        party_addresses=args.address,
        policy=policy,
    )
    if args.json:
        out = {
            "verdict": verdict.outcome,
            "reasons": list(verdict.reasons),
            "findings": [asdict(f) for f in verdict.findings],
            "policy": {
                "name": policy.name,
                "version": policy.version,
                "path": policy.path,
                "sha256": policy.sha256,
            },
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    route = args.destination or "?"
    if transit:
        route += " via " + ", ".join(transit)
    print(f"{verdict.outcome.upper()}: HS {args.hs or '?'} to {route}")
    for reason in verdict.reasons:
        print(f"  - {reason}")
    print(f"policy: {policy.label}" + (f" ({policy.path})" if policy.path else ""))
    return 0
