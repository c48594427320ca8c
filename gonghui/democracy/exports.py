"""What the 民主管理 console exports: the proposal list as filtered, the "must have a 职工董事 and has none"
work list, and the figures. Each reads through the scoped selectors with the exporter's scope."""

import datetime
from collections.abc import Iterator, Mapping
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gonghui.core.exports import Kind, ListExport, choice, col, labels, register_export
from gonghui.core.permissions import Perm
from gonghui.democracy.choices import DelegateCategory, ProposalStatus, Rating
from gonghui.democracy.figures import democracy_figures
from gonghui.democracy.models import Proposal
from gonghui.democracy.selectors import employers_missing_director, proposal_list
from gonghui.orgs.choices import Ownership
from gonghui.orgs.scope import Scope

PROPOSAL_PARAMS = ("status", "q", "overdue")


def _proposals(scope: Scope, filters: Mapping[str, str]) -> QuerySet[Proposal]:
    return proposal_list(scope=scope, status=choice(filters.get("status", ""), ProposalStatus.values),
                         query=filters.get("q", "")[:50], overdue=filters.get("overdue") == "1")


def proposal_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    status, rating = labels(ProposalStatus.choices), labels(Rating.choices)
    for p in _proposals(scope, filters).iterator(chunk_size=2000):
        yield [p.number, p.congress.employer.name, p.title, p.submitter.name, getattr(p, "cosign_count", 0),
               status.get(p.status, ""), p.department, p.due_at, p.answered_at, rating.get(p.rating, "")]


def proposal_count(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> int:
    return _proposals(scope, filters).count()


def missing_director_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    ownership = labels(Ownership.choices)
    for e in employers_missing_director(scope=scope).select_related("union").iterator(chunk_size=2000):
        yield [e.name, e.credit_code, ownership.get(e.ownership, ""), e.employee_count, e.union.name]


def missing_director_count(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> int:
    return employers_missing_director(scope=scope).count()


def _day(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def figure_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    start, end = _day(filters.get("start", "")), _day(filters.get("end", ""))
    if start is None or end is None:
        return
    f = democracy_figures(scope=scope, start=start, end=end)
    category = labels(DelegateCategory.choices)
    yield [str(_("已建会单位")), f.unionised_employers]
    yield [str(_("建立职代会制度的单位")), f.with_congress]
    yield [str(_("职代会建制率（%）")), "" if f.establishment_rate is None else float(f.establishment_rate)]
    yield [str(_("召开职代会（次）")), f.sessions_held]
    yield [str(_("职工代表（人）")), f.delegates]
    for code, n in f.by_category.items():
        yield [category.get(code, code), n]
    yield [str(_("女职工代表")), f.women_delegates]
    yield [str(_("劳务派遣职工代表")), f.dispatched_delegates]
    yield [str(_("提案")), f.proposals_submitted]
    yield [str(_("立案")), f.proposals_accepted]
    yield [str(_("已答复")), f.proposals_answered]
    yield [str(_("提案人满意（含基本满意）")), f.proposals_satisfied]
    yield [str(_("厂务公开事项")), f.disclosures]
    yield [str(_("职工董事")), f.directors]
    yield [str(_("职工监事")), f.supervisors]


register_export(ListExport(
    name="democracy.proposals", title=_("职代会提案"), permission=Perm.DEMOCRACY_VIEW,
    columns=[col(_("提案编号"), width=12), col(_("单位"), width=28), col(_("案由"), width=30),
             col(_("提案人"), width=10), col(_("附议人数"), Kind.INT, 8), col(_("状态"), width=10),
             col(_("承办部门"), width=14), col(_("答复期限"), Kind.DATETIME, 17),
             col(_("答复时间"), Kind.DATETIME, 17), col(_("提案人评价"), width=10)],
    rows=proposal_rows, count=proposal_count, params=PROPOSAL_PARAMS, route="web:democracy_proposals"))
register_export(ListExport(
    name="democracy.missing_directors", title=_("应设未设职工董事的企业"), permission=Perm.DEMOCRACY_VIEW,
    columns=[col(_("单位名称"), width=30), col(_("统一社会信用代码"), width=20), col(_("经济类型"), width=12),
             col(_("职工人数"), Kind.INT, 10), col(_("所属工会"), width=28)],
    rows=missing_director_rows, count=missing_director_count, route="web:democracy_seats"))
register_export(ListExport(
    name="democracy.figures", title=_("民主管理统计"), permission=Perm.DEMOCRACY_VIEW,
    columns=[col(_("项目"), width=30), col(_("数值"), Kind.INT, 14)],
    rows=figure_rows, params=("start", "end"), route="web:democracy_figures"))
