"""Guards against hostile order files, before and while they are read.

    with snapshot(path) as snap:          # a private copy: the bytes hashed are the bytes parsed
        check_structure(snap.copy, shown=path)   # rows out of order, unclosed quotes: refused
        ... read_orders(snap.copy) ...

A pipe or device is refused before it is opened (reading one would wait for ever); a file that
changes while it is copied is refused; a workbook whose sheet XML repeats or reorders rows, or
a CSV with a quote that is never closed, is refused with the row or line, before a run is
recorded.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import os
import re
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO, TypeVar

from screener.core.errors import ScreenerError
from screener.core.orders.model import OrdersFileError, row_out_of_order
from screener.core.orders.tables import open_table, sniff_kind
from screener.core.safe_files import require_regular_file

MAX_ORDER_FILE_BYTES = 2 * 1024**3  # far beyond an ERP export; a copy is made of it
_CHUNK = 1 << 20
T = TypeVar("T")
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]([^>]*)")
_ROW_NUMBER = re.compile(rb"""\br\s*=\s*["'](\d+)["']""")


@dataclass(frozen=True, slots=True)
class Snapshot:
    copy: Path  # owner-only temporary copy, removed when the `with` ends
    sha256: str  # of exactly the copied bytes
    size: int


def snapshot(path: Path) -> contextlib.AbstractContextManager[Snapshot]:
    return _snapshot(path)


@contextlib.contextmanager
def _snapshot(path: Path) -> Iterator[Snapshot]:
    try:
        require_regular_file(path, what="order file", max_bytes=MAX_ORDER_FILE_BYTES)
    except OrdersFileError:
        raise
    except ScreenerError as exc:
        raise OrdersFileError(str(exc)) from exc
    fd, name = tempfile.mkstemp(prefix="screener-orders-", suffix=path.suffix or ".dat")
    copy = Path(name)
    try:
        h = hashlib.sha256()
        with open(fd, "wb") as out:
            try:
                with path.open("rb") as src:
                    before = os.fstat(src.fileno())
                    size = _copy(src, out, h)
                    after = os.fstat(src.fileno())
            except OSError as exc:
                raise OrdersFileError(
                    f"{path}: cannot read the file ({exc.strerror or exc})"
                ) from exc
        now = _stat_key(path)
        if _key(before) != _key(after) or _key(after) != now or size != before.st_size:
            raise OrdersFileError(
                f"{path}: the file changed while it was being read (still being written or"
                " synced?); nothing was recorded - screen it again once it is complete"
            )
        yield Snapshot(copy, h.hexdigest(), size)
    finally:
        copy.unlink(missing_ok=True)


def _copy(src: BinaryIO, out: BinaryIO, h: Any) -> int:
    size = 0
    while chunk := src.read(_CHUNK):
        h.update(chunk)
        out.write(chunk)
        size += len(chunk)
    return size


def _key(info: os.stat_result) -> tuple[int, int, int]:
    return info.st_size, info.st_mtime_ns, info.st_ino


def _stat_key(path: Path) -> tuple[int, int, int] | None:
    try:
        return _key(path.stat())
    except OSError:
        return None


def renamed(exc: OrdersFileError, copy: Path, shown: Path) -> OrdersFileError:
    """The same error naming the file the user gave, not the private copy."""
    return OrdersFileError(str(exc).replace(str(copy), str(shown)))


def named_as(lines: Iterator[T], snap: Snapshot, shown: Path) -> Iterator[T]:
    """`lines` read from the copy, with errors naming the file the user gave."""
    try:
        yield from lines
    except OrdersFileError as exc:
        raise renamed(exc, snap.copy, shown) from exc


# ---------------------------------------------------------------- structure


def check_structure(path: Path, *, shown: Path) -> None:
    """Refuse rows out of order in any sheet, or a CSV quote that is never closed."""

    try:
        if sniff_kind(path) == "xlsx":
            _check_sheets(path, shown)
            return
        table = open_table(path)
        try:
            for _ in table.rows:
                pass
        finally:
            table.close()
    except OrdersFileError as exc:
        raise renamed(exc, path, shown) from exc


def _check_sheets(path: Path, shown: Path) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            titles = _sheet_titles(zf)
            for name in zf.namelist():
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    with zf.open(name) as part:
                        _check_rows(part, shown, titles.get(name, Path(name).stem))
    except (zipfile.BadZipFile, OSError, EOFError, zipfile.LargeZipFile):
        return  # damage is reported by the reader, with its own message


def _sheet_titles(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet part name -> the title Excel shows (best effort; messages only)."""
    try:
        book = zf.read("xl/workbook.xml")[: 4 * _CHUNK].decode("utf-8", "replace")
        rels = zf.read("xl/_rels/workbook.xml.rels")[: 4 * _CHUNK].decode("utf-8", "replace")
    except KeyError:
        return {}
    targets = {}
    for tag in re.findall(r"<(?:\w+:)?Relationship\b[^>]*>", rels):
        rid, target = re.search(r'\bId="([^"]+)"', tag), re.search(r'\bTarget="([^"]+)"', tag)
        if rid and target:
            part = target.group(1).lstrip("/")
            targets[rid.group(1)] = part if part.startswith("xl/") else f"xl/{part}"
    titles = {}
    for tag in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", book):
        title, rid = re.search(r'\bname="([^"]*)"', tag), re.search(r'\br:id="([^"]+)"', tag)
        if title and rid and rid.group(1) in targets:
            titles[targets[rid.group(1)]] = html.unescape(title.group(1))
    return titles


def _check_rows(part: IO[bytes], shown: Path, sheet: str) -> None:
    last = 0
    buf = b""
    while True:
        chunk = part.read(_CHUNK)
        buf += chunk
        cut = buf.rfind(b"<") if chunk else len(buf)
        for match in _ROW_TAG.finditer(buf, 0, cut):
            found = _ROW_NUMBER.search(match.group(1))
            number = int(found.group(1)) if found else last + 1
            if number <= last:
                raise row_out_of_order(shown, sheet, number, last)
            last = number
        buf = buf[cut:]
        if not chunk:
            return
