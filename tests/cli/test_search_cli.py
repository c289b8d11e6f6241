"""`screener search` on the real UN list: JSON contract, order, threshold, explanations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from screener.cli import main


@pytest.fixture
def un_home(un_list: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    un = un_list
    assert main(["--home", str(home), "lists", "import", str(un)]) == 0
    capsys.readouterr()
    return home


def test_json_one_object_per_query_in_input_order(
    un_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = tmp_path / "names.txt"
    names.write_text("Korea Mining Development Trading Corp\n\nBakery Schmidt GmbH\n")
    assert main(["--home", str(un_home), "search", "--json", "--file", str(names)]) == 0
    objects = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["query"] for o in objects] == [
        "Korea Mining Development Trading Corp",
        "Bakery Schmidt GmbH",
    ]
    hits = objects[0]["hits"]
    assert hits[0]["source"] == "un_sc"
    assert hits[0]["name"] == "KOREA MINING DEVELOPMENT TRADING CORPORATION"
    assert hits[0]["score"] >= 0.9
    assert "matched" in hits[0]["explanation"]
    assert set(hits[0]) == {"source", "entry_id", "name", "matched_name", "score", "explanation"}
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert objects[1]["hits"] == []  # a clean name raises no alert


def test_threshold_and_limit(un_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "--home",
                str(un_home),
                "search",
                "--json",
                "--threshold",
                "0.99",
                "Korea Mining Development Trading Corp",
            ]
        )
        == 0
    )
    strict = json.loads(capsys.readouterr().out)["hits"]
    assert all(h["score"] >= 0.99 for h in strict)
    assert (
        main(
            [
                "--home",
                str(un_home),
                "search",
                "--json",
                "--limit",
                "1",
                "--threshold",
                "0.5",
                "Korea Mining",
            ]
        )
        == 0
    )
    assert len(json.loads(capsys.readouterr().out)["hits"]) <= 1


def test_search_without_lists_says_what_to_do(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--home", str(home), "search", "Anything"]) == 2
    assert "lists import" in capsys.readouterr().err


def test_searches_are_recorded_and_exported_as_evidence(
    un_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = ["--home", str(un_home)]
    assert main([*home, "audit", "verify", "--json"]) == 0
    before = json.loads(capsys.readouterr().out)["records"]
    out = tmp_path / "evidence.xlsx"
    args = [*home, "search", "--json", "--evidence", str(out), "Korea Mining Development"]
    assert main([*args, "Bakery Schmidt GmbH"]) == 0
    captured = capsys.readouterr()
    first, second = (json.loads(line) for line in captured.out.splitlines())
    assert "recorded as searches" in captured.err
    assert f"evidence written to {out}" in captured.err
    assert main([*home, "audit", "verify", "--json"]) == 0
    verified = json.loads(capsys.readouterr().out)
    assert verified["ok"]
    assert verified["records"] == before + 2
    from openpyxl import load_workbook

    rows = list(load_workbook(out)["Searches"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[4], r[5]) for r in rows] == [
        (first["search_id"], "cli", "Korea Mining Development"),
        (second["search_id"], "cli", "Bakery Schmidt GmbH"),
    ]
    assert first["groups"][0]["lists"] == ["un_sc"]

    assert main([*home, "search", "--no-record", "Korea Mining Development"]) == 0
    assert "recorded" not in capsys.readouterr().err
    assert main([*home, "audit", "verify", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["records"] == before + 2


def test_search_by_address_alone(un_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--home", str(un_home), "search", "--address", "Pyongyang", "--limit", "3"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("by Pyongyang: 3 listed parties")
    assert "found by address: " in out
