"""What the 集体合同 console exports: the contract list as filtered, the figures page's work lists
(unionised employers with no wage contract; contracts lapsing this quarter; lowest wages below the
local minimum wage; increases below the county's median) and the side-by-side comparison of terms."""

from collections.abc import Iterator, Mapping
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gonghui.contracts.choices import Reach, Status
from gonghui.contracts.comparison import PARAMS as COMPARISON_PARAMS
from gonghui.contracts.comparison import comparison_for, pick_topic
from gonghui.contracts.figures import lapsing_this_quarter, without_wage_contract
from gonghui.contracts.models import CollectiveContract
from gonghui.contracts.selectors import LISTS, codebook, contract_list, figures_union, kinds
from gonghui.contracts.wage_flags import below_median_increase, below_minimum_wage
from gonghui.core.exports import Column, Kind, ListExport, choice, col, labels, register_export
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import Scope

LIST_PARAMS = ("kind", "reach", "status", "show", "q", "union")
CONTRACT_COLUMNS = [col(_("合同名称"), width=30), col(_("合同种类"), width=16), col(_("覆盖范围"), width=8),
                    col(_("状态"), width=12), col(_("职工方（工会）"), width=26), col(_("用人单位方"), width=26),
                    col(_("覆盖职工人数"), Kind.INT, 10), col(_("期限开始"), Kind.DATE, 12),
                    col(_("期限届满"), Kind.DATE, 12), col(_("签订日期"), Kind.DATE, 12),
                    col(_("人社部门收到日期"), Kind.DATE, 12), col(_("逾期报送"), width=8)]


def filtered_contracts(*, scope: Scope, filters: Mapping[str, str]) -> QuerySet[CollectiveContract]:
    kind_id = filters.get("kind", "")
    kind = kinds(active_only=False).filter(pk=kind_id).first() if kind_id.isdigit() else None
    show = filters.get("show", "")
    return contract_list(scope=scope, union=figures_union(scope=scope, pk=filters.get("union")) if filters.get(
        "union") else None, kind=kind, reach=choice(filters.get("reach", ""), Reach.values),
        status=choice(filters.get("status", ""), Status.values), show=show if show in LISTS else "all",
        query=filters.get("q", ""))


def contract_rows(contracts: QuerySet[CollectiveContract]) -> Iterator[list[Any]]:
    reach, status = labels(Reach.choices), labels(Status.choices)
    yes, no = str(_("是")), str(_("否"))
    for c in contracts.iterator(chunk_size=2000):
        yield [c.title, c.kind.name, reach.get(c.reach, ""), status.get(c.status, ""), c.union.name, c.employer_side,
               c.workers_covered, c.start_on, c.end_on, c.signed_on, c.filed_on, yes if c.filed_late else no]


def list_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    return contract_rows(filtered_contracts(scope=scope, filters=filters))


