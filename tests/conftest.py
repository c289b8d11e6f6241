"""Test-wide fixtures: where the real list files are, and a fresh home per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared_root() -> Path:
    return Path(os.environ.get("SCREENER_SHARED", REPO.parent / "shared")).resolve()


def require_shared(*parts: str) -> Path:
    """Path under ../shared; fails (not skips) under CI when the data is missing."""
    path = shared_root().joinpath(*parts)
    if not path.exists():
        message = f"shared data missing: {path}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture
def shared_lists() -> Path:
    """`../shared/data/lists`: the real official list files (never copied into the repo)."""
    return require_shared("data", "lists")


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """An empty Screener home (database folder) for one test."""
    path = tmp_path / "home"
    path.mkdir()
    return path


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/ui" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.gui)
