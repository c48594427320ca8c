"""Spreadsheets in (ARCHITECTURE §6a): the limits a workbook must pass before any cell is read.

A 1.5 KB .xlsx can declare a sheet of 16,384 columns × 1,048,576 rows, and a 0.5 MB zip can unpack
to gigabytes; the reader would allocate for all of it. So before the reader sees a file we look at
what it declares, cheaply and with bounded reads: the file's size, the zip's number of members,
each member's declared unpacked size and compression ratio, each worksheet's <dimension ref=…>
(from the first bytes of the sheet only), and in an .ods the repeated rows and columns that carry
a value. An .xls (BIFF8) is bounded by its own format (65,536 rows × 256 columns) and by its size.
What cannot be seen this cheaply (a sheet without a dimension whose cells lie far apart, a zip
header that lies) is caught by reading in a child process with a memory cap (core.calamine_reader).

The limits are settings (README, "Configuration"); docs/decisions.md says why these values.
"""

import io
import re
import struct
import zipfile
from dataclasses import dataclass
from typing import IO, Any
from xml.parsers import expat

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import ValidationFailed, msg

MAX_MEMBERS = 1000  # an .xlsx from Excel or WPS has 10–30 parts; thousands is no spreadsheet
RATIO_FROM_BYTES = 1 << 20  # smaller parts may compress as well as they like: they cannot hurt
DIMENSION_PEEK = 1 << 16  # Excel writes <dimension> within the first few hundred bytes of a sheet
_EOCD = b"PK\x05\x06"
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s[^>]*?ref=\"\$?([A-Za-z]{1,4})\$?(\d{1,8})"
                        rb"(?::\$?([A-Za-z]{1,4})\$?(\d{1,8}))?\"")
_SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData[\s>/]")
_WORKSHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$")


class UnreadableFile(ValidationFailed):
    code = "unreadable"

    def __init__(self, message: Any):
        super().__init__(message, field="file")


class TableTooLarge(UnreadableFile):
    code = "too_large"


@dataclass(frozen=True)
class TableLimits:
    max_mb: int
    columns: int
    rows: int
    cells: int
    unpacked_mb: int
    ratio: int

    @classmethod
    def from_settings(cls) -> "TableLimits":
        return cls(max_mb=settings.GONGHUI_ROSTER_MAX_MB, columns=settings.GONGHUI_TABLE_MAX_COLUMNS,
                   rows=settings.GONGHUI_TABLE_MAX_ROWS, cells=settings.GONGHUI_TABLE_MAX_CELLS,
                   unpacked_mb=settings.GONGHUI_TABLE_MAX_UNPACKED_MB, ratio=settings.GONGHUI_TABLE_MAX_RATIO)


def size_of(file: IO[bytes]) -> int:
    file.seek(0, io.SEEK_END)
    size = file.tell()
    file.seek(0)
    return size


def check_size(file: IO[bytes], limits: TableLimits) -> None:
    if size_of(file) > limits.max_mb * 1024 * 1024:
        raise TableTooLarge(msg(_("文件不能超过 %(n)d MB；请把名单拆成几个文件分别上传。"), {"n": limits.max_mb}))


def column_number(letters: bytes) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ch - 64
    return number


def check_extent(columns: int, rows: int, limits: TableLimits) -> None:
    words = {"columns": columns, "rows": rows, "max_columns": limits.columns, "max_rows": limits.rows,
             "max_cells": limits.cells}
    if columns > limits.columns:
        raise TableTooLarge(msg(_("表格声明的范围为 %(columns)d 列 × %(rows)d 行，超过上限 %(max_columns)d 列。"
                                  "请删除多余的列（或把数据复制到新表格）后再上传。"), words))
    if rows > limits.rows:
        raise TableTooLarge(msg(_("表格声明的范围为 %(columns)d 列 × %(rows)d 行，超过上限 %(max_rows)d 行。"
                                  "请分成几个文件上传。"), words))
    if columns * rows > limits.cells:
        raise TableTooLarge(msg(_("表格声明的范围为 %(columns)d 列 × %(rows)d 行，超过上限 %(max_cells)d 个单元格。"
                                  "请删除多余的行列或分成几个文件上传。"), words))


def check_package(file: IO[bytes], ext: str, limits: TableLimits) -> None:
    """Refuse a workbook whose declarations pass a limit; read nothing but the zip's directory and
    the first bytes of each sheet. `file` is left at its start."""
    try:
        if ext in ("xlsx", "ods"):
            _check_zip(file, ext, limits)
    finally:
        file.seek(0)


