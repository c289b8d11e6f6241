"""A fast, defused, streaming reader for the first worksheet of an .xlsx list file.

Read straight from the sheet XML with expat callbacks: openpyxl's read-only mode takes ~3 s for
the 18,798 x 36 OFSI ConList.xlsx, this well under half that. Any DOCTYPE or entity
declaration is refused (spreadsheet XML never carries one), so entity bombs and XXE cannot work.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

import defusedxml.ElementTree as safe_et
from defusedxml import DefusedXmlException

from screener.core.errors import ListFileError
from screener.core.lists.importers._common import check_zip_bomb, local


def xlsx_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(row number, cell texts by column) for every row of the first worksheet, streamed."""
    check_zip_bomb(path)
    try:
        with zipfile.ZipFile(path) as zf:
            sheet, strings_part = _workbook_parts(path, zf)
            strings = _shared_strings(path, zf, strings_part) if strings_part else []
            yield from _sheet_rows(path, zf, sheet, strings)
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError) as exc:
        raise ListFileError(path, f"the workbook is damaged ({exc}); truncated download?") from exc
    except OSError as exc:
        raise ListFileError(path, f"cannot read file ({exc.strerror or exc})") from exc


_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_CHUNK = 1 << 20


class _Hostile(Exception):
    """A DOCTYPE or entity in a workbook part: spreadsheet XML never carries one."""


def _workbook_parts(path: Path, zf: zipfile.ZipFile) -> tuple[str, str | None]:
    """(first worksheet, shared strings) member names, from the workbook's relationships."""
    try:
        rels_root = safe_et.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
        book_root = safe_et.fromstring(zf.read("xl/workbook.xml"))
    except (DefusedXmlException, ParseError) as exc:
        raise ListFileError(path, f"refused: malformed or hostile workbook.xml ({exc})") from exc
    rels: dict[str, tuple[str, str]] = {}
    for el in rels_root.iter():
        if local(el.tag) == "Relationship":
            target = el.get("Target", "").lstrip("/")
            target = target if target.startswith("xl/") else f"xl/{target}"
            rels[el.get("Id", "")] = (el.get("Type", "").rsplit("/", 1)[-1], target)
    sheet_ids = [el.get(f"{_REL_NS}id", "") for el in book_root.iter() if local(el.tag) == "sheet"]
    if not sheet_ids or sheet_ids[0] not in rels:
        raise ListFileError(path, "the workbook has no worksheet")
    strings = next((t for kind, t in rels.values() if kind == "sharedStrings"), None)
    return rels[sheet_ids[0]][1], strings


def _expat(path: Path, part: str) -> expat.XMLParserType:
    """An expat parser that refuses any DOCTYPE, so no entity can be declared or expanded.

    Plain expat callbacks, not ElementTree: building elements for ~700,000 cells took most of
    the import time, and defusedxml's parser is pure Python.
    """

    def refuse(*_: object) -> None:
        raise _Hostile(part)

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse  # type: ignore[assignment]
    parser.buffer_text = True
    return parser


def _feed(
    path: Path, zf: zipfile.ZipFile, part: str, parser: expat.XMLParserType
) -> Iterator[None]:
    """Feed a zip member to `parser` chunk by chunk, yielding after each chunk."""
    try:
        with zf.open(part) as fh:
            while chunk := fh.read(_CHUNK):
                parser.Parse(chunk, False)
                yield
            parser.Parse(b"", True)
            yield
    except _Hostile as exc:
        raise ListFileError(
            path,
            f"refused: {part} declares a DOCTYPE or entities; official workbooks never do,"
            " so the file may be hostile",
        ) from exc
    except expat.ExpatError as exc:
        raise ListFileError(
            path, f"{part} is malformed ({expat.ErrorString(exc.code)}) at line {exc.lineno}"
        ) from exc


def _shared_strings(path: Path, zf: zipfile.ZipFile, part: str) -> list[str]:
    out: list[str] = []
    buf: list[str] = []
    depth = {"t": 0, "rPh": 0}

    def start(name: str, _attrs: dict[str, str]) -> None:
        name = name.rpartition(":")[2]
        if name in depth:
            depth[name] += 1
        elif name == "si":
            buf.clear()

    def end(name: str) -> None:
        name = name.rpartition(":")[2]
        if name in depth:
            depth[name] -= 1
        elif name == "si":
            out.append("".join(buf))

    def text(data: str) -> None:
        # Rich text splits a string into runs; phonetic hints (rPh) are not part of it.
        if depth["t"] and not depth["rPh"]:
            buf.append(data)

    parser = _expat(path, part)
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    for _ in _feed(path, zf, part, parser):
        pass
    return out


def _sheet_rows(
    path: Path, zf: zipfile.ZipFile, part: str, strings: list[str]
) -> Iterator[tuple[int, list[str]]]:
    sheet = _Sheet(path, strings)
    parser = _expat(path, part)
    parser.StartElementHandler = sheet.start
    parser.EndElementHandler = sheet.end
    parser.CharacterDataHandler = sheet.text
    for _ in _feed(path, zf, part, parser):
        yield from sheet.done
        sheet.done.clear()


class _Sheet:
    """Expat callbacks that collect each <row> as a list of cell texts (by column letter)."""

    def __init__(self, path: Path, strings: list[str]) -> None:
        self.path = path
        self.strings = strings
        self.done: list[tuple[int, list[str]]] = []
        self.cells: list[str] = []
        self.buf: list[str] = []
        self.row = 0
        self.col = 0
        self.kind = ""
        self.capture = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        name = name.rpartition(":")[2]
        if name == "c":
            ref = attrs.get("r")
            self.col = _column(ref) if ref else len(self.cells)
            self.kind = attrs.get("t", "")
            self.buf.clear()
        elif name in {"v", "t"}:
            self.capture = True
        elif name == "row":
            self.cells = []
            self.row = int(attrs.get("r") or self.row + 1)

    def end(self, name: str) -> None:
        name = name.rpartition(":")[2]
        if name in {"v", "t"}:
            self.capture = False
        elif name == "c":
            value = "".join(self.buf)
            if self.kind == "s" and value:
                value = _shared(self.path, self.strings, value, self.row)
            if self.col > len(self.cells):
                self.cells.extend([""] * (self.col - len(self.cells)))
            self.cells.append(value)
        elif name == "row":
            self.done.append((self.row, self.cells))

    def text(self, data: str) -> None:
        if self.capture:
            self.buf.append(data)


def _shared(path: Path, strings: list[str], index: str, row: int) -> str:
    try:
        return strings[int(index)]
    except (ValueError, IndexError) as exc:
        raise ListFileError(path, f"row {row}: bad shared-string index {index!r}") from exc


_LETTERS = [chr(65 + i) for i in range(26)]
_COLUMNS = {a: i for i, a in enumerate(_LETTERS)} | {
    a + b: 26 * (i + 1) + j for i, a in enumerate(_LETTERS) for j, b in enumerate(_LETTERS)
}


def _column(ref: str) -> int:
    """'AJ18800' -> 35 (zero-based column index)."""
    letters = ref.rstrip("0123456789")
    col = _COLUMNS.get(letters)
    if col is None:  # three-letter columns: beyond any list layout, but valid xlsx
        col = 0
        for ch in letters.upper():
            col = col * 26 + ord(ch) - 64
        col -= 1
    return col
