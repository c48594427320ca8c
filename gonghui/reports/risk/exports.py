"""The radar as a spreadsheet: the ranked list with the page's filters, one column per component's
points (formula-safe through the shared export framework)."""

from collections.abc import Iterator, Mapping
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import NotFound
from gonghui.core.exports import Kind, ListExport, col, labels, register_export
from gonghui.core.permissions import Perm
from gonghui.orgs.choices import Industry
from gonghui.orgs.scope import Scope
from gonghui.reports.risk.choices import Component
from gonghui.reports.risk.rules import current_rules
from gonghui.reports.risk.scoring import components_shown
from gonghui.reports.risk.selectors import radar_filters, radar_scores
from gonghui.reports.risk_models import EmployerRiskScore


def _scores(scope: Scope, filters: Mapping[str, str]) -> QuerySet[EmployerRiskScore]:
    try:
        chosen = radar_filters(scope=scope, params=filters)
    except NotFound:
        return EmployerRiskScore.objects.none()
    return radar_scores(scope=scope, filters=chosen)


def radar_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    industries = labels(Industry.choices)
    months = current_rules().window_months
    for s in _scores(scope, filters).iterator(chunk_size=2000):
        shown = components_shown(s.components, months=months)
        yield [s.employer.name, s.employer.credit_code, s.employer.union.name,
               industries.get(s.employer.industry, ""), s.score, *[c["points"] for c in shown],
               "".join(c["sentence"] for c in shown if c["points"]), s.computed_at]


def radar_count(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> int:
    return _scores(scope, filters).count()


register_export(ListExport(
    name="reports.risk_radar", title=_("劳动关系风险雷达"), permission=Perm.STATS_VIEW,
    columns=[col(_("单位名称"), width=30), col(_("统一社会信用代码"), width=20), col(_("所属工会"), width=26),
             col(_("行业"), width=16), col(_("风险分"), Kind.INT, 8),
             *[col(label, Kind.INT, 10) for _code, label in Component.choices],
             col(_("说明"), width=60), col(_("数据截至"), Kind.DATETIME, 18)],
    rows=radar_rows, count=radar_count, params=("union", "industry", "min_score", "component", "all"),
    private_params=(), route="web:risk_radar"))
