"""Shared plumbing for the importers: sniffing, hostile-input guards, dates, XML.

Every importer module defines `SPEC = ImporterSpec(...)`: a `sniff` that decides from the
file's content whether it is that format, and a `parse` that returns a `ParsedList` or raises
`ListFileError` with a reason the officer can act on.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as safe_et
from defusedxml import DefusedXmlException

from screener.core.entries import ParsedList
from screener.core.errors import ListFileError

# Largest official file today is OFAC's sdn_advanced.xml (~120 MB); leave room, refuse the absurd.
MAX_LIST_FILE_BYTES = 1024 * 1024 * 1024
# An xlsx is a zip: refuse one whose members would inflate past this (zip bomb).
MAX_XLSX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024
HEAD_BYTES = 64 * 1024

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted xlsx and legacy .xls
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True, slots=True)
class Head:
    """The first bytes of a file and what kind of container they look like."""

    path: Path
    data: bytes
    kind: str  # "empty", "zip", "ole2", "xml", "json", "text", "binary"

    @property
    def text(self) -> str:
        """Best-effort decode for sniffing (BOM aware; cp1252 never fails on bytes)."""
        data = self.data
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16", errors="replace")
        data = data.removeprefix(b"\xef\xbb\xbf")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            # A multi-byte character cut by the head boundary is not a reason to give up on UTF-8.
            if exc.start >= len(data) - 4:
                return data[: exc.start].decode("utf-8")
            return data.decode("cp1252", errors="replace")

    def xml_root(self) -> str | None:
        """Local name of the XML root element, skipping prolog, comments and DTD."""
        m = re.search(r"<(?![?!])([\w.-]+:)?([\w.-]+)", self.text)
        return m.group(2) if m else None

    def first_line(self) -> str:
        return self.text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")


@dataclass(frozen=True, slots=True)
class ImporterSpec:
    key: str  # "ofac-legacy-csv"
    description: str  # "OFAC legacy CSV (sdn.csv / cons_prim.csv with add, alt, comments)"
    sniff: Callable[[Head], bool]
    parse: Callable[[Path], ParsedList]
    # Files that are read as part of another file's import (OFAC add.csv, alt.csv ...).
    # Returns the primary file's path when `head` is such a companion.
    companion_of: Callable[[Head], Path | None] | None = None
    # Formats that can leave out a malformed row (`lists import --lenient`) instead of refusing
    # the file; the rows left out are in `ParsedList.skipped`.
    parse_lenient: Callable[[Path], ParsedList] | None = None


def read_head(path: Path) -> Head:
    try:
        size = path.stat().st_size
        if size > MAX_LIST_FILE_BYTES:
            raise ListFileError(
                path,
                f"file is {size / 2**20:.0f} MiB, larger than any official list "
                f"({MAX_LIST_FILE_BYTES / 2**20:.0f} MiB limit)",
            )
        with path.open("rb") as fh:
            data = fh.read(HEAD_BYTES)
    except OSError as exc:
        raise ListFileError(path, f"cannot read file ({exc.strerror or exc})") from exc
    return Head(path=path, data=data, kind=_container_kind(data))


def _container_kind(data: bytes) -> str:
    if not data.strip(b" \t\r\n\x1a\x00"):
        return "empty"
    if data.startswith(ZIP_MAGIC):
        return "zip"
    if data.startswith(OLE2_MAGIC):
        return "ole2"
    stripped = data.removeprefix(b"\xef\xbb\xbf").lstrip()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"
    if stripped.startswith(b"<"):
        return "xml"
    if stripped.startswith(b"{"):
        return "json"
    if b"\x00" in data[:4096]:
        return "binary"
    return "text"


# ---------------------------------------------------------------- XML


def iterparse_xml(path: Path, events: tuple[str, ...] = ("end",)) -> Iterator[tuple[str, Element]]:
    """Stream a list XML with entity expansion and external entities refused.

    Truncation, entity bombs and malformed XML become a `ListFileError` naming the line.
    Callers should `elem.clear()` finished records to keep memory flat.
    """
    try:
        yield from safe_et.iterparse(str(path), events=events)
    except DefusedXmlException as exc:
        raise ListFileError(
            path,
            f"refused: the XML declares entities or external references ({type(exc).__name__});"
            " official lists never do, so the file may be hostile",
        ) from exc
    except ParseError as exc:
        line, col = getattr(exc, "position", (0, 0))
        what = (
            "the file ends early (truncated download?)"
            if "no element found" in str(exc) or "unclosed token" in str(exc)
            else f"malformed XML ({exc.msg if hasattr(exc, 'msg') else exc})"
        )
        raise ListFileError(path, f"{what} at line {line}, column {col}") from exc


def local(tag: str) -> str:
    """Tag without its {namespace}."""
    return tag.rsplit("}", 1)[-1]


def child_text(elem: Element, name: str) -> str:
    """Stripped text of the first direct child with local name `name`, or ""."""
    for child in elem:
        if local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def children(elem: Element, name: str) -> list[Element]:
    return [c for c in elem if local(c.tag) == name]


# ---------------------------------------------------------------- xlsx


def check_zip_bomb(path: Path) -> None:
    """Refuse a zip (xlsx) whose members would inflate past the limit, or that is corrupt."""
    try:
        with zipfile.ZipFile(path) as zf:
            total = sum(info.file_size for info in zf.infolist())
    except zipfile.BadZipFile as exc:
        raise ListFileError(
            path, f"not a readable xlsx/zip file ({exc}); truncated download?"
        ) from exc
    if total > MAX_XLSX_UNCOMPRESSED_BYTES:
        raise ListFileError(
            path, f"refused: the workbook would inflate to {total / 2**20:.0f} MiB (zip bomb?)"
        )


# ---------------------------------------------------------------- dates and text

_DATE_IN_NAME = re.compile(r"(?<!\d)(20\d\d|19\d\d)[-_.]?([01]\d)[-_.]?([0-3]\d)(?!\d)")


_MONTH_IN_NAME = re.compile(r"(?<!\d)(20\d\d|19\d\d)[-_.]([01]\d)(?![\d])")


def date_from_path(path: Path) -> date | None:
    """A YYYY-MM-DD date in the file or folder name (users often file downloads by date).

    A bare YYYY-MM counts as the first of that month: the list is at least that old.
    """
    for pattern in (_DATE_IN_NAME, _MONTH_IN_NAME):
        for part in (path.name, path.parent.name):
            m = pattern.search(part)
            if not m:
                continue
            try:
                return date(int(m[1]), int(m[2]), int(m[3]) if m.lastindex == 3 else 1)
            except ValueError:
                continue
    return None


def fallback_date(path: Path) -> tuple[date | None, str]:
    """For formats that carry no date: the name's date, else the file's modification time."""
    named = date_from_path(path)
    if named:
        return named, "file name"
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).date(), "file time"
    except OSError:
        return None, "unknown"


_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}


def parse_date(text: str, *, dayfirst: bool = True) -> str | None:
    """Normalise a list date to ISO ("YYYY-MM-DD", "YYYY-MM" or "YYYY"); None when unreadable.

    Handles ISO, "dd/mm/yyyy" (UK, EU) or "mm/dd/yyyy" (US, `dayfirst=False`),
    "12 Jan 1960", "Jan 1960", "circa 1960" and a bare year.
    """
    s = text.strip().lower().removeprefix("circa").removeprefix("approximately").strip()
    s = s.removeprefix("ca.").strip()
    if not s:
        return None
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:t.*)?", s):
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", s):
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        d, mo = (a, b) if dayfirst else (b, a)
        return _iso(y, mo, d)
    if m := re.fullmatch(r"(\d{1,2})[/.-](\d{4})", s):
        return _iso(int(m[2]), int(m[1]), None)
    if m := re.fullmatch(r"(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4})", s):
        month = _MONTHS.get(m[2])
        return _iso(int(m[3]), month, int(m[1])) if month else None
    if m := re.fullmatch(r"([a-z]{3})[a-z]*\.?\s+(\d{4})", s):
        month = _MONTHS.get(m[1])
        return _iso(int(m[2]), month, None) if month else None
    if m := re.fullmatch(r"(\d{4})", s):
        return m[1]
    return None


def _iso(y: int, mo: int | None, d: int | None) -> str | None:
    if not (1800 <= y <= 2100):
        return None
    if mo is None:
        return f"{y:04d}"
    if not 1 <= mo <= 12:
        return None
    if d is None:
        return f"{y:04d}-{mo:02d}"
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return None


def clean(value: Any) -> str:
    """Cell/field text with whitespace collapsed; None and OFAC's "-0-" become ""."""
    if value is None:
        return ""
    s = " ".join(str(value).split())
    return "" if s in {"-0-", "-0"} else s


def open_text(path: Path, encodings: tuple[str, ...] = ("utf-8-sig", "cp1252")) -> IO[str]:
    """Open a text list file in the first encoding that decodes all of it."""
    raw = path.read_bytes()
    for enc in encodings:
        try:
            raw.decode(enc)
        except UnicodeDecodeError:
            continue
        return path.open(encoding=enc, newline="")
    raise ListFileError(path, f"text is in none of the expected encodings ({', '.join(encodings)})")
