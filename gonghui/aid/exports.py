"""What the 帮扶发放 console exports: the batches as filtered, and 发放统计 by programme for a period."""

import datetime
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gonghui.aid.amounts import budget_figures
from gonghui.aid.choices import BatchStatus, FundSource, ProgrammeKind
from gonghui.aid.figures import aid_figures
from gonghui.aid.models import AidBatch, AidProgramme
from gonghui.aid.selectors import batch_list, programme_list
from gonghui.core.exports import Kind, ListExport, choice, col, labels, register_export
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import Scope
from gonghui.orgs.selectors import union_get

# Whoever works in the registry may see programmes and batches (aid.services.common.VISIBLE).
READ_PERMS = (Perm.AID_MANAGE, Perm.AID_DISBURSE, Perm.HARDSHIP_VIEW)


def _batches(scope: Scope, filters: Mapping[str, str]) -> QuerySet[AidBatch]:
    pk = filters.get("programme", "")
    programme = programme_list(scope=scope, active_only=False).filter(pk=pk).first() if pk.isdigit() else None
    if pk.isdigit() and programme is None:
        return AidBatch.objects.none()
    return batch_list(scope=scope, status=choice(filters.get("status", ""), BatchStatus.values),
                      programme=programme).order_by("-created_at", "-pk")


def batch_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    status = labels(BatchStatus.choices)
    batch: Any  # with batch_list's annotations (rows, total)
    for batch in _batches(scope, filters).iterator(chunk_size=1000):
        yield [batch.title, batch.campaign.name, status.get(batch.status, ""), batch.programme.name, batch.union.name,
               batch.granted_on, batch.rows, batch.total or Decimal("0.00")]


def batch_count(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> int:
    return _batches(scope, filters).count()


def _programmes(scope: Scope, filters: Mapping[str, str]) -> QuerySet[AidProgramme]:
    return programme_list(scope=scope, kind=choice(filters.get("kind", ""), ProgrammeKind.values),
                          active_only=filters.get("ended", "") != "1").order_by("org_path", "kind", "name", "pk")


def programme_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    kind, source = labels(ProgrammeKind.choices), labels(FundSource.choices)
    ended = str(_("已停用"))
    for p in _programmes(scope, filters).iterator(chunk_size=1000):
        money = budget_figures(p)
        yield [p.name, kind.get(p.kind, ""), p.union.name, source.get(p.fund_source, ""),
               "" if p.is_active else ended, money.budget, money.approved_unpaid, money.paid, money.available]


def programme_count(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> int:
    return _programmes(scope, filters).count()


def _day(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def figure_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    start, end = _day(filters.get("start", "")), _day(filters.get("end", ""))
    if start is None or end is None or not filters.get("union", "").isdigit():
        return
    union = union_get(scope=scope, pk=filters["union"])
    figures = aid_figures(scope=scope, root_path=union.path, start=start, end=end)
    for p in [*figures.programmes]:
        c = p.counts
        rate = p.budget_used_rate
        yield [p.label, c.people, c.times, c.households, c.cash, c.goods, c.amount, p.budget, p.paid,
               rate / 100 if rate is not None else None]
    t = figures.total
    yield [str(_("合计")), t.people, t.times, t.households, t.cash, t.goods, t.amount, None, None, None]


register_export(ListExport(
    name="aid.batches", title=_("发放批次"), permission=READ_PERMS,
    columns=[col(_("批次名称"), width=26), col(_("帮扶活动"), width=20), col(_("状态"), width=10),
             col(_("帮扶项目"), width=20), col(_("发放工会"), width=24), col(_("发放日期"), Kind.DATE, 12),
             col(_("人数"), Kind.INT, 8), col(_("金额（元）"), Kind.MONEY, 14)],
    rows=batch_rows, count=batch_count, params=("status", "programme"), route="web:aid_batch_list"))
register_export(ListExport(
    name="aid.figures", title=_("发放统计"), permission=READ_PERMS,
    columns=[col(_("帮扶项目"), width=20), col(_("人数"), Kind.INT, 8), col(_("人次"), Kind.INT, 8),
             col(_("户数"), Kind.INT, 8), col(_("现金（元）"), Kind.MONEY, 14),
             col(_("实物折款（元）"), Kind.MONEY, 14),
             col(_("合计（元）"), Kind.MONEY, 14), col(_("预算（元）"), Kind.MONEY, 14),
             col(_("已发放（元）"), Kind.MONEY, 14), col(_("预算使用率"), Kind.PERCENT, 10)],
    rows=figure_rows, params=("union", "start", "end"), route="web:aid_figures"))
register_export(ListExport(
    name="aid.programmes", title=_("帮扶项目"), permission=READ_PERMS,
    columns=[col(_("项目名称"), width=22), col(_("项目类别"), width=12), col(_("主办工会"), width=24),
             col(_("资金来源"), width=14), col(_("状态"), width=8), col(_("预算（元）"), Kind.MONEY, 14),
             col(_("已审批未发放（元）"), Kind.MONEY, 16), col(_("已发放（元）"), Kind.MONEY, 14),
             col(_("余额（元）"), Kind.MONEY, 14)],
    rows=programme_rows, count=programme_count, params=("kind", "ended"), route="web:aid_programme_list"))