def _member_count(file: IO[bytes]) -> int:
    # Read from the end record before zipfile builds an object per member.
    size = size_of(file)
    file.seek(max(0, size - (1 << 16) - 22))
    tail = file.read()
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) < at + 22:
        raise UnreadableFile(_("无法读取该表格文件（文件可能已损坏或设置了密码）。"))
    return int(struct.unpack_from("<H", tail, at + 10)[0])


def _check_zip(file: IO[bytes], ext: str, limits: TableLimits) -> None:
    damaged = UnreadableFile(_("无法读取该表格文件（文件可能已损坏或设置了密码）。"))
    count = _member_count(file)
    if count > MAX_MEMBERS:
        raise TableTooLarge(msg(_("文件包含 %(count)d 个部件，超过上限 %(max)d 个，不像是一个表格文件。"),
                                {"count": count, "max": MAX_MEMBERS}))
    try:
        package = zipfile.ZipFile(file)
        members = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise damaged from exc
    total = sum(member.file_size for member in members)
    if total > limits.unpacked_mb * 1024 * 1024:
        raise TableTooLarge(msg(_("文件解压后为 %(size)d MB，超过上限 %(max)d MB。请分成几个文件上传。"),
                                {"size": total // (1024 * 1024), "max": limits.unpacked_mb}))
    for member in members:
        if member.file_size > RATIO_FROM_BYTES and member.file_size > limits.ratio * max(member.compress_size, 1):
            ratio = member.file_size // max(member.compress_size, 1)
            raise TableTooLarge(msg(_("文件中的“%(part)s”压缩比为 %(ratio)d:1，超过上限 %(max)d:1，"
                                      "可能是恶意构造的文件。"),
                                    {"part": member.filename[:60], "ratio": ratio, "max": limits.ratio}))
    try:
        if ext == "xlsx":
            for member in members:
                if _WORKSHEET.match(member.filename):
                    with package.open(member) as part:
                        _check_dimension(part.read(DIMENSION_PEEK), limits)
        elif "content.xml" in package.namelist():
            with package.open("content.xml") as part:
                _check_ods_repeats(part, limits)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, OSError, EOFError) as exc:
        raise damaged from exc


def _check_dimension(head: bytes, limits: TableLimits) -> None:
    data = _SHEET_DATA.search(head)
    found = _DIMENSION.search(head, 0, data.start() if data else len(head))
    if not found:
        return  # no dimension declared: the memory cap of the reader is the guard
    first_col, first_row, last_col, last_row = found.groups()
    last_col, last_row = last_col or first_col, last_row or first_row
    columns = column_number(last_col) - column_number(first_col) + 1
    rows = int(last_row) - int(first_row) + 1
    # The reader allocates from A1 when the used area starts lower, so the extent is counted from there.
    check_extent(max(columns, column_number(last_col)), max(rows, int(last_row)), limits)


_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def _check_ods_repeats(part: IO[bytes], limits: TableLimits) -> None:
    """Stream content.xml (no tree kept) and measure each table as the reader would: up to the last
    row and column that hold a value, counting repeats. LibreOffice repeats empty rows and columns to
    the sheet's end; only a repeated cell with a value makes the reader allocate."""
    state = {"row": 0, "col": 0, "rows": 0, "cols": 0, "row_repeat": 1, "valued": False}

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == f"{_TABLE} table":
            state.update(row=0, rows=0, cols=0)
        elif name == f"{_TABLE} table-row":
            state.update(col=0, valued=False, row_repeat=_repeat(attrs, "number-rows-repeated"))
        elif name in (f"{_TABLE} table-cell", f"{_TABLE} covered-table-cell"):
            repeat = _repeat(attrs, "number-columns-repeated")
            state["col"] += repeat
            if f"{_OFFICE} value-type" in attrs:
                state["valued"] = True
                state["cols"] = max(state["cols"], state["col"])
                check_extent(state["cols"], max(state["rows"], state["row"] + 1), limits)

    def end(name: str) -> None:
        if name == f"{_TABLE} table-row":
            state["row"] += state["row_repeat"]
            if state["valued"]:
                state["rows"] = state["row"]
                check_extent(max(state["cols"], 1), state["rows"], limits)

    def no_doctype(*_args: Any) -> None:
        raise UnreadableFile(_("文件内容不是有效的 .ods 表格，请用 Excel 或 WPS 另存后再上传。"))

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = no_doctype  # an .ods has no DTD, so no entity can expand
    try:
        while chunk := part.read(1 << 20):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise UnreadableFile(_("文件内容不是有效的 .ods 表格，请用 Excel 或 WPS 另存后再上传。")) from exc


def _repeat(attrs: dict[str, str], name: str) -> int:
    value = attrs.get(f"{_TABLE} {name}", "1")
    return int(value) if value.isdigit() and len(value) < 12 else 1
