"""What the 困难职工帮扶 console exports: the 档案 list as filtered, identity numbers and phones masked."""

from collections.abc import Iterator, Mapping
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gonghui.assistance.choices import Cause, HardshipClass, Status
from gonghui.assistance.models import HardshipFile
from gonghui.assistance.selectors import hardship_list
from gonghui.core.exports import Kind, ListExport, choice, col, labels, register_export
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import Scope
from gonghui.orgs.selectors import union_get


def _files(scope: Scope, filters: Mapping[str, str]) -> QuerySet[HardshipFile]:
    union = union_get(scope=scope, pk=filters["union"]) if filters.get("union", "").isdigit() else None
    return hardship_list(scope=scope, status=choice(filters.get("status", ""), Status.values),
                         hardship_class=choice(filters.get("hardship_class", ""), HardshipClass.values),
                         cause=choice(filters.get("cause", ""), Cause.values),
                         due_recheck=filters.get("due", "") in ("on", "true", "True", "1"), union=union,
                         query=filters.get("q", ""))


def file_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    status, klass, cause = labels(Status.choices), labels(HardshipClass.choices), labels(Cause.choices)
    for f in _files(scope, filters).prefetch_related("causes").iterator(chunk_size=1000):
        yield [f.worker_name, f.worker_id_masked, f.worker_phone_masked, f.union.name,
               klass.get(f.hardship_class, ""), klass.get(f.suggested_class, ""),
               "、".join(cause.get(c.cause, "") for c in f.causes.all()), f.household_size or None,
               status.get(f.status, ""), f.next_recheck_on]


def file_count(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> int:
    return _files(scope, filters).count()


register_export(ListExport(
    name="assistance.files", title=_("困难职工档案"), permission=Perm.HARDSHIP_VIEW,
    columns=[col(_("职工姓名"), width=10), col(_("证件号码"), width=20), col(_("手机号码"), width=14),
             col(_("建档工会"), width=26), col(_("困难类别"), width=10), col(_("测算类别"), width=10),
             col(_("致困原因"), width=24), col(_("家庭人口"), Kind.INT, 8), col(_("状态"), width=10),
             col(_("下次回头看日期"), Kind.DATE, 14)],
    rows=file_rows, count=file_count, params=("status", "hardship_class", "cause", "due", "union", "q"),
    route="web:hardship_list"))
