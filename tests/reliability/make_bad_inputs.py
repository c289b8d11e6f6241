"""Generate a corpus of broken and hostile input files (never committed: made on demand).

    .venv/bin/python tests/reliability/make_bad_inputs.py OUT_DIR

or `generate(folder)` from a test. Each `Case` says what the file is, whether it is an order
file or a list file, and how reading it must end: `error` (one clear message naming the file)
or `lines` (readable: every data row comes out as a line, problems reported per row).
"""

from __future__ import annotations

import io
import os
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HEADER = "Order No;Line;Customer;Ship-to Country;HS Code;Description\n"
ROW = "4711;{n};Tokyo Precision KK;JP;8542.31;Microcontrollers\n"


@dataclass(frozen=True, slots=True)
class Case:
    name: str  # file name in the corpus folder
    kind: str  # "orders" or "list"
    expect: str  # "error" or "lines"
    what: str  # one line for the benchmark table
    lines: int = 0  # for "lines": how many order lines must come out
    problem_rows: tuple[int, ...] = ()  # rows that must carry a per-row problem
    message: str = ""  # for "error": a word the message must contain (case-insensitive)
    heavy: bool = False  # big in memory or time if handled wrongly: run it in a subprocess

    def path(self, folder: Path) -> Path:
        return folder / self.name


# ---------------------------------------------------------------- xlsx building blocks

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "{shared}</Types>"
)
_SHARED_TYPE = (
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Orders" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WB_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>{shared}</Relationships>'
)
_SHARED_REL = (
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/>'
)
_SHEET_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _inline_row(number: int, values: list[str]) -> str:
    cells = "".join(
        f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{v}</t></is></c>'
        for i, v in enumerate(values)
    )
    return f'<row r="{number}">{cells}</row>'


def _header_values() -> list[str]:
    return HEADER.strip().split(";")


def _row_values(n: int) -> list[str]:
    return ROW.format(n=n).strip().split(";")


def _sheet_xml(rows: str, *, prolog: str = "", dimension: str = "A1:F3") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet {_SHEET_NS}>'
        f'<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
    )


