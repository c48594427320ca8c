"""What the 荣誉评选 console exports: the nomination list and the 劳模 register, each as filtered on
its page. No ID number, phone or address: the masked ID only."""

from collections.abc import Iterator, Mapping
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gonghui.core.exports import Kind, ListExport, choice, col, labels, register_export
from gonghui.core.permissions import Perm
from gonghui.honours.choices import AwardLevel, ModelWorkerStatus, NominationStatus, NomineeType, WorkerCategory
from gonghui.honours.models import HonourNomination, ModelWorker
from gonghui.honours.record_selectors import register_list
from gonghui.honours.selectors import NOMINATION_LISTS, call_list, nomination_list
from gonghui.orgs.scope import Scope

NOMINATION_PARAMS = ("show", "status", "call", "q")
REGISTER_PARAMS = ("level", "status", "hardship", "q")
HARDSHIP = {"1": True, "0": False}


def filtered_nominations(*, scope: Scope, filters: Mapping[str, str]) -> QuerySet[HonourNomination]:
    call_id = filters.get("call", "")
    call = call_list(scope=scope).filter(pk=call_id).first() if call_id.isdigit() else None
    show = filters.get("show", "")
    return nomination_list(scope=scope, call=call, show=show if show in NOMINATION_LISTS else "all",
                           status=choice(filters.get("status", ""), NominationStatus.values),
                           query=filters.get("q", ""))


def nomination_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    status, types, category = labels(NominationStatus.choices), labels(NomineeType.choices), labels(
        WorkerCategory.choices)
    for n in filtered_nominations(scope=scope, filters=filters).iterator(chunk_size=2000):
        yield [n.name, types.get(n.nominee_type, ""), n.id_masked, n.post, category.get(n.category, ""),
               n.employer_name, f"{n.call.year} {n.call.kind.name}", n.union.name, n.at_union.name,
               status.get(n.status, ""), n.returned_reason]


def nomination_count(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> int:
    return filtered_nominations(scope=scope, filters=filters).count()


register_export(ListExport(
    name="honours.nominations", title=_("荣誉推荐对象"), permission=Perm.HONOURS_VIEW,
    columns=[col(_("姓名/集体名称"), width=20), col(_("类型"), width=6), col(_("证件号码"), width=20),
             col(_("职务/岗位"), width=14), col(_("人员类别"), width=12), col(_("工作单位"), width=28),
             col(_("评选"), width=24), col(_("推荐工会"), width=24), col(_("所在审核层级"), width=24),
             col(_("状态"), width=14), col(_("退回原因"), width=30)],
    rows=nomination_rows, count=nomination_count, params=NOMINATION_PARAMS, route="web:honour_nomination_list"))


def filtered_register(*, scope: Scope, filters: Mapping[str, str]) -> QuerySet[ModelWorker]:
    return register_list(scope=scope, level=choice(filters.get("level", ""), AwardLevel.values),
                         status=choice(filters.get("status", ""), ModelWorkerStatus.values),
                         in_hardship=HARDSHIP.get(filters.get("hardship", "")), query=filters.get("q", ""))


def register_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    level, status = labels(AwardLevel.choices), labels(ModelWorkerStatus.choices)
    yes, no = str(_("是")), str(_("否"))
    for m in filtered_register(scope=scope, filters=filters).iterator(chunk_size=2000):
        yield [m.name, m.id_masked, m.title, level.get(m.level, ""), m.year, m.employer_name, m.post, m.union.name,
               status.get(m.status, ""), yes if m.in_hardship else no, m.died_on]


def register_count(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> int:
    return filtered_register(scope=scope, filters=filters).count()


register_export(ListExport(
    name="honours.register", title=_("劳模名册"), permission=Perm.HONOURS_VIEW,
    columns=[col(_("姓名"), width=12), col(_("证件号码"), width=20), col(_("称号"), width=20),
             col(_("级别"), width=8), col(_("获得年度"), Kind.INT, 8), col(_("现工作单位"), width=28),
             col(_("现职务/岗位"), width=14), col(_("管理工会"), width=24), col(_("状态"), width=10),
             col(_("困难劳模"), width=8), col(_("去世日期"), Kind.DATE, 12)],
    rows=register_rows, count=register_count, params=REGISTER_PARAMS, route="web:honour_register_list"))
