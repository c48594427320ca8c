"""Spreadsheets in: a workbook that declares more than the limits is refused before a cell is read,
and whatever the reader does with a file, the process that asked survives."""

import io

import pytest

from gonghui.core import calamine_reader, tabular
from gonghui.core.tabular import TableTooLarge, UnreadableFile, open_table
from gonghui.core.tests import bombs


@pytest.fixture
def no_reading(monkeypatch):
    """The reader is never reached: the refusal comes from what the file declares."""
    def reached(*_args, **_kwargs):
        raise AssertionError("calamine was called")

    monkeypatch.setattr(tabular, "read_with_calamine", reached)


def refusal(data: bytes, name: str = "名单.xlsx") -> str:
    with pytest.raises(TableTooLarge) as caught:
        list(open_table(io.BytesIO(data), name).rows)
    assert caught.value.field == "file"
    return str(caught.value.message)


def test_a_sheet_declared_16384_columns_wide_is_refused_naming_the_limit(no_reading):
    data = bombs.dimension_bomb()
    assert len(data) < 2000
    assert refusal(data) == ("表格声明的范围为 16384 列 × 1048576 行，超过上限 200 列。"
                             "请删除多余的列（或把数据复制到新表格）后再上传。")


def test_too_many_rows_or_cells_are_refused(no_reading, settings):
    assert "超过上限 1100000 行" in refusal(bombs.xlsx("A1:B1200000", ["A1"]))
    settings.GONGHUI_TABLE_MAX_CELLS = 1000
    assert "超过上限 1000 个单元格" in refusal(bombs.xlsx("A1:K100", ["A1"]))


def test_a_part_that_unpacks_a_thousandfold_is_refused(no_reading):
    data = bombs.ratio_bomb(64)
    assert len(data) < 200_000
    assert "压缩比为" in refusal(data) and "超过上限 100:1" in refusal(data)


def test_a_part_declared_to_unpack_to_gigabytes_is_refused(no_reading):
    assert refusal(bombs.huge_member()).startswith("文件解压后为 3840 MB，超过上限 1000 MB。")


def test_a_zip_of_thousands_of_parts_is_refused(no_reading):
    assert "超过上限 1000 个" in refusal(bombs.xlsx(None, ["A1"], extra=1001))


def test_an_ods_cell_repeated_across_every_column_is_refused(no_reading):
    assert "16384 列" in refusal(bombs.ods_repeat_bomb(), "名单.ods")


def test_a_file_over_the_size_limit_is_refused_before_anything_else(no_reading, settings):
    settings.GONGHUI_ROSTER_MAX_MB = 1
    assert "不能超过 1 MB" in refusal(b"a,b\r\n" * 300_000, "回盘.csv")


def test_an_ordinary_workbook_with_trailing_empty_repeats_is_still_read():
    # LibreOffice repeats empty rows and columns to the sheet's end; they are not cells.
    data = bombs.ods('<table:table-column table:number-columns-repeated="1024"/><table:table-row>'
                     '<table:table-cell office:value-type="string"><text:p>张三</text:p></table:table-cell>'
                     '</table:table-row><table:table-row table:number-rows-repeated="1048575">'
                     '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
    out = io.BytesIO(data)
    assert [cells for _n, cells in open_table(out, "名单.ods").rows] == [["张三"]]


def test_cells_scattered_without_a_dimension_end_the_reader_not_this_process(settings):
    # calamine asks for 550 GB here and aborts: in its capped child process, not in pytest.
    settings.GONGHUI_TABLE_READER_MEMORY_MB = 512
    message = refusal(bombs.scattered_bomb())
    assert message.startswith("读取该表格需要超过 512 MB 内存")


def test_the_child_process_reads_the_same_rows_as_in_process(settings):
    data = bombs.xlsx("A1:A3", ["A1", "A3"])
    read = [(n, c) for n, c in open_table(io.BytesIO(data), "a.xlsx").rows]
    settings.GONGHUI_TABLE_READER_MEMORY_MB = 0
    assert read == [(1, ["x"]), (2, [""]), (3, ["x"])] == list(open_table(io.BytesIO(data), "a.xlsx").rows)


class PanicException(BaseException):
    """What pyo3 raises when the Rust code panics: not an Exception."""


@pytest.mark.parametrize("memory", [0])
def test_a_reader_panic_in_process_is_an_unreadable_file(settings, monkeypatch, memory):
    settings.GONGHUI_TABLE_READER_MEMORY_MB = memory

    def panic(_file):
        raise PanicException("index out of bounds")

    monkeypatch.setattr("gonghui.core.calamine_child.first_sheet", panic)
    with pytest.raises(UnreadableFile) as caught:
        open_table(io.BytesIO(bombs.xlsx("A1", ["A1"])), "a.xlsx")
    assert "无法读取该表格文件" in str(caught.value.message)


def test_an_interrupt_is_never_swallowed(settings, monkeypatch):
    settings.GONGHUI_TABLE_READER_MEMORY_MB = 0

    def interrupted(_file):
        raise KeyboardInterrupt

    monkeypatch.setattr("gonghui.core.calamine_child.first_sheet", interrupted)
    with pytest.raises(KeyboardInterrupt):
        calamine_reader.read_with_calamine(io.BytesIO(b"PK"))
