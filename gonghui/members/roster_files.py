"""The workbooks of the roster import: the template to fill in, and the error rows to fix and re-upload.

Both are written in the language of whoever downloads them (the titles of either language are
read back). Every cell is text, so Excel cannot turn an ID number into a float on the way back, and
both go through core.sheets_out: an uploaded cell echoed in the error file is never a live formula.
"""

import io
from collections.abc import Iterable

from django.utils.translation import gettext as _

from gonghui.core.sheets_out import DataValidation, append, get_column_letter, new_workbook, put
from gonghui.members.roster_columns import CHOICES, FIELDS, choice_labels, example_row, title

TEMPLATE_ROWS = 5000  # rows that get the drop-down lists
TEXT_COLUMNS = ("id_number", "phone", "join_date")


def template_workbook() -> bytes:
    book = new_workbook(write_only=False)
    sheet = book.active
    assert sheet is not None
    sheet.title = _("会员名单")
    append(sheet, [title(f) for f in FIELDS])
    append(sheet, example_row())
    sheet.freeze_panes = "A2"
    lists = book.create_sheet(_("选项"))
    lists.sheet_state = "hidden"
    for col, name in enumerate(FIELDS, start=1):
        letter = get_column_letter(col)
        sheet.column_dimensions[letter].width = 22 if name in ("id_number", "honours") else 14
        if name in TEXT_COLUMNS:
            sheet.column_dimensions[letter].number_format = "@"
            for cell in sheet[letter][1:]:
                cell.number_format = "@"
        if name in CHOICES or name == "ethnicity":
            labels = choice_labels(name)
            for row, label in enumerate(labels, start=1):
                put(lists, row, col, label)
            rule = DataValidation(type="list", allow_blank=True,
                                  formula1=f"'{lists.title}'!${letter}$1:${letter}${len(labels)}")
            rule.add(f"{letter}2:{letter}{TEMPLATE_ROWS}")
            sheet.add_data_validation(rule)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def error_workbook(rows: Iterable[tuple[int, dict[str, str], list[str]]]) -> bytes:
    """The rows kept out, as they were, with why: fixed and uploaded again, they go in."""
    book = new_workbook()
    sheet = book.create_sheet(_("错误行"))
    append(sheet, [title(f) for f in FIELDS] + [_("错误原因"), _("原行号")])
    for number, raw, reasons in rows:
        append(sheet, [str(raw.get(f, "")) for f in FIELDS] + ["；".join(reasons), number])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
