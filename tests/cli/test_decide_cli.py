"""`screener decide`, `screener approvals` and `screen --carry-forward` from the command line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from screener.cli import main
from tests.core.decision_fixtures import acting_as
from tests.core.test_rescreen import FABRIKAM, NORDLICHT, ORDERS, _un_list


def test_decide_approve_and_carry_forward(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    orders = tmp_path / "orders.csv"
    orders.write_text(ORDERS, encoding="utf-8")
    h = ["--home", str(home)]
    assert (
        main([*h, "lists", "import", str(_un_list(tmp_path, "2026-01-01", FABRIKAM, NORDLICHT))])
        == 0
    )
    assert main([*h, "screen", "--allow-stale", str(orders)]) == 0
    capsys.readouterr()

    assert main([*h, "decide", "status", "1"]) == 0
    out = capsys.readouterr().out
    assert "3 lines; 1 need no decision, 2 undecided, 0 pending approval, 0 decided" in out
    assert "row 3 [block] undecided (0 of 1 hit decided)" in out
    hit_id = re.search(r"\[ \] hit (\d+): Nordlicht Handels GmbH", out).group(1)  # type: ignore[union-attr]

    clear = [*h, "decide", "line", "1", "3", "cleared", "--hit", hit_id]
    with acting_as("anna"):
        assert main([*clear, "-j", "ok"]) == 2
        assert "needs a reason" in capsys.readouterr().err
        assert main([*clear, "-j", "registered 1998 in Dubai, listed one in Pyongyang",
                     "--reason", "different_country"]) == 0  # fmt: skip
        out = capsys.readouterr().out
        assert "pending approval by a second person" in out
        assert "row 3: pending approval (0 of 1 hit decided, 1 pending approval)" in out
        decision_id = re.search(r"decision (\d+):", out).group(1)  # type: ignore[union-attr]
        assert main([*h, "approvals", "approve", decision_id]) == 2
        assert "recorded by anna: a second person must approve" in capsys.readouterr().err
    assert main([*h, "approvals", "list"]) == 0
    assert f"decision {decision_id}: Cleared (false positive) of" in capsys.readouterr().out
    with acting_as("ben"):
        assert main([*h, "approvals", "approve", decision_id, "-j", "checked"]) == 0
    assert "is in force" in capsys.readouterr().out

    assert main([*h, "decide", "party", "1", "Fabrikam Precision Machinery Trading", "un_sc",
                 "9100001", "blocked", "-j", "the listed company"]) == 0  # fmt: skip
    assert "Blocked of 1 hits on 1 lines" in capsys.readouterr().out
    assert main([*h, "decide", "status", "1"]) == 0
    assert "2 decided" in capsys.readouterr().out

    # The same file again: the decisions are offered, then carried with --carry-forward.
    assert main([*h, "screen", "--allow-stale", str(orders)]) == 0
    assert "this file was screened in run 1 on" in capsys.readouterr().out
    assert main([*h, "screen", "--allow-stale", str(orders), "--carry-forward"]) == 0
    assert "carried forward 2 decisions from run 1" in capsys.readouterr().out
    assert main([*h, "decide", "status", "3"]) == 0
    assert "2 decided" in capsys.readouterr().out
    assert main([*h, "audit", "verify"]) == 0