def _write_xlsx(
    path: Path,
    sheet: str,
    *,
    shared: bytes | None = None,
    shared_chunks: int = 0,
) -> None:
    """A minimal workbook written by hand (cheap even when the sheet claims a million rows).

    `shared` is sharedStrings.xml; `shared_chunks` repeats its middle part that many times
    (streamed into the zip, so a zip bomb never sits in memory here either).
    """
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        with_shared = shared is not None
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES.format(shared=_SHARED_TYPE * with_shared))
        zf.writestr("_rels/.rels", _ROOT_RELS)
        zf.writestr("xl/workbook.xml", _WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", _WB_RELS.format(shared=_SHARED_REL * with_shared))
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
        if shared is not None:
            head, middle, tail = shared.split(b"|")
            with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as out:
                out.write(head)
                for _ in range(max(shared_chunks, 1)):
                    out.write(middle)
                out.write(tail)


def _two_sheet_xlsx(path: Path, hidden: str, visible: str) -> None:
    """Sheet 'Old' hidden and first, sheet 'Orders' visible and active: what Excel opens on."""
    types = _CONTENT_TYPES.format(shared="").replace(
        "</Types>",
        '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    )
    book = _WORKBOOK.replace(
        '<sheets><sheet name="Orders" sheetId="1" r:id="rId1"/></sheets>',
        '<bookViews><workbookView activeTab="1"/></bookViews><sheets>'
        '<sheet name="Old" sheetId="1" state="hidden" r:id="rId1"/>'
        '<sheet name="Orders" sheetId="2" r:id="rId3"/></sheets>',
    )
    rels = _WB_RELS.format(
        shared='<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", types)
        zf.writestr("_rels/.rels", _ROOT_RELS)
        zf.writestr("xl/workbook.xml", book)
        zf.writestr("xl/_rels/workbook.xml.rels", rels)
        zf.writestr("xl/worksheets/sheet1.xml", hidden)
        zf.writestr("xl/worksheets/sheet2.xml", visible)


def _fifo(path: Path) -> None:
    path.unlink(missing_ok=True)
    os.mkfifo(path)


def _forge_size(path: Path, member: str, size: int) -> None:
    """Make the zip's headers claim `member` inflates to `size` bytes (a bomb in disguise)."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        length = int.from_bytes(data[central + 28 : central + 30], "little")
        if data[central + 46 : central + 46 + length] == name:
            data[central + 24 : central + 28] = size.to_bytes(4, "little")
            local = int.from_bytes(data[central + 42 : central + 46], "little")
            data[local + 22 : local + 26] = size.to_bytes(4, "little")
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))


def _forged_bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES.format(shared=_SHARED_TYPE))
        zf.writestr("_rels/.rels", _ROOT_RELS)
        zf.writestr("xl/workbook.xml", _WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", _WB_RELS.format(shared=_SHARED_REL))
        zf.writestr(
            "xl/worksheets/sheet1.xml",
            _sheet_xml(
                _inline_row(1, _header_values()) + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'
            ),
        )
        with zf.open("xl/sharedStrings.xml", "w") as out:
            out.write(
                b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
            )
            for _ in range(200):
                out.write(b"B" * (1 << 20))
            out.write(b"</t></si></sst>")
    _forge_size(path, "xl/sharedStrings.xml", 2048)


def _simple_xlsx_bytes(rows: int = 3) -> bytes:
    body = _inline_row(1, _header_values()) + "".join(
        _inline_row(n, _row_values(n)) for n in range(2, rows + 2)
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES.format(shared=""))
        zf.writestr("_rels/.rels", _ROOT_RELS)
        zf.writestr("xl/workbook.xml", _WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", _WB_RELS.format(shared=""))
        zf.writestr("xl/worksheets/sheet1.xml", _sheet_xml(body))
    return buf.getvalue()


def _dated_hs_xlsx(path: Path) -> None:
    """Row 3's HS code is a date cell, as Excel makes of some codes typed in."""
    import datetime

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(";"))
    for n in range(1, 4):
        row: list[object] = ROW.format(n=n).strip().split(";")
        if n == 2:
            row[4] = datetime.date(2024, 5, 1)
        sheet.append(row)
    book.save(path)


def _encrypted_xlsx() -> bytes:
    """The start of an OLE2 compound file whose directory names an EncryptedPackage stream."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[0x18:0x1A] = b"\x3e\x00"  # minor version
    header[0x1A:0x1C] = b"\x03\x00"  # major version 3
    header[0x1C:0x1E] = b"\xfe\xff"  # little-endian
    header[0x1E:0x20] = b"\x09\x00"  # 512-byte sectors
    directory = bytearray(128 * 4)
    for i, name in enumerate(("Root Entry", "EncryptionInfo", "EncryptedPackage")):
        raw = name.encode("utf-16-le") + b"\x00\x00"
        directory[i * 128 : i * 128 + len(raw)] = raw
        directory[i * 128 + 64 : i * 128 + 66] = len(raw).to_bytes(2, "little")
    return bytes(header) + bytes(directory) + b"\x00" * 4096


_PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35"
    b"\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)

_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE CONSOLIDATED_LIST [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + "]>\n"
)

_UN_ENTRY = (
    "<INDIVIDUAL><DATAID>{n}</DATAID><FIRST_NAME>{name}</FIRST_NAME>"
    "<UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE><REFERENCE_NUMBER>QDi.{n}</REFERENCE_NUMBER>"
    "<LISTED_ON>2001-01-25</LISTED_ON></INDIVIDUAL>\n"
)


def _un_xml(entries: int, name: str = "John Doe") -> str:
    body = "".join(_UN_ENTRY.format(n=n, name=name) for n in range(1, entries + 1))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:00">\n'
        f"<INDIVIDUALS>\n{body}</INDIVIDUALS><ENTITIES></ENTITIES></CONSOLIDATED_LIST>\n"
    )


# ---------------------------------------------------------------- the corpus


def generate(folder: Path, *, write: bool = True) -> list[Case]:
    """Write every bad input into `folder` and return what each must do.

    `write=False` only lists the cases (for test parametrisation), writing nothing.
    """
    folder = Path(folder)
    if write:
        folder.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []

    def add(case: Case, data: bytes | str | Callable[[Path], None]) -> None:
        if write:
            if callable(data):
                data(case.path(folder))
            else:
                raw = data.encode("utf-8") if isinstance(data, str) else data
                case.path(folder).write_bytes(raw)
        cases.append(case)

    good_xlsx = _simple_xlsx_bytes()
    good_csv = HEADER + "".join(ROW.format(n=n) for n in range(1, 4))

    # ---- order files
    add(
        Case("truncated.xlsx", "orders", "error", "xlsx cut in half", message="truncated"),
        good_xlsx[: len(good_xlsx) // 2],
    )
    add(
        Case("corrupt.xlsx", "orders", "error", "zip header, then noise", message="damaged"),
        b"PK\x03\x04" + bytes(range(256)) * 40,
    )
    add(
        Case("encrypted.xlsx", "orders", "error", "encrypted (OLE2) xlsx", message="password"),
        _encrypted_xlsx(),
    )
    bomb = Case("zipbomb.xlsx", "orders", "error", "600 MB sharedStrings, zipped small",
                message="zip bomb", heavy=True)  # fmt: skip
    add(
        bomb,
        lambda path: _write_xlsx(
            path,
            _sheet_xml(_inline_row(1, _header_values())),
            shared=b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b"<si><t>|" + b"A" * (1 << 20) + b"|</t></si></sst>",
            shared_chunks=600,
        ),
    )
    add(
        Case(
            "forged_zipbomb.xlsx",
            "orders",
            "error",
            "200 MB sharedStrings, zip headers claim 2 KB",
            heavy=True,
        ),
        _forged_bomb,
    )
    last = 1_048_576
    max_rows = Case("million_rows.xlsx", "orders", "lines", "sheet claims 1,048,576 rows",
                    lines=2, heavy=True)  # fmt: skip
    add(
        max_rows,
        lambda path: _write_xlsx(
            path,
            _sheet_xml(
                _inline_row(1, _header_values())
                + _inline_row(2, _row_values(2))
                + _inline_row(last, _row_values(last)),
                dimension=f"A1:F{last}",
            ),
        ),
    )
    add(
        Case("utf16.csv", "orders", "lines", "UTF-16 CSV with BOM", lines=3),
        good_csv.encode("utf-16"),
    )
    add(
        Case("utf16_nobom.csv", "orders", "lines", "UTF-16-LE CSV, no BOM", lines=3),
        good_csv.encode("utf-16-le"),
    )
    cp1252 = (
        HEADER
        + "4711;1;Société Générale;FR;8542.31;Gerät\n"
        + "4711;2;Tokyo\x00 Precision;JP\n"  # NUL inside a name, a short (ragged) row
        + "4711;3;Müller GmbH;DE;8542.31;Micro;extra;cells;here\n"  # a long ragged row
        + "4711;4;Ænergy Ltd;GB;85A2;Bad HS\n"
    ).encode("cp1252")
    add(
        Case(
            "cp1252_nul_ragged.csv",
            "orders",
            "lines",
            "cp1252, NUL bytes, ragged rows",
            lines=4,
            problem_rows=(5,),
        ),
        cp1252,
    )
    add(Case("empty.csv", "orders", "error", "empty CSV (0 bytes)", message="empty"), b"")
    add(Case("empty.xlsx", "orders", "error", "empty .xlsx (0 bytes)", message="empty"), b"")
    add(
        Case("blanks.csv", "orders", "error", "only blank lines and NULs", message="no data"),
        b"\r\n\r\n\x00\x00\n   \n",
    )
    add(Case("csv_named.xlsx", "orders", "lines", "CSV named .xlsx", lines=3), good_csv)
    dated = Case("hs_as_date.xlsx", "orders", "lines", "an HS code Excel holds as a date",
                 lines=3, problem_rows=(3,))  # fmt: skip
    add(dated, _dated_hs_xlsx)
    placeholder = Case("placeholder_party.csv", "orders", "lines", "'N/A' as the customer",
                       lines=2, problem_rows=(3,))  # fmt: skip
    add(placeholder, HEADER + ROW.format(n=1) + "4711;2;N/A;JP;8542.31;Microcontrollers\n")
    add(Case("xlsx_named.csv", "orders", "lines", "xlsx named .csv", lines=3), good_xlsx)
    add(
        Case("png_named.xlsx", "orders", "error", "PNG named .xlsx", message="not a spreadsheet"),
        _PNG,
    )
    giant = Case("giant_cell.csv", "orders", "lines", "10 MB in one CSV cell",
                 lines=3, problem_rows=(3,), heavy=True)  # fmt: skip
    add(
        giant,
        (
            HEADER
            + ROW.format(n=1)
            + "4711;2;"
            + "X" * 10_000_000
            + ";JP;8542.31;Big\n"
            + ROW.format(n=3)
        ).encode(),
    )
    giant_q = Case("giant_quoted_cell.csv", "orders", "lines",
                   "10 MB quoted cell with newlines", lines=3, heavy=True)  # fmt: skip
    add(
        giant_q,
        (
            HEADER
            + ROW.format(n=1)
            + '4711;2;"'
            + ("Y" * 999 + "\n") * 10_000
            + '";JP;8542.31;Big\n'
            + ROW.format(n=3)
        ).encode(),
    )
    formulas = _inline_row(1, _header_values()) + "".join(
        f'<row r="{n}">'
        f'<c r="A{n}"><f>1000+{n}</f></c>'  # a formula Excel never calculated
        f'<c r="B{n}"><f>ROW()</f><v>{n}</v></c>'  # a formula with its cached value
        f'<c r="C{n}" t="str"><f>HYPERLINK("http://evil.example","Click")</f>'
        f"<v>Click</v></c>"
        f'<c r="D{n}" t="inlineStr"><is><t>JP</t></is></c>'
        f'<c r="E{n}" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
        f'<c r="F{n}" t="inlineStr"><is><t>=cmd|\' /C calc\'!A0</t></is></c></row>'
        for n in range(2, 5)
    )
    formula_case = Case("formulas.xlsx", "orders", "lines", "formula-laden xlsx",
                        lines=3, problem_rows=(2, 3, 4))  # fmt: skip
    add(formula_case, lambda path: _write_xlsx(path, _sheet_xml(formulas)))
    laughs_sheet = Case("billion_laughs.xlsx", "orders", "error",
                        "xlsx sheet with entity bomb", message="refused", heavy=True)  # fmt: skip
    add(
        laughs_sheet,
        lambda path: _write_xlsx(
            path,
            _sheet_xml(
                _inline_row(1, _header_values()) + _inline_row(2, ["&lol9;"]),
                prolog=_LAUGHS.split("\n", 1)[1].replace("CONSOLIDATED_LIST", "worksheet"),
            ),
        ),
    )
    xxe_sheet = Case(
        "xxe.xlsx", "orders", "error", "xlsx sheet with external entity", message="refused"
    )
    add(
        xxe_sheet,
        lambda path: _write_xlsx(
            path,
            _sheet_xml(
                _inline_row(1, _header_values()) + _inline_row(2, ["4711", "1", "&xxe;"]),
                prolog='<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
            ),
        ),
    )

    # ---- hostile order files (issue 15)
    listed = "ZAGADKIN Fyodor"  # an entry of the seed list
    zwsp = "\u200b".join(listed)
    add(
        Case(
            "invisible_name.csv",
            "orders",
            "lines",
            "listed name, a ZWSP between letters",
            lines=3,
            problem_rows=(3,),
        ),
        HEADER + ROW.format(n=1) + f"4711;2;{zwsp};RU;8542.31;Chips\n" + ROW.format(n=3),
    )
    hidden_rows = _inline_row(1, _header_values()) + _inline_row(2, _row_values(2))
    visible_rows = (
        _inline_row(1, _header_values())
        + _inline_row(2, ["4711", "1", listed, "RU", "8542.31", "Chips"])
        + _inline_row(3, _row_values(3))
    )
    add(
        Case(
            "hidden_first_sheet.xlsx",
            "orders",
            "lines",
            "hidden first sheet harmless, active visible sheet listed",
            lines=2,
        ),
        lambda path: _two_sheet_xlsx(path, _sheet_xml(hidden_rows), _sheet_xml(visible_rows)),
    )
    dup = _inline_row(1, _header_values()) + _inline_row(2, _row_values(2)) * 2
    add(
        Case(
            "duplicate_rows.xlsx",
            "orders",
            "error",
            "sheet XML repeats row 2",
            message="row 2 appears twice",
        ),
        lambda path: _write_xlsx(path, _sheet_xml(dup)),
    )
    backwards = (
        _inline_row(1, _header_values()) + _inline_row(3, _row_values(3))
        + _inline_row(2, _row_values(2))
    )  # fmt: skip
    add(
        Case(
            "rows_out_of_order.xlsx",
            "orders",
            "error",
            "sheet XML row 2 after row 3",
            message="row 2 comes after row 3",
        ),
        lambda path: _write_xlsx(path, _sheet_xml(backwards)),
    )
    add(
        Case(
            "unclosed_quote.csv",
            "orders",
            "error",
            "CSV quote never closed",
            message="line 3: a quote",
        ),
        HEADER + ROW.format(n=1) + '4711;2;"Acme;DE;8542.31;Chips\n' + ROW.format(n=3),
    )
    if hasattr(os, "mkfifo"):  # POSIX
        pipe = Case("orders_fifo.csv", "orders", "error", "a named pipe as the order file",
                    message="is a pipe", heavy=True)  # fmt: skip
        add(pipe, _fifo)

    # ---- list files
    add(
        Case(
            "list_billion_laughs.xml",
            "list",
            "error",
            "UN XML with billion laughs",
            message="refused",
            heavy=True,
        ),
        _LAUGHS + _un_xml(1, "&lol9;"),
    )
    add(
        Case(
            "list_xxe.xml", "list", "error", "UN XML with XXE file:///etc/passwd", message="refused"
        ),
        '<?xml version="1.0"?>\n'
        '<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        + _un_xml(1, "&xxe;").split("\n", 1)[1],
    )
    add(
        Case(
            "list_xxe_param.xml",
            "list",
            "error",
            "UN XML with external parameter entity",
            message="refused",
        ),
        '<?xml version="1.0"?>\n<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY % ext SYSTEM '
        '"http://127.0.0.1:9/evil.dtd"> %ext;]>\n' + _un_xml(1).split("\n", 1)[1],
    )
    full = _un_xml(200)
    add(
        Case("list_truncated.xml", "list", "error", "UN XML cut mid-way", message="truncated"),
        full[: len(full) // 2],
    )
    add(Case("list_empty.xml", "list", "error", "empty list file", message="empty"), b"")
    add(
        Case(
            "list_encrypted.xlsx", "list", "error", "encrypted (OLE2) workbook", message="encrypted"
        ),
        _encrypted_xlsx(),
    )
    add(
        Case("list_truncated.xlsx", "list", "error", "list workbook cut in half"),
        good_xlsx[: len(good_xlsx) // 2],
    )
    add(Case("list_png.csv", "list", "error", "PNG named .csv"), _PNG)
    list_bomb = Case("list_zipbomb.xlsx", "list", "error", "600 MB sharedStrings workbook",
                     message="zip bomb", heavy=True)  # fmt: skip
    add(
        list_bomb,
        lambda path: _write_xlsx(
            path,
            _sheet_xml(_inline_row(1, ["Name 6", "Group Type"])),
            shared=b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b"<si><t>|" + b"Name 6 " * (1 << 17) + b"|</t></si></sst>",
            shared_chunks=700,
        ),
    )
    csl_head = (
        "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,"
        "start_date,end_date,standard_order,license_requirement,license_policy,call_sign,"
        "vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,"
        "remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,"
        "places_of_birth,source_information_url,ids\n"
    )
    add(
        Case(
            "list_csl_giant_cell.csv",
            "list",
            "error",
            "CSL CSV, one 10 MB name, cut file",
            heavy=True,
        ),
        csl_head
        + '1,Entity List (EL) - Bureau of Industry and Security,,Entity,,"'
        + "Z" * 10_000_000,
    )
    if hasattr(os, "mkfifo"):
        pipe = Case("list_fifo.xml", "list", "error", "a named pipe as the list file",
                    message="is a pipe", heavy=True)  # fmt: skip
        add(pipe, _fifo)
    return cases


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: make_bad_inputs.py OUT_DIR", file=sys.stderr)
        return 2
    for case in generate(Path(argv[1])):
        print(f"{case.kind:<6} {case.expect:<5} {case.name:<28} {case.what}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
