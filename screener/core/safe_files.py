"""Refusing what is not a regular file before it is opened: reading a pipe or a device such as
/dev/zero would wait or run for ever. Order files, list files and names files all pass here."""

from __future__ import annotations

import stat
from pathlib import Path

from screener.core.errors import ScreenerError


def require_regular_file(path: Path, *, what: str = "file", max_bytes: int | None = None) -> int:
    """The file's size; a pipe, device, folder or oversized file is a `ScreenerError`."""
    try:
        info = path.stat()
    except OSError as exc:
        raise ScreenerError(f"{path}: cannot read the {what} ({exc.strerror or exc})") from exc
    a = "an" if what[:1] in "aeiou" else "a"
    if stat.S_ISDIR(info.st_mode):
        raise ScreenerError(f"{path}: is a folder, not {a} {what}")
    if not stat.S_ISREG(info.st_mode):
        kind = "a pipe" if stat.S_ISFIFO(info.st_mode) else "a device or socket"
        raise ScreenerError(f"{path}: is {kind}, not a regular {what}; save it to a file first")
    if max_bytes is not None and info.st_size > max_bytes:
        raise ScreenerError(
            f"{path}: {info.st_size / 2**20:,.1f} MiB is more than the"
            f" {max_bytes / 2**20:,.0f} MiB {a} {what} may be"
        )
    return info.st_size
