import datetime
import io
import zipfile

import openpyxl
import pytest

from gonghui.core.tabular import UnreadableFile, detect_delimiter, detect_encoding, open_table

ROWS = [["姓名", "身份证号"], ["张三", "11010519491231002X"], ["䶮", "x"]]


def _csv(text: str, encoding: str) -> io.BytesIO:
    return io.BytesIO(text.encode(encoding))


def _rows(file, name: str) -> list[tuple[int, list]]:
    return list(open_table(file, name).rows)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_csv_in_every_encoding_people_save_reads_the_same(encoding):
    delimiter = "\t" if encoding == "utf-16" else ","  # Excel's "Unicode text" is tab separated
    text = "\r\n".join(delimiter.join(r) for r in ROWS) + "\r\n"
    assert _rows(_csv(text, encoding), "名单.csv") == [(1, ROWS[0]), (2, ROWS[1]), (3, ROWS[2])]


def test_gbk_is_told_from_utf8_by_the_first_rows():
    assert detect_encoding("姓名,身份证号".encode("gbk")) == "gb18030"
    assert detect_encoding("姓名,身份证号".encode()) == "utf-8"
    # A sample cut in the middle of a character is still UTF-8.
    assert detect_encoding("姓名".encode()[:-1]) == "utf-8"


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_the_delimiter_is_sniffed(delimiter):
    assert detect_delimiter(f"姓名{delimiter}身份证号{delimiter}手机\n张三{delimiter}1{delimiter}2\n") == delimiter
    assert detect_delimiter("姓名\n张三\n") == ","


def test_a_csv_whose_encoding_changes_midway_is_explained_with_the_row():
    head = ("姓名,身份证号\r\n" + "张三,1\r\n" * 150_000).encode()  # past the sample the encoding is told from
    tail = "李四,2\r\n".encode("gbk")
    table = open_table(io.BytesIO(head + tail), "r.csv")
    with pytest.raises(UnreadableFile) as exc:
        list(table.rows)
    assert "编码" in str(exc.value.message)


def test_a_big_csv_streams_and_reports_how_far_it_got():
    data = ("姓名,身份证号\n" + "张三,11010519491231002X\n" * 50_000).encode()
    table = open_table(io.BytesIO(data), "big.csv")
    seen = []
    for number, _cells in table.rows:
        if number % 10_000 == 0:
            seen.append(table.fraction())
    assert number == 50_001 and seen == sorted(seen) and 0 < seen[0] < 0.5 and table.fraction() == 1.0


def test_xlsx_rows_keep_the_numbers_the_user_sees_and_the_cell_types():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["B3"] = "姓名"
    sheet["C3"] = "入会日期"
    sheet["B4"] = "张三"
    sheet["C4"] = datetime.datetime(2023, 5, 1)
    sheet["D4"] = 510104199001010011
    out = io.BytesIO()
    book.save(out)
    rows = [(n, c) for n, c in _rows(io.BytesIO(out.getvalue()), "r.XLSX") if any(c)]
    assert rows[0] == (3, ["姓名", "入会日期", ""])
    assert rows[1][0] == 4 and rows[1][1][0] == "张三" and isinstance(rows[1][1][2], float)
    assert rows[1][1][1] in (datetime.datetime(2023, 5, 1), datetime.date(2023, 5, 1))


def _ods(rows: list[list[str]]) -> bytes:
    cells = "".join("<table:table-row>" + "".join(
        f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>' for v in row)
        + "</table:table-row>" for row in rows)
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               f'<office:body><office:spreadsheet><table:table table:name="名单">{cells}</table:table>'
               '</office:spreadsheet></office:body></office:document-content>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                   'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                   '<manifest:file-entry manifest:full-path="/" manifest:media-type='
                   '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
                   'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
        z.writestr("content.xml", content)
    return out.getvalue()


def test_an_ods_sheet_is_read():
    assert _rows(io.BytesIO(_ods(ROWS[:2])), "名单.ods") == [(1, ROWS[0]), (2, ROWS[1])]


@pytest.mark.parametrize("name, data", [("r.xlsx", b"PK\x03\x04broken zip"),
                                        ("r.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1x")])
def test_a_damaged_spreadsheet_is_refused_with_a_message(name, data):
    with pytest.raises(UnreadableFile) as exc:
        open_table(io.BytesIO(data), name)
    assert "无法读取" in str(exc.value.message)
