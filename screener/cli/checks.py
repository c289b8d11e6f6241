"""Argument checks made before any work starts: a mistyped value or an unusable output path
ends in one line, never in a traceback after a run was recorded, nor in "0 hit(s)"."""

from __future__ import annotations

import argparse
import math
import os
from pathlib import Path

from screener.core.errors import ScreenerError
from screener.core.safe_files import require_regular_file

MAX_NAMES_FILE_BYTES = 16 * 2**20  # a names file is a list of names, not a data dump


def threshold(text: str) -> float:
    """A score threshold in (0, 1]; 85 (a percentage by mistake) is refused with a hint."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if math.isnan(value) or math.isinf(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a score between 0 and 1")
    if 1 < value <= 100:
        raise argparse.ArgumentTypeError(
            f"{text} is above 1: scores run from 0 to 1; for {value:g}% give {value / 100:g}"
        )
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"{text} is not a score above 0 and at most 1")
    return value


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is less than 1")
    return value


def output_file(path: Path | None, *, suffix: str | None = None, what: str = "output") -> None:
    """Refuse, before a run starts, an output that could not be written at the end."""
    if path is None:
        return
    if path.is_dir():
        raise ScreenerError(f"{path}: is a folder; give a file name for the {what}")
    if suffix is not None and path.suffix.lower() != suffix:
        raise ScreenerError(f"{path}: the {what} is a {suffix} file; use a {suffix} name")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise ScreenerError(f"{parent}: folder does not exist (for the {what} {path.name})")
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ScreenerError(f"{path}: cannot be written (no permission)")


MAX_SETTINGS_FILE_BYTES = 2**20  # a mapping profile or policy is a few lines


def settings_file(path: Path | None, *, what: str) -> None:
    """A mapping profile or policy file: a regular file of bounded size (a pipe would hang)."""
    if path is not None:
        require_regular_file(path, what=what, max_bytes=MAX_SETTINGS_FILE_BYTES)


def names_file(path: Path) -> str:
    """The text of a names file: a regular file, of bounded size."""
    require_regular_file(path, what="names file", max_bytes=MAX_NAMES_FILE_BYTES)
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScreenerError(f"{path}: cannot read names ({exc})") from exc
