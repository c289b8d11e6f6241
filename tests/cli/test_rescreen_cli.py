"""`screener rescreen` and `screener screen --mapping` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from screener.cli import main
from screener.core.orders import MappingProfile
from tests.core.test_rescreen import FABRIKAM, NORDLICHT, ORDERS, _un_list


def test_rescreen_reports_worse_lines_and_can_fail_a_job(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    orders = tmp_path / "orders.csv"
    orders.write_text(ORDERS, encoding="utf-8")
    h = ["--home", str(home)]
    assert main([*h, "lists", "import", str(_un_list(tmp_path, "2026-01-01", FABRIKAM))]) == 0
    assert main([*h, "screen", "--allow-stale", str(orders)]) == 0
    assert main([*h, "rescreen"]) == 0
    assert "nothing to re-screen" in capsys.readouterr().out

    newer = _un_list(tmp_path, "2026-02-01", FABRIKAM, NORDLICHT)
    assert main([*h, "lists", "import", str(newer)]) == 0
    out = tmp_path / "worse.jsonl"
    assert main([*h, "rescreen", "--json", str(out), "--fail-on-worse"]) == 1
    printed = capsys.readouterr().out
    assert "run 1 -> run 2: 3 lines, 1 worse" in printed
    assert "row 3 (order SO-2): clear -> block" in printed
    (record,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert (record["row"], record["before"], record["after"]) == (3, "clear", "block")
    assert record["parent_run"] == 1


def test_rescreen_rejects_a_malformed_date(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["rescreen", "--since", "25.11.2026"])
    assert "is not a date like" in capsys.readouterr().err


def test_screen_uses_a_saved_mapping_profile(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    orders = tmp_path / "odd.csv"
    orders.write_text(
        "Ref,Party A,Land,Ware,Code\nX-1,Nordlicht Handels GmbH,AE,office furniture,9403.30\n",
        encoding="utf-8",
    )
    profile = tmp_path / "erp.json"
    MappingProfile(
        name="Odd ERP",
        signature="",
        columns=(
            ("order_no", "Ref"),
            ("buyer", "Party A"),
            ("destination", "Land"),
            ("description", "Ware"),
            ("hs_code", "Code"),
        ),
    ).save(profile)
    h = ["--home", str(home)]
    newer = _un_list(tmp_path, "2026-02-01", FABRIKAM, NORDLICHT)
    assert main([*h, "lists", "import", str(newer)]) == 0
    out = tmp_path / "o.jsonl"
    assert (
        main(
            [
                *h,
                "screen",
                "--allow-stale",
                str(orders),
                "--mapping",
                str(profile),
                "--json",
                str(out),
            ]
        )
        == 0
    )
    (line,) = [json.loads(x) for x in out.read_text().splitlines()]
    assert line["verdict"] == "block"
    assert line["parties"][0]["name"] == "Nordlicht Handels GmbH"


def test_screen_names_a_broken_mapping_file(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "broken.json"
    profile.write_text("{not json", encoding="utf-8")
    orders = tmp_path / "o.csv"
    orders.write_text(ORDERS, encoding="utf-8")
    assert (
        main(
            ["--home", str(home), "screen", "--allow-stale", str(orders), "--mapping", str(profile)]
        )
        == 2
    )
    assert f"{profile}: not valid JSON" in capsys.readouterr().err


def test_screen_and_rescreen_apply_a_custom_policy(home: Path, tmp_path: Path) -> None:
    from screener.core.record import runs
    from screener.core.record.database.store import Store

    policy = tmp_path / "strict.toml"
    policy.write_text(
        '[policy]\nname = "Strict"\nversion = "strict-1"\n\n'
        '[severity]\ndual_use_export = "block"\n',
        encoding="utf-8",
    )
    orders = tmp_path / "eccn.csv"
    orders.write_text(
        "Order No.,Customer,Destination,HS Code,ECCN\nSO-7,Tokyo Precision KK,IN,8471.50,4A003\n",
        encoding="utf-8",
    )
    h = ["--home", str(home)]
    assert main([*h, "lists", "import", str(_un_list(tmp_path, "2026-01-01", FABRIKAM))]) == 0
    out = tmp_path / "o.jsonl"
    assert (
        main(
            [
                *h,
                "screen",
                "--allow-stale",
                str(orders),
                "--policy",
                str(policy),
                "--json",
                str(out),
            ]
        )
        == 0
    )
    assert json.loads(out.read_text())["verdict"] == "block"
    store = Store.open(home)
    assert runs.get_run(store, 1).policy_version == "Strict strict-1"
    # The default policy differs from the one the run used: rescreen picks the run up again.
    assert main([*h, "rescreen"]) == 0
    assert runs.get_run(store, 2).policy_version.startswith("Screener defaults")
    (line,) = runs.iter_lines(store, 2)
    assert line.verdict == "review"
