"""`screener lists update` against a local mirror on 127.0.0.1 (there is no internet here)."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from screener.cli import main


@pytest.fixture
def mirror(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    root = tmp_path / "mirror"
    root.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a, **k: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", root
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_update_downloads_checks_and_imports(
    shared_lists: Path,
    un_list: Path,
    mirror: tuple[str, Path],
    home: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url, root = mirror
    shutil.copy(
        un_list,
        root / "un_consolidated.xml",
    )
    shutil.copy(
        shared_lists / "ofac" / "nonsdn_consolidated_xml_2025-03-28" / "consolidated.xml",
        root / "consolidated.xml",
    )
    # The "SDN" address serves something that is not an OFAC XML: refused, nothing replaced.
    (root / "SDN.XML").write_text("<html>maintenance</html>")

    code = main(
        ["--home", str(home), "lists", "update", "un_sc", "ofac_cons", "ofac_sdn", "--mirror", url]
    )
    out = capsys.readouterr().out
    assert code == 1  # one list failed
    assert "imported  un_sc" in out
    assert "imported  ofac_cons" in out
    assert "error: ofac_sdn:" in out
    assert "did not return the expected OFAC SDN List" in out
    assert sorted(p.name for p in (home / "lists").iterdir()) == [
        "consolidated.xml",
        "un_consolidated.xml",
    ]  # no partial or rejected files left

    # Same files again: downloaded, found unchanged.
    assert main(["--home", str(home), "lists", "update", "un_sc", "--mirror", url]) == 0
    assert "unchanged un_sc" in capsys.readouterr().out


def test_update_offline_says_so_and_changes_nothing(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Port 9 on loopback: nothing listens, the connection is refused at once.
    assert (
        main(["--home", str(home), "lists", "update", "un_sc", "--mirror", "http://127.0.0.1:9"])
        == 1
    )
    out = capsys.readouterr().out
    assert "Working offline?" in out
    assert list((home / "lists").iterdir()) == []


def test_truncated_download_is_refused(
    un_list: Path, mirror: tuple[str, Path], home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, root = mirror
    data = un_list.read_bytes()
    (root / "un_consolidated.xml").write_bytes(data[: len(data) // 3])
    assert main(["--home", str(home), "lists", "update", "un_sc", "--mirror", url]) == 1
    assert "truncated" in capsys.readouterr().out
    assert list((home / "lists").iterdir()) == []


def test_unknown_list_name_is_a_clear_error(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--home", str(home), "lists", "update", "nope"]) == 2
    assert "unknown list nope" in capsys.readouterr().err
