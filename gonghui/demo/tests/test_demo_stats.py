"""The demo's 统计年报: the demo county's returns at every stage (built here on the test world, whose
county and township are the ones the demo's cadres sit at)."""

import pytest

from gonghui.demo.stats import build_demo_stats
from gonghui.orgs.choices import Level, UnionKind
from gonghui.reports.stats.choices import ReturnStatus
from gonghui.reports.stats.models import StatReturn
from gonghui.reports.stats.selectors import failures_of, reporting_year
from gonghui.reports.stats.tests.conftest import stats_world  # noqa: F401
from gonghui.testing.world import make_union

pytestmark = pytest.mark.django_db


def test_the_demo_county_has_returns_at_every_stage(stats_world):  # noqa: F811
    for name in ("锦江饭店工会", "春熙商场工会", "红星路小学工会"):
        make_union(stats_world.township, name, Level.GRASSROOTS, UnionKind.ENTERPRISE)
    assert build_demo_stats(stats_world.province)["returns"] > 0
    year = reporting_year()
    returns = StatReturn.objects.filter(year=year)
    assert {r.status for r in returns} == {ReturnStatus.DRAFT, ReturnStatus.SIGNED, ReturnStatus.REOPENED}
    assert returns.get(union=stats_world.township).stale  # it summed a return since reopened
    assert returns.filter(union=stats_world.county).exists()
    assert StatReturn.objects.filter(year=year - 1, status=ReturnStatus.SIGNED).exists()
    draft = returns.filter(status=ReturnStatus.DRAFT, form__kind="grassroots")
    assert any(failures_of(r) for r in draft)
    for r in returns.filter(status=ReturnStatus.SIGNED):
        assert failures_of(r) == []
