"""`screener self-test`: what the installer and CI run to prove a workstation can screen."""

from __future__ import annotations

import pytest

from screener.cli import main


def test_self_test_passes_and_says_each_step(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["self-test"]) == 0
    out = capsys.readouterr().out
    assert "FAIL" not in out
    assert "screen one line: verdict block" in out
    assert "audit chain OK" in out
    assert out.rstrip().endswith("self-test passed")
