"""The licence register: releases draw licences down; expired, exhausted, revoked or
non-covering licences are refused with their reason; everything is chained."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from screener.core.record import audit, runs
from screener.core.record.database.store import Store
from screener.core.record.review import decisions
from screener.core.record.review.licence_cover import check_cover, drawdowns, release_with_licence
from screener.core.record.review.licences import (
    LicenceError,
    LicenceTerms,
    LicenceType,
    add_licence,
    amend_licence,
    get_licence,
    list_licences,
    revoke_licence,
)
from tests.pgcluster import REFUSED, REFUSED_MESSAGE, SQLITE_ONLY


@pytest.fixture(autouse=True)
def _on_both_backends(backend: str) -> str:
    """Every test here runs on the embedded SQLite store and on a team PostgreSQL database."""
    return backend


ON = date(2026, 6, 1)
MAPPING = {"quantity": "Qty", "value": "Value", "currency": "Cur", "eccn": "ECCN"}


def _line(row: int, *, qty: str = "60", hs: str = "8542.31", dest: str = "Germany",
          end_user: str = "Acme Industrie GmbH", eccn: str = "") -> runs.LineRecord:  # fmt: skip
    return runs.LineRecord(
        row=row,
        cells=(("Qty", qty), ("Value", "6.000,00"), ("Cur", "EUR"), ("ECCN", eccn)),
        order_no=f"SO-{row}",
        line_no="1",
        parties=({"role": "end_user", "name": end_user, "country": "DE"},),
        description="microcontrollers",
        hs_code=hs,
        destination=dest,
        transit=(),
        problems=(),
        verdict="review",
        reasons=("goods need a licence",),
        findings=(),
    )


def _lines(store: Store, *lines: runs.LineRecord) -> list[int]:
    run_id = runs.start_run(
        store,
        runs.RunInfo(
            file_name="orders.xlsx",
            file_sha256="f" * 64,
            sheet="Orders",
            mapping=MAPPING,
            policy_version="t",
            matcher_version="t",
            list_version_ids=(),
        ),
    )
    return runs.add_lines(store, run_id, list(lines))


def _terms(**changes: object) -> LicenceTerms:
    values: dict[str, object] = {
        "authority": "BAFA",
        "number": "DE-2026-0042",
        "type": LicenceType.INDIVIDUAL,
        "holder": "Our Exports GmbH",
        "goods": ("8542", "3A001"),
        "valid_from": date(2026, 1, 1),
        "valid_until": date(2026, 12, 31),
        "destinations": ("DE",),
        "end_users": ("ACME Industrie GmbH",),
        "quantity_limit": 100.0,
        "quantity_unit": "pcs",
        "value_limit": 50_000.0,
        "currency": "eur",
    }
    values.update(changes)
    return LicenceTerms(**values)  # type: ignore[arg-type]


@pytest.fixture
def store(home: Path) -> Store:
    return Store.open(home)


@pytest.fixture
def document(tmp_path: Path) -> Path:
    path = tmp_path / "licence.pdf"
    path.write_bytes(b"%PDF-1.4 licence DE-2026-0042")
    return path


def test_releases_draw_the_licence_down_until_it_is_exhausted(store: Store, document: Path) -> None:
    a, b, c, d = _lines(store, _line(2), _line(3), _line(4, qty="40"), _line(5, qty="1"))
    licence = add_licence(store, _terms(), document=document)
    assert licence.document_sha256 == hashlib.sha256(document.read_bytes()).hexdigest()
    assert licence.terms.goods == ("8542", "3A001")
    assert licence.terms.currency == "EUR"

    first = release_with_licence(
        store, line_id=a, licence_id=licence.id, justification="BAFA licence on file", on=ON
    )
    assert first.drawdown.quantity == 60
    assert first.drawdown.value == 6000  # "6.000,00" read from the line
    assert first.licence.quantity_left == 40
    current = decisions.latest_decisions_for_lines(store, [a])[a]
    assert current.action is decisions.Action.RELEASED_WITH_LICENCE
    assert current.id == first.decision_id
    assert "BAFA DE-2026-0042" in current.justification

    with pytest.raises(LicenceError, match="40 pcs of its quantity left; the line needs 60"):
        release_with_licence(store, line_id=b, licence_id=licence.id, justification="x", on=ON)
    assert b not in decisions.latest_decisions_for_lines(store, [b])  # refused: no decision

    release_with_licence(store, line_id=c, licence_id=licence.id, justification="rest", on=ON)
    cover = check_cover(store, line_id=d, licence_id=licence.id, on=ON)
    assert not cover.ok
    assert cover.reason == "licence BAFA DE-2026-0042: is exhausted: no quantity left"
    with pytest.raises(LicenceError, match="exhausted"):
        release_with_licence(store, line_id=d, licence_id=licence.id, justification="x", on=ON)
    assert [dd.line_id for dd in drawdowns(store, licence.id)] == [a, c]
    assert get_licence(store, licence.id).quantity_used == 100
    report = audit.verify(store)
    assert report.ok, report.problems
    tables = [r[0] for r in store.db.conn.execute("SELECT table_name FROM audit_chain")]
    assert tables.count("licence_drawdowns") == 2
    assert tables.count("licences") == 1


@pytest.mark.parametrize(
    ("changes", "line", "reason"),
    [
        ({}, {}, None),
        ({"valid_until": date(2026, 5, 31)}, {}, "expired on 2026-05-31"),
        ({"valid_from": date(2026, 7, 1)}, {}, "not valid before 2026-07-01"),
        ({}, {"hs": "8471.30"}, "covers goods 8542, 3A001, not the line's HS 847130"),
        ({}, {"hs": "", "eccn": "3A001.a"}, None),
        ({}, {"dest": "Russia"}, "covers DE, not RU (Russia"),
        ({}, {"end_user": "Other Buyer LLC"}, "is for ACME Industrie GmbH, not Other Buyer LLC"),
        ({"end_users": ()}, {"end_user": "Other Buyer LLC"}, None),
        ({}, {"qty": "lots"}, "has a quantity limit; the line has no quantity"),
        ({"value_limit": 5_000.0}, {}, "5000 EUR of its value left; the line needs 6000 EUR"),
    ],
)
def test_cover_refuses_with_one_line_reason(
    store: Store, document: Path, changes: dict[str, object], line: dict[str, str],
    reason: str | None,
) -> None:  # fmt: skip
    [line_id] = _lines(store, _line(2, **line))
    licence = add_licence(store, _terms(**changes), document=document)
    cover = check_cover(store, line_id=line_id, licence_id=licence.id, on=ON)
    if reason is None:
        assert cover.ok, cover.reason
    else:
        assert not cover.ok
        assert reason in cover.reason
        assert "\n" not in cover.reason
        with pytest.raises(LicenceError, match="licence BAFA DE-2026-0042: "):
            release_with_licence(
                store, line_id=line_id, licence_id=licence.id, justification="x", on=ON
            )
        assert drawdowns(store, licence.id) == []


def test_amendment_and_revocation_are_new_rows(store: Store, document: Path) -> None:
    [a, b] = _lines(store, _line(2), _line(3))
    licence = add_licence(store, _terms(), document=document)
    release_with_licence(store, line_id=a, licence_id=licence.id, justification="ok", on=ON)
    amended = amend_licence(
        store, licence.id, _terms(quantity_limit=200.0), reason="BAFA amendment 1"
    )
    assert amended.id == licence.id
    assert amended.terms_id != licence.terms_id
    assert amended.quantity_left == 140  # the earlier draw-down still counts
    revoked = revoke_licence(store, licence.id, reason="end user relisted")
    assert revoked.revoked
    cover = check_cover(store, line_id=b, licence_id=licence.id, on=ON)
    assert not cover.ok
    assert "revoked on" in cover.reason
    assert "end user relisted" in cover.reason
    assert [x.status for x in list_licences(store)] == ["revoked"]
    rows = store.db.conn.execute("SELECT status FROM licences ORDER BY id").fetchall()
    assert [r[0] for r in rows] == ["issued", "amended", "revoked"]
    with pytest.raises(REFUSED, match=REFUSED_MESSAGE):
        store.db.execute("UPDATE licences SET number = 'X'")
    assert audit.verify(store).ok


def test_bad_terms_are_refused_naming_the_value(store: Store, document: Path) -> None:
    with pytest.raises(LicenceError, match="goods 'chips' is neither"):
        add_licence(store, _terms(goods=("chips",)), document=document)
    with pytest.raises(LicenceError, match="destination 'Atlantis' is not a country"):
        add_licence(store, _terms(destinations=("Atlantis",)), document=document)
    with pytest.raises(LicenceError, match="cannot read the licence document"):
        add_licence(store, _terms(), document=document.with_name("missing.pdf"))
    add_licence(store, _terms(), document=document)
    with pytest.raises(LicenceError, match="already registered"):
        add_licence(store, _terms(), document=document)


def test_a_failed_decision_leaves_no_drawdown(store: Store, document: Path) -> None:
    [a] = _lines(store, _line(2))
    licence = add_licence(store, _terms(), document=document)
    with pytest.raises(decisions.DecisionError):
        release_with_licence(
            store, line_id=a, licence_id=licence.id, justification="ok", hit_id=999, on=ON
        )
    assert drawdowns(store, licence.id) == []
    assert audit.verify(store).ok


def test_report_licences_sheet_shows_each_drawdown_of_the_run(
    store: Store, document: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    from screener.core.report.audit_report import write_report

    [a, _b] = _lines(store, _line(2), _line(3, end_user='=HYPERLINK("x")'))
    licence = add_licence(
        store, _terms(end_users=(), holder="=cmd|' /C calc'!A0"), document=document
    )
    release_with_licence(store, line_id=a, licence_id=licence.id, justification="ok", on=ON)
    run_id = runs.get_line(store, a).run_id
    out = write_report(store, run_id, tmp_path / "report.xlsx")
    ws = load_workbook(out)["Licences"]
    rows = list(ws.iter_rows(values_only=True))
    header = rows[0]
    assert len(rows) == 2
    row = dict(zip(header, rows[1], strict=True))
    assert row["Row"] == 2
    assert row["Number"] == "DE-2026-0042"
    assert row["Drawn quantity"] == 60
    assert row["Quantity left now"] == 40
    assert row["End users"] == "any"
    assert row["Document sha256"] == licence.document_sha256
    holder = ws.cell(2, header.index("Holder") + 1)
    assert holder.data_type == "s"  # text, never a formula
    assert holder.quotePrefix


@SQLITE_ONLY  # rewinds a SQLite file's schema
def test_an_existing_database_migrates_and_its_chain_still_verifies(home: Path) -> None:
    """A database made before the licence and search tables gets them on opening."""
    import sqlite3

    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    from screener.core.record.database import migrations_base

    before = Migrations("screener")
    before()(migrations_base.m001_list_store)
    before()(migrations_base.m002_audit_log)
    db = Database(sqlite3.connect(str(home / "screener.db")))
    before.apply(db)
    assert not db["licences"].exists()
    db.close()
    store = Store.open(home)
    [line_id] = _lines(store, _line(2))
    assert store.db["licences"].exists()
    assert store.db["searches"].exists()
    assert runs.get_line(store, line_id).row == 2
    assert audit.verify(store).ok
