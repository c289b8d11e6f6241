"""`screener licences add|list|show|amend|revoke`: the licence register."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from screener.core.errors import ScreenerError
from screener.core.record.database.store import Store
from screener.core.record.review import licences
from screener.core.record.review.licence_cover import drawdowns


def register(sub: Any) -> None:
    p = sub.add_parser("licences", help="register export licences and see what is left of them")
    lsub = p.add_subparsers(dest="licences_command", metavar="ACTION", required=True)

    add = lsub.add_parser("add", help="register a licence (its document's sha256 is recorded)")
    add.add_argument("--authority", required=True, help='issuing authority, e.g. "BAFA"')
    add.add_argument("--number", required=True, help="the licence number")
    add.add_argument("--type", required=True, choices=[t.value for t in licences.LicenceType])
    add.add_argument("--holder", required=True, help="the exporter it is issued to")
    add.add_argument(
        "--goods", required=True, action="append", metavar="CODE",
        help="HS code prefix or ECCN it covers (repeat, or comma-separated)",
    )  # fmt: skip
    add.add_argument("--destination", action="append", default=[], metavar="COUNTRY",
                     help="destination it covers (repeat; none: any)")  # fmt: skip
    add.add_argument("--end-user", action="append", default=[], metavar="NAME",
                     help="end user it names (repeat; none: any)")  # fmt: skip
    add.add_argument("--quantity", type=float, help="quantity limit")
    add.add_argument("--unit", default="", help="unit of the quantity limit, e.g. pcs, kg")
    add.add_argument("--value", type=float, help="value limit")
    add.add_argument("--currency", default="", help="currency of the value limit, e.g. EUR")
    add.add_argument("--valid-from", required=True, metavar="YYYY-MM-DD")
    add.add_argument("--valid-until", required=True, metavar="YYYY-MM-DD")
    add.add_argument("--document", required=True, type=Path, help="the licence document file")
    add.add_argument("--note", default="")
    add.set_defaults(func=run_add)

    ls = lsub.add_parser("list", help="every registered licence with what is left of it")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=run_list)

    show = lsub.add_parser("show", help="one licence: its terms and every draw-down")
    show.add_argument("id", type=int)
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=run_show)

    am = lsub.add_parser(
        "amend", help="new terms for a licence (a new row; draw-downs so far still count)"
    )
    am.add_argument("id", type=int)
    am.add_argument("--reason", required=True, help="why, e.g. the authority's amendment notice")
    am.add_argument("--holder")
    am.add_argument("--goods", action="append", metavar="CODE",
                    help="replaces the goods covered (repeat, or comma-separated)")  # fmt: skip
    am.add_argument("--destination", action="append", metavar="COUNTRY",
                    help="replaces the destinations (repeat)")  # fmt: skip
    am.add_argument("--end-user", action="append", metavar="NAME",
                    help="replaces the end users (repeat)")  # fmt: skip
    am.add_argument("--quantity", type=float, help="new quantity limit")
    am.add_argument("--unit")
    am.add_argument("--value", type=float, help="new value limit")
    am.add_argument("--currency")
    am.add_argument("--valid-from", metavar="YYYY-MM-DD")
    am.add_argument("--valid-until", metavar="YYYY-MM-DD")
    am.add_argument("--document", type=Path, help="the amended licence document")
    am.add_argument("--note")
    am.set_defaults(func=run_amend)

    rv = lsub.add_parser("revoke", help="withdraw a licence from use (it stays on record)")
    rv.add_argument("id", type=int)
    rv.add_argument("--reason", required=True)
    rv.set_defaults(func=run_revoke)


def _date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ScreenerError(f"{option} {text!r}: give the date as YYYY-MM-DD") from None


def run_add(args: argparse.Namespace) -> int:
    terms = licences.LicenceTerms(
        authority=args.authority,
        number=args.number,
        type=licences.LicenceType(args.type),
        holder=args.holder,
        goods=_codes(args.goods),
        valid_from=_date(args.valid_from, "--valid-from"),
        valid_until=_date(args.valid_until, "--valid-until"),
        destinations=tuple(args.destination),
        end_users=tuple(args.end_user),
        quantity_limit=args.quantity,
        quantity_unit=args.unit,
        value_limit=args.value,
        currency=args.currency,
        note=args.note,
    )
    licence = licences.add_licence(Store.open(args.home), terms, document=args.document)
    print(f"registered licence {licence.id}: {licence.label}, document sha256 "
          f"{licence.document_sha256}")  # fmt: skip
    return 0


def _left(left: float | None, limit: float | None, unit: str) -> str:
    return "no limit" if limit is None or left is None else f"{left:g} of {limit:g} {unit}".strip()


def _plain(lic: licences.Licence) -> dict[str, Any]:
    t = lic.terms
    return {
        "id": lic.id,
        "status": lic.status,
        "authority": t.authority,
        "number": t.number,
        "type": t.type.value,
        "holder": t.holder,
        "goods": list(t.goods),
        "destinations": list(t.destinations),
        "end_users": list(t.end_users),
        "valid_from": t.valid_from.isoformat(),
        "valid_until": t.valid_until.isoformat(),
        "quantity_limit": t.quantity_limit,
        "quantity_unit": t.quantity_unit,
        "quantity_used": lic.quantity_used,
        "value_limit": t.value_limit,
        "currency": t.currency,
        "value_used": lic.value_used,
        "document": lic.document_name,
        "document_sha256": lic.document_sha256,
        "reason": lic.reason,
    }


def run_list(args: argparse.Namespace) -> int:
    found = licences.list_licences(Store.open(args.home))
    if args.json:
        print(json.dumps([_plain(lic) for lic in found], indent=2, ensure_ascii=False))
        return 0
    if not found:
        print("no licences registered; add one with `screener licences add`")
    for lic in found:
        t = lic.terms
        print(
            f"{lic.id:>4}  {lic.label:<28} {t.type.value:<10} {lic.status:<8}"
            f" {t.valid_from} to {t.valid_until}"
            f"  qty {_left(lic.quantity_left, t.quantity_limit, t.quantity_unit)}"
            f"  value {_left(lic.value_left, t.value_limit, t.currency)}"
        )
    return 0


def run_show(args: argparse.Namespace) -> int:
    store = Store.open(args.home)
    lic = licences.get_licence(store, args.id)
    used = drawdowns(store, lic.id)
    if args.json:
        plain = _plain(lic)
        plain["drawdowns"] = [
            {"decision_id": d.decision_id, "line_id": d.line_id, "quantity": d.quantity,
             "value": d.value, "by": d.operator, "at": d.recorded_at.isoformat()}
            for d in used
        ]  # fmt: skip
        print(json.dumps(plain, indent=2, ensure_ascii=False))
        return 0
    t = lic.terms
    any_ = "any"
    for label, value in (
        ("Licence", f"{lic.id}: {lic.label} ({t.type.value}), {lic.status}"),
        ("Reason", lic.reason or "-"),
        ("Holder", t.holder),
        ("Goods", ", ".join(t.goods)),
        ("Destinations", ", ".join(t.destinations) or any_),
        ("End users", "; ".join(t.end_users) or any_),
        ("Valid", f"{t.valid_from} to {t.valid_until}"),
        ("Quantity left", _left(lic.quantity_left, t.quantity_limit, t.quantity_unit)),
        ("Value left", _left(lic.value_left, t.value_limit, t.currency)),
        ("Document", f"{lic.document_name}, sha256 {lic.document_sha256}"),
        ("Recorded", f"{lic.recorded_at:%Y-%m-%d %H:%M} by {lic.recorded_by}"),
    ):
        print(f"{label + ':':<15}{value}")
    print(f"Draw-downs:    {len(used)}")
    for d in used:
        print(f"  {d.recorded_at:%Y-%m-%d %H:%M}  line {d.line_id}  decision {d.decision_id}"
              f"  qty {d.quantity:g}  value {d.value:g}  by {d.operator}")  # fmt: skip
    return 0


def _codes(items: list[str]) -> tuple[str, ...]:
    return tuple(g.strip() for item in items for g in item.split(",") if g.strip())


def run_amend(args: argparse.Namespace) -> int:
    store = Store.open(args.home)
    current = licences.get_licence(store, args.id).terms
    changes: dict[str, Any] = {
        "holder": args.holder,
        "goods": _codes(args.goods) if args.goods else None,
        "destinations": tuple(args.destination) if args.destination else None,
        "end_users": tuple(args.end_user) if args.end_user else None,
        "quantity_limit": args.quantity,
        "quantity_unit": args.unit,
        "value_limit": args.value,
        "currency": args.currency,
        "valid_from": _date(args.valid_from, "--valid-from") if args.valid_from else None,
        "valid_until": _date(args.valid_until, "--valid-until") if args.valid_until else None,
        "note": args.note,
    }
    changes = {k: v for k, v in changes.items() if v is not None}
    if not changes and args.document is None:
        raise ScreenerError("licences amend: name at least one term to change (see --help)")
    lic = licences.amend_licence(
        store, args.id, replace(current, **changes), reason=args.reason, document=args.document
    )
    print(f"amended licence {lic.id}: {lic.label}; {', '.join(sorted(changes)) or 'document'}"
          f" changed")  # fmt: skip
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    lic = licences.revoke_licence(Store.open(args.home), args.id, reason=args.reason)
    print(f"revoked licence {lic.id}: {lic.label}")
    return 0
