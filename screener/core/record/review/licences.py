"""The licence register: export licences an officer releases lines against.

    licence = add_licence(store, terms, document=Path("BAFA-123.pdf"))
    release_with_licence(store, line_id=7, licence_id=licence.id, justification="...")

Every licence is a recorded row; an amendment or a revocation is a new row citing the first
(`licence_id`), and each release draws quantity and value down in a row of its own, so what a
licence allowed, and what was used of it, can be shown as it was on any day. Cover checks and
the release path are in `licence_cover.py`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from screener.core.errors import ScreenerError
from screener.core.record.chain.writer import ChainWriter, operator_identity
from screener.core.record.database.store import Store
from screener.core.rules.countries import resolve_country
from screener.core.rules.eccn import Eccn, parse_eccn


class LicenceError(ScreenerError):
    pass


class LicenceType(StrEnum):
    INDIVIDUAL = "individual"  # one exporter, named end users and quantities
    GENERAL = "general"  # published (e.g. EU001, a national general licence)
    GLOBAL = "global"  # one exporter, many consignees and destinations


@dataclass(frozen=True, slots=True)
class LicenceTerms:
    """What the licence document says. Empty destinations or end users mean "any"."""

    authority: str  # "BAFA", "BIS", "ECJU"
    number: str
    type: LicenceType
    holder: str
    goods: tuple[str, ...]  # HS prefixes ("8542", "8542.31") and ECCNs ("3A001")
    valid_from: date
    valid_until: date  # the last day it may be used
    destinations: tuple[str, ...] = ()  # countries, any spelling; stored as ISO alpha-2
    end_users: tuple[str, ...] = ()
    quantity_limit: float | None = None
    quantity_unit: str = ""
    value_limit: float | None = None
    currency: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Licence:
    """A licence as it stands: its newest terms and what has been drawn down from it."""

    id: int  # stable across amendments: the id of the row that issued it
    terms_id: int  # the row holding the current terms
    terms: LicenceTerms
    status: str  # issued | amended | revoked
    reason: str  # why it was last amended or revoked
    document_name: str
    document_sha256: str
    recorded_by: str
    recorded_at: datetime
    quantity_used: float
    value_used: float
    drawdowns: int

    @property
    def label(self) -> str:
        return f"{self.terms.authority} {self.terms.number}"

    @property
    def revoked(self) -> bool:
        return self.status == "revoked"

    @property
    def quantity_left(self) -> float | None:
        limit = self.terms.quantity_limit
        return None if limit is None else max(limit - self.quantity_used, 0.0)

    @property
    def value_left(self) -> float | None:
        limit = self.terms.value_limit
        return None if limit is None else max(limit - self.value_used, 0.0)


def document_sha256(path: Path) -> str:
    try:
        with Path(path).open("rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError as exc:
        raise LicenceError(f"{path}: cannot read the licence document ({exc.strerror})") from exc


def normalise_terms(terms: LicenceTerms) -> LicenceTerms:
    """The terms as stored: goods as HS digits or ECCN codes, destinations as ISO codes."""
    number = terms.number.strip()
    where = f"licence {number or '(no number)'}"
    if not number or not terms.authority.strip():
        raise LicenceError(f"{where}: a licence needs an authority and a number")
    if not terms.goods:
        raise LicenceError(f"{where}: name the goods it covers (HS codes or ECCNs)")
    if terms.valid_until < terms.valid_from:
        raise LicenceError(f"{where}: valid until {terms.valid_until} is before {terms.valid_from}")
    for limit, what in ((terms.quantity_limit, "quantity"), (terms.value_limit, "value")):
        if limit is not None and limit <= 0:
            raise LicenceError(f"{where}: the {what} limit must be above 0, not {limit}")
    if terms.value_limit is not None and not terms.currency.strip():
        raise LicenceError(f"{where}: a value limit needs its currency")
    return LicenceTerms(
        authority=terms.authority.strip(),
        number=number,
        type=LicenceType(terms.type),
        holder=terms.holder.strip(),
        goods=tuple(dict.fromkeys(goods_code(g, where=where) for g in terms.goods)),
        valid_from=terms.valid_from,
        valid_until=terms.valid_until,
        destinations=tuple(dict.fromkeys(_iso2(d, where=where) for d in terms.destinations)),
        end_users=tuple(u.strip() for u in terms.end_users if u.strip()),
        quantity_limit=terms.quantity_limit,
        quantity_unit=terms.quantity_unit.strip(),
        value_limit=terms.value_limit,
        currency=terms.currency.strip().upper(),
        note=terms.note.strip(),
    )


def goods_code(text: str, *, where: str = "licence") -> str:
    """ "8542.31" -> "854231" (an HS prefix); "3a001.b" -> "3A001" (an ECCN)."""
    raw = text.strip()
    digits = raw.replace(".", "").replace(" ", "")
    if digits.isdigit() and 2 <= len(digits) <= 10:
        return digits
    eccn = parse_eccn(raw)
    if isinstance(eccn, Eccn) and eccn.regime != "ear99":
        return eccn.code
    raise LicenceError(f"{where}: goods {raw!r} is neither an HS code prefix nor an ECCN")


def _iso2(text: str, *, where: str) -> str:
    match = resolve_country(text)
    if match is None:
        raise LicenceError(f"{where}: destination {text!r} is not a country Screener recognises")
    return match.country.iso2


def add_licence(store: Store, terms: LicenceTerms, *, document: Path) -> Licence:
    """Register a licence; the document's sha256 is recorded with it."""
    terms = normalise_terms(terms)
    sha = document_sha256(document)
    with store.write() as db:
        same = db.conn.execute(
            "SELECT id FROM licences WHERE licence_id IS NULL AND authority = ? AND number = ?",
            [terms.authority, terms.number],
        ).fetchone()
        if same is not None:
            raise LicenceError(
                f"licence {terms.authority} {terms.number} is already registered (id {same[0]});"
                " amend it instead"
            )
        row_id = _append(db, terms, None, "issued", "", Path(document).name, sha)
    return get_licence(store, row_id)


