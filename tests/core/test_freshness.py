"""The freshness gate: stale lists stop a screening unless allowed, and are recorded if used."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from screener.cli import main
from screener.core.entries import EntityType, Entry, ParsedList
from screener.core.lists.freshness import StaleListsError, require_fresh, stale_lists
from screener.core.orders.counting import count_lines
from screener.core.record import run_context, runs
from screener.core.record.database.store import Store
from screener.core.report import audit_report as report
from screener.core.rules.policy import PolicyError, load_policy
from screener.core.screening.run import run_screening, screen_file
from tests.conftest import REPO

ORDERS = REPO / "examples" / "orders.csv"
TODAY = datetime.now(UTC).date()


def _add(store: Store, source: str, published: date | None) -> None:
    store.add_list_version(
        ParsedList(
            source=source,
            title=source.upper(),
            format="test",
            published=published,
            published_basis="test",
            files=(Path(f"{source}.csv"),),
            entries=[Entry(entry_id="1", type=EntityType.ORGANIZATION, name="Nobody Listed Ltd")],
        ),
        sha256=source[0] * 64,
        size=1,
    )


def _policy(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "policy.toml"
    path.write_text(f'[policy]\nversion = "t1"\n{body}', encoding="utf-8")
    return path


def test_old_and_undated_lists_are_stale_within_the_policy_limits(tmp_path: Path) -> None:
    store = Store.memory()
    _add(store, "un_sc", TODAY - timedelta(days=3))
    _add(store, "ofac_sdn", TODAY - timedelta(days=263))
    _add(store, "eu_fsf", None)
    _add(store, "us_bis_dpl", TODAY - timedelta(days=10))
    stale = {s.source: s for s in stale_lists(store)}
    assert set(stale) == {"ofac_sdn", "eu_fsf", "us_bis_dpl"}  # the default: 7 days
    assert stale["ofac_sdn"].describe() == "ofac_sdn: 263 days old (policy: at most 7)"
    assert "undated" in stale["eu_fsf"].describe()

    relaxed = load_policy(_policy(tmp_path, "[freshness]\nper_list = { us_bis_dpl = 14 }\n"))
    assert {s.source for s in stale_lists(store, policy=relaxed)} == {"ofac_sdn", "eu_fsf"}
    with pytest.raises(StaleListsError, match="ofac_sdn: 263 days old"):
        require_fresh(store, policy=relaxed, allow_stale=False)
    assert len(require_fresh(store, policy=relaxed, allow_stale=True)) == 2


def test_a_policy_with_a_bad_max_age_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match=r"max_age_days = 'week'"):
        load_policy(_policy(tmp_path, '[freshness]\nmax_age_days = "week"\n'))


def test_screening_refuses_stale_lists_unless_allowed_then_records_them(
    home: Path, tmp_path: Path
) -> None:
    store = Store.open(home)
    _add(store, "ofac_sdn", TODAY - timedelta(days=263))
    with pytest.raises(StaleListsError, match="--allow-stale"):
        run_screening(screen_file(store, ORDERS, allow_stale=False))
    assert runs.list_runs(store) == []  # nothing was recorded

    summary = run_screening(screen_file(store, ORDERS, allow_stale=True))
    context = run_context.get_context(store, summary.run_id)
    assert context is not None
    assert [s.source for s in context.stale] == ["ofac_sdn"]
    lines = list(runs.iter_lines(store, summary.run_id))
    assert lines
    assert all("older than the policy allows: ofac_sdn 263 d" in ln.reasons[-1] for ln in lines)

    out = report.write_report(store, summary.run_id, tmp_path / "r.xlsx")
    summary_rows = dict(openpyxl.load_workbook(out)["Summary"].iter_rows(values_only=True))
    assert "ofac_sdn: 263 days old" in summary_rows["Lists older than the policy allows"]
    assert summary_rows["Completeness"] == f"all {len(lines)} lines screened"


def test_fresh_lists_leave_lines_untouched(home: Path) -> None:
    store = Store.open(home)
    _add(store, "ofac_sdn", TODAY)
    summary = run_screening(screen_file(store, ORDERS, allow_stale=False))
    context = run_context.get_context(store, summary.run_id)
    assert context is not None
    assert context.stale == ()
    assert not any(
        "older than the policy" in r
        for ln in runs.iter_lines(store, summary.run_id)
        for r in ln.reasons
    )


def test_a_cancelled_run_counts_what_was_not_screened_and_its_report_says_partial(
    home: Path, tmp_path: Path
) -> None:
    store = Store.open(home)
    _add(store, "ofac_sdn", TODAY)
    expected = count_lines(ORDERS)
    assert expected == 30  # 31 rows, one of them the header
    gen = screen_file(store, ORDERS, batch_size=10, cancelled=lambda: stopped)
    stopped = False
    first = next(gen)
    assert first.total == expected
    stopped = True
    summary = run_screening(gen)
    assert summary.status == "cancelled"
    run = runs.get_run(store, summary.run_id)
    done = run_context.completeness(run, run_context.get_context(store, run.id))
    assert done.partial
    assert done.screened == 10
    assert done.not_screened == 20
    out = report.write_report(store, run.id, tmp_path / "r.xlsx")
    rows = dict(openpyxl.load_workbook(out)["Summary"].iter_rows(values_only=True))
    assert rows["Completeness"] == "PARTIAL (cancelled): 10 lines screened, about 20 not screened"


def test_cli_screen_needs_allow_stale(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = Store.open(home)
    _add(store, "ofac_sdn", TODAY - timedelta(days=30))
    store.close()
    assert main(["--home", str(home), "screen", str(ORDERS)]) == 2
    assert "ofac_sdn: 30 days old (policy: at most 7)" in capsys.readouterr().err
    assert main(["--home", str(home), "screen", "--allow-stale", str(ORDERS)]) == 0
    captured = capsys.readouterr()
    assert "warning: screening with a stale list: ofac_sdn" in captured.err
    assert "used lists older than the policy allows (recorded)" in captured.out


def test_lines_are_counted_in_a_workbook_without_a_declared_dimension(tmp_path: Path) -> None:
    book = openpyxl.Workbook(write_only=True)  # a streaming writer: no <dimension> element
    sheet = book.create_sheet("Orders")
    sheet.append(["Order No.", "Customer", "Destination", "HS Code"])
    for n in range(1234):
        sheet.append([f"PO-{n}", "Nordlicht Maschinenbau GmbH", "DE", "8482.10"])
    path = tmp_path / "streamed.xlsx"
    book.save(path)
    assert count_lines(path) == 1234
    assert count_lines(tmp_path / "missing.xlsx") is None  # the reader reports that one
