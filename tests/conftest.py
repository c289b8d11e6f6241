"""Test-wide fixtures: where the real list files are, and a fresh home per test."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import pgcluster

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
def un_list(shared_lists: Path) -> Path:
    """The real UN Security Council consolidated list (XML): small, every kind of entry."""
    return shared_lists / "un" / "consolidated_xml_2026-02-27" / "consolidated.xml"


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """An empty Screener home (database folder) for one test."""
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[pgcluster.Cluster]:
    """One throwaway PostgreSQL server for the whole session (started on first use)."""
    if pgcluster.pg_bin() is None:
        message = "PostgreSQL is not installed (initdb not found)"
        if os.environ.get("CI") or os.environ.get("SCREENER_REQUIRE_POSTGRES"):
            pytest.fail(message)
        pytest.skip(message)
    cluster = pgcluster.Cluster()
    try:
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture(scope="session")
def pg_template(pg_cluster: pgcluster.Cluster) -> str:
    return pgcluster.team_template(pg_cluster)


_databases = itertools.count(1)


@pytest.fixture
def team_db(pg_cluster: pgcluster.Cluster, pg_template: str) -> str:
    """The name of a fresh team database (set up by `team init`) for one test."""
    return pgcluster.fresh_database(pg_cluster, pg_template, f"team_{next(_databases)}")


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Runs a test once on each backend: `Store.open(home)` opens SQLite in `home`, or a fresh
    team database on the session's PostgreSQL server as a login holding every writing role."""
    if request.param == "postgresql":
        cluster: pgcluster.Cluster = request.getfixturevalue("pg_cluster")
        name = request.getfixturevalue("team_db")
        monkeypatch.setenv("SCREENER_DB", cluster.url("everyone", name))
    else:
        monkeypatch.delenv("SCREENER_DB", raising=False)
    return str(request.param)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/ui" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.gui)
