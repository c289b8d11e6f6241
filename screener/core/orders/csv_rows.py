"""Raw rows of a textual order file (CSV, TSV, semicolon-separated exports): its encoding and
delimiter sniffed, physical lines capped so a giant line is cut and reported, not read whole."""

from __future__ import annotations

import codecs
import contextlib
import csv
import functools
import io
from collections.abc import Iterable, Iterator
from pathlib import Path

from screener.core.orders.header_rows import find_header, header_score
from screener.core.orders.legacy_encodings import guess_legacy
from screener.core.orders.mapping import HEADER_SCAN_ROWS
from screener.core.orders.model import OrdersFileError
from screener.core.orders.raw import HEAD_BYTES, MAX_COLUMNS, RawRow, Table

# csv's own field limit is 131,072 characters; keep a physical line below it so a giant
# line is cut (and reported) instead of read whole into memory.
MAX_LINE_CHARS = 131_000

CSV_DELIMITERS = (";", ",", "\t", "|")


def text_encoding(head: bytes) -> tuple[str, str]:
    """(codec, note) for a CSV head: BOMs first, then UTF-16 by its NULs, UTF-8, cp1252."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", ""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", ""
    sample = head[:4096]
    controls = sum(1 for b in sample if b < 32 and b not in b"\t\n\r\x0c\x1a\x00")
    if controls > len(sample) // 10:
        return "binary", ""
    if sample.count(0) > len(sample) // 4:
        odd, even = sample[1::2].count(0), sample[0::2].count(0)
        if odd > len(sample) // 3:
            return "utf-16-le", "read as UTF-16 (no byte-order mark)"
        if even > len(sample) // 3:
            return "utf-16-be", "read as UTF-16 (no byte-order mark)"
        return "binary", ""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut by the head boundary
            return "cp1252", "read as Windows-1252 (not valid UTF-8)"
    return "utf-8", ""


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    # A UTF-8 file with a stray Windows-1252 byte further down (pasted from another program):
    # decode that byte as Windows-1252 rather than failing or losing it.
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start : exc.end].decode("cp1252", errors="replace"), exc.end


codecs.register_error("screener-cp1252", _cp1252_fallback)


def _sniff_delimiter(lines: list[str]) -> str:
    """The delimiter that splits the first lines most consistently into the most fields."""
    best, best_score = ",", -1
    for delimiter in CSV_DELIMITERS:
        counts = [len(r) for r in csv.reader(lines, delimiter=delimiter) if any(r)]
        if not counts:
            continue
        mode = max(set(counts), key=lambda c: (counts.count(c), c))
        score = mode * counts.count(mode) if mode > 1 else 0
        if score > best_score:
            best, best_score = delimiter, score
    return best


def open_csv(path: Path) -> Table:
    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
    encoding, note = text_encoding(head)
    if encoding == "cp1252":  # not UTF-8: which of the legacy code pages
        encoding, note = _legacy_code_page(head)
    errors = "screener-cp1252" if encoding == "utf-8" else "replace"
    text = head.decode(encoding, errors="replace")
    lines = text.replace("\x00", "").splitlines()[:50]
    delimiter = _sniff_delimiter(lines[:-1] if len(lines) > 1 else lines)
    fh = path.open("rb")
    stream = io.TextIOWrapper(fh, encoding=encoding, errors=errors, newline="")
    return Table(
        kind="csv",
        sheets=(),
        sheet="",
        rows=_csv_rows(path, stream, delimiter),
        encoding=encoding,
        delimiter=delimiter,
        notes=(note,) if note else (),
        _closer=stream,
    )


@functools.lru_cache(maxsize=8)  # a file is opened to inspect it, then to read it
def _legacy_code_page(head: bytes) -> tuple[str, str]:
    return guess_legacy(head, rank=_header_rank)


def _header_rank(text: str) -> float:
    """How much of a header row the first lines of `text` give."""
    lines = text.replace("\x00", "").splitlines()[:HEADER_SCAN_ROWS]
    rows = list(csv.reader(lines, delimiter=_sniff_delimiter(lines)))
    found = find_header(rows)
    return header_score(found[1]) if found else 0.0


class _Lines:
    """Physical lines, NULs dropped, each cut at MAX_LINE_CHARS (the cut remembered)."""

    def __init__(self, stream: io.TextIOWrapper) -> None:
        self.stream = stream
        self.cut = False
        self.last = ""  # the line handed out last
        self.count = 0  # physical lines handed out
        self.quotes = 0  # quote characters in them: odd at the end means one never closed
        self.ended = False

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = self.stream.readline(MAX_LINE_CHARS)
        if not line:
            self.ended = True
            raise StopIteration
        if len(line) >= MAX_LINE_CHARS and not line.endswith(("\n", "\r")):
            self.cut = True
            while True:  # skip the rest of the giant line, in bounded pieces
                rest = self.stream.readline(MAX_LINE_CHARS)
                if not rest or rest.endswith(("\n", "\r")):
                    break
            line += "\n"
        self.last = line.replace("\x00", "") if "\x00" in line else line
        self.count += 1
        self.quotes += self.last.count('"')
        return self.last

    def skip_quoted(self) -> bool:
        """Skip to the end of a quoted cell that began before the last line (csv gave up on
        it): otherwise each line inside the cell would come out as an order line of its own."""
        line = self.last
        while line:
            at = 0
            while (at := line.find('"', at)) >= 0:
                if line.startswith('""', at):  # an escaped quote inside the cell
                    at += 2
                    continue
                return True  # the closing quote: the record's other cells here are lost
            line = next(self, "")
        return False  # the quote is never closed


def _csv_rows(path: Path, stream: io.TextIOWrapper, delimiter: str) -> Iterator[RawRow]:
    lines = _Lines(stream)
    reader: Iterable[list[str]] = csv.reader(lines, delimiter=delimiter)
    number = 0
    with contextlib.closing(stream):
        iterator = iter(reader)
        while True:
            start, quotes = lines.count + 1, lines.quotes
            try:
                values = next(iterator)
            except StopIteration:
                return
            except csv.Error as exc:  # e.g. a quoted field running past csv's limit
                number += 1
                why = f"cannot be read as CSV ({exc})"
                if "field limit" in str(exc):
                    if not lines.skip_quoted():
                        raise _unclosed(path, start) from exc
                    why = (
                        f"cannot be read: a quoted cell runs past {MAX_LINE_CHARS:,} characters "
                        "(or a quote is never closed)"
                    )
                lines.cut = False
                yield RawRow(number, [], issues={0: why})
                continue
            except (OSError, UnicodeError) as exc:
                raise OrdersFileError(f"{path}: cannot read after record {number} ({exc})") from exc
            if lines.ended and (lines.quotes - quotes) % 2:
                raise _unclosed(path, start)  # csv ran to the end inside one quoted cell
            number += 1
            cut, lines.cut = lines.cut, False
            if len(values) > MAX_COLUMNS:
                values, cut = values[:MAX_COLUMNS], True
            yield RawRow(number, values, cut=cut)


def _unclosed(path: Path, line: int) -> OrdersFileError:
    return OrdersFileError(
        f'{path}: line {line}: a quote (") opened here is never closed, so every line after it'
        " would be read into one cell; nothing was recorded - fix the quote or export again"
    )