def list_count(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> int:
    return filtered_contracts(scope=scope, filters=filters).count()


def no_wage_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    union = figures_union(scope=scope, pk=filters.get("union"))
    if union is None:
        return
    for e in without_wage_contract(scope=scope, union=union).iterator(chunk_size=2000):
        yield [e.name, e.credit_code, e.union.name, e.employee_count]


def no_wage_count(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> int:
    union = figures_union(scope=scope, pk=filters.get("union"))
    return without_wage_contract(scope=scope, union=union).count() if union else 0


def lapsing_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    union = figures_union(scope=scope, pk=filters.get("union"))
    if union is None:
        return
    yield from contract_rows(lapsing_this_quarter(scope=scope, union=union))


register_export(ListExport(
    name="contracts.list", title=_("集体合同"), permission=Perm.CONTRACT_VIEW, columns=CONTRACT_COLUMNS,
    rows=list_rows, count=list_count, params=LIST_PARAMS, route="web:contract_list"))
register_export(ListExport(
    name="contracts.no_wage", title=_("已建会未签工资专项集体合同的单位"), permission=Perm.CONTRACT_VIEW,
    columns=[col(_("单位名称"), width=30), col(_("统一社会信用代码"), width=20), col(_("所属工会"), width=26),
             col(_("职工人数"), Kind.INT, 10)],
    rows=no_wage_rows, count=no_wage_count, params=("union",), route="web:contract_figures"))
register_export(ListExport(
    name="contracts.lapsing", title=_("本季度到期的集体合同"), permission=Perm.CONTRACT_VIEW,
    columns=CONTRACT_COLUMNS, rows=lapsing_rows, params=("union",), route="web:contract_figures"))


def below_minimum_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    union = figures_union(scope=scope, pk=filters.get("union"))
    for r in below_minimum_wage(scope=scope, union=union) if union else []:
        yield [r.employer_name, r.credit_code, r.contract_title, r.lowest_paid, r.minimum, r.shortfall, r.region_name]


def below_minimum_count(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> int:
    union = figures_union(scope=scope, pk=filters.get("union"))
    return len(below_minimum_wage(scope=scope, union=union)) if union else 0


def below_median_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    union = figures_union(scope=scope, pk=filters.get("union"))
    for r in below_median_increase(scope=scope, union=union) if union else []:
        yield [r.contract_title, r.party, r.county, r.increase, r.median]


def below_median_count(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> int:
    union = figures_union(scope=scope, pk=filters.get("union"))
    return len(below_median_increase(scope=scope, union=union)) if union else 0


register_export(ListExport(
    name="contracts.below_minimum", title=_("合同最低工资低于当地最低工资标准的单位"), permission=Perm.CONTRACT_VIEW,
    columns=[col(_("单位名称"), width=30), col(_("统一社会信用代码"), width=20), col(_("合同名称"), width=30),
             col(_("合同约定最低工资（元/月）"), Kind.MONEY, 14), col(_("当地最低工资标准（元/月）"), Kind.MONEY, 14),
             col(_("差额（元）"), Kind.MONEY, 10), col(_("标准所在地区"), width=16)],
    rows=below_minimum_rows, count=below_minimum_count, params=("union",), route="web:contract_figures"))
register_export(ListExport(
    name="contracts.below_median", title=_("工资增幅低于本县（区）中位数的合同"), permission=Perm.CONTRACT_VIEW,
    columns=[col(_("合同名称"), width=30), col(_("用人单位（方）"), width=30), col(_("县（区）"), width=14),
             col(_("约定增幅（%）"), Kind.MONEY, 10), col(_("本县（区）中位数（%）"), Kind.MONEY, 12)],
    rows=below_median_rows, count=below_median_count, params=("union",), route="web:contract_figures"))


COMPARISON_COLUMNS = [col(_("合同名称"), width=30), col(_("用人单位（方）"), width=28), col(_("合同种类"), width=16),
                      col(_("覆盖范围"), width=8), col(_("期限开始"), Kind.DATE, 12), col(_("期限届满"), Kind.DATE, 12),
                      col(_("覆盖职工人数"), Kind.INT, 10)]


def comparison_header(*, filters: Mapping[str, str]) -> list[Column]:
    found = pick_topic(codebook(), filters.get("topic", ""))
    variables = found.variables.all() if found else []
    terms = [col(f"{v.name}（{v.unit}）" if v.unit else v.name, width=14) for v in variables]
    return [*COMPARISON_COLUMNS, *terms, col(_("提示"), width=36)]


def comparison_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    found = comparison_for(scope=scope, filters=filters)
    if found is None:
        return
    reach = labels(Reach.choices)
    paged = Paginator(found.contracts, 500)
    for number in paged.page_range:
        for row in found.rows(paged.page(number)):
            c = row.contract
            yield [c.title, row.party, c.kind.name, reach.get(c.reach, ""), c.start_on, c.end_on, c.workers_covered,
                   *[cell.shown if cell.value is None or isinstance(cell.value, bool) else cell.value
                     for cell in row.cells],
                   "；".join(f"{cell.variable.name}{cell.note}" for cell in row.cells if cell.flagged)]
    blank = [""] * (len(COMPARISON_COLUMNS) - 1)
    for title, figure in ((_("中位数"), "median"), (_("最低"), "lowest"), (_("最高"), "highest")):
        yield [str(title), *blank, *[getattr(found.summaries[v.pk], figure) if v.pk in found.summaries else ""
                                     for v in found.variables], ""]


def comparison_count(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> int:
    found = comparison_for(scope=scope, filters=filters)
    return found.contracts.count() if found else 0


register_export(ListExport(
    name="contracts.comparison", title=_("集体合同条款对比"), permission=Perm.CONTRACT_VIEW,
    columns=COMPARISON_COLUMNS, header=comparison_header, rows=comparison_rows, count=comparison_count,
    params=COMPARISON_PARAMS, route="web:contract_comparison"))
