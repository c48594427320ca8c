"""What the 维权 console exports: the case queue as filtered, the 督办 board, and the statistics page's
figures. Each reads through the case selectors with the exporter's scope; callers show masked."""

import datetime
from collections.abc import Iterator, Mapping
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gonghui.cases.choices import Category, Difficulty, Line, Status
from gonghui.cases.dashboard import case_figures
from gonghui.cases.models import Case
from gonghui.cases.selectors import QUEUES, case_board, case_queue_filtered
from gonghui.core.exports import Kind, ListExport, Typed, choice, col, labels, register_export
from gonghui.core.permissions import Perm
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope
from gonghui.orgs.selectors import union_get

QUEUE_PARAMS = ("queue", "status", "category", "difficulty", "line", "q", "supervised", "union", "employer")
CASE_COLUMNS = [col(_("案件编号"), width=20), col(_("状态"), width=10), col(_("业务条线"), width=12),
                col(_("问题类别"), width=12), col(_("难易程度"), width=10), col(_("诉求人"), width=10),
                col(_("联系电话"), width=14), col(_("用人单位"), width=28), col(_("承办工会"), width=24),
                col(_("承办人"), width=10), col(_("受理时间"), Kind.DATETIME, 17),
                col(_("办结时限"), Kind.DATETIME, 17), col(_("是否超期"), width=8)]


def _union(scope: Scope, filters: Mapping[str, str]) -> TradeUnion | None:
    return union_get(scope=scope, pk=filters["union"]) if filters.get("union", "").isdigit() else None


def _queue(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> QuerySet[Case]:
    queue = filters.get("queue", "")
    queue = queue if queue in QUEUES else "todo"
    status = filters.get("status", "")
    return case_queue_filtered(
        scope=scope, queue=queue, user=actor, union=_union(scope, filters) if queue == "union" else None,
        status=status if status == "open" else choice(status, Status.values),
        line=choice(filters.get("line", ""), Line.values),
        category=choice(filters.get("category", ""), Category.values),
        difficulty=choice(filters.get("difficulty", ""), Difficulty.values), query=filters.get("q", ""),
        supervised=filters.get("supervised") == "1",
        employer_id=int(e) if (e := filters.get("employer", "")).isdigit() and len(e) < 19 else None)


def case_rows(cases: QuerySet[Case]) -> Iterator[list[Any]]:
    names = {k: labels(c.choices) for k, c in (("status", Status), ("line", Line), ("category", Category),
                                                 ("difficulty", Difficulty))}
    yes, no = str(_("是")), str(_("否"))
    for c in cases.iterator(chunk_size=2000):
        yield [c.number, names["status"].get(c.status, ""), names["line"].get(c.line, ""),
               names["category"].get(c.category, ""), names["difficulty"].get(c.difficulty, ""), c.caller_display,
               c.caller_phone_masked, c.employer_name, c.handling_union.name if c.handling_union else "",
               c.handler.full_name if c.handler else "", c.received_at, c.due_at, yes if c.overdue else no]


def queue_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    return case_rows(_queue(actor=actor, scope=scope, filters=filters))


def queue_count(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> int:
    return _queue(actor=actor, scope=scope, filters=filters).count()


def board_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    return case_rows(case_board(scope=scope))


def board_count(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> int:
    return case_board(scope=scope).count()


def _moment(text: str) -> datetime.datetime | None:
    try:
        return datetime.datetime.fromisoformat(text)
    except ValueError:
        return None


def figure_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    start, end = _moment(filters.get("start", "")), _moment(filters.get("end", ""))
    if start is None or end is None:
        return
    figures = case_figures(scope=scope, union=_union(scope, filters), start=start, end=end)
    total = str(_("合计"))
    yield [total, str(_("工单")), figures.work_orders]
    yield [total, str(_("来电")), figures.calls]
    yield [total, str(_("已办结")), figures.resolved]
    yield [total, str(_("按时办结")), figures.on_time]
    for rate, label in ((figures.on_time_rate, _("按时办结率")), (figures.closure_rate, _("办结率")),
                        (figures.satisfaction_rate, _("满意率"))):
        yield [total, str(label), Typed(rate, Kind.PERCENT) if rate is not None else ""]
    yield [total, str(_("挽回经济损失（元）")), Typed(figures.money_recovered, Kind.MONEY)]
    yield [total, str(_("帮助职工（人）")), figures.people_helped]
    for group, spread, choices in ((_("按状态"), figures.by_status, Status), (_("按问题类别"), figures.by_category,
                                                                          Category),
                                   (_("按难易程度"), figures.by_difficulty, Difficulty)):
        names = labels(choices.choices)
        for value, n in spread.items():
            yield [str(group), names.get(value, value), n]


register_export(ListExport(
    name="cases.queue", title=_("维权案件"), permission=Perm.CASE_VIEW, columns=CASE_COLUMNS,
    rows=queue_rows, count=queue_count, params=QUEUE_PARAMS, route="web:case_queue"))
register_export(ListExport(
    name="cases.board", title=_("督办看板"), permission=Perm.CASE_VIEW, columns=CASE_COLUMNS,
    rows=board_rows, count=board_count, route="web:case_board"))
register_export(ListExport(
    name="cases.figures", title=_("维权统计"), permission=Perm.CASE_VIEW,
    columns=[col(_("分组"), width=14), col(_("项目"), width=20), col(_("数值"), Kind.INT, 14)],
    rows=figure_rows, params=("union", "start", "end"), route="web:case_dashboard"))
