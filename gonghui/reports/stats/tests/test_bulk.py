"""批量预填 and 代为签报: a county opens every return of its subtree at once, each pre-filled exactly as
opening it alone would fill it, and signs on behalf of the grassroots unions whose returns pass."""

import pytest

from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import NotFound, ValidationFailed
from gonghui.orgs.choices import Level
from gonghui.orgs.models import TradeUnion
from gonghui.reports.stats import bulk, services
from gonghui.reports.stats.choices import ReturnStatus, Source
from gonghui.reports.stats.models import StatEvent, StatReturn
from gonghui.reports.stats.selectors import form_fields, values_of
from gonghui.reports.stats.tests.conftest import YEAR
from gonghui.reports.stats.tests.test_returns import GOOD, TODAY, save

pytestmark = pytest.mark.django_db
GRASSROOTS = Level.GRASSROOTS


def prefill(w, union=None, actor=None):
    return bulk.returns_prefill(actor=actor or w.county_clerk, union=union or w.county, year=YEAR, today=TODAY)


def sign(w, level, actor=None, name="李静"):
    return bulk.returns_sign_on_behalf(actor=actor or w.county_clerk, union=w.county, year=YEAR, level=level,
                                       name=name)


def test_prefill_opens_every_reporting_union_of_the_subtree_filled_as_one_return_at_a_time(stats_world):
    w = stats_world
    assert prefill(w) == 5  # the county, its township, the township's two grassroots unions, the mill
    returns = {r.union_id: r for r in StatReturn.objects.filter(year=YEAR)}
    assert set(returns) == {w.county.pk, w.township.pk, w.grassroots.pk, w.hotel.pk, w.mill.pk}
    for ret in returns.values():
        union = TradeUnion.objects.get(pk=ret.union_id)
        stored = values_of(ret)
        for code, f in form_fields(ret.form).items():
            if f.source == Source.METRIC:
                assert stored[code].value == services.metric_value(f, union, YEAR, TODAY), (union.name, code)
        assert StatEvent.objects.filter(ret=ret, action="open").count() == 1
    assert values_of(returns[w.grassroots.pk])["B01"].value == 3
    assert values_of(returns[w.county.pk])["U01"].value == 3  # the grassroots unions standing in the county
    assert returns[w.county.pk].aggregated_at is not None
    assert AuditEntry.objects.filter(action="stats.prefill", org_path=w.county.path).count() == 1


def test_prefill_leaves_an_open_return_as_it_is_and_a_second_run_opens_nothing(stats_world):
    w = stats_world
    mine = services.return_open(actor=w.county_clerk, union=w.grassroots, year=YEAR, today=TODAY)
    save(w, mine, {"A01": "17"})
    assert prefill(w) == 4
    assert values_of(mine)["A01"].value == 17
    assert StatReturn.objects.filter(union=w.grassroots, year=YEAR).count() == 1
    assert prefill(w) == 0


def test_prefill_sums_the_childrens_returns_signed_before_it(stats_world):
    w = stats_world
    child = services.return_open(actor=w.county_clerk, union=w.mill, year=YEAR, today=TODAY)
    save(w, child, GOOD)
    child.refresh_from_db()
    services.return_sign(actor=w.county_clerk, ret=child, version=child.version, name="王芳")
    prefill(w)
    county = StatReturn.objects.get(union=w.county, year=YEAR)
    assert values_of(county)["A01"].value == 10  # the mill's signed-off 职工人数; the township's is not signed


def test_prefill_is_refused_outside_the_actors_subtree_and_for_a_year_not_begun(stats_world):
    w = stats_world
    with pytest.raises(NotFound):
        prefill(w, actor=w.other_province_officer)
    with pytest.raises(ValidationFailed) as err:
        bulk.returns_prefill(actor=w.county_clerk, union=w.county, year=2028, today=TODAY)
    assert err.value.field == "year"
    assert not StatReturn.objects.exists()


def test_signing_on_behalf_signs_the_passing_grassroots_returns_and_lists_the_others(stats_world):
    w = stats_world
    prefill(w)
    for union in (w.grassroots, w.mill):
        save(w, StatReturn.objects.get(union=union, year=YEAR), GOOD)
    save(w, StatReturn.objects.get(union=w.hotel, year=YEAR), GOOD | {"A02": "40"})  # more women than employees
    county = StatReturn.objects.get(union=w.county, year=YEAR)
    outcome = sign(w, GRASSROOTS)
    assert outcome.signed == 2
    assert [(name, f.fields[0]) for name, f in outcome.refused] == [("锦江宾馆工会", "A02")]
    status = dict(StatReturn.objects.filter(year=YEAR).values_list("union_id", "status"))
    assert status[w.grassroots.pk] == status[w.mill.pk] == ReturnStatus.SIGNED
    assert status[w.hotel.pk] == ReturnStatus.DRAFT
    assert status[w.township.pk] == status[w.county.pk] == ReturnStatus.DRAFT  # upper unions sign their own
    signed = StatReturn.objects.get(union=w.mill, year=YEAR)
    assert signed.signed_name == "李静" and signed.locked and signed.version > 1
    assert StatEvent.objects.filter(ret=signed, action="sign").count() == 1
    county.refresh_from_db()
    assert county.stale  # it had summed its children when opened; one of them is now signed
    entry = AuditEntry.objects.get(action="stats.sign_on_behalf")
    assert entry.detail["signed"] == 2 and entry.detail["left_open"] == 1


def test_signing_on_behalf_needs_a_name_and_the_subtree(stats_world):
    w = stats_world
    prefill(w)
    with pytest.raises(ValidationFailed) as err:
        sign(w, GRASSROOTS, name=" ")
    assert err.value.field == "name"
    with pytest.raises(NotFound):
        sign(w, GRASSROOTS, actor=w.other_province_officer)
    assert not StatReturn.objects.filter(status=ReturnStatus.SIGNED).exists()


def test_signing_a_level_above_grassroots_sums_each_return_from_its_signed_children_first(stats_world):
    w = stats_world
    prefill(w)
    for union in (w.grassroots, w.hotel, w.mill):
        save(w, StatReturn.objects.get(union=union, year=YEAR), GOOD)
    sign(w, GRASSROOTS)
    township = StatReturn.objects.get(union=w.township, year=YEAR)
    save(w, township, {"V01": "2", "V11": "1000", "V12": "900"})
    assert sign(w, Level.TOWNSHIP).signed == 1
    township.refresh_from_db()
    summed = values_of(township)
    assert summed["A01"].value == 20 and summed["B01"].value == 3  # its two grassroots unions' signed values
    assert township.locked and not township.stale
    assert list(StatEvent.objects.filter(ret=township).values_list("action", flat=True)[:2]) == ["sign", "aggregate"]
    county = StatReturn.objects.get(union=w.county, year=YEAR)
    assert county.stale and county.status == ReturnStatus.DRAFT


def test_signing_on_behalf_only_reaches_the_levels_below(stats_world):
    w = stats_world
    prefill(w)
    for level in (Level.COUNTY, Level.CITY, Level.BRANCH):
        with pytest.raises(ValidationFailed) as err:
            sign(w, level)
        assert err.value.field == "level"
