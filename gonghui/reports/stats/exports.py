"""The 统计年报 in the layout the national survey software imports: one sheet per form, one row per
union (统一社会信用代码, the union's code in this system, its name), then one column per field code.
Signed-off returns only; written through core.sheets_out (text that looks like a formula is kept as
text) and audited as every export is."""

import io
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from gonghui.core.audit import audit_record
from gonghui.core.errors import PermissionDenied
from gonghui.core.sheets_out import MONEY_FORMAT, append_header, append_typed, new_workbook, set_widths
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope
from gonghui.orgs.services.common import audit_actor
from gonghui.reports.stats.choices import FormKind
from gonghui.reports.stats.selectors import export_rows


def returns_workbook(*, actor: Any, scope: Scope, union: TradeUnion, year: int, kind: str) -> tuple[bytes, str]:
    """The signed-off returns of `kind` in the union's subtree for the year, and the file's name."""
    if scope.is_empty or not scope.covers(union.path):
        raise PermissionDenied()
    fields, rows = export_rows(scope=scope, year=year, under=union.path, kind=kind)
    workbook = new_workbook()
    sheet = workbook.create_sheet(f"SY{year}-{kind}")
    set_widths(sheet, [20, 14, 30, *[12 for _f in fields]])
    # The survey software reads the codes in the first row; the second row names them for people.
    append_header(sheet, ["TYSHXYDM", "GHBM", "GHMC", *[f.code for f in fields]])
    append_header(sheet, [_("统一社会信用代码"), _("工会编码"), _("工会名称"), *[f.label for f in fields]])
    formats: list[str | None] = [None, None, None, *[MONEY_FORMAT if f.decimals else "0" for f in fields]]
    for row in rows:
        append_typed(sheet, [row[0], str(row[1]), row[2],
                             *[int(v) if isinstance(v, Decimal) and v == v.to_integral_value() and not f.decimals
                               else v for v, f in zip(row[3:], fields, strict=True)]], formats)
    out = io.BytesIO()
    workbook.save(out)
    audit_record(actor=audit_actor(actor), action="export.stats", object_type="stat_return",
                 object_id=union.pk, object_label=union.name, org_path=union.path,
                 detail={"year": year, "kind": kind, "rows": len(rows)})
    name = f"{_('统计年报')}-{FormKind(kind).label}-SY{year}-{union.name}.xlsx"
    return out.getvalue(), name
