"""The checks between forms: a union above checks its own return against its reporting children's
signed-off returns — each summed field still equals their sum (not explainable: aggregate again), and
a total it holds itself (from the records over its whole subtree) is not below their sum (or explained).
Each failure names the field and the children; sign-off is refused while one fails."""

from decimal import Decimal

import pytest

from gonghui.core.errors import ValidationFailed
from gonghui.orgs.services.unions import union_move
from gonghui.reports.stats import services
from gonghui.reports.stats.checks import ChildValue, Entry, run_checks
from gonghui.reports.stats.choices import CheckKind, Source
from gonghui.reports.stats.models import StatCheck, StatField, StatValue
from gonghui.reports.stats.selectors import failures_of, form_for, values_of
from gonghui.reports.stats.tests.conftest import YEAR
from gonghui.reports.stats.tests.test_levels import aggregate, signed
from gonghui.reports.stats.tests.test_returns import TODAY, save
from gonghui.testing.world import SYSTEM

pytestmark = pytest.mark.django_db
UPPER_HAND = {"V01": "5", "V02": "8", "V11": "300000", "V12": "250000", "V13": "30000"}


def _township(w):
    ret = services.return_open(actor=w.county_clerk, union=w.township, year=YEAR, today=TODAY)
    save(w, ret, UPPER_HAND)
    return aggregate(w, ret)


def _between(failures):
    return {f.check: f for f in failures if f.kind in (CheckKind.CHILDREN_SUM, CheckKind.NOT_BELOW_CHILDREN)}


def _sign(w, ret):
    ret.refresh_from_db()
    return services.return_sign(actor=w.county_clerk, ret=ret, version=ret.version, name="李强")


def test_every_summed_field_of_the_upper_form_is_checked_against_the_children(stats_world):
    forms = set(StatCheck.objects.filter(kind__in=(CheckKind.CHILDREN_SUM, CheckKind.NOT_BELOW_CHILDREN))
                .values_list("form", flat=True))
    assert forms == {form_for(u, YEAR).pk for u in (stats_world.county, stats_world.township)}
    for form in forms:
        summed = set(StatField.objects.filter(form=form, source=Source.CHILDREN).values_list("code", flat=True))
        checked = set(StatCheck.objects.filter(form=form, kind=CheckKind.CHILDREN_SUM).values_list("left", flat=True))
        assert summed and checked == summed
        bound = set(StatCheck.objects.filter(form=form, kind=CheckKind.NOT_BELOW_CHILDREN)
                    .values_list("left", flat=True))
        assert bound == {"D02", "D04"}
        sources = set(StatField.objects.filter(form=form, code__in=bound).values_list("source", flat=True))
        assert sources == {Source.METRIC}


def test_a_consistent_tree_passes_and_signs_off(stats_world):
    w = stats_world
    signed(w, w.grassroots)
    signed(w, w.hotel, {"A01": "20", "E01": "2000", "E02": "1499.50"})
    township = _township(w)
    assert failures_of(township) == []
    _sign(w, township)


def test_a_summed_field_that_no_longer_equals_the_childrens_sum_is_named_with_the_children_and_refused(stats_world):
    w = stats_world
    signed(w, w.grassroots)
    signed(w, w.hotel, {"A01": "20", "E01": "2000", "E02": "1499.50"})
    township = _township(w)
    assert values_of(township)["A01"].value == 30
    # The hotel's union moves to another 街道 after the township summed it: no child changed its
    # return (nothing is marked stale), yet the sum now counts a union that no longer reports here.
    union_move(actor=SYSTEM, union=w.hotel, new_parent=w.county)
    township.refresh_from_db()
    assert not township.stale
    failures = _between(failures_of(township))
    a01 = failures["K11"]
    assert a01.fields == ("A01",)
    assert "职工人数" in a01.message and "30" in a01.message and "10" in a01.message
    assert "示例科技有限公司工会委员会 10" in a01.message and "锦江宾馆工会" not in a01.message
    assert "aggregate again" in a01.message
    # Not explainable: the explanation is kept but the check still fails, and sign-off is refused.
    save(w, township, explanations={"A01": "宾馆工会已划转"})
    assert "K11" in _between(failures_of(township))
    with pytest.raises(ValidationFailed) as err:
        _sign(w, township)
    assert err.value.code == "checks_failed" and err.value.field == "A01"
    assert _between(failures_of(aggregate(w, township))) == {}
    _sign(w, township)


def test_an_own_total_below_the_childrens_sum_names_them_and_passes_once_explained(stats_world):
    w = stats_world
    child = signed(w, w.grassroots)
    # The child's return says 3 contracts (signed off before a correction of the records removed
    # them); the township's own figure reads the records over its whole subtree: none.
    StatValue.objects.filter(ret=child, field__code="D02").update(value=3)
    township = _township(w)
    assert values_of(township)["D02"].value == 0
    [d02] = [f for f in _between(failures_of(township)).values() if f.fields == ("D02",)]
    assert d02.kind == CheckKind.NOT_BELOW_CHILDREN
    assert "签订集体合同份数" in d02.message and "示例科技有限公司工会委员会 3" in d02.message
    assert "1个下级" in d02.message and "is less than the sum" in d02.message
    with pytest.raises(ValidationFailed) as err:
        _sign(w, township)
    assert err.value.field == "D02"
    save(w, township, explanations={"D02": "示例科技公司的3份合同已于9月终止，其报表待更正"})
    assert _between(failures_of(township)) == {}
    _sign(w, township)


def test_a_total_equal_to_or_above_the_childrens_sum_passes_and_many_children_are_counted_not_all_named():
    check = StatCheck(code="K21", kind=CheckKind.NOT_BELOW_CHILDREN, left="D02", right=[])
    fields = {"D02": StatField(code="D02", label="签订集体合同份数", label_en="Collective contracts signed")}
    children = {"D02": [ChildValue(f"第{i}工会", Decimal(1)) for i in range(7)]}
    assert run_checks([check], fields, {"D02": Entry(Decimal(7))}, {}, children) == []
    assert run_checks([check], fields, {"D02": Entry(Decimal(9))}, {}, children) == []
    [failure] = run_checks([check], fields, {"D02": Entry(Decimal(6))}, {}, children)
    assert "7个下级" in failure.message and "7 children" in failure.message
    assert "第4工会 1" in failure.message and "第5工会" not in failure.message and "…" in failure.message
    summed = StatCheck(code="K11", kind=CheckKind.CHILDREN_SUM, left="D02", right=[])
    assert run_checks([summed], fields, {"D02": Entry(Decimal(7))}, {}, children) == []
    assert run_checks([summed], fields, {"D02": Entry(None)}, {}, {}) == []
    [failure] = run_checks([summed], fields, {"D02": Entry(Decimal(8), explanation="说明")}, {}, children)
    assert failure.fields == ("D02",)
