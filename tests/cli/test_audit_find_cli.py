"""`screener audit find` pages lines across runs, exact order numbers first;
`screener audit searches` lists recorded searches and exports them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from screener.cli import main
from screener.core.record.database.store import Store
from screener.core.record.review import decisions
from screener.core.record.review.decisions import Action
from tests.core.test_history import _line, _run


def test_find_pages_exact_order_numbers_first(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store.open(home)
    [decided] = _run(store, [_line(14, "4500033", ("Concern Kalashnikov",))])
    decisions.record_decision(store, line_id=decided, action=Action.BLOCKED, justification="SDN")
    _run(store, [_line(r, f"4500033{r}", ("Buyer",)) for r in range(2, 30)], name="test.xlsx")
    store.close()
    args = ["--home", str(home), "audit", "find", "4500033", "--per-page", "10"]
    assert main([*args, "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert (found["total"], found["exact"]) == (29, 1)
    first = found["lines"][0]
    assert (first["line_id"], first["exact_order"], first["decision"]) == (
        decided,
        True,
        "blocked",
    )
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.startswith("lines 1-10 of 29 (1 with this exact order number)\n")
    assert "more: --page 2" in out
    assert main([*args, "--page", "3"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("lines 21-29 of 29")
    assert "more:" not in out
    assert main([*args, "--page", "0"]) == 2


def test_searches_listed_and_exported(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from screener.core.evidence.searches import search_and_record
    from tests.core.test_evidence import KALASH, _list

    store = Store.open(home)
    _list(store, "ofac_sdn", KALASH)
    first, _ = search_and_record(store, "Concern Kalashnikov", channel="gui")
    store.close()
    out = tmp_path / "searches.xlsx"
    assert main(["--home", str(home), "audit", "searches", "--evidence", str(out)]) == 0
    captured = capsys.readouterr()
    assert "Concern Kalashnikov" in captured.out
    assert out.exists()
    assert main(["--home", str(home), "audit", "searches", "--json"]) == 0
    assert [s["id"] for s in json.loads(capsys.readouterr().out)] == [first.id]
