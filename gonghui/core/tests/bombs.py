"""Workbooks built to hurt a reader: each small on disk, each enormous once read."""

import io
import struct
import zipfile

_CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
       'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
       '+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
       'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
       'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
       'spreadsheetml.worksheet+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
         '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_BOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
         '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
         '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
_BOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
              'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
              'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
SHEET = "xl/worksheets/sheet1.xml"


def _sheet(dimension: str | None, cells: list[str]) -> str:
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    rows = "".join(f'<row r="{ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}"><c r="{ref}" t="inlineStr"><is><t>x</t>'
                   f"</is></c></row>" for ref in cells)
    return ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            f'spreadsheetml/2006/main">{declared}<sheetData>{rows}</sheetData></worksheet>')


def xlsx(dimension: str | None, cells: list[str], *, extra: int = 0) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in (("[Content_Types].xml", _CT), ("_rels/.rels", _RELS), ("xl/workbook.xml", _BOOK),
                           ("xl/_rels/workbook.xml.rels", _BOOK_RELS), (SHEET, _sheet(dimension, cells))):
            z.writestr(name, text)
        for k in range(extra):
            z.writestr(f"xl/media/pad{k}.xml", "")
    return out.getvalue()


def dimension_bomb() -> bytes:
    """~1.5 KB: a sheet declared A1:XFD1048576 with a cell in each corner."""
    return xlsx("A1:XFD1048576", ["A1", "XFD1048576"])


def scattered_bomb() -> bytes:
    """The same two corners and no dimension: only reading the cells would tell."""
    return xlsx(None, ["A1", "XFD1048576"])


def ratio_bomb(megabytes: int = 64) -> bytes:
    """A sheet that deflates a thousandfold, written through the compressor a megabyte at a time."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in (("[Content_Types].xml", _CT), ("_rels/.rels", _RELS), ("xl/workbook.xml", _BOOK),
                           ("xl/_rels/workbook.xml.rels", _BOOK_RELS)):
            z.writestr(name, text)
        with z.open(SHEET, "w") as sheet:
            sheet.write(_sheet(None, []).split("</sheetData>")[0].encode())
            block = b"<row/>" * ((1 << 20) // 6)
            for _ in range(megabytes):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


def huge_member(declared: int = 0xF000_0000) -> bytes:
    """A small package whose central directory says the sheet unpacks to ~4 GB."""
    data = bytearray(xlsx(None, ["A1"]))
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + length] == SHEET.encode():
            struct.pack_into("<I", data, at + 24, declared)
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


def ods(table: str) -> bytes:
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:'
               'opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
               f'<office:spreadsheet><table:table table:name="S">{table}</table:table></office:spreadsheet>'
               "</office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path='
                '"/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
                'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def ods_repeat_bomb() -> bytes:
    """A valued cell repeated across every column of a row repeated down every row."""
    return ods('<table:table-row table:number-rows-repeated="1048576"><table:table-cell '
               'table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p>'
               "</table:table-cell></table:table-row>")


def unreachable(*_args: object, **_kwargs: object) -> None:
    """Patched over the reader: a bomb must be refused by what it declares, before any cell is read."""
    raise AssertionError("calamine was called")


REFUSAL = "表格声明的范围为 16384 列 × 1048576 行，超过上限 200 列"
