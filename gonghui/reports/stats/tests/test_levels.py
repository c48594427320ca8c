"""Level by level: a union above sums its children's signed-off returns, sees who has not reported,
and sees a child's correction (its own sum marked stale until re-aggregated)."""

import pytest

from gonghui.reports.stats import selectors, services
from gonghui.reports.stats.models import StatReturn, StatValue
from gonghui.reports.stats.selectors import values_of
from gonghui.reports.stats.tests.conftest import YEAR
from gonghui.reports.stats.tests.test_returns import GOOD, TODAY, save

pytestmark = pytest.mark.django_db


def signed(world, union, extra=None):
    ret = services.return_open(actor=world.county_clerk, union=union, year=YEAR, today=TODAY)
    save(world, ret, GOOD | (extra or {}))
    ret.refresh_from_db()
    services.return_sign(actor=world.county_clerk, ret=ret, version=ret.version, name="王芳")
    ret.refresh_from_db()
    return ret


def aggregate(world, ret):
    ret.refresh_from_db()
    services.return_aggregate(actor=world.county_clerk, ret=ret, version=ret.version)
    ret.refresh_from_db()
    return ret


def test_aggregation_equals_the_sum_of_the_childrens_signed_off_values(stats_world):
    w = stats_world
    a = signed(w, w.grassroots)
    b = signed(w, w.hotel, {"A01": "20", "E01": "2000", "E02": "1499.50"})
    township = services.return_open(actor=w.county_clerk, union=w.township, year=YEAR, today=TODAY)
    township = aggregate(w, township)
    sums = values_of(township)
    for code in ("A01", "B01", "B02", "E01", "E06"):
        expected = sum(StatValue.objects.get(ret=r, field__code=code).value or 0 for r in (a, b))
        assert sums[code].value == expected, code
    assert sums["A01"].value == 30
    assert sums["U01"].value == 2  # a metric on the upper form: the grassroots unions standing in the subtree


def test_a_child_not_signed_off_is_a_gap_not_counted(stats_world):
    w = stats_world
    signed(w, w.grassroots)
    draft = services.return_open(actor=w.county_clerk, union=w.hotel, year=YEAR, today=TODAY)
    save(w, draft, GOOD | {"A01": "500"})
    township = aggregate(w, services.return_open(actor=w.county_clerk, union=w.township, year=YEAR, today=TODAY))
    assert values_of(township)["A01"].value == 10
    status = selectors.status_of(scope=selectors_scope(w), union=w.township, year=YEAR)
    assert status.counts == {"total": 2, "missing": 0, "draft": 1, "signed": 1, "reopened": 0}
    county = selectors.status_of(scope=selectors_scope(w), union=w.county, year=YEAR)
    assert [(u.name, r.status if r else None) for u, r in county.rows] == [("春熙路街道工会", "draft"),
                                                                           ("锦江纺织厂工会", None)]


def selectors_scope(w):
    from gonghui.orgs.scope import scope_for

    return scope_for(w.county_clerk, "stats.view")


def test_reopening_a_child_flags_every_return_above_until_re_aggregated(stats_world):
    w = stats_world
    child = signed(w, w.grassroots)
    township = aggregate(w, services.return_open(actor=w.county_clerk, union=w.township, year=YEAR, today=TODAY))
    county = aggregate(w, services.return_open(actor=w.county_clerk, union=w.county, year=YEAR, today=TODAY))
    assert not township.stale and not county.stale
    services.return_reopen(actor=w.county_clerk, ret=child, version=child.version, reason="漏报派遣工")
    assert StatReturn.objects.get(pk=township.pk).stale and StatReturn.objects.get(pk=county.pk).stale
    status = selectors.status_of(scope=selectors_scope(w), union=w.township, year=YEAR)
    assert status.own.stale and status.counts["reopened"] == 1
    # Signing off while stale is refused; aggregating again clears it.
    township.refresh_from_db()
    with pytest.raises(Exception) as err:
        services.return_sign(actor=w.county_clerk, ret=township, version=township.version, name="李强")
    assert getattr(err.value, "code", "") == "stale"
    assert not aggregate(w, township).stale


def test_a_branch_union_files_no_return(stats_world):
    from gonghui.core.errors import ValidationFailed
    from gonghui.orgs.choices import Level, UnionKind
    from gonghui.testing.world import make_union

    branch = make_union(stats_world.grassroots, "一车间分工会", Level.BRANCH, UnionKind.ENTERPRISE)
    with pytest.raises(ValidationFailed):
        services.return_open(actor=stats_world.county_clerk, union=branch, year=YEAR, today=TODAY)
