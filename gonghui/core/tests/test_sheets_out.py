"""Spreadsheets out: text that reads like a formula is written as text, everything else as it is."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from gonghui.core.sheets_out import CsvWriter, append, new_workbook, put

LEADERS = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1"]


def written(values, *, write_only=True):
    book = new_workbook(write_only=write_only)
    sheet = book.create_sheet("s") if write_only else book.active
    append(sheet, values)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return next(load_workbook(out).worksheets[0].iter_rows())


@pytest.mark.parametrize("text", LEADERS)
def test_text_with_a_formula_leader_is_written_as_quoted_text(text):
    (cell,) = written([text])
    assert cell.data_type == "s" and cell.quotePrefix
    # The characters stay as they were: openpyxl writes through lxml (installed with python-docx),
    # which keeps a lone CR as a character reference instead of letting XML turn it into LF.
    assert cell.value == text


@pytest.mark.parametrize("write_only", [True, False])
def test_numbers_dates_and_plain_text_are_written_as_they_are(write_only):
    cells = written([-3, Decimal("-1.50"), 0.5, True, datetime.date(2024, 5, 1), "张三", "a=b", None],
                    write_only=write_only)
    assert [c.data_type for c in cells[:4]] == ["n", "n", "n", "b"]
    assert cells[0].value == -3 and cells[1].value == -1.5 and cells[4].value.date() == datetime.date(2024, 5, 1)
    assert [c.value for c in cells[5:7]] == ["张三", "a=b"] and not any(c.quotePrefix for c in cells)


def test_a_single_cell_of_a_normal_sheet_is_neutralised_too():
    book = new_workbook(write_only=False)
    put(book.active, 1, 1, '=HYPERLINK("http://e.x/","x")')
    put(book.active, 1, 2, -7)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    first, second = next(load_workbook(out).active.iter_rows())
    assert (first.data_type, first.value) == ("s", '=HYPERLINK("http://e.x/","x")')
    assert (second.data_type, second.value) == ("n", -7)


@pytest.mark.parametrize("text", LEADERS)
def test_a_csv_field_with_a_formula_leader_gets_an_apostrophe(text):
    out = io.StringIO()
    CsvWriter(out, lineterminator="\n").writerow([text, -3, "张三"])
    first = out.getvalue().split(",")[0].strip('"')
    assert first.startswith("'" + text[0]) and out.getvalue().endswith(",-3,张三\n")
