"""A return is pre-filled from the metrics, takes hand values, runs its checks, signs off and locks."""

from decimal import Decimal

import pytest

from gonghui.core.errors import NotFound, ValidationFailed
from gonghui.core.periods import Period
from gonghui.orgs.scope import Scope
from gonghui.reports.metrics import figure
from gonghui.reports.stats import services
from gonghui.reports.stats.choices import ReturnStatus
from gonghui.reports.stats.models import StatEvent, StatValue
from gonghui.reports.stats.selectors import failures_of, values_of
from gonghui.reports.stats.tests.conftest import YEAR, D

pytestmark = pytest.mark.django_db
TODAY = D(2026, 12, 4)

# What a grassroots union enters by hand so that every check passes.
# The contract fields (D02–D04) come from the records.
GOOD = {"A01": "10", "A02": "4", "A03": "3", "A04": "1", "C01": "王芳", "C02": "5", "C03": "2", "E01": "1000.50",
        "E02": "500", "E03": "500.50", "E04": "0",
        "E05": "0", "E06": "800", "E07": "800", "E08": "", "E09": "", "E10": ""}


def opened(world, union=None):
    return services.return_open(actor=world.county_clerk, union=union or world.grassroots, year=YEAR, today=TODAY)


def save(world, ret, values=None, explanations=None):
    ret.refresh_from_db()
    return services.return_save(actor=world.county_clerk, ret=ret, version=ret.version, values=values,
                                explanations=explanations)


def value(ret, code):
    return values_of(ret)[code].value


def test_a_grassroots_return_is_prefilled_with_the_metrics_as_of_30_september(stats_world):
    ret = opened(stats_world)
    # 赵一, 钱二 and 孙三 held membership on 30 September 2026; 李五 joined the day after.
    assert value(ret, "B01") == 3
    assert value(ret, "B02") == 2  # 赵一, 孙三
    assert value(ret, "B03") == 2  # rural households: 赵一, 钱二
    assert value(ret, "B04") == 1  # 钱二, new-form
    assert value(ret, "B07") == 2  # joined within the year: 钱二, 孙三
    for code in ("B01", "B02", "B03", "B04", "B07", "B08", "B10"):
        f = values_of(ret)[code].field
        expected = figure(f.metric, scope=Scope.all(), under=stats_world.grassroots.path,
                          period=Period.stat_year(YEAR), where=f.where or None, today=TODAY).value
        assert value(ret, code) == expected, code
    assert value(ret, "A01") is None  # by hand
    assert StatEvent.objects.filter(ret=ret, action="open").exists()


def test_opening_twice_gives_the_same_return(stats_world):
    assert opened(stats_world).pk == opened(stats_world).pk


def test_a_metric_bound_value_cannot_be_overwritten_only_explained(stats_world):
    ret = opened(stats_world)
    with pytest.raises(ValidationFailed) as err:
        save(stats_world, ret, {"B01": "30"})
    assert err.value.field == "B01" and "会员人数" in str(err.value.message) and "Members" in str(err.value.message)
    save(stats_world, ret, {"B01": "3"}, {"B01": "一名会员已调离，会籍接转尚未办结"})
    assert value(ret, "B01") == 3
    assert values_of(ret)["B01"].explanation.startswith("一名会员")


def test_bad_numbers_are_refused_naming_the_field(stats_world):
    ret = opened(stats_world)
    for bad in ("-1", "abc", "1.5", "1e400"):
        with pytest.raises(ValidationFailed) as err:
            save(stats_world, ret, {"A01": bad})
        assert err.value.field == "A01" and "职工人数" in str(err.value.message)
    with pytest.raises(ValidationFailed):
        save(stats_world, ret, {"E01": "1.005"})
    save(stats_world, ret, {"E01": "1,000.5"})
    assert value(ret, "E01") == Decimal("1000.50")


def _failed(failures, code):
    return [f for f in failures if f.check == code]


def test_not_above_refuses_more_women_than_employees_and_names_both_fields(stats_world):
    ret = opened(stats_world)
    [failure] = _failed(save(stats_world, ret, GOOD | {"A02": "11"}), "K01")
    assert failure.fields == ("A02", "A01")
    assert "其中：女职工" in failure.message and "职工人数" in failure.message and "may not exceed" in failure.message
    # The members the records hold against the employees entered: 会员人数 ≤ 职工人数.
    [failure] = _failed(save(stats_world, ret, GOOD | {"A01": "2", "A02": "1", "A03": "1", "A04": "1"}), "K04")
    assert failure.fields == ("B01", "A01")
    assert save(stats_world, ret, GOOD) == []


