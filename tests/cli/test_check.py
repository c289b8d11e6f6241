"""`screener check`: one hypothetical line explained on the command line."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from screener.cli import check


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    # The subcommand on its own parser, so the test does not depend on the other commands.
    parser = argparse.ArgumentParser(prog="screener")
    check.register(parser.add_subparsers())
    args = parser.parse_args(["check", *argv])
    code = args.func(args)
    return code, capsys.readouterr().out


def test_chips_to_india_via_uae(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(["--hs", "8542.31", "--country", "IN", "--transit", "AE"], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "REVIEW: HS 8542.31 to IN via AE"
    assert any("destination IN (India) is a high diversion-risk country" in x for x in lines)
    assert any("transit country AE (United Arab Emirates)" in x for x in lines)
    assert "HS 8542.31 is CHPL Tier 1" in out
    assert "Art. 12g" in out
    assert lines[-1].startswith("policy: Screener defaults")


def test_transit_comma_list_and_repeat(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--hs", "8542.31", "--destination", "DE", "--transit", "TR,UZ", "--transit", "RU"]
    _, out = run(argv, capsys)
    assert out.startswith("BLOCK: HS 8542.31 to DE via TR, UZ, RU")
    assert "transit country TR" in out
    assert "transit country UZ" in out


def test_json_records_policy_and_findings(capsys: pytest.CaptureFixture[str]) -> None:
    _, out = run(["--hs", "90121", "--country", "Crimea", "--json"], capsys)
    data = json.loads(out)
    assert data["verdict"] == "block"
    assert {f["code"] for f in data["findings"]} == {"region", "hs_restored"}
    assert data["policy"]["version"]
    assert len(data["policy"]["sha256"]) == 64


def test_user_policy_is_used_and_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    policy = tmp_path / "ours.toml"
    policy.write_text('[policy]\nname = "Ours"\nversion = "7"\njurisdictions = ["US"]\n')
    _, out = run(["--hs", "0901.21", "--country", "Cuba", "--policy", str(policy)], capsys)
    assert out.startswith("BLOCK:")
    assert f"policy: Ours 7 ({policy})" in out


def test_unreadable_values_are_reviewed_not_cleared(capsys: pytest.CaptureFixture[str]) -> None:
    _, out = run(["--hs", "85x", "--country", "Narnia"], capsys)
    assert out.startswith("REVIEW:")
    assert "'85x'" in out
    assert "'Narnia'" in out


def test_dual_use_eccn_for_a_russian_end_user_blocks(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--hs", "8471.50", "--eccn", "4A003.b", "--country", "AM", "--end-user-country", "RU"]
    code, out = run(argv, capsys)
    assert code == 0
    assert out.startswith("BLOCK:")
    assert "ECCN 4A003 (computers" in out
    assert "Reg. (EU) 833/2014 Art. 2" in out