def amend_licence(
    store: Store,
    licence_id: int,
    terms: LicenceTerms,
    *,
    reason: str,
    document: Path | None = None,
) -> Licence:
    """New terms for a licence (a new row); draw-downs so far still count against it."""
    if not reason.strip():
        raise LicenceError("an amendment needs a reason")
    terms = normalise_terms(terms)
    with store.write():
        current = get_licence(store, licence_id)
        if current.revoked:
            raise LicenceError(f"licence {current.label} is revoked; register a new one")
        name, sha = current.document_name, current.document_sha256
        if document is not None:
            name, sha = Path(document).name, document_sha256(document)
        _append(store.db, terms, current.id, "amended", reason.strip(), name, sha)
    return get_licence(store, licence_id)


def revoke_licence(store: Store, licence_id: int, *, reason: str) -> Licence:
    """Withdraw a licence from use (a new row); it stays in the register as evidence."""
    if not reason.strip():
        raise LicenceError("a revocation needs a reason")
    with store.write():
        current = get_licence(store, licence_id)
        if current.revoked:
            raise LicenceError(f"licence {current.label} is already revoked")
        _append(
            store.db,
            current.terms,
            current.id,
            "revoked",
            reason.strip(),
            current.document_name,
            current.document_sha256,
        )
    return get_licence(store, licence_id)


def _append(
    db: Any,
    terms: LicenceTerms,
    licence_id: int | None,
    status: str,
    reason: str,
    document_name: str,
    sha: str,
) -> int:
    user, host = operator_identity()
    return ChainWriter(db).append(
        "licences",
        {
            "licence_id": licence_id,
            "status": status,
            "authority": terms.authority,
            "number": terms.number,
            "type": terms.type.value,
            "holder": terms.holder,
            "goods": json.dumps(list(terms.goods)),
            "destinations": json.dumps(list(terms.destinations)),
            "end_users": json.dumps(list(terms.end_users), ensure_ascii=False),
            "quantity_limit": terms.quantity_limit,
            "quantity_unit": terms.quantity_unit,
            "value_limit": terms.value_limit,
            "currency": terms.currency,
            "valid_from": terms.valid_from.isoformat(),
            "valid_until": terms.valid_until.isoformat(),
            "document_name": document_name,
            "document_sha256": sha,
            "note": terms.note,
            "reason": reason,
            "operator": user,
            "host": host,
            "recorded_at": datetime.now(UTC).isoformat(timespec="seconds"),
        },
    )


def get_licence(store: Store, licence_id: int) -> Licence:
    rows = list(
        store.db.query(
            "SELECT * FROM licences WHERE id = ? OR licence_id = ? ORDER BY id",
            [licence_id, licence_id],
        )
    )
    if not rows or rows[0]["licence_id"] is not None:
        raise LicenceError(f"no licence with id {licence_id}")
    # A release awaiting its second approval holds its amount (two pending releases cannot
    # both take the last of a licence); a rejected one gives it back. Derived, never updated.
    used = store.db.conn.execute(
        "SELECT coalesce(sum(w.quantity), 0), coalesce(sum(w.value), 0), count(*)"
        " FROM licence_drawdowns w LEFT JOIN decision_approvals a ON a.decision_id = w.decision_id"
        " WHERE w.licence_id = ? AND (a.verdict IS NULL OR a.verdict <> 'rejected')",
        [licence_id],
    ).fetchone()
    return _licence(licence_id, rows[-1], used)


def list_licences(store: Store) -> list[Licence]:
    """Every registered licence (revoked ones too), oldest first."""
    sql = "SELECT id FROM licences WHERE licence_id IS NULL ORDER BY id"
    return [get_licence(store, r[0]) for r in store.db.conn.execute(sql).fetchall()]


def _licence(licence_id: int, r: dict[str, Any], used: Any) -> Licence:
    return Licence(
        id=licence_id,
        terms_id=r["id"],
        terms=LicenceTerms(
            authority=r["authority"],
            number=r["number"],
            type=LicenceType(r["type"]),
            holder=r["holder"],
            goods=tuple(json.loads(r["goods"])),
            valid_from=date.fromisoformat(r["valid_from"]),
            valid_until=date.fromisoformat(r["valid_until"]),
            destinations=tuple(json.loads(r["destinations"])),
            end_users=tuple(json.loads(r["end_users"])),
            quantity_limit=r["quantity_limit"],
            quantity_unit=r["quantity_unit"],
            value_limit=r["value_limit"],
            currency=r["currency"],
            note=r["note"],
        ),
        status=r["status"],
        reason=r["reason"],
        document_name=r["document_name"],
        document_sha256=r["document_sha256"],
        recorded_by=r["operator"],
        recorded_at=datetime.fromisoformat(r["recorded_at"]),
        quantity_used=float(used[0]),
        value_used=float(used[1]),
        drawdowns=int(used[2]),
    )
