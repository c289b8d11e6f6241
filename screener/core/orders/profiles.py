"""Mapping profiles: a user-confirmed column mapping, saved per ERP layout.

A profile is keyed by the header signature, so the next export of the same layout is read
without asking; the CLI's `--mapping` file is the same JSON (or a bare {field: header} object).
Profiles live in the record (`record.profiles.ProfileBook`, shared by a team); a folder of
profile files, as older versions saved them, is still read.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from screener.core.errors import ScreenerError
from screener.core.orders.mapping import FIELD_LABELS, key


class MappingProfileError(ScreenerError):
    """A saved mapping profile that cannot be used: the message names the profile file."""


def header_signature(headers: Iterable[str]) -> str:
    """Same ERP layout, same signature: case, spacing and blank trailing columns ignored."""
    keys = [key(h) for h in headers]
    while keys and not keys[-1]:
        keys.pop()
    return hashlib.sha256("\x1f".join(keys).encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class MappingProfile:
    """A user-confirmed mapping for one ERP layout."""

    name: str
    signature: str
    columns: tuple[tuple[str, str], ...]  # (field, header)
    sheet: str = ""

    def as_dict(self) -> dict[str, str]:
        return dict(self.columns)

    def to_json(self) -> str:
        data = {
            "name": self.name,
            "signature": self.signature,
            "sheet": self.sheet,
            "columns": self.as_dict(),
        }
        return json.dumps(data, ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, text: str, *, source: str = "mapping profile") -> MappingProfile:
        """Also accepts a bare {field: header} object (the CLI's --mapping file)."""
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise MappingProfileError(f"{source}: not valid JSON ({exc})") from exc
        if not isinstance(data, dict):
            raise MappingProfileError(f"{source}: expected a JSON object")
        columns = data.get("columns", data if "signature" not in data else None)
        if not isinstance(columns, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in columns.items()
        ):
            raise MappingProfileError(f"{source}: 'columns' must map field names to headers")
        unknown = sorted(set(columns) - set(FIELD_LABELS))
        if unknown:
            raise MappingProfileError(f"{source}: unknown field(s) {', '.join(unknown)}")
        return cls(
            name=str(data.get("name", "")),
            signature=str(data.get("signature", "")),
            columns=tuple(columns.items()),
            sheet=str(data.get("sheet", "")),
        )

    def save(self, path: Path) -> None:
        tmp = path.with_suffix(".tmp")
        tmp.write_text(self.to_json(), encoding="utf-8")
        tmp.replace(path)  # a crash mid-write never leaves half a profile

    @classmethod
    def load(cls, path: Path) -> MappingProfile:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise MappingProfileError(f"{path}: cannot read the mapping profile ({exc})") from exc
        return cls.from_json(text, source=str(path))


class ProfileSource(Protocol):
    """Where saved profiles are found and saved (the record's `ProfileBook`)."""

    def find(self, signature: str) -> MappingProfile | None: ...

    def save(self, profile: MappingProfile) -> str: ...


def save_profile(folder: Path | ProfileSource, profile: MappingProfile) -> Path | str:
    """Store `profile` under its signature (a newer one wins); returns where it went."""
    if not isinstance(folder, Path):
        return folder.save(profile)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{profile.signature}.json"
    profile.save(path)
    return path


def find_profile(folder: Path | ProfileSource, signature: str) -> MappingProfile | None:
    """The saved profile for this header signature, if any."""
    if not isinstance(folder, Path):
        return folder.find(signature)
    path = folder / f"{signature}.json"
    return MappingProfile.load(path) if path.is_file() else None
