"""What the 困难职工帮扶 console exports: the 档案 list as filtered, identity numbers and phones masked;
the 回头看 due list; and the dashboard's registry figures for a union and period."""

import datetime
from collections.abc import Iterator, Mapping
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.assistance.choices import Cause, HardshipClass, Status
from gonghui.assistance.dashboard import hardship_figures
from gonghui.assistance.models import HardshipFile
from gonghui.assistance.selectors import hardship_list, recheck_due_list
from gonghui.core.exports import Kind, ListExport, Typed, choice, col, labels, register_export
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

# The windows the 回头看 page offers, in days from today (0: already due).
DUE_WITHIN = ("0", "30", "60", "90")


def _due(scope: Scope, filters: Mapping[str, str]) -> QuerySet[HardshipFile]:
    return recheck_due_list(scope=scope, within_days=int(choice(filters.get("within", ""), DUE_WITHIN) or 0))


def due_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    status, klass = labels(Status.choices), labels(HardshipClass.choices)
    for f in _due(scope, filters).iterator(chunk_size=1000):
        last = f.last_recheck_at
        yield [f.next_recheck_on, f.worker_name, f.worker_id_masked, f.union.name, klass.get(f.hardship_class, ""),
               status.get(f.status, ""), timezone.localdate(last) if last else None]


def due_count(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> int:
    return _due(scope, filters).count()


register_export(ListExport(
    name="assistance.rechecks", title=_("回头看"), permission=Perm.HARDSHIP_VIEW,
    columns=[col(_("应回头看日期"), Kind.DATE, 14), col(_("职工姓名"), width=10), col(_("证件号码"), width=20),
             col(_("建档工会"), width=26), col(_("困难类别"), width=10), col(_("状态"), width=10),
             col(_("上次回头看"), Kind.DATE, 12)],
    rows=due_rows, count=due_count, params=("within",), route="web:hardship_due"))


def _day(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def figure_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    """The registry's figures as the dashboard shows them, one per line: 指标, 数值."""
    start, end = _day(filters.get("start", "")), _day(filters.get("end", ""))
    if start is None or end is None or not filters.get("union", "").isdigit():
        return
    f = hardship_figures(scope=scope, start=start, end=end, union=union_get(scope=scope, pk=filters["union"]))
    klass, cause = labels(HardshipClass.choices), labels(Cause.choices)
    yield [str(_("在册困难职工（户）")), f.in_file]
    yield from ([str(_("在册：%(label)s")) % {"label": klass.get(k, k)}, n] for k, n in f.in_file_by_class.items())
    yield from ([str(_("致困原因：%(label)s")) % {"label": cause.get(k, k)}, n] for k, n in f.in_file_by_cause.items())
    yield [str(_("本期新建档（户）")), f.new_files]
    yield from ([str(_("新建档：%(label)s")) % {"label": klass.get(k, k)}, n] for k, n in f.new_files_by_class.items())
    yield [str(_("本期解困脱困（户）")), f.exits]
    yield [str(_("本期返困（户）")), f.returns]
    yield [str(_("本期完成回头看（次）")), f.rechecks_done]
    yield [str(_("按时回头看（次）")), f.rechecks_on_time]
    rate = f.recheck_on_time_rate
    yield [str(_("回头看按时率")), Typed(rate / 100 if rate is not None else None, Kind.PERCENT)]
    yield [str(_("逾期未回头看（户）")), f.rechecks_overdue_now]


register_export(ListExport(
    name="assistance.figures", title=_("帮扶统计"), permission=Perm.HARDSHIP_VIEW,
    columns=[col(_("指标"), width=28), col(_("数值"), Kind.INT, 12)],
    rows=figure_rows, params=("union", "start", "end"), route="web:hardship_dashboard"))
