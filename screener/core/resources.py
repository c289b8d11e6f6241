"""The bundled reference tables (`lists/`): where they are, and reading them with clear errors."""

from __future__ import annotations

import csv
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from screener.core.errors import ScreenerError

# `SCREENER_LISTS` is taken (the folder of official list files); this one is for `lists/`.
ENV_REFERENCE_DIR = "SCREENER_REFERENCE_DIR"


def lists_dir() -> Path:
    """`$SCREENER_REFERENCE_DIR`, else `lists/` inside the frozen bundle, else the repo's."""
    override = os.environ.get(ENV_REFERENCE_DIR)
    if override:
        return Path(override).expanduser()
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "lists"
    return Path(__file__).resolve().parents[2] / "lists"


def resources_dir() -> Path:
    """`resources/` (icons, self-test fixture): inside the frozen bundle, else the repo's."""
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


class ReferenceDataError(ScreenerError):
    """A reference table in `lists/` (or the policy) that is missing or does not parse."""

    def __init__(self, path: Path, reason: str, *, row: int | None = None) -> None:
        self.path = path
        self.row = row
        where = f"{path}, row {row}" if row is not None else str(path)
        super().__init__(f"{where}: {reason}")


def read_table(path: Path, columns: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number as a spreadsheet shows it, row) for each row; checks the header first."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in columns if c not in (reader.fieldnames or ())]
            if missing:
                raise ReferenceDataError(path, f"missing column(s): {', '.join(missing)}", row=1)
            for number, row in enumerate(reader, start=2):
                yield number, {k: (v or "").strip() for k, v in row.items() if k}
    except FileNotFoundError:
        raise ReferenceDataError(path, "file not found") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ReferenceDataError(path, f"cannot read as UTF-8 CSV ({exc})") from None
