"""Reading the spreadsheets people actually upload: .xlsx, .xls and .ods through calamine, and .csv
in UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text"), GBK or GB18030, separated by
commas, tabs or semicolons.

Before any cell is read, the file's size and what a workbook declares are checked against the
limits (core.table_limits), and calamine reads in a child process under a memory cap
(core.calamine_reader): no file can take the web or worker process down.

Rows come out one at a time with the row number the user sees in the sheet (the first row is 1),
so a 1,000,000-row CSV is never held in memory. Cells keep the types the file gives (calamine:
str, float, int, bool, date, datetime); CSV cells are strings. Blank rows are yielded too: the
caller decides whether a blank row means anything.
"""

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.calamine_reader import read_with_calamine
from gonghui.core.errors import msg
from gonghui.core.table_limits import TableLimits, TableTooLarge, UnreadableFile, check_package, check_size, size_of

__all__ = ["EXTENSIONS", "Table", "TableTooLarge", "UnreadableFile", "check_kind", "check_table", "open_table"]

EXTENSIONS = ("xlsx", "xls", "ods", "csv")
_ZIP = b"PK\x03\x04"  # .xlsx and .ods are zip packages
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (BIFF in an OLE compound file)
_SAMPLE = 1 << 20  # enough of a CSV to tell its encoding: a roster has Chinese names in its first rows


@dataclass
class Table:
    rows: Iterator[tuple[int, list[Any]]]
    # How far through the file reading has got, 0..1, for a progress bar.
    fraction: Callable[[], float]


def extension_of(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def check_kind(head: bytes, filename: str) -> str:
    """The file's kind from its name, refused unless its first bytes agree (a renamed file is not read)."""
    ext = extension_of(filename)
    if ext not in EXTENSIONS:
        raise UnreadableFile(msg(_("不支持“.%(ext)s”文件，请上传 .xlsx、.xls、.ods 或 .csv 文件。"),
                                 {"ext": ext or "?"}))
    if (ext in ("xlsx", "ods") and not head.startswith(_ZIP)) or (ext == "xls" and not head.startswith(_OLE)):
        raise UnreadableFile(msg(_("文件内容不是有效的 .%(ext)s 表格，请用 Excel 或 WPS 另存后再上传。"), {"ext": ext}))
    if ext == "csv" and (head.startswith((_ZIP, _OLE)) or (b"\0" in head[:4096] and not _utf16(head))):
        raise UnreadableFile(_("文件内容不是文本格式的 CSV，请用 Excel 或 WPS 另存为 CSV 后再上传。"))
    if not head:
        raise UnreadableFile(_("文件是空的。"))
    return ext


def check_table(file: IO[bytes], filename: str) -> str:
    """Every check made before a cell is read (size, kind, declared extent): the file's kind, or an
    UnreadableFile naming the limit passed. `file` is left at its start."""
    limits = TableLimits.from_settings()
    check_size(file, limits)
    head = file.read(8)
    file.seek(0)
    ext = check_kind(head, filename)
    check_package(file, ext, limits)
    return ext


def open_table(file: IO[bytes], filename: str) -> Table:
    """Open an uploaded file (positioned at its start) as rows of cells."""
    ext = check_table(file, filename)
    if ext == "csv":
        return _csv_table(file)
    return _calamine_table(file)


def _calamine_table(file: IO[bytes]) -> Table:
    sheet = read_with_calamine(file)
    total = max(sheet.total_height, 1)
    done = 0

    def rows() -> Iterator[tuple[int, list[Any]]]:
        nonlocal done
        # iter_rows starts at the sheet's first row even when the used area starts lower, so the
        # position is the row number the user sees.
        for number, cells in enumerate(sheet.rows, start=1):
            done = number
            yield number, cells

    return Table(rows(), lambda: min(done / total, 1.0))


def _utf16(head: bytes) -> bool:
    return head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def detect_encoding(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if _utf16(sample):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        # GB18030 is a superset of GBK and GB2312, what Excel and WPS write for "CSV" on Chinese Windows.
        return "gb18030"
    return "utf-8"


def detect_delimiter(text: str) -> str:
    lines = text.splitlines()[:20]
    try:
        delimiter = csv.Sniffer().sniff("\n".join(lines), delimiters=",\t;").delimiter
    except csv.Error:
        delimiter = ","
    header = lines[0] if lines else ""
    if delimiter not in header:
        # The sniffer can be fooled by free text; the header row never lies about its separator.
        counts = {d: header.count(d) for d in ",\t;"}
        delimiter = max(counts, key=lambda d: (counts[d], d == ",")) if any(counts.values()) else ","
    return delimiter


class _CountingReader(io.RawIOBase):
    """Counts bytes as the text layer pulls them, to tell how far through the file we are."""

    def __init__(self, file: IO[bytes]):
        self.file = file
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.file.read(len(buffer))
        buffer[: len(data)] = data
        self.count += len(data)
        return len(data)


def _csv_table(file: IO[bytes]) -> Table:
    size = max(size_of(file), 1)
    sample = file.read(_SAMPLE)
    file.seek(0)
    encoding = detect_encoding(sample)
    text_sample = sample.decode(encoding, errors="ignore")
    delimiter = "\t" if encoding == "utf-16" else detect_delimiter(text_sample.lstrip("\ufeff"))
    counter = _CountingReader(file)
    text = io.TextIOWrapper(io.BufferedReader(counter, buffer_size=1 << 16), encoding=encoding, newline="")

    def rows() -> Iterator[tuple[int, list[Any]]]:
        reader = csv.reader(text, delimiter=delimiter)
        number = 0
        try:
            for cells in reader:
                number += 1
                yield number, cells
        except UnicodeDecodeError:
            raise UnreadableFile(msg(_("第%(row)d行附近的文字编码与文件开头不一致，请把文件另存为 UTF-8 编码的 CSV。"),
                                     {"row": number + 1})) from None
        except csv.Error as exc:
            raise UnreadableFile(msg(_("第%(row)d行的 CSV 格式有误：%(why)s"), {"row": number + 1, "why": str(exc)})
                                 ) from None

    return Table(rows(), lambda: min(counter.count / size, 1.0))
