"""Real roster files for the tests, built the way people's tools write them."""

import csv
import io
from typing import Any

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.core.idnumbers import resident_check_character
from gonghui.testing.world import make_person_id

HEADER = ["姓名", "身份证号", "性别", "民族", "手机", "文化程度", "户口性质", "用工形式", "入会日期"]


def wrong_check_digit(number: str) -> str:
    return number[:17] + ("0" if number[17] != "0" else "1")


def id_ending_in_x() -> str:
    """A valid resident ID whose check character is X (written lower-case by some people)."""
    for seq in range(1000):
        body = f"51010419850505{seq:03d}"
        if resident_check_character(body) == "X":
            return body + "X"
    raise AssertionError("unreachable")


def csv_bytes(rows: list[list[Any]], *, encoding: str = "gbk", delimiter: str = ",",
              header: list[str] | None = None) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header or HEADER)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list[Any]], *, header: list[str] | None = None, title: str = "") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
    sheet.append(header or HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(data: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def person(name: str = "周杰", **overrides: Any) -> list[Any]:
    """One good row in HEADER order."""
    row = {"姓名": name, "身份证号": make_person_id(), "性别": "", "民族": "汉族", "手机": "13912345678",
           "文化程度": "高中", "户口性质": "农业户口", "用工形式": "劳务派遣", "入会日期": "2024-03-01", **overrides}
    return [row[h] for h in HEADER]
