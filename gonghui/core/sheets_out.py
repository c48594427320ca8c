"""Spreadsheets out (ARCHITECTURE §6a): every workbook and CSV the product writes goes through here,
so that text somebody typed (a worker's name from a QR join, a cell echoed from an upload) is never
written as something Excel, WPS or LibreOffice would run as a formula.

A text cell that begins with one of OWASP's CSV-injection leaders (= + - @, tab, carriage return)
stays text: in .xlsx it is a string cell with Excel's own quote prefix (the characters exactly as
they were, shown and edited as text, never a formula), in .csv it gets a leading apostrophe, since a
CSV has no cell types to say "this is text". Numbers, dates and booleans are written as they are: a
negative amount written as a number stays a number. Data-validation lists and other formulas we
build ourselves are not cell values and are not touched.
"""

import csv
import datetime
from collections.abc import Iterable, Sequence
from typing import IO, Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

# What a workbook of ours needs beside cells (drop-down lists are formulas of the sheet, not cell values).
__all__ = ["DATETIME_FORMAT", "DATE_FORMAT", "FORMULA_LEADERS", "MONEY_FORMAT", "PERCENT_FORMAT", "CsvWriter",
           "DataValidation", "append", "append_header", "append_typed", "csv_value", "formula_like",
           "get_column_letter", "new_workbook", "put", "safe_row", "set_widths"]

MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
PERCENT_FORMAT = "0.0%"

FORMULA_LEADERS = ("=", "+", "-", "@", "\t", "\r")


def formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_LEADERS)


def csv_value(value: Any) -> Any:
    """A CSV field: text with a formula leader behind an apostrophe, anything else as it is."""
    return "'" + value if formula_like(value) else value


def new_workbook(*, write_only: bool = True) -> Workbook:
    # Write-only by default: rows stream into the file, memory stays flat however many there are.
    return Workbook(write_only=write_only)


def _as_text(cell: Cell, value: str) -> Cell:
    cell.value = value
    cell.data_type = "s"  # openpyxl takes a leading "=" for a formula; this cell is text
    cell.quotePrefix = True
    return cell


def safe_row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """The row ready for `sheet.append`: formula-like text as quote-prefixed string cells."""
    return [_as_text(WriteOnlyCell(sheet), v) if formula_like(v) else v for v in values]


def append(sheet: Any, values: Iterable[Any]) -> None:
    """Append a row to a sheet of either mode (write-only or a normal worksheet)."""
    sheet.append(safe_row(sheet, values))


def put(sheet: Worksheet, row: int, column: int, value: Any) -> Cell:
    """Set one cell of a normal worksheet."""
    cell = sheet.cell(row=row, column=column)
    if formula_like(value):
        return _as_text(cell, value)
    cell.value = value
    return cell


class CsvWriter:
    """csv.writer whose rows are neutralised like a workbook's."""

    def __init__(self, out: IO[str], **options: Any):
        self._writer = csv.writer(out, **options)

    def writerow(self, values: Iterable[Any]) -> None:
        self._writer.writerow([csv_value(v) for v in values])


def set_widths(sheet: Any, widths: Sequence[int]) -> None:
    """Column widths, in characters; a write-only sheet takes them only before its first row."""
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def append_header(sheet: Any, titles: Iterable[Any]) -> None:
    bold = Font(bold=True)
    cells = []
    for title in titles:
        text = str(title)
        cell = _as_text(WriteOnlyCell(sheet), text) if formula_like(text) else WriteOnlyCell(sheet, text)
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)


def _plain(value: Any) -> Any:
    # Excel has no time zones: a moment goes out as the wall-clock time of the deployment's zone.
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def append_typed(sheet: Any, values: Iterable[Any], formats: Sequence[str | None]) -> None:
    """Append a row whose numbers and dates carry a number format (money as 0.00, dates as dates);
    text is neutralised as in `append`."""
    cells: list[Any] = []
    for value, fmt in zip(values, formats, strict=False):
        value = _plain(value)
        if formula_like(value):
            cells.append(_as_text(WriteOnlyCell(sheet), value))
        elif fmt and value is not None and not isinstance(value, str):
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = fmt
            cells.append(cell)
        else:
            cells.append(value)
    sheet.append(cells)