def test_a_total_must_equal_the_sum_of_its_parts(stats_world):
    ret = opened(stats_world)
    [failure] = _failed(save(stats_world, ret, GOOD | {"E02": "400"}), "K13")
    assert failure.fields == ("E01", "E02", "E03", "E04", "E05")
    assert "工会经费收入合计" in failure.message and "must equal the sum" in failure.message


def test_a_required_hand_field_left_empty_fails(stats_world):
    ret = opened(stats_world)
    failures = save(stats_world, ret, GOOD | {"C01": " "})
    [failure] = _failed(failures, "K18")
    assert "工会主席姓名" in failure.message and "Chair's name" in failure.message


def test_a_change_on_last_year_beyond_the_bound_needs_an_explanation(stats_world):
    last = services.return_open(actor=stats_world.county_clerk, union=stats_world.grassroots, year=YEAR - 1,
                                today=TODAY)
    save(stats_world, last, GOOD | {"E01": "800.50", "E02": "300"})
    StatValue.objects.filter(ret=last, field__code="B01").update(value=2)  # two members a year earlier
    last.refresh_from_db()
    services.return_sign(actor=stats_world.county_clerk, ret=last, version=last.version, name="王芳")
    ret = opened(stats_world)
    [failure] = _failed(save(stats_world, ret, GOOD), "K15")  # 2 → 3 members: +50%
    assert failure.fields == ("B01",) and "+50.0%" in failure.message and "20%" in failure.message
    assert _failed(save(stats_world, ret, explanations={"B01": "新设快递网点，吸纳新就业形态会员"}), "K15") == []


def test_sign_off_is_refused_while_a_check_fails_then_locks(stats_world):
    ret = opened(stats_world)
    save(stats_world, ret, GOOD | {"A02": "11"})
    ret.refresh_from_db()
    with pytest.raises(ValidationFailed) as err:
        services.return_sign(actor=stats_world.county_clerk, ret=ret, version=ret.version, name="王芳")
    assert err.value.field == "A02" and "女职工" in str(err.value.message)
    save(stats_world, ret, GOOD)
    ret.refresh_from_db()
    services.return_sign(actor=stats_world.county_clerk, ret=ret, version=ret.version, name="王芳", on=D(2026, 11, 20))
    ret.refresh_from_db()
    assert ret.status == ReturnStatus.SIGNED and ret.signed_name == "王芳" and ret.signed_on == D(2026, 11, 20)
    with pytest.raises(ValidationFailed) as err:
        save(stats_world, ret, {"A01": "11"})
    assert err.value.code == "locked"
    assert value(ret, "A01") == 10


def test_a_signed_return_reopens_only_with_a_reason_and_is_audited(stats_world):
    from gonghui.core.audit_models import AuditEntry

    ret = opened(stats_world)
    save(stats_world, ret, GOOD)
    ret.refresh_from_db()
    services.return_sign(actor=stats_world.county_clerk, ret=ret, version=ret.version, name="王芳")
    with pytest.raises(ValidationFailed):
        services.return_reopen(actor=stats_world.county_clerk, ret=ret, version=ret.version, reason=" ")
    services.return_reopen(actor=stats_world.county_clerk, ret=ret, version=ret.version, reason="职工人数漏报派遣工")
    ret.refresh_from_db()
    assert ret.status == ReturnStatus.REOPENED and ret.reopen_reason == "职工人数漏报派遣工"
    assert AuditEntry.objects.filter(action="stats.reopen", object_id=str(ret.pk)).exists()
    assert failures_of(ret) == []


def test_out_of_scope_unions_are_never_seen(stats_world):
    from gonghui.orgs.scope import scope_for
    from gonghui.reports.stats import selectors

    ret = opened(stats_world)
    outsider = stats_world.other_province_officer
    with pytest.raises(NotFound):
        services.return_open(actor=outsider, union=stats_world.grassroots, year=YEAR, today=TODAY)
    with pytest.raises(NotFound):
        services.return_save(actor=outsider, ret=ret, version=ret.version, values={"A01": "1"})
    scope = scope_for(outsider, "stats.view")
    with pytest.raises(NotFound):
        selectors.return_get(scope=scope, pk=ret.pk)
    assert not selectors.return_list(scope=scope, year=YEAR).exists()
    with pytest.raises(NotFound):
        selectors.status_of(scope=scope, union=stats_world.county, year=YEAR)


def test_a_year_not_begun_cannot_be_filed(stats_world):
    with pytest.raises(ValidationFailed) as err:
        services.return_open(actor=stats_world.county_clerk, union=stats_world.grassroots, year=2028, today=TODAY)
    assert err.value.field == "year"
